"""Benchmark: the dashboard and the activity overview with 20,000 activities.

Loads 20,000 activities (about 50,000 stage changes) with 100,000 commitments into a fresh
SQLite file (WAL, as in production's embedded mode), then times 50 requests of each page
through Django's test client, logged in as the secretariat, and prints the median and the
95th percentile. Target: p95 under 150 ms on a 2-core machine.

    .venv/bin/python bench/activities.py [--activities 20000] [--commitments 5] [--requests 50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=20_000)
    parser.add_argument("--commitments", type=int, default=5, help="per activity")
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="rygrad-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ["DJANGO_SETTINGS_MODULE"] = "rygrad.config.settings.test"
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from rygrad.activities.tests.bulk import bulk_activities
    from rygrad.agenda.models import Track
    from rygrad.core.testing import build_world

    call_command("migrate", verbosity=0)
    world = build_world()
    tracks = [Track.objects.create(initiative=world.initiative, name=f"Spor {i}")
              for i in range(1, 6)]
    started = time.perf_counter()
    bulk_activities(initiative=world.initiative, count=args.activities,
                    commitments_each=args.commitments, tracks=tracks)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    loaded = time.perf_counter() - started
    from rygrad.activities.models import Activity, Commitment, StageChange

    print(f"Loaded {Activity.objects.count():,} activities, {StageChange.objects.count():,} "
          f"stage changes and {Commitment.objects.count():,} commitments in {loaded:.1f} s "
          f"(SQLite file in {workdir}).")

    client = Client()
    client.force_login(world.users["secretariat"])
    slug = world.initiative.slug
    # The baseline: the same request stack (sessions, auth, templates, the initiative's
    # navigation) on a page that computes nothing; the ratios say what the pages' own work
    # costs on this machine, whatever else it is doing.
    pages = {
        "baseline: settings page (no signals)":
            reverse("initiatives:settings", kwargs={"slug": slug}),
        "dashboard (today)": reverse("initiatives:dashboard", kwargs={"slug": slug}),
        "dashboard (as of 2018-12-31)":
            reverse("initiatives:dashboard", kwargs={"slug": slug}) + "?at=2018-12-31",
        "activity overview": reverse("activities:list", kwargs={"slug": slug}),
        "activity overview, track + stage filter":
            reverse("activities:list", kwargs={"slug": slug})
            + f"?track={tracks[0].pk}&stage=running",
    }
    baseline = None
    for name, url in pages.items():
        assert client.get(url).status_code == 200, name  # warm up
        times = []
        for _ in range(args.requests):
            begin = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
        median = statistics.median(times)
        baseline = baseline or median
        print(f"{name:42s} median {median:6.1f} ms   p95 {p95:6.1f} ms   "
              f"{median / baseline:5.1f}x baseline")


if __name__ == "__main__":
    main()
