"""Benchmark: the signal history and the dashboard's trend lines with 20,000 activities.

Builds the demo into a fresh SQLite file (WAL, as the embedded mode) and adds `--activities`
activities with bench/activities.py's loader (stage and driver histories, five commitments
each, on the demo's tracks). Then, in CPU time of this process (SQLite works inside it):

1. the full monthly history of every registered signal for five years (September 2015 –
   August 2020, 60 month ends), cold: nothing stored yet, as `history_refresh` computes it
   for a new installation — target under 10 s;
2. the rest of the demo's life up to today, added to it (what the daily check does, in
   one go), and a retroactive change of driver, recomputed (only backbone load, from the
   change on);
3. the dashboard with trend lines, warm (`--requests` requests as the secretariat), median
   and 95th percentile, against the settings page (a page that computes nothing) in the
   same run — target p95 under 150 ms.

Run it alone: other work on the machine (a test suite) moves CPU time less than wall time,
but not to nothing.

    .venv/bin/python bench/signals.py [--activities 20000] [--requests 50]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time

from scratch import scratch_django

FIVE_YEARS_TODAY = dt.date(2020, 9, 1)  # month ends September 2015 – August 2020


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=20_000)
    parser.add_argument("--commitments", type=int, default=5, help="per added activity")
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    with scratch_django():
        _run(args)


def _build(args):
    from django.db import connection

    from rygrad.activities.models import Activity
    from rygrad.activities.tests.bulk import bulk_activities
    from rygrad.agenda.models import Track
    from rygrad.core.demo import demo_build

    started = time.perf_counter()
    initiative, _logins = demo_build()
    initiative.refresh_from_db()  # its dates as dates, not the strings it was made with
    print(f"Demo built in {time.perf_counter() - started:.1f} s.")
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
    return initiative


def _cpu(function):
    before = time.process_time()
    result = function()
    return result, time.process_time() - before


def _retroactive_change(initiative):
    """Hand the first running activity the secretariat drives to a partner, from a date
    in 2017 (recorded today, as the activity's driver change page does)."""
    from rygrad.activities.models import Activity, Stage
    from rygrad.activities.services import activity_change_driver
    from rygrad.alliance.models import Organisation
    from rygrad.core.permissions import Actor

    activity = (Activity.objects.for_initiative(initiative)
                .filter(stage=Stage.RUNNING, driver__is_backbone=True)
                .order_by("pk").first())
    partner = (Organisation.objects.for_initiative(initiative).filter(is_backbone=False)
               .order_by("pk").first())
    last = activity.driver_changes.order_by("-from_on").first().from_on
    on = max(last, dt.date(2017, 6, 15))
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email="sekretariat@demo.rygrad.dk")
    activity_change_driver(activity=activity, organisation=partner, on=on,
                           by=Actor(user=user, initiative=initiative))
    return on


def _measure(client, url: str, requests: int) -> tuple[float, float]:
    assert client.get(url).status_code == 200  # warm: the day's values, templates
    cpu = []
    for _ in range(requests):
        before = time.process_time()
        response = client.get(url)
        cpu.append(time.process_time() - before)
        assert response.status_code == 200
    p95 = statistics.quantiles(cpu, n=20)[-1] if len(cpu) >= 2 else cpu[0]
    return statistics.median(cpu), p95


def _run(args) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from rygrad.core.signals import all_signals
    from rygrad.earlywarning.history import history_read, history_refresh

    initiative = _build(args)
    signals = len(all_signals())
    print(f"{signals} signals registered; {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}; CPU time of this process.\n")

    refreshed, five = _cpu(lambda: history_refresh(initiative=initiative,
                                                   today=FIVE_YEARS_TODAY))
    print(f"1. Five years, cold: {refreshed.computed:,} values ({refreshed.computed // signals} "
          f"month ends x {signals} signals) in {five:.2f} s CPU — target under 10 s: "
          f"{'met' if five < 10 else 'NOT met'}.")
    today = timezone.localdate()
    rest, seconds = _cpu(lambda: history_refresh(initiative=initiative, today=today))
    print(f"2. The rest of the life up to {today}: {rest.computed:,} more values in "
          f"{seconds:.2f} s CPU.")
    on = _retroactive_change(initiative)
    again, seconds = _cpu(lambda: history_refresh(initiative=initiative, today=today))
    print(f"   A driver changed retroactively from {on}: {again.computed:,} values of "
          f"{again.signals} signal(s) recomputed in {seconds:.2f} s CPU.")
    assert not history_read(initiative=initiative, today=today).pending

    client = Client()
    client.force_login(get_user_model().objects.get(email="sekretariat@demo.rygrad.dk"))
    slug = initiative.slug
    base_median, base_p95 = _measure(
        client, reverse("initiatives:settings", kwargs={"slug": slug}), args.requests)
    median, p95 = _measure(
        client, reverse("initiatives:dashboard", kwargs={"slug": slug}), args.requests)
    overview, overview_p95 = _measure(
        client, reverse("earlywarning:overview", kwargs={"slug": slug}), args.requests)
    signal, signal_p95 = _measure(
        client, reverse("earlywarning:signal", kwargs={"slug": slug,
                                                       "key": "activities.backbone_load"}),
        args.requests)
    print(f"\n3. Warm, {args.requests} requests each (CPU median / p95, ratio of medians to "
          f"the settings page):")
    for name, (m, p) in [("settings page (baseline)", (base_median, base_p95)),
                         ("dashboard with trend lines", (median, p95)),
                         ("early warning: all signals", (overview, overview_p95)),
                         ("early warning: backbone load", (signal, signal_p95))]:
        print(f"   {name:32} {m * 1000:7.1f} ms {p * 1000:7.1f} ms {m / base_median:6.1f}x")
    print(f"   dashboard p95 under 150 ms: {'met' if p95 < 0.150 else 'NOT met'} "
          f"({p95 * 1000:.0f} ms).")
    print(f"Load average at the end {os.getloadavg()[0]:.1f}.")


if __name__ == "__main__":
    main()
