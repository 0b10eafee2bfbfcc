"""Benchmark: every main page of the demo initiative, warm, as the secretariat.

Builds the demo (`rygrad demo`'s data) into a fresh database — a SQLite file, or the
PostgreSQL server given with `--database-url` (a scratch database is created and dropped)
— then requests each page `--requests` times through Django's test client and prints the
CPU median and 95th percentile of each, and each page's ratio to the settings page measured
in the same run. CPU time (not wall time) so that other work on the machine does not move
the figures much. Targets (issue 11): every main page within 5x the settings page; the
dashboard within 3x.

    .venv/bin/python bench/pages.py [--requests 30] [--database-url postgres://...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _scratch_postgres(url: str) -> tuple[str, callable]:
    """A fresh database on the server of `url`, and a function that drops it."""
    import psycopg

    name = f"rygrad_bench_{os.getpid()}"
    base, _, _db = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{base}/{name}", drop


def _pages(slug: str, ids: dict) -> dict[str, str]:
    from django.urls import reverse

    def url(name, **kwargs):
        return reverse(name, kwargs={"slug": slug, **kwargs})

    trivsel = ids["instrument"]
    return {
        "settings page (baseline)": url("initiatives:settings"),
        "dashboard": url("initiatives:dashboard"),
        "alliance overview": url("alliance:overview"),
        "alliance over time": url("alliance:over_time"),
        "organisations": url("alliance:organisation_list"),
        "people": url("alliance:person_list"),
        "agenda overview": url("agenda:overview"),
        "a track": url("agenda:track_detail", pk=ids["track"]),
        "action plan": url("agenda:action_list"),
        "knowledge base": url("agenda:knowledge_list"),
        "activities": url("activities:list"),
        "an activity": url("activities:detail", pk=ids["activity"]),
        "activities timeline": url("activities:timeline"),
        "activity signals": url("activities:signals"),
        "activities as Excel": url("activities:list") + "?format=xlsx",
        "measurement overview": url("measurement:overview"),
        "trends": url("measurement:trends", pk=trivsel),
        "breakdown by school": url("measurement:breakdown", pk=trivsel),
        "what changed": url("measurement:changes", pk=trivsel),
        "trends as Excel": url("measurement:trends", pk=trivsel) + "?format=xlsx",
        "goals": url("measurement:goals"),
        "public survey results": url("measurement:public_results"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--database-url", help="a PostgreSQL server (default: SQLite file)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="rygrad-bench-"))
    drop = None
    if args.database_url:
        os.environ["DATABASE_URL"], drop = _scratch_postgres(args.database_url)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ["DJANGO_SETTINGS_MODULE"] = "rygrad.config.settings.test"
    os.environ["RYGRAD_SURVEY_DIR"] = str(workdir / "survey")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.RYGRAD_SURVEY_DIR = workdir / "survey"
    try:
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        _run(args, Client)
    finally:
        if drop:
            drop()


def _run(args, Client) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from rygrad.activities.models import Activity
    from rygrad.agenda.models import Track
    from rygrad.core.demo import demo_build
    from rygrad.measurement.models import Instrument

    started = time.perf_counter()
    initiative, _logins = demo_build()
    print(f"Demo built in {time.perf_counter() - started:.1f} s on {connection.vendor}.")
    ids = {
        "instrument": Instrument.objects.for_initiative(initiative).get(slug="trivsel-4-9").pk,
        "track": Track.objects.for_initiative(initiative).first().pk,
        "activity": Activity.objects.for_initiative(initiative).first().pk,
    }
    client = Client()
    client.force_login(get_user_model().objects.get(email="sekretariat@demo.rygrad.dk"))
    baseline = None
    print(f"{'page':32} {'CPU median':>11} {'p95':>9} {'ratio':>7}")
    for name, url in _pages(initiative.slug, ids).items():
        response = client.get(url)  # warm: caches, templates, the release files
        assert response.status_code == 200, f"{name}: {response.status_code}"
        times = []
        for _ in range(args.requests):
            before = time.process_time()
            response = client.get(url)
            times.append(time.process_time() - before)
        median = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]
        baseline = baseline or median
        print(f"{name:32} {median * 1000:8.1f} ms {p95 * 1000:6.1f} ms "
              f"{median / baseline:6.1f}x")


if __name__ == "__main__":
    main()
