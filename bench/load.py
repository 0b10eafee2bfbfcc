"""Load run: 50 users against gunicorn with PostgreSQL, on the loopback, for 2 minutes.

Creates a scratch PostgreSQL database, migrates it, builds the demo into it, issues the
open wave's pupil codes (as the secretariat does for the slips), brings the signals'
history up to date and collects the static files; then starts gunicorn with the
production settings (`rygrad.config.settings.prod`) on 127.0.0.1 and the background
worker (`rygrad db_worker`), and runs Locust headless with `bench/locustfile.py`: staff
(the demo's secretariat and member logins, through allauth's login form) mixing the
dashboard, the lists, the measurement pages and an Excel export, and pupils answering
the open wave's questionnaire at /s/ with pupil codes and class codes. At the end it
prints p50/p95/p99, requests a second, errors, the survey answers stored in the database
against those the survey accepted (a thank-you page), the CPU each part used, and
whether the targets are met. Everything started is stopped and the scratch database
dropped at the end, also on Ctrl-C or failure.

Nothing in the production settings is changed: the bench stands in for the TLS proxy of
docs/deploy.md (X-Forwarded-Proto and X-Forwarded-For with TRUSTED_PROXY_COUNT=1; see the
locustfile), so HTTPS redirects, Secure cookies, HSTS and CSRF's origin check stay on.

Targets (issue 11): p95 under 300 ms, no errors, at least 30 requests a second, every
accepted survey answer stored.

    .venv/bin/python bench/load.py [--users 50] [--pupils 10] [--time 2m] [--workers 3]
        [--database-url postgres://postgres@127.0.0.1:5432/rygrad]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from scratch import scratch_postgres

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SCHOOL_NETWORK = "10.0.{}.1"  # one address per school behind the (simulated) proxy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--pupils", type=int, default=10, help="of the users")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started a second")
    parser.add_argument("--time", default="2m", help="Locust's run time (at most 2m)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/rygrad",
                        help="the PostgreSQL server for the scratch database")
    args = parser.parse_args()
    if _seconds(args.time) > 120:
        parser.error("--time: the load run is bounded to 2 minutes")

    # SIGTERM (and Ctrl-C) unwind through `finally`, which stops what was started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="rygrad-load-"))
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "rygrad.config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "RYGRAD_VAR_DIR": str(workdir),
        # Each worker keeps its one connection through the run (docs/deploy.md suggests 60 s;
        # the difference is a reconnection a minute), so its server process's CPU is read.
        "CONN_MAX_AGE": "600",
        "TRUSTED_PROXY_COUNT": "1",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT / "src"),
        "RYGRAD_LOAD_PLAN": str(workdir / "plan.json"),
        "RYGRAD_LOAD_RESULT": str(workdir / "result.json"),
        "RYGRAD_LOAD_PUPILS": str(args.pupils),
    })
    sys.path.insert(0, str(ROOT / "src"))
    started: list[subprocess.Popen] = []
    drop = None
    try:
        os.environ["DATABASE_URL"], drop = scratch_postgres(args.database_url)
        import django

        django.setup()
        wave = _prepare(workdir)
        from django.db import connections

        connections.close_all()
        port = _free_port()
        print(f"Starting gunicorn ({args.workers} workers, production settings) on "
              f"127.0.0.1:{port}; load average {os.getloadavg()[0]:.1f}.", flush=True)
        gunicorn = _start(started, workdir / "gunicorn.log", [
            BIN / "gunicorn", "rygrad.config.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", str(args.workers), "--timeout", "60"])
        _wait_until_serving(gunicorn, port, workdir / "gunicorn.log")
        # The background worker of docs/deploy.md (section 6): pages queue work for it.
        worker = _start(started, workdir / "worker.log", [BIN / "rygrad", "db_worker"])
        print(f"Running Locust: {args.users} users ({args.pupils} pupils), {args.spawn_rate:g} "
              f"started a second, for {args.time}.", flush=True)
        cpu_before = _cpu(gunicorn.pid, worker.pid)
        locust = _start(started, workdir / "locust.log", [
            BIN / "locust", "-f", ROOT / "bench" / "locustfile.py", "--headless",
            "-u", str(args.users), "-r", str(args.spawn_rate), "-t", args.time,
            "--host", f"http://127.0.0.1:{port}", "--only-summary", "--loglevel", "WARNING"])
        locust.wait()
        cpu_after = _cpu(gunicorn.pid, worker.pid)
        cpu = {name: cpu_after[name] - cpu_before[name]
               for name in ("gunicorn", "worker", "machine", "locust")}
        cpu["postgres"] = sum(seconds - cpu_before["postgres_pids"].get(pid, 0.0)
                              for pid, seconds in cpu_after["postgres_pids"].items())
        workers = set(cpu_before["postgres_pids"]) | set(cpu_after["postgres_pids"])
        cpu["other_postgres"] = sum(
            seconds - cpu_before["all_postgres"].get(pid, 0.0)
            for pid, seconds in cpu_after["all_postgres"].items() if pid not in workers)
        result_file = workdir / "result.json"
        if not result_file.exists():
            _show_tail(workdir / "locust.log")
            raise SystemExit("Locust wrote no result.")
        result = json.loads(result_file.read_text(encoding="utf-8"))
        _report(args, result, _stored(wave),
                server_errors=_server_errors(workdir / "gunicorn.log"))
        _report_cpu(cpu)
    except KeyboardInterrupt:
        print("\nInterrupted: stopping gunicorn and Locust, dropping the scratch database.")
    finally:
        for process in reversed(started):
            _stop(process)
        if drop:
            drop()
        shutil.rmtree(workdir, ignore_errors=True)


def _seconds(text: str) -> float:
    units = {"s": 1, "m": 60, "h": 3600}
    return float(text[:-1]) * units[text[-1]] if text[-1] in units else float(text)


def _prepare(workdir: Path) -> int:
    """Migrate, build the demo, issue pupil codes, collect static files; write the plan the
    locustfile reads. Returns the open wave's id."""
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse
    from django.utils import translation
    from django.utils.html import escape

    from rygrad.activities.models import Activity
    from rygrad.core.demo import DEMO_PASSWORD, demo_build
    from rygrad.measurement.models import ClassCode, Instrument, Response, Source, Wave
    from rygrad.measurement.permissions import installation_actor
    from rygrad.measurement.services import CLASS_FULL, pupil_codes_issue

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    initiative, logins = demo_build()
    call_command("collectstatic", interactive=False, verbosity=0)
    trivsel = Instrument.objects.for_initiative(initiative).get(slug="trivsel-4-9")
    wave = Wave.objects.get(instrument=trivsel, is_open=True)
    assert not Response.objects.filter(wave=wave, source=Source.ONLINE).exists()
    slips = pupil_codes_issue(wave=wave, by=installation_actor(initiative))
    if apps.is_installed("rygrad.earlywarning"):
        # The signals' history as a running installation has it (its worker keeps it up
        # to date), not computed from cold by the first dashboard of the run.
        from rygrad.earlywarning.history import history_refresh

        history_refresh(initiative=initiative)
    with connection.cursor() as cursor:
        # A database that has settled, as a server's has: the demo's writes vacuumed,
        # analysed and checkpointed now rather than by autovacuum during the run.
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")
    schools = sorted({slip.school for slip in slips})

    def url(name, **kwargs):
        return reverse(name, kwargs={"slug": initiative.slug, **kwargs})

    with translation.override("da"):
        class_full_text = escape(str(CLASS_FULL))
    staff = {login.email for login in logins if login.role}
    secretariat, member = "sekretariat@demo.rygrad.dk", "medlem@demo.rygrad.dk"
    assert {secretariat, member} <= staff
    plan = {
        "login_url": reverse("account_login"),
        "logins": [secretariat, secretariat, member],
        "password": DEMO_PASSWORD,
        "pages": {
            "dashboard": url("initiatives:dashboard"),
            "activities": url("activities:list"),
            "organisations": url("alliance:organisation_list"),
            "people": url("alliance:person_list"),
            "action plan": url("agenda:action_list"),
            "measurement overview": url("measurement:overview"),
            "trends": url("measurement:trends", pk=trivsel.pk),
            "breakdown": url("measurement:breakdown", pk=trivsel.pk),
            "what changed": url("measurement:changes", pk=trivsel.pk),
            "public survey results": url("measurement:public_results"),
            "activities as Excel": url("activities:list") + "?format=xlsx",
        },
        "activities": [url("activities:detail", pk=pk) for pk in Activity.objects
                       .for_initiative(initiative).order_by("pk").values_list("pk", flat=True)],
        "survey_url": reverse("survey:start"),
        "thanks_url": reverse("survey:thanks"),
        "pupil_codes": [[slip.school, code] for slip in slips for code in slip.codes],
        "class_codes": [[c.school, c.code] for c in ClassCode.objects.filter(wave=wave)],
        "school_addresses": {school: SCHOOL_NETWORK.format(i) for i, school in
                             enumerate(schools)},
        "class_full_text": class_full_text,
    }
    (workdir / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    print(f"Scratch database migrated, demo built, {len(plan['pupil_codes']):,} pupil codes "
          f"and {len(plan['class_codes'])} class codes for the open {wave.year} wave, static "
          f"files collected: {time.perf_counter() - started:.0f} s.", flush=True)
    return wave.pk


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(started: list, log: Path, command: list) -> subprocess.Popen:
    """Start a child in its own session (so a Ctrl-C reaches only this script, which then
    stops it by its id), its output going to `log`."""
    with log.open("wb") as out:
        process = subprocess.Popen([str(part) for part in command], stdout=out,
                                   stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
    started.append(process)
    return process


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_until_serving(gunicorn: subprocess.Popen, port: int, log: Path) -> None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/s/",
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.9.9.9"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if gunicorn.poll() is not None:
            _show_tail(log)
            raise SystemExit("gunicorn stopped.")
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                if response.status == 200:
                    return
        except OSError:  # refused, reset or timed out while the workers start
            pass
        time.sleep(0.5)
    _show_tail(log)
    raise SystemExit("gunicorn did not answer within 60 s.")


def _show_tail(log: Path, lines: int = 40) -> None:
    if log.exists():
        print("\n".join(log.read_text(errors="replace").splitlines()[-lines:]))


def _server_errors(log: Path) -> list[str]:
    """Error lines gunicorn and Django logged (LOG_LEVEL=WARNING: warnings too)."""
    text = log.read_text(errors="replace") if log.exists() else ""
    return [line for line in text.splitlines()
            if any(word in line for word in ("ERROR", "Error", "Traceback", "WARNING"))]


def _ticks(stat: str) -> float:
    """User + system CPU seconds from a /proc/<pid>/stat line."""
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _process_cpu(pid: int) -> float:
    try:
        return _ticks(Path(f"/proc/{pid}/stat").read_text())
    except (FileNotFoundError, ProcessLookupError):
        return 0.0


def _postgres_pids() -> dict[int, float]:
    """The scratch database's server processes (gunicorn's and the background worker's
    connections) and their CPU."""
    import psycopg

    url = os.environ["DATABASE_URL"]
    with psycopg.connect(url) as conn:
        pids = [pid for (pid,) in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()")]
    return {pid: _process_cpu(pid) for pid in pids}


def _all_postgres() -> dict[int, float]:
    """Every PostgreSQL server process on the machine and its CPU."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    found[int(entry.name)] = _ticks((entry / "stat").read_text())
            except OSError:
                continue
    return found


def _cpu(gunicorn_pid: int, worker_pid: int) -> dict:
    """CPU seconds so far: gunicorn (master and workers), the background worker, the
    machine as a whole, the waited-for children (Locust, once it has ended), the
    database's processes."""
    children = Path(f"/proc/{gunicorn_pid}/task/{gunicorn_pid}/children")
    workers = [int(pid) for pid in children.read_text().split()] if children.exists() else []
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return {
        "gunicorn": sum(_process_cpu(pid) for pid in [gunicorn_pid, *workers]),
        "worker": _process_cpu(worker_pid),
        "machine": (sum(fields) - idle) / os.sysconf("SC_CLK_TCK"),
        "locust": sum(getattr(resource.getrusage(resource.RUSAGE_CHILDREN), part)
                      for part in ("ru_utime", "ru_stime")),
        "postgres_pids": _postgres_pids(), "all_postgres": _all_postgres(),
    }


def _report_cpu(cpu: dict) -> None:
    known = sum(cpu[name] for name in ("gunicorn", "worker", "postgres", "other_postgres",
                                       "locust"))
    print(f"CPU during the run: {cpu['machine']:.0f} s used on the machine; gunicorn "
          f"{cpu['gunicorn']:.1f} s, the background worker {cpu['worker']:.1f} s, "
          f"PostgreSQL {cpu['postgres']:.1f} s for the app's connections and "
          f"{cpu['other_postgres']:.1f} s in its other processes (background work, other "
          f"databases), Locust {cpu['locust']:.1f} s, everything else "
          f"{cpu['machine'] - known:.0f} s.")


def _stored(wave_pk: int) -> dict:
    from django.db import connections

    from rygrad.measurement.models import PupilCode, Response, Source

    connections.close_all()
    return {
        "answers": Response.objects.filter(wave_id=wave_pk, source=Source.ONLINE).count(),
        "pupil_codes_used": PupilCode.objects.filter(wave_id=wave_pk, used=True).count(),
    }


@dataclass(frozen=True)
class Window:
    """Requests of one stretch of the run: exact percentiles and the rate."""

    label: str
    records: list

    @property
    def count(self) -> int:
        return len(self.records)

    @property
    def failures(self) -> int:
        return sum(not ok for _start, _name, _ms, ok in self.records)

    def percentile(self, share: float) -> float:
        times = sorted(ms for _start, _name, ms, _ok in self.records)
        return times[max(0, math.ceil(share * len(times)) - 1)] if times else math.nan

    def per_second(self) -> float:
        if not self.records:
            return 0.0
        first = min(start for start, _name, _ms, _ok in self.records)
        last = max(start + ms / 1000 for start, _name, ms, _ok in self.records)
        return len(self.records) / max(last - first, 1e-9)

    def line(self, *, rate: bool = True) -> str:
        return (f"{self.label:36} {self.count:6} {self.failures:5} "
                f"{self.percentile(0.5):6.0f} ms {self.percentile(0.95):6.0f} ms "
                f"{self.percentile(0.99):6.0f} ms"
                + (f" {self.per_second():6.1f}/s" if rate else ""))


def _report(args, result: dict, stored: dict, *, server_errors: list[str]) -> None:
    records = result["requests"]
    logins = [r for r in records if r[1] == "login: send"]
    # The steady state: from the moment the last staff user was logged in (the logins'
    # deliberately slow password hashing and the workers' first requests are behind us).
    settled = max((start + ms / 1000 for start, _name, ms, _ok in logins), default=0)
    whole = Window("whole run", records)
    steady = Window("after the last login", [r for r in records if r[0] >= settled])
    print(f"\n{args.users} users ({args.users - args.pupils} staff, {args.pupils} pupils) for "
          f"{args.time} against gunicorn ({args.workers} workers) and PostgreSQL on "
          f"{os.cpu_count()} cores; load average at the end {os.getloadavg()[0]:.1f}.")
    print(f"{'requests':36} {'count':>6} {'fail':>5} {'p50':>9} {'p95':>9} {'p99':>9} "
          f"{'rate':>8}")
    for name in sorted({name for _start, name, _ms, _ok in records}):
        print(Window(name, [r for r in records if r[1] == name]).line(rate=False))
    print(whole.line())
    if logins:
        print(Window(f"{steady.label} ({settled - min(r[0] for r in records):.0f} s in)",
                     steady.records).line())
    for error in result["errors"]:
        print(f"  error: {error['occurrences']} x {error['name']}: {error['error']}")
    if server_errors:
        print(f"  the server logged {len(server_errors)} error or warning lines, e.g.:")
        for line in server_errors[:5]:
            print(f"    {line}")
    survey = result["survey"]
    accepted_pupil = survey.get("accepted_pupil", 0)
    accepted = accepted_pupil + survey.get("accepted_class", 0)
    print(f"Survey: {accepted} answers accepted ({accepted_pupil} with pupil codes, "
          f"{survey.get('accepted_class', 0)} with class codes), "
          f"{survey.get('refused_class_full', 0)} class-code answers refused as the class was "
          f"full, {survey.get('unexpected', 0)} unexpected answers; "
          f"{stored['answers']} answers stored, {stored['pupil_codes_used']} pupil codes used.")

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    def both(measure, ok) -> str:
        return (f"{verdict(ok(measure(whole)))} over the whole run ({measure(whole):.1f}), "
                f"{verdict(ok(measure(steady)))} after the last login ({measure(steady):.1f})")

    errors = whole.failures + len([e for e in server_errors if "WARNING" not in e])
    kept = stored["answers"] >= accepted and stored["pupil_codes_used"] >= accepted_pupil
    print("\nTargets (issue 11):")
    print(f"  p95 under 300 ms: {both(lambda w: w.percentile(0.95), lambda v: v < 300)}")
    print(f"  no errors: {verdict(errors == 0)} ({whole.failures} failed requests, "
          f"{errors - whole.failures} server errors logged)")
    print(f"  at least 30 requests a second: {both(Window.per_second, lambda v: v >= 30)}")
    print(f"  every accepted survey answer stored: {verdict(kept)} "
          f"({stored['answers']} stored, {accepted} accepted; an answer stored as the run "
          f"stopped may not have reached its thank-you page)")


if __name__ == "__main__":
    main()
