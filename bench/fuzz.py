"""Long fuzz runs of the importers' properties (survey, alliance, ideas): the same checks
as the suite's Hypothesis tests (*/tests/test_import_properties.py), with many more
examples, on a scratch database.

    .venv/bin/python bench/fuzz.py                      # 2000 examples each, at most 20 min
    .venv/bin/python bench/fuzz.py --examples 300 --minutes 5 --only ideas
    .venv/bin/python bench/fuzz.py --postgres postgres://postgres@127.0.0.1:5432/rygrad

Prints, per importer: examples run, how many imported and how many were refused, failures
found (with the smallest failing file Hypothesis finds), and the time taken. Exits 1 when
a property failed. Each importer gets an equal share of --minutes; examples are run in
rounds of 100, each with a fresh random seed, until its count or its time is reached.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback

from scratch import scratch_django

IMPORTERS = ("survey", "alliance", "ideas")
ROUND = 100


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="per importer")
    parser.add_argument("--minutes", type=float, default=20, help="for all importers")
    parser.add_argument("--only", choices=IMPORTERS, action="append")
    parser.add_argument("--postgres", metavar="URL",
                        help="fuzz on a scratch database on this PostgreSQL server")
    args = parser.parse_args()
    importers = args.only or list(IMPORTERS)
    with scratch_django(args.postgres) as workdir:
        from django.db import connection

        print(f"Database: {connection.vendor}; {args.examples} examples per importer, "
              f"at most {args.minutes:g} minutes in all")
        from rygrad.core.testing import build_world

        world = build_world()
        failed = 0
        for name in importers:
            failed += run(name, examples=args.examples, world=world,
                          seconds=args.minutes * 60 / len(importers), folder=workdir)
    return 1 if failed else 0


def _targets(name: str, folder, world):
    """The table strategy and a check of one example for importer `name`."""
    from rygrad.core.permissions import Actor

    if name == "ideas":
        from rygrad.ideas.tests.test_import_properties import (
            check_ideas_import,
            idea_tables,
            setup_ideas,
        )

        setup_ideas(world.initiative)
        by = Actor(user=world.users["secretariat"], initiative=world.initiative)
        return idea_tables(), lambda table: check_ideas_import(world.initiative, by, table)
    if name == "alliance":
        from rygrad.alliance.tests.test_import_properties import (
            alliance_tables,
            check_alliance_import,
            setup_alliance,
        )

        setup_alliance(world.initiative)
        return alliance_tables(), lambda table: check_alliance_import(world.initiative,
                                                                      table)
    from rygrad.measurement.tests.test_import_properties import (
        check_survey_import,
        setup_survey,
        survey_tables,
    )

    inst = setup_survey(world.initiative)
    return survey_tables(), lambda table: check_survey_import(world.initiative, inst, table,
                                                              folder)


def run(name: str, *, examples: int, seconds: float, folder, world) -> int:
    """Fuzz one importer; the number of failures found (0 or 1: Hypothesis stops at the
    first and shrinks it)."""
    from django.db import transaction
    from hypothesis import HealthCheck, given, seed, settings

    strategy, check = _targets(name, folder, world)
    counts = {"examples": 0, "imported": 0, "refused": 0}
    failures = 0
    started = time.monotonic()

    def one(table):
        counts["examples"] += 1
        # Each example on the same registry, rolled back after it (as in the suite).
        with transaction.atomic():
            imported = check(table)
            transaction.set_rollback(True)
        counts["imported" if imported else "refused"] += 1

    round_number = 0
    while counts["examples"] < examples and time.monotonic() - started < seconds:
        round_number += 1
        size = min(ROUND, examples - counts["examples"])
        test = settings(max_examples=size, deadline=None, database=None,
                        suppress_health_check=list(HealthCheck))(given(table=strategy)(one))
        test = seed(int(time.time() * 1000) + round_number)(test)
        try:
            test()
        except Exception:  # noqa: BLE001 - a property failed: report it, go on
            failures += 1
            print(f"\n{name}: PROPERTY FAILED\n{traceback.format_exc()}", file=sys.stderr)
            break
    took = time.monotonic() - started
    print(f"{name:9} {counts['examples']:6} examples ({counts['imported']} imported, "
          f"{counts['refused']} refused), {failures} failures, {took:6.1f} s "
          f"({counts['examples'] / took if took else 0:.1f} examples/s)")
    return failures


if __name__ == "__main__":
    sys.exit(main())
