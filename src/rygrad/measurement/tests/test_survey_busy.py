"""Answers are never lost to a busy or unreachable database: one more try, then a page in
the pupil's language saying the answers were not saved, with the form still filled in."""

import re
import sqlite3
import threading
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection, connections
from django.urls import reverse

from rygrad.core import retry
from rygrad.measurement.models import Response

from .factories import ClassCodeFactory, pupil_code
from .test_survey import ANSWERS, checked, start

NOT_SAVED_DA = "Dine svar blev ikke gemt."


@pytest.fixture(autouse=True)
def quick(monkeypatch, db):
    """No pause before the second try, and no rate counts from other tests."""
    monkeypatch.setattr(retry, "PAUSE_SECONDS", 0)
    cache.clear()


@pytest.fixture
def file_database(transactional_db, tmp_path):
    """For this test, the default database is a real SQLite file in WAL mode (as in
    production), with a busy timeout of 0.2 s instead of production's 20 s."""
    default = connections["default"]
    if default.vendor != "sqlite":
        pytest.skip("locks an SQLite file; the unreachable-database tests cover PostgreSQL")
    path = tmp_path / "rygrad.sqlite3"
    default.ensure_connection()
    copy = sqlite3.connect(path)
    default.connection.backup(copy)
    copy.close()
    wrapper = type(default)({**default.settings_dict, "NAME": str(path), "OPTIONS": {
        "timeout": 0.2, "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;"}}, alias="default")
    connections["default"] = wrapper
    yield path
    wrapper.close()
    connections["default"] = default


@contextmanager
def held_lock(path):
    """Another process's write lock on the file (BEGIN EXCLUSIVE from a thread's own
    connection), held until the block ends or `release` is set."""
    ready, release = threading.Event(), threading.Event()

    def hold():
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        ready.set()
        release.wait(60)
        other.execute("ROLLBACK")
        other.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert ready.wait(10)
    try:
        yield release, thread
    finally:
        release.set()
        thread.join()


def _send(client, ticket, **extra):
    return client.post(reverse("survey:start"), {"ticket": ticket, **ANSWERS}, **extra)


def test_a_locked_database_says_in_danish_that_nothing_was_saved_and_keeps_the_form(
        client, file_database):
    """Given a pupil on the questionnaire and another process holding the database's write
    lock longer than the busy timeout, when the answers are sent (in Danish), then the
    answer is 503 with Retry-After, it says the answers were not saved, every answer is
    still checked with the signed code in the form, and nothing is stored; sending the
    same form once the lock is gone stores the answer."""
    code = ClassCodeFactory(school="Fjordskolen", grade=6)
    ticket = start(client, code.code).context["ticket"]
    with held_lock(file_database):
        page = _send(client, ticket, HTTP_ACCEPT_LANGUAGE="da")
        assert page.status_code == 503 and page["Retry-After"]
        html = page.content.decode()
        assert NOT_SAVED_DA in html and '<html lang="da">' in html
        assert [checked(html, f"item_{c}") for c in ("s1", "s2", "s3", "a1", "a2")] == [
            "4", "5", "2", "3", None]
        assert checked(html, "gender") == "girl"
        again = re.search(r'name="ticket" value="([^"]+)"', html).group(1)
    assert not Response.objects.exists()
    assert _send(client, again).status_code == 302
    assert Response.objects.count() == 1


def test_a_lock_gone_by_the_second_try_stores_the_answer_once(client, file_database,
                                                               monkeypatch):
    """Given the write lock held through the first try and released before the second,
    when a pupil sends a pupil code's answers, then they are stored once and the pupil
    sees the thank-you page."""
    row, code = pupil_code(school="Fjordskolen", grade=6)
    ticket = start(client, code).context["ticket"]
    with held_lock(file_database) as (release, thread):
        def release_then_retry():
            release.set()
            thread.join()

        monkeypatch.setattr(retry, "pause", release_then_retry)
        sent = _send(client, ticket)
    assert sent.status_code == 302 and sent["Location"] == reverse("survey:thanks")
    assert Response.objects.count() == 1
    row.refresh_from_db()
    assert row.used


def _failing(statements: tuple[str, ...], times: int | None = None):
    """An execute wrapper raising OperationalError, as a lost PostgreSQL connection does,
    for statements starting with one of `statements` (the first `times` of them)."""
    failures = []

    def wrapper(execute, sql, params, many, context):
        keyword = sql.lstrip().split(None, 1)[0].upper()
        if keyword in statements and (times is None or len(failures) < times):
            failures.append(sql)
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return wrapper, failures


def test_a_database_gone_while_writing_gives_503_with_the_form_kept(client, db):
    """Given the database failing every write (as when PostgreSQL goes down mid-request),
    when a pupil sends answers, then two tries are made, the pupil gets a 503 in English
    saying the answers were not saved, with the answers still checked, and nothing is
    stored."""
    code = ClassCodeFactory()
    ticket = start(client, code.code).context["ticket"]
    wrapper, failures = _failing(("INSERT", "UPDATE", "DELETE"))
    with connection.execute_wrapper(wrapper):
        page = _send(client, ticket)
    assert page.status_code == 503 and len(failures) == 2
    html = page.content.decode()
    assert "Your answers were not saved." in html and checked(html, "item_s1") == "4"
    assert not Response.objects.exists()


def test_one_failed_write_is_tried_again(client, db):
    """Given the database failing the first write only, when a pupil sends answers, then
    they are stored once and the pupil is thanked."""
    code = ClassCodeFactory()
    ticket = start(client, code.code).context["ticket"]
    wrapper, failures = _failing(("INSERT",), times=1)
    with connection.execute_wrapper(wrapper):
        sent = _send(client, ticket)
    assert sent.status_code == 302 and len(failures) == 1
    assert Response.objects.count() == 1


def test_an_unreachable_database_hands_the_answers_back_to_send_again(client, db):
    """Given the database answering nothing at all (not even the code's questionnaire can
    be read), when a pupil sends answers, then a 503 page says they were not saved and
    holds every answer and the ticket as hidden fields; sending that page's form once the
    database is back stores the answer."""
    code = ClassCodeFactory()
    ticket = start(client, code.code).context["ticket"]
    wrapper, _failures = _failing(("SELECT", "INSERT", "UPDATE", "DELETE"))
    with connection.execute_wrapper(wrapper):
        page = _send(client, ticket)
    assert page.status_code == 503
    html = page.content.decode()
    assert "your answers were not saved" in html
    kept = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))
    kept.pop("csrfmiddlewaretoken", None)
    assert kept == {"ticket": ticket, **ANSWERS}
    assert not Response.objects.exists()
    assert client.post(reverse("survey:start"), kept).status_code == 302
    assert Response.objects.count() == 1


def test_a_cache_that_cannot_be_reached_does_not_stop_answers(client, db, monkeypatch):
    """Given the cache behind the per-address limit failing (the database cache while the
    database is down, a Redis that is gone), when a pupil answers with a class code, then
    the answer is stored: the limit lets it through rather than losing it."""
    from rygrad.measurement import ratelimit

    code = ClassCodeFactory()
    ticket = start(client, code.code).context["ticket"]

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    for method in ("get", "add", "incr", "set"):
        monkeypatch.setattr(ratelimit.cache, method, unreachable)
    assert _send(client, ticket).status_code == 302
    assert Response.objects.count() == 1
