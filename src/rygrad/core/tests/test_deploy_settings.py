"""The production settings pass Django's deployment checklist once their variables are
set, and refuse to start without a real secret key."""

import os
import subprocess
import sys
from pathlib import Path

# The `rygrad` console command itself (the project's manage.py), as an operator runs it.
RYGRAD = str(Path(sys.executable).with_name("rygrad"))

PRODUCTION_ENV = {
    "SECRET_KEY": "k3v9-Qz1f8-uRw2-pL7x-Yb4n-Hs6t-Mc0d-Ja5e-Vg8i-Ro2u-Xl",
    "ALLOWED_HOSTS": "rygrad.egelund.dk",
    "DATABASE_URL": "postgres://rygrad@db.internal:5432/rygrad",
    "DEFAULT_FROM_EMAIL": "rygrad@egelund.dk",
}


def _check(env: dict) -> subprocess.CompletedProcess:
    # Only what a server would have: no test-run variables (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE, which the deployment check rightly refuses).
    ignored = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", *PRODUCTION_ENV}
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(
        [RYGRAD, "check", "--deploy", "--fail-level", "WARNING",
         "--settings=rygrad.config.settings.prod"],
        env={**clean, **env}, capture_output=True, text=True, timeout=120,
    )


def test_deploy_check_reports_no_issues_with_production_variables_set():
    """Given the production settings with SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL set,
    when `rygrad check --deploy` runs, then it finds no error and no warning."""
    result = _check(PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    """Given the production settings without SECRET_KEY, when Django starts, then it
    stops with a message saying to set SECRET_KEY (never the development key)."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _check(env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr
