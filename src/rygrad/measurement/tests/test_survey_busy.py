"""Answers are never lost to a busy or unreachable database: one more try, then a page in
the pupil's language saying the answers were not saved, with the form still filled in."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from rygrad.core import retry
from rygrad.measurement.models import Response

from .factories import ClassCodeFactory, pupil_code
from .faults import (
    failing,
    held_lock,
    kill_backends,
    killing_before,
    restart_command,
    restart_postgres,
)
from .test_survey import ANSWERS, checked, start

NOT_SAVED_DA = "Dine svar blev ikke gemt."


@pytest.fixture(autouse=True)
def quick(monkeypatch, db):
    """No pause before the second try, and no rate counts from other tests."""
    monkeypatch.setattr(retry, "PAUSE_SECONDS", 0)
    cache.clear()


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


def test_a_database_gone_while_writing_gives_503_with_the_form_kept(client, db):
    """Given the database failing every write (as when PostgreSQL goes down mid-request),
    when a pupil sends answers, then two tries are made, the pupil gets a 503 in English
    saying the answers were not saved, with the answers still checked, and nothing is
    stored."""
    code = ClassCodeFactory()
    ticket = start(client, code.code).context["ticket"]
    wrapper, failures = failing(("INSERT", "UPDATE", "DELETE"))
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
    wrapper, failures = failing(("INSERT",), times=1)
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
    wrapper, _failures = failing(("SELECT", "INSERT", "UPDATE", "DELETE"))
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
    from rygrad.core import ratelimit

    code = ClassCodeFactory()
    ticket = start(client, code.code).context["ticket"]

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    for method in ("get", "get_many", "add", "incr", "set"):
        monkeypatch.setattr(ratelimit.cache, method, unreachable)
    assert _send(client, ticket).status_code == 302
    assert Response.objects.count() == 1


# --- PostgreSQL dropping the app's connection --------------------------------------------


def test_a_connection_dropped_between_page_and_answers_is_reopened_and_stores_once(
        client, postgres):
    """Given a pupil on the questionnaire and PostgreSQL then dropping the app's open
    connection (its server process terminated, as a restart does), when the answers are
    sent, then a new connection is opened, the answer is stored exactly once and the
    pupil is thanked."""
    code = ClassCodeFactory()
    ticket = start(client, code.code).context["ticket"]
    assert kill_backends() >= 1
    sent = _send(client, ticket)
    assert sent.status_code == 302 and sent["Location"] == reverse("survey:thanks")
    assert Response.objects.count() == 1


def test_a_connection_dropped_as_the_answer_is_written_is_tried_again_once(
        client, postgres):
    """Given PostgreSQL dropping the app's connection at the very moment the answer is
    inserted, when a pupil sends answers with a one-time pupil code, then the second try
    on a new connection stores it exactly once and marks the code used."""
    row, code = pupil_code()
    ticket = start(client, code).context["ticket"]
    wrapper, killed = killing_before('INSERT INTO "measurement_response"')
    with connection.execute_wrapper(wrapper):
        sent = _send(client, ticket)
    assert killed and killed[0] >= 1
    assert sent.status_code == 302 and Response.objects.count() == 1
    row.refresh_from_db()
    assert row.used


def test_answers_sent_across_a_real_postgres_restart_are_stored_or_handed_back(
        client, postgres):
    """Given a pupil on the questionnaire and the PostgreSQL server restarted (the command
    in RYGRAD_PG_RESTART_COMMAND), when the answers are sent, then either they are stored
    once and the pupil thanked, or the page says they were not saved and sending it again
    stores them once — never a server error, never a lost answer."""
    command = restart_command()
    code = ClassCodeFactory()
    ticket = start(client, code.code).context["ticket"]
    restart_postgres(command)
    sent = _send(client, ticket)
    if sent.status_code == 503:
        assert Response.objects.count() == 0 and "not saved" in sent.content.decode()
        sent = _send(client, ticket)
    assert sent.status_code == 302 and Response.objects.count() == 1


# --- The count property ------------------------------------------------------------------


def test_under_a_flickering_lock_every_thanked_answer_is_stored_and_no_other(
        client, file_database, monkeypatch):
    """Given answers sent one after another while another process takes and gives back
    the database's write lock (free, held throughout, released before the second try),
    when they are all sent, then every pupil who was thanked has exactly one answer
    stored, every other pupil got a 503 saying nothing was saved, and nothing was a
    server error."""
    code = ClassCodeFactory()
    pattern = ["free", "held", "released", "held", "free", "released", "held"]
    thanked = told = 0
    for lock in pattern:
        ticket = start(client, code.code).context["ticket"]
        if lock == "free":
            sent = _send(client, ticket)
        else:
            with held_lock(file_database) as (release, thread):
                if lock == "released":
                    monkeypatch.setattr(retry, "pause", lambda r=release, t=thread: (
                        r.set(), t.join()))
                sent = _send(client, ticket)
                monkeypatch.setattr(retry, "pause", lambda: None)
        assert sent.status_code in (302, 503), lock
        if sent.status_code == 302:
            thanked += 1
        else:
            told += 1
            assert "Your answers were not saved." in sent.content.decode()
    assert Response.objects.count() == thanked == pattern.count("free") + pattern.count(
        "released")
    assert told == pattern.count("held")
