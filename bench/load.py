"""Load run: 50 users against gunicorn with PostgreSQL (or SQLite), on the loopback, for 2
minutes at most; one or more gunicorn instances sharing the database.

Creates a scratch database (a new PostgreSQL database, or a SQLite file with the WAL
settings of settings/base.py), migrates it, builds the data into it — the demo, or the
large initiatives of `rygrad generate_large --scale N` — issues pupil codes for the open
waves (as the secretariat does for the slips), brings the signals' history up to date and
collects the static files; then starts `--instances` gunicorn instances with the production
settings (`rygrad.config.settings.prod`) on as many loopback ports, and one background
worker (`rygrad db_worker`), and runs Locust headless with `bench/locustfile.py`: staff (the
secretariat's and members' logins, through allauth's login form) mixing the dashboard, the
lists, the measurement pages, the ideas and an Excel export; pupils answering the open
waves' questionnaire at /s/ with pupil and class codes; and young people sending ideas on
the public idea form. The users are spread over the instances in turn, as a load balancer
would. At the end it prints p50/p95/p99, the throughput of each instance and in all,
errors, the survey answers a minute, the answers and ideas stored in the database against
those that got a thank-you page, the CPU each part used, and whether the targets are met.
Everything started is stopped and the scratch database dropped at the end, also on Ctrl-C
or failure.

Nothing in the production settings is changed but two-factor login (RYGRAD_REQUIRE_TWO_FACTOR
=0: a load script types no one-time codes, as with single sign-on): the bench stands in for
the TLS proxy of docs/deploy.md (X-Forwarded-Proto and X-Forwarded-For with
TRUSTED_PROXY_COUNT=1; see the locustfile), so HTTPS redirects, Secure cookies, HSTS and
CSRF's origin check stay on.

Targets (issue 17): no errors; p95 under 300 ms at 50 users with PostgreSQL; at least 300
survey answers a minute sustained, with none lost (every answer that got a thank-you page
is in the database afterwards); no idea lost either.

    .venv/bin/python bench/load.py [--users 50] [--pupils 15] [--youth 5] [--time 2m]
        [--workers 3] [--instances 1] [--database postgres|sqlite] [--scale N [--history]]
        [--database-url postgres://postgres@127.0.0.1:5432/rygrad] [--prefix rygrad_bench]
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
SCHOOL_NETWORK = "10.0.{}.{}"  # one address per school behind the (simulated) proxy
STAFF_INITIATIVES = 10  # with --scale, staff log in to at most this many initiatives
PUPIL_INITIATIVES = 3  # and pupils answer the open waves of this many


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--pupils", type=int, default=15, help="of the users")
    parser.add_argument("--youth", type=int, default=5,
                        help="of the users: young people sending ideas")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started a second")
    parser.add_argument("--time", default="2m", help="Locust's run time (at most 2m)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers per instance")
    parser.add_argument("--instances", type=int, default=1,
                        help="gunicorn instances on as many loopback ports, one database")
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--scale", type=int, default=0,
                        help="the data of `rygrad generate_large --scale N` (default: the demo)")
    parser.add_argument("--history", action="store_true",
                        help="with --scale: compute the signals' history of the initiatives "
                             "used before the run (minutes per large initiative)")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/rygrad",
                        help="the PostgreSQL server for the scratch database")
    parser.add_argument("--prefix", default="rygrad_bench",
                        help="the scratch PostgreSQL database's name starts with this")
    args = parser.parse_args()
    if _seconds(args.time) > 120:
        parser.error("--time: the load run is bounded to 2 minutes")
    if not 1 <= args.instances <= 8:
        parser.error("--instances: 1 to 8")
    if args.pupils + args.youth >= args.users:
        parser.error("--pupils and --youth leave no staff among the --users")

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
        "RYGRAD_REQUIRE_TWO_FACTOR": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT / "src"),
        "RYGRAD_LOAD_PLAN": str(workdir / "plan.json"),
        "RYGRAD_LOAD_RESULT": str(workdir / "result.json"),
        "RYGRAD_LOAD_PUPILS": str(args.pupils),
        "RYGRAD_LOAD_YOUTH": str(args.youth),
    })
    sys.path.insert(0, str(ROOT / "src"))
    started: list[subprocess.Popen] = []
    drop = None
    try:
        if args.database == "postgres":
            os.environ["DATABASE_URL"], drop = scratch_postgres(args.database_url,
                                                                prefix=args.prefix)
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'load.sqlite3'}"
        import django

        django.setup()
        ports = [_free_port() for _ in range(args.instances)]
        before = _prepare(workdir, args, hosts=[f"http://127.0.0.1:{port}" for port in ports])
        from django.db import connections

        connections.close_all()
        print(f"Starting {args.instances} gunicorn instance(s) ({args.workers} workers each, "
              f"production settings, {args.database}) on 127.0.0.1:"
              f"{','.join(map(str, ports))}; load average {os.getloadavg()[0]:.1f}.",
              flush=True)
        instances = []
        for number, port in enumerate(ports, start=1):
            log = workdir / f"gunicorn-{number}.log"
            instances.append(_start(started, log, [
                BIN / "gunicorn", "rygrad.config.wsgi", "--bind", f"127.0.0.1:{port}",
                "--workers", str(args.workers), "--timeout", "60"]))
        for number, (gunicorn, port) in enumerate(zip(instances, ports, strict=True), start=1):
            _wait_until_serving(gunicorn, port, workdir / f"gunicorn-{number}.log")
        # The background worker of docs/deploy.md (section 6): pages queue work for it.
        worker = _start(started, workdir / "worker.log", [BIN / "rygrad", "db_worker"])
        staff = args.users - args.pupils - args.youth
        print(f"Running Locust: {args.users} users ({staff} staff, {args.pupils} pupils, "
              f"{args.youth} young people sending ideas), {args.spawn_rate:g} started a "
              f"second, for {args.time}.", flush=True)
        cpu_before = _cpu([g.pid for g in instances], worker.pid)
        locust = _start(started, workdir / "locust.log", [
            BIN / "locust", "-f", ROOT / "bench" / "locustfile.py", "--headless",
            "-u", str(args.users), "-r", str(args.spawn_rate), "-t", args.time,
            "--host", f"http://127.0.0.1:{ports[0]}", "--only-summary", "--loglevel",
            "WARNING"])
        locust.wait()
        cpu_after = _cpu([g.pid for g in instances], worker.pid)
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
        errors = []
        for number in range(1, args.instances + 1):
            errors += _server_errors(workdir / f"gunicorn-{number}.log")
        _report(args, result, _stored(before), ports=ports, server_errors=errors)
        _report_cpu(cpu, args.database)
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


def _prepare(workdir: Path, args, *, hosts: list[str]) -> dict:
    """Migrate, build the data, issue pupil codes, bring the signals' history up to date,
    collect static files; write the plan the locustfile reads. Returns what `_stored`
    compares with afterwards: the open waves and the ideas there were before the run."""
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse
    from django.utils import translation
    from django.utils.html import escape

    from rygrad.activities.models import Activity
    from rygrad.core.demo import DEMO_PASSWORD, demo_build
    from rygrad.core.large import PASSWORD, large_build
    from rygrad.ideas.models import Idea
    from rygrad.measurement.models import ClassCode, Instrument, Response, Source, Wave
    from rygrad.measurement.permissions import installation_actor
    from rygrad.measurement.services import CLASS_FULL, pupil_codes_issue

    started = time.perf_counter()
    steps, last = [], [started]

    def step(name: str) -> None:
        now = time.perf_counter()
        steps.append(f"{name} {now - last[0]:.0f} s")
        last[0] = now

    call_command("migrate", interactive=False, verbosity=0)
    step("migrate")
    if args.scale:
        built = large_build(scale=args.scale, progress=lambda text: None)
        initiatives = built.initiatives[:STAFF_INITIATIVES]
        logins = {i.slug: [login.email for login in built.logins[i.slug]] for i in initiatives}
        # Two secretariat logins to one member's, as in the demo.
        logins = {slug: [emails[0], emails[0], emails[1]] for slug, emails in logins.items()}
        password = PASSWORD
        what = (f"the large data of scale {args.scale} ({len(built.initiatives)} initiatives, "
                f"{sum(built.counts.values()):,} rows in {built.seconds:.0f} s)")
    else:
        initiative, demo_logins = demo_build()
        initiatives = [initiative]
        staff = {login.email for login in demo_logins if login.role}
        secretariat, member = "sekretariat@demo.rygrad.dk", "medlem@demo.rygrad.dk"
        assert {secretariat, member} <= staff
        logins = {initiative.slug: [secretariat, secretariat, member]}
        password = DEMO_PASSWORD
        what = "the demo"
    step("data")
    call_command("collectstatic", interactive=False, verbosity=0)
    step("static files")
    waves, slips = [], []
    for initiative in initiatives[:PUPIL_INITIATIVES]:
        trivsel = Instrument.objects.for_initiative(initiative).get(slug="trivsel-4-9")
        wave = Wave.objects.get(instrument=trivsel, is_open=True)
        assert not Response.objects.filter(wave=wave, source=Source.ONLINE).exists()
        waves.append(wave)
        slips += [(initiative.slug, slip) for slip in
                  pupil_codes_issue(wave=wave, by=installation_actor(initiative))]
    if apps.is_installed("rygrad.earlywarning") and (args.history or not args.scale):
        # The signals' history as a running installation has it (its worker keeps it up
        # to date), not computed from cold by the first dashboard of the run. For the large
        # data that takes minutes per initiative (ten years of month ends of every signal
        # over 1,000 activities and 10,000 ideas): only with --history; without it the
        # dashboards show every signal's value and no trend lines yet, as a freshly loaded
        # installation does until its worker has computed them.
        from rygrad.earlywarning.history import history_refresh

        for initiative in initiatives:
            history_refresh(initiative=initiative)
    step("codes and signal history")
    with connection.cursor() as cursor:
        # A database that has settled, as a server's has: the writes vacuumed, analysed
        # and checkpointed now rather than by autovacuum during the run.
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    schools = sorted({f"{slug}/{slip.school}" for slug, slip in slips})

    def url(initiative, name, **kwargs):
        return reverse(name, kwargs={"slug": initiative.slug, **kwargs})

    def pages(initiative) -> dict:
        trivsel = Instrument.objects.for_initiative(initiative).get(slug="trivsel-4-9")
        return {
            "dashboard": url(initiative, "initiatives:dashboard"),
            "activities": url(initiative, "activities:list"),
            "organisations": url(initiative, "alliance:organisation_list"),
            "people": url(initiative, "alliance:person_list"),
            "action plan": url(initiative, "agenda:action_list"),
            "measurement overview": url(initiative, "measurement:overview"),
            "trends": url(initiative, "measurement:trends", pk=trivsel.pk),
            "breakdown": url(initiative, "measurement:breakdown", pk=trivsel.pk),
            "what changed": url(initiative, "measurement:changes", pk=trivsel.pk),
            "public survey results": url(initiative, "measurement:public_results"),
            "activities as Excel": url(initiative, "activities:list") + "?format=xlsx",
            "ideas": url(initiative, "ideas:list"),
            "you said - we did": url(initiative, "ideas:public_list"),
        }

    with translation.override("da"):
        class_full_text = escape(str(CLASS_FULL))
    plan = {
        "hosts": hosts,
        "login_url": reverse("account_login"),
        "password": password,
        "initiatives": [{
            "slug": initiative.slug, "logins": logins[initiative.slug],
            "pages": pages(initiative),
            "activities": [url(initiative, "activities:detail", pk=pk) for pk in
                           Activity.objects.for_initiative(initiative).order_by("pk")
                           .values_list("pk", flat=True)[:2000]],
        } for initiative in initiatives],
        "idea_forms": [{"form": url(i, "ideas:submit"), "thanks": url(i, "ideas:thanks")}
                       for i in initiatives],
        "survey_url": reverse("survey:start"),
        "thanks_url": reverse("survey:thanks"),
        "pupil_codes": [[f"{slug}/{slip.school}", code] for slug, slip in slips
                        for code in slip.codes],
        "class_codes": [[f"{c.initiative.slug}/{c.school}", c.code] for c in
                        ClassCode.objects.filter(wave__in=waves).select_related("initiative")],
        "school_addresses": {school: SCHOOL_NETWORK.format(i // 250, i % 250 + 1)
                             for i, school in enumerate(schools)},
        "class_full_text": class_full_text,
    }
    (workdir / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    print(f"Scratch {args.database} database migrated, {what} built, "
          f"{len(plan['pupil_codes']):,} pupil codes and {len(plan['class_codes'])} class codes "
          f"for {len(waves)} open wave(s), static files collected: "
          f"{time.perf_counter() - started:.0f} s ({', '.join(steps)}).", flush=True)
    return {"waves": [wave.pk for wave in waves], "initiatives": [i.pk for i in initiatives],
            "ideas": Idea.objects.filter(initiative__in=initiatives).count()}


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


def _cpu(gunicorn_pids: list[int], worker_pid: int) -> dict:
    """CPU seconds so far: gunicorn (masters and workers), the background worker, the
    machine as a whole, the waited-for children (Locust, once it has ended), the
    database's processes (PostgreSQL's; SQLite works inside the app's processes)."""
    workers = []
    for pid in gunicorn_pids:
        children = Path(f"/proc/{pid}/task/{pid}/children")
        workers += [int(p) for p in children.read_text().split()] if children.exists() else []
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    postgres = os.environ["DATABASE_URL"].startswith("postgres")
    return {
        "gunicorn": sum(_process_cpu(pid) for pid in [*gunicorn_pids, *workers]),
        "worker": _process_cpu(worker_pid),
        "machine": (sum(fields) - idle) / os.sysconf("SC_CLK_TCK"),
        "locust": sum(getattr(resource.getrusage(resource.RUSAGE_CHILDREN), part)
                      for part in ("ru_utime", "ru_stime")),
        "postgres_pids": _postgres_pids() if postgres else {},
        "all_postgres": _all_postgres() if postgres else {},
    }


