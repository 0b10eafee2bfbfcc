"""An idea sent while the database is locked, gone or restarting is stored once or the
sender is told, in words, that it was not saved — with what they typed kept — and never
gets a server error. (The survey's answers: measurement/tests/test_survey_busy.py.)"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from rygrad.core import retry
from rygrad.ideas.models import Idea
from rygrad.measurement.tests.faults import (
    failing,
    held_lock,
    kill_backends,
    killing_before,
    restart_command,
    restart_postgres,
)

IDEA = {"title": "Venskabsbænk i skolegården", "submitter_group": "young_person",
        "age_band": "13-15", "nickname": "Sofie",
        "description": "En bænk hvor man sætter sig, når man mangler nogen at lege med."}
NOT_SAVED_DA = "Din idé blev ikke gemt"
NOT_SAVED_EN = "Your idea was not saved"


@pytest.fixture(autouse=True)
def quick(monkeypatch, db):
    """No pause before the second try, and no rate counts from other tests."""
    monkeypatch.setattr(retry, "PAUSE_SECONDS", 0)
    cache.clear()


def _url(world, name="submit"):
    return reverse(f"ideas:{name}", kwargs={"slug": world.initiative.slug})


def _send(client, world, data=None, language="en"):
    return client.post(_url(world), IDEA if data is None else data,
                       HTTP_ACCEPT_LANGUAGE=language)


def _kept(html: str) -> dict[str, str]:
    """The values the returned form holds: text inputs, the text area, checked radios."""
    kept = dict(re.findall(r'<input type="text" name="(\w+)"[^>]*value="([^"]*)"', html))
    kept.update(re.findall(r'<textarea name="(\w+)"[^>]*>\s*([^<]*)</textarea>', html))
    kept.update(re.findall(r'<input type="radio" name="(\w+)" value="([^"]*)"[^>]*checked',
                           html))
    for name, options in re.findall(r'<select name="(\w+)"[^>]*>(.*?)</select>', html,
                                    re.DOTALL):
        for value in re.findall(r'<option value="([^"]*)"[^>]*selected', options):
            kept[name] = value
    return {name: value.strip() for name, value in kept.items()}


def _sent_successfully(response, world) -> bool:
    return response.status_code == 302 and response["Location"] == _url(world, "thanks")


# --- A locked SQLite database ------------------------------------------------------------


def test_a_locked_database_says_in_danish_the_idea_was_not_saved_and_keeps_it(
        client, file_database, world):
    """Given the idea form open and another process holding the database's write lock for
    longer than the busy timeout, when the idea is sent (in Danish), then the answer is
    503 with Retry-After, says in Danish that the idea was not saved, holds every field as
    typed, and nothing is stored; sending again once the lock is gone stores it once."""
    assert client.get(_url(world)).status_code == 200
    with held_lock(file_database):
        page = _send(client, world, language="da")
        assert page.status_code == 503 and int(page["Retry-After"]) > 0
        html = page.content.decode()
        assert NOT_SAVED_DA in html and '<html lang="da">' in html
        assert "Traceback" not in html
        assert _kept(html) == IDEA
    assert not Idea.objects.exists()
    assert _sent_successfully(_send(client, world), world)
    assert Idea.objects.get().title == IDEA["title"]


def test_a_lock_gone_by_the_second_try_stores_the_idea_once(client, file_database, world,
                                                            monkeypatch):
    """Given the write lock held through the first try and released before the second,
    when an idea is sent, then it is stored once and the sender is thanked."""
    with held_lock(file_database) as (release, thread):
        def release_then_retry():
            release.set()
            thread.join()

        monkeypatch.setattr(retry, "pause", release_then_retry)
        sent = _send(client, world)
    assert _sent_successfully(sent, world)
    assert Idea.objects.count() == 1


def test_under_a_flickering_lock_every_thanked_idea_is_stored_and_no_other(
        client, file_database, world, monkeypatch):
    """Given ideas sent one after another while another process takes and gives back the
    write lock (free, held throughout, released before the second try), when they are all
    sent, then every sender who was thanked has exactly their idea stored, every other
    got a 503 saying it was not saved, and nothing was a server error."""
    pattern = ["free", "held", "released", "held", "free", "released", "held"]
    thanked, told = [], []
    for number, lock in enumerate(pattern):
        data = {**IDEA, "title": f"Idé nummer {number}"}
        if lock == "free":
            sent = _send(client, world, data)
        else:
            with held_lock(file_database) as (release, thread):
                if lock == "released":
                    monkeypatch.setattr(retry, "pause", lambda r=release, t=thread: (
                        r.set(), t.join()))
                sent = _send(client, world, data)
                monkeypatch.setattr(retry, "pause", lambda: None)
        assert sent.status_code in (302, 503), lock
        if sent.status_code == 302:
            thanked.append(data["title"])
        else:
            assert NOT_SAVED_EN in sent.content.decode()
            told.append(data["title"])
    assert sorted(Idea.objects.values_list("title", flat=True)) == sorted(thanked)
    assert len(told) == pattern.count("held")


# --- A database failing or gone (any database) -------------------------------------------


def test_a_database_failing_every_write_gives_503_with_the_idea_kept(client, world):
    """Given the database failing every write (as when PostgreSQL goes down mid-request),
    when an idea is sent, then it is tried twice, the sender gets a 503 saying it was not
    saved with every field still filled in, and nothing is stored."""
    wrapper, failures = failing(("INSERT", "UPDATE", "DELETE"))
    with connection.execute_wrapper(wrapper):
        page = _send(client, world)
    assert page.status_code == 503 and page["Retry-After"]
    assert len([sql for sql in failures if '"ideas_idea"' in sql]) == 2
    html = page.content.decode()
    assert NOT_SAVED_EN in html and _kept(html) == IDEA
    assert not Idea.objects.exists()


def test_one_failed_write_is_tried_again_and_stored_once(client, world):
    """Given the database failing the idea's first insert only, when the idea is sent,
    then it is stored once and the sender thanked."""
    failed = []

    def wrapper(execute, sql, params, many, context):
        if not failed and sql.startswith('INSERT INTO "ideas_idea"'):
            failed.append(sql)
            from django.db import OperationalError
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        sent = _send(client, world)
    assert failed and _sent_successfully(sent, world)
    assert Idea.objects.count() == 1


def test_an_unreachable_database_hands_the_idea_back_to_send_again(client, world):
    """Given the database answering nothing at all (not even the initiative can be read),
    when someone sends an idea, then a 503 page says it was not saved and holds every
    field as hidden inputs; sending that page's form once the database is back stores it,
    once."""
    wrapper, _failures = failing(("SELECT", "INSERT", "UPDATE", "DELETE"))
    with connection.execute_wrapper(wrapper):
        page = _send(client, world)
    assert page.status_code == 503 and page["Retry-After"]
    html = page.content.decode()
    assert NOT_SAVED_EN in html
    kept = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))
    kept.pop("csrfmiddlewaretoken", None)
    assert kept == IDEA
    assert not Idea.objects.exists()
    assert _sent_successfully(_send(client, world, kept), world)
    assert Idea.objects.get().title == IDEA["title"]


def test_the_form_page_without_a_database_says_so_instead_of_failing(client, world):
    """Given the database answering nothing, when someone opens the idea form, then they
    get a 503 page saying the form cannot reach its database and to try again."""
    wrapper, _failures = failing(("SELECT",))
    with connection.execute_wrapper(wrapper):
        page = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 503
    assert "cannot reach its database" in page.content.decode()


def test_a_visitor_with_a_session_is_handed_the_idea_back_too(client, world):
    """Given someone who sent an idea before (so their browser holds a session kept in the
    database), when they send another while the database answers nothing, then they get
    the same 503 page holding their idea, not a server error: their session cannot be
    read, so they are served as an anonymous visitor for that request."""
    assert _sent_successfully(_send(client, world), world)
    assert client.cookies.get("sessionid")
    second = {**IDEA, "title": "Legepatruljer i frikvarteret"}
    wrapper, _failures = failing(("SELECT", "INSERT", "UPDATE", "DELETE"))
    with connection.execute_wrapper(wrapper):
        page = _send(client, world, second)
    assert page.status_code == 503 and NOT_SAVED_EN in page.content.decode()
    assert list(Idea.objects.values_list("title", flat=True)) == [IDEA["title"]]


# --- PostgreSQL dropping the app's connection --------------------------------------------


def test_a_connection_dropped_between_form_and_send_is_reopened_and_stores_once(
        client, postgres, world):
    """Given the idea form open and PostgreSQL then dropping the app's connection (its
    server process terminated, as a restart does), when the idea is sent, then a new
    connection is opened, the idea is stored exactly once and the sender thanked."""
    assert client.get(_url(world)).status_code == 200
    assert kill_backends() >= 1
    sent = _send(client, world)
    assert _sent_successfully(sent, world)
    assert Idea.objects.count() == 1


def test_a_connection_dropped_as_the_idea_is_written_is_tried_again_once(
        client, postgres, world):
    """Given PostgreSQL dropping the app's connection at the very moment the idea is
    inserted, when it is sent, then the second try on a new connection stores it exactly
    once."""
    wrapper, killed = killing_before('INSERT INTO "ideas_idea"')
    with connection.execute_wrapper(wrapper):
        sent = _send(client, world)
    assert killed and killed[0] >= 1
    assert _sent_successfully(sent, world)
    assert Idea.objects.count() == 1


def test_an_idea_sent_across_a_real_postgres_restart_is_stored_or_handed_back(
        client, postgres, world):
    """Given the idea form open and the PostgreSQL server restarted (the command in
    RYGRAD_PG_RESTART_COMMAND), when the idea is sent, then it is stored once, or the
    page says it was not saved and sending again stores it once — never a server error."""
    command = restart_command()
    assert client.get(_url(world)).status_code == 200
    restart_postgres(command)
    sent = _send(client, world)
    if sent.status_code == 503:
        assert not Idea.objects.exists() and NOT_SAVED_EN in sent.content.decode()
        sent = _send(client, world)
    assert _sent_successfully(sent, world)
    assert Idea.objects.count() == 1
