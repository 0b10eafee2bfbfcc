"""Start-up stays light: loading Django with every Rygrad app imports none of the heavy
analytics and document libraries, which every command and worker would otherwise pay for
(bench/startup.py measures the cost; this pins the cause)."""

import os
import subprocess
import sys

HEAVY = ("pandas", "duckdb", "scipy", "statsmodels", "numpy", "pyarrow", "vl_convert",
         "openpyxl", "docx")


def test_loading_the_apps_imports_no_heavy_library():
    """Given a fresh interpreter, when Django sets up Rygrad (apps, models, permission,
    signal and navigation registries, admin) and lists its commands, then none of pandas,
    DuckDB, scipy, statsmodels, numpy, pyarrow, the chart or document stack is imported."""
    probe = (
        "import io, contextlib, sys, django; django.setup(); "
        "from django.contrib import admin; admin.autodiscover(); "
        "from django.core.management import execute_from_command_line; "
        "out = io.StringIO(); "
        "contextlib.redirect_stdout(out).__enter__(); "
        "execute_from_command_line(['rygrad', 'help']); "
        f"sys.stderr.write(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rygrad.config.settings.dev"}
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                            text=True, check=True)
    assert result.stderr.strip() == "", f"imported at start-up: {result.stderr}"