def _report_cpu(cpu: dict, database: str) -> None:
    known = sum(cpu[name] for name in ("gunicorn", "worker", "postgres", "other_postgres",
                                       "locust"))
    postgres = (f"PostgreSQL {cpu['postgres']:.1f} s for the app's connections and "
                f"{cpu['other_postgres']:.1f} s in its other processes (background work, "
                f"other databases), " if database == "postgres" else
                "(SQLite works inside gunicorn's processes), ")
    print(f"CPU during the run: {cpu['machine']:.0f} s used on the machine; gunicorn "
          f"{cpu['gunicorn']:.1f} s, the background worker {cpu['worker']:.1f} s, "
          f"{postgres}Locust {cpu['locust']:.1f} s, everything else (other work on the "
          f"machine) {cpu['machine'] - known:.0f} s.")


def _stored(before: dict) -> dict:
    from django.db import connections

    from rygrad.ideas.models import Idea
    from rygrad.measurement.models import PupilCode, Response, Source

    connections.close_all()
    return {
        "answers": Response.objects.filter(wave_id__in=before["waves"],
                                           source=Source.ONLINE).count(),
        "pupil_codes_used": PupilCode.objects.filter(wave_id__in=before["waves"],
                                                     used=True).count(),
        "ideas": Idea.objects.filter(initiative_id__in=before["initiatives"]).count()
        - before["ideas"],
    }


