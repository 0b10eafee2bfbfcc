"""Start-up cost: `rygrad help` against a bare Django set-up, in the same run.

Every command, test worker and gunicorn worker pays the start-up, so the heavy libraries
(pandas, DuckDB, scipy, statsmodels, the chart stack) are imported where they are used,
not when Django loads the apps. This script runs each command `--runs` times in a fresh
interpreter and compares the CPU time (user + system) of the children, which is steadier
than wall time on a busy machine. Target: `rygrad help` at most 2x the bare set-up.

    .venv/bin/python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent

# The same Django, with only its own contrib apps, printing its own `help`.
BARE = """
import django
from django.conf import settings
settings.configure(
    INSTALLED_APPS=["django.contrib.admin", "django.contrib.auth",
                    "django.contrib.contenttypes", "django.contrib.sessions",
                    "django.contrib.messages", "django.contrib.staticfiles"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
)
django.setup()
from django.core.management import execute_from_command_line
execute_from_command_line(["django-admin", "help"])
"""

HEAVY = ("pandas", "duckdb", "scipy", "statsmodels", "numpy", "pyarrow", "vl_convert",
         "openpyxl", "docx")


def cpu_seconds(command: list[str], env: dict) -> float:
    """CPU time of one run of `command` in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def heavy_modules_loaded(env: dict) -> list[str]:
    """The heavy libraries a Django start of Rygrad imports (should be none)."""
    probe = ("import django, sys; django.setup(); "
             f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rygrad.config.settings.dev"}
    bare_env = {k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"}
    rygrad = [str(BIN / "rygrad"), "help"]
    bare = [sys.executable, "-c", BARE]
    # Interleaved, so a burst of other work on the machine hits both alike.
    times = {"bare": [], "rygrad": []}
    for _ in range(args.runs):
        times["bare"].append(cpu_seconds(bare, bare_env))
        times["rygrad"].append(cpu_seconds(rygrad, env))
    bare_cpu = statistics.median(times["bare"])
    rygrad_cpu = statistics.median(times["rygrad"])
    print(f"bare Django set-up + help: {bare_cpu:.3f} s CPU (median of {args.runs})")
    print(f"rygrad help:               {rygrad_cpu:.3f} s CPU (median of {args.runs})")
    print(f"ratio: {rygrad_cpu / bare_cpu:.2f}x (target at most 2x)")
    print(f"heavy libraries loaded at start-up: {heavy_modules_loaded(env) or 'none'}")


if __name__ == "__main__":
    main()
