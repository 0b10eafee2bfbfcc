"""Benchmark: every main page and export of the demo initiative, warm, as the secretariat.

Builds the demo (`rygrad demo`'s data) into a fresh database — a SQLite file (WAL, as the
embedded mode), or the PostgreSQL server given with `--database-url` (a scratch database
is created and dropped, also on Ctrl-C or failure) — and with `--activities 20000` adds
that many activities to the demo with `bench/activities.py`'s loader (stage and driver
histories, five commitments each, on the demo's tracks). Then it requests each page and
export `--requests` times through Django's test client, logged in as the secretariat, and
prints the CPU median and 95th percentile of each, the wall-clock median, and each one's
ratio to the settings page measured in the same run.

CPU time, not wall time, so that other work on the machine moves the figures little: the
time this process spent, plus — on a PostgreSQL server on this machine — the time the
database's own server process spent on the request (read from /proc/<pid>/schedstat, in
nanoseconds); on SQLite the database works inside this process anyway.

Targets (issue 11), printed as met or not met:
- every main page (not the exports) within 5x the settings page, warm;
- the dashboard within 3x;
- the dashboard with 20,000 activities on PostgreSQL within 5x the settings page;
- the activity overview as Excel with 20,000 activities under 2 s (wall-clock median).

    .venv/bin/python bench/pages.py [--requests 30] [--activities 20000]
        [--database-url postgres://postgres@127.0.0.1:5432/rygrad]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from scratch import scratch_django

BIG = 20_000  # activities of the 20,000-activity targets


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    export: bool = False


def _pages(slug: str, ids: dict) -> list[Page]:
    from django.urls import reverse

    def url(name, **kwargs):
        return reverse(name, kwargs={"slug": slug, **kwargs})

    trivsel, wave = ids["instrument"], ids["wave"]
    pages = [
        Page("settings page (baseline)", url("initiatives:settings")),
        Page("dashboard", url("initiatives:dashboard")),
        Page("roles", url("initiatives:roles")),
        Page("thresholds", url("initiatives:thresholds")),
        Page("alliance overview", url("alliance:overview")),
        Page("alliance over time", url("alliance:over_time")),
        Page("organisations", url("alliance:organisation_list")),
        Page("an organisation", url("alliance:organisation_detail", pk=ids["organisation"])),
        Page("people", url("alliance:person_list")),
        Page("a person", url("alliance:person_detail", pk=ids["person"])),
        Page("agenda overview", url("agenda:overview")),
        Page("a track", url("agenda:track_detail", pk=ids["track"])),
        Page("action plan", url("agenda:action_list")),
        Page("knowledge base", url("agenda:knowledge_list")),
        Page("activities", url("activities:list")),
        Page("an activity", url("activities:detail", pk=ids["activity"])),
        Page("activities timeline", url("activities:timeline")),
        Page("activity signals", url("activities:signals")),
        Page("measurement overview", url("measurement:overview")),
        Page("trends", url("measurement:trends", pk=trivsel)),
        Page("breakdown by school", url("measurement:breakdown", pk=trivsel)),
        Page("what changed", url("measurement:changes", pk=trivsel)),
        Page("the open wave", url("measurement:wave", pk=wave)),
        Page("goals", url("measurement:goals")),
        Page("public survey results", url("measurement:public_results")),
    ]
    if ids.get("knowledge"):
        pages.insert(14, Page("a knowledge document",
                              url("agenda:knowledge_detail", pk=ids["knowledge"])))
    exports = [
        ("activities as CSV", url("activities:list") + "?format=csv"),
        ("activities as Excel", url("activities:list") + "?format=xlsx"),
        ("activities as Word", url("activities:list") + "?format=docx"),
        ("alliance as Excel", url("alliance:overview") + "?format=xlsx"),
        ("organisations as CSV", url("alliance:organisation_list") + "?format=csv"),
        ("organisations as Excel", url("alliance:organisation_list") + "?format=xlsx"),
        ("people as Excel", url("alliance:person_list") + "?format=xlsx"),
        ("action plan as Excel", url("agenda:action_list") + "?format=xlsx"),
        ("trends as Excel", url("measurement:trends", pk=trivsel) + "?format=xlsx"),
        ("breakdown as CSV", url("measurement:breakdown", pk=trivsel) + "?format=csv"),
        ("what changed as Excel", url("measurement:changes", pk=trivsel) + "?format=xlsx"),
        ("response rates as Excel", url("measurement:wave", pk=wave) + "?format=xlsx"),
    ]
    return pages + [Page(name, address, export=True) for name, address in exports]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--activities", type=int, default=0,
                        help="activities added to the demo with bench/activities.py's loader")
    parser.add_argument("--commitments", type=int, default=5, help="per added activity")
    parser.add_argument("--database-url", help="a PostgreSQL server (default: SQLite file)")
    args = parser.parse_args()

    with scratch_django(args.database_url):
        _run(args)


def _build(args):
    """The demo, plus `--activities` bulk-loaded activities on its tracks; the ids the page
    addresses need."""
    from django.db import connection

    from rygrad.activities.models import Activity
    from rygrad.activities.tests.bulk import bulk_activities
    from rygrad.agenda.models import KnowledgeDocument, Track
    from rygrad.alliance.models import Organisation, Person
    from rygrad.core.demo import demo_build
    from rygrad.measurement.models import Instrument, Wave

    started = time.perf_counter()
    initiative, _logins = demo_build()
    print(f"Demo built in {time.perf_counter() - started:.1f} s on {connection.vendor}.")
    if args.activities:
        started = time.perf_counter()
        bulk_activities(initiative=initiative, count=args.activities,
                        commitments_each=args.commitments,
                        tracks=list(Track.objects.for_initiative(initiative)))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"Added {args.activities:,} activities ({args.commitments} commitments each) "
              f"in {time.perf_counter() - started:.1f} s; "
              f"{Activity.objects.for_initiative(initiative).count():,} in the demo now.")
    scoped = {model: model.objects.for_initiative(initiative) for model in
              (Instrument, Track, Activity, Organisation, Person, KnowledgeDocument)}
    trivsel = scoped[Instrument].get(slug="trivsel-4-9")
    knowledge = scoped[KnowledgeDocument].order_by("pk").first()
    ids = {
        "instrument": trivsel.pk,
        "wave": Wave.objects.filter(instrument=trivsel, is_open=True).get().pk,
        "track": scoped[Track].order_by("pk").first().pk,
        "activity": scoped[Activity].order_by("pk").first().pk,
        "organisation": scoped[Organisation].order_by("pk").first().pk,
        "person": scoped[Person].order_by("pk").first().pk,
        "knowledge": knowledge.pk if knowledge else None,
    }
    return initiative, ids


class DatabaseClock:
    """CPU nanoseconds the database's server process has spent (PostgreSQL on this machine),
    or nothing to add (SQLite, in this process; or a server elsewhere)."""

    def __init__(self):
        from django.db import connection

        self.path = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                path = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
            if path.exists():
                self.path = path
        self.pid_check = self._pid() if self.path else None

    @staticmethod
    def _pid():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]

    def seconds(self) -> float:
        if self.path is None:
            return 0.0
        return int(self.path.read_text().split()[0]) / 1e9

    def same_connection(self) -> bool:
        """The requests ran on the one connection whose process is read."""
        return self.path is None or self._pid() == self.pid_check


@dataclass
class Timing:
    page: Page
    cpu_median: float
    cpu_p95: float
    wall_median: float
    ratio: float = 0.0


def _measure(client, page: Page, requests: int, clock: DatabaseClock) -> Timing:
    def get():
        response = client.get(page.url)
        body = (b"".join(response.streaming_content) if response.streaming
                else response.content)
        assert response.status_code == 200, f"{page.name}: {response.status_code}"
        assert body, f"{page.name}: empty answer"

    get()  # warm: caches, templates, the release files
    cpu, wall = [], []
    for _ in range(requests):
        before = (time.process_time(), clock.seconds(), time.perf_counter())
        get()
        after = (time.process_time(), clock.seconds(), time.perf_counter())
        cpu.append(after[0] - before[0] + after[1] - before[1])
        wall.append(after[2] - before[2])
    p95 = statistics.quantiles(cpu, n=20)[-1] if len(cpu) >= 2 else cpu[0]
    return Timing(page, statistics.median(cpu), p95, statistics.median(wall))


def _run(args) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    initiative, ids = _build(args)
    client = Client()
    client.force_login(get_user_model().objects.get(email="sekretariat@demo.rygrad.dk"))
    clock = DatabaseClock()
    where = (" (CPU: this process + the PostgreSQL server process)" if clock.path
             else " (CPU: this process)" if connection.vendor == "postgresql" else "")
    print(f"{args.requests} requests each, warm, on {connection.vendor}{where}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}.")
    print(f"{'page':30} {'CPU median':>11} {'p95':>10} {'wall median':>12} {'ratio':>7}")
    timings = []
    for page in _pages(initiative.slug, ids):
        if page.export and not timings[-1].page.export:
            print("exports:")
        timing = _measure(client, page, args.requests, clock)
        timing.ratio = timing.cpu_median / timings[0].cpu_median if timings else 1.0
        timings.append(timing)
        print(f"{page.name:30} {timing.cpu_median * 1000:8.1f} ms {timing.cpu_p95 * 1000:7.1f} ms"
              f" {timing.wall_median * 1000:9.1f} ms {timing.ratio:6.1f}x", flush=True)
    assert clock.same_connection(), "the database connection changed during the run"
    print(f"Load average at the end {os.getloadavg()[0]:.1f}.")
    _targets(args, timings, postgresql=connection.vendor == "postgresql")


def _targets(args, timings: list[Timing], *, postgresql: bool) -> None:
    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    by_name = {t.page.name: t for t in timings}
    pages = [t for t in timings[1:] if not t.page.export]
    over = [f"{t.page.name} {t.ratio:.1f}x" for t in pages if t.ratio > 5]
    dashboard = by_name["dashboard"]
    excel = by_name["activities as Excel"]
    big = args.activities >= BIG
    print("\nTargets (issue 11):")
    print(f"  every main page within 5x the settings page: {verdict(not over)}"
          + (f" — over: {', '.join(over)}" if over else f" ({len(pages)} pages)"))
    print(f"  the dashboard within 3x: {verdict(dashboard.ratio <= 3)} ({dashboard.ratio:.1f}x)")
    if big and postgresql:
        print(f"  the dashboard with {args.activities:,} activities on PostgreSQL within 5x: "
              f"{verdict(dashboard.ratio <= 5)} ({dashboard.ratio:.1f}x)")
    else:
        print("  the dashboard with 20,000 activities on PostgreSQL within 5x: not measured "
              "(needs --activities 20000 --database-url postgres://...)")
    if big:
        print(f"  Excel export of {args.activities:,} activities under 2 s: "
              f"{verdict(excel.wall_median < 2)} (wall median {excel.wall_median:.2f} s, "
              f"CPU {excel.cpu_median:.2f} s)")
    else:
        print("  Excel export of 20,000 activities under 2 s: not measured "
              "(needs --activities 20000)")


if __name__ == "__main__":
    main()