@dataclass(frozen=True)
class Window:
    """Requests of one stretch of the run: exact percentiles and the rate. A record is
    (start, name, milliseconds, succeeded, instance)."""

    label: str
    records: list

    @property
    def count(self) -> int:
        return len(self.records)

    @property
    def failures(self) -> int:
        return sum(not r[3] for r in self.records)

    def percentile(self, share: float) -> float:
        times = sorted(r[2] for r in self.records)
        return times[max(0, math.ceil(share * len(times)) - 1)] if times else math.nan

    def per_second(self) -> float:
        if not self.records:
            return 0.0
        first = min(r[0] for r in self.records)
        last = max(r[0] + r[2] / 1000 for r in self.records)
        return len(self.records) / max(last - first, 1e-9)

    def line(self, *, rate: bool = True) -> str:
        return (f"{self.label:36} {self.count:6} {self.failures:5} "
                f"{self.percentile(0.5):6.0f} ms {self.percentile(0.95):6.0f} ms "
                f"{self.percentile(0.99):6.0f} ms"
                + (f" {self.per_second():6.1f}/s" if rate else ""))


def _per_minute(times: list[float], start: float, end: float) -> tuple[float, float | None]:
    """Accepted a minute over the run, and in its slowest whole minute (None when the run
    is shorter than one)."""
    minutes = (end - start) / 60
    rate = len(times) / minutes if minutes > 0 else 0.0
    whole = int(minutes)
    if whole < 1:
        return rate, None
    # The whole minutes counted back from the end (the start has the logins and ramp-up).
    slowest = min(sum(end - 60 * (k + 1) <= t < end - 60 * k for t in times)
                  for k in range(whole))
    return rate, float(slowest)


def _report(args, result: dict, stored: dict, *, ports: list[int],
            server_errors: list[str]) -> None:
    records = result["requests"]
    logins = [r for r in records if r[1] == "login: send"]
    # The steady state: from the moment the last staff user was logged in (the logins'
    # deliberately slow password hashing and the workers' first requests are behind us).
    settled = max((r[0] + r[2] / 1000 for r in logins), default=0)
    whole = Window("whole run", records)
    steady = Window("after the last login", [r for r in records if r[0] >= settled])
    staff = args.users - args.pupils - args.youth
    data = f"scale {args.scale}" if args.scale else "the demo"
    print(f"\n{args.users} users ({staff} staff, {args.pupils} pupils, {args.youth} young "
          f"people) for {args.time} against {args.instances} gunicorn instance(s) "
          f"({args.workers} workers each) and {args.database} with {data}, on "
          f"{os.cpu_count()} cores; load average at the end {os.getloadavg()[0]:.1f}.")
    print(f"{'requests':36} {'count':>6} {'fail':>5} {'p50':>9} {'p95':>9} {'p99':>9} "
          f"{'rate':>8}")
    for name in sorted({r[1] for r in records}):
        print(Window(name, [r for r in records if r[1] == name]).line(rate=False))
    for number, port in enumerate(ports):
        if len(ports) > 1:
            print(Window(f"instance {number + 1} (port {port})",
                         [r for r in records if r[4] == number]).line())
    print(whole.line())
    if logins:
        print(Window(f"{steady.label} ({settled - min(r[0] for r in records):.0f} s in)",
                     steady.records).line())
    for error in result["errors"]:
        print(f"  error: {error['occurrences']} x {error['name']}: {error['error']}")
    if server_errors:
        print(f"  the servers logged {len(server_errors)} error or warning lines, e.g.:")
        for line in server_errors[:5]:
            print(f"    {line}")
    survey = result["survey"]
    accepted_pupil = survey.get("accepted_pupil", 0)
    accepted = accepted_pupil + survey.get("accepted_class", 0)
    begin = min(r[0] for r in records)
    end = max(r[0] + r[2] / 1000 for r in records)
    rate, slowest = _per_minute(result["accepted_at"]["answers"], begin, end)
    print(f"Survey: {accepted} answers accepted ({accepted_pupil} with pupil codes, "
          f"{survey.get('accepted_class', 0)} with class codes), "
          f"{survey.get('refused_class_full', 0)} class-code answers refused as the class was "
          f"full, {survey.get('unexpected', 0)} unexpected answers; "
          f"{stored['answers']} answers stored, {stored['pupil_codes_used']} pupil codes used; "
          f"{rate:.0f} answers a minute"
          + (f", {slowest:.0f} in the slowest whole minute." if slowest is not None else "."))
    ideas = result.get("ideas", {})
    print(f"Ideas: {ideas.get('accepted', 0)} accepted (a thank-you page), "
          f"{ideas.get('unexpected', 0)} not accepted; {stored['ideas']} stored.")

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    errors = whole.failures + len([e for e in server_errors if "WARNING" not in e])
    kept = stored["answers"] >= accepted and stored["pupil_codes_used"] >= accepted_pupil
    sustained = slowest if slowest is not None else rate
    p95 = steady.percentile(0.95) if logins else whole.percentile(0.95)
    print("\nTargets (issue 17):")
    print(f"  0 errors: {verdict(errors == 0)} ({whole.failures} failed requests, "
          f"{errors - whole.failures} server errors logged)")
    applies = "" if (args.users, args.database) == (50, "postgres") else (
        f" (the target is for 50 users on PostgreSQL; this run: {args.users} on "
        f"{args.database})")
    print(f"  p95 under 300 ms: {verdict(p95 < 300)} ({p95:.0f} ms after the last login; "
          f"{whole.percentile(0.95):.0f} ms over the whole run){applies}")
    print(f"  at least 300 survey answers a minute sustained: {verdict(sustained >= 300)} "
          f"({sustained:.0f} a minute"
          + (" in the slowest whole minute)" if slowest is not None else
             " over a run shorter than a minute)"))
    print(f"  no survey answer lost: {verdict(kept)} ({stored['answers']} stored, "
          f"{accepted} got a thank-you page; an answer stored as the run stopped may not "
          f"have reached its page)")
    print(f"  no idea lost: {verdict(stored['ideas'] >= ideas.get('accepted', 0))} "
          f"({stored['ideas']} stored, {ideas.get('accepted', 0)} got a thank-you page)")
    print(f"  (issue 11) at least 30 requests a second: "
          f"{verdict(steady.per_second() >= 30)} ({steady.per_second():.1f} after the last "
          f"login, {whole.per_second():.1f} over the whole run)")


if __name__ == "__main__":
    main()
