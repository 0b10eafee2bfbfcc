"""A newsletter sign-up, or any page without a try-again of its own, met by a database that
is locked or restarting: the visitor is told in plain words what happened and what to do
(503 with Retry-After, core.middleware.DatabaseBusyMiddleware), nothing is half stored,
and no stack trace reaches them: with a locked SQLite file, and with PostgreSQL dropping
the connection. (Ideas and survey answers try again and keep what was
typed: ideas/tests/test_faults.py, measurement/tests/test_survey_busy.py.)"""

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from rygrad.communication.models import Segment, Subscriber
from rygrad.measurement.tests.faults import (  # noqa: F401 - fixtures
    failing,
    file_database,
    held_lock,
    killing_before,
    postgres,
)

SIGN_UP = {"email": "parent@example.org", "segment": Segment.PUBLIC, "consent": "on"}
LEAKS = ("Traceback", "OperationalError", "database is locked", "settings.py")


def _subscribe(client, language):
    return client.post(reverse("communication:subscribe", kwargs={"slug": "egelund"}),
                       SIGN_UP, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize(("language", "words"), [
    ("da", "Det, du sendte, er måske ikke blevet gemt"),
    ("en", "What you sent may not have been saved")])
def test_a_sign_up_under_a_locked_database_is_told_to_send_again_and_stores_nothing(
        client, file_database, world, language, words):  # noqa: F811
    """Given another process holding the database's write lock for longer than the busy
    timeout, when someone signs up for the newsletter, then the answer is 503 with
    Retry-After, says in their language that it may not be saved and to send it again,
    shows no trace of the error, and nothing is stored or emailed; sent again once the
    lock is gone, the sign-up is stored once."""
    with held_lock(file_database):
        page = _subscribe(client, language)
    html = page.content.decode()
    assert page.status_code == 503 and int(page["Retry-After"]) > 0
    assert words in html and f'<html lang="{language}">' in html
    assert not any(leak in html for leak in LEAKS)
    assert not Subscriber.objects.exists() and not mail.outbox
    assert _subscribe(client, language).status_code == 302
    assert Subscriber.objects.get().email == SIGN_UP["email"]
    assert len(mail.outbox) == 1


def test_a_sign_up_whose_connection_postgresql_drops_is_told_to_send_again(
        client, postgres, world):  # noqa: F811
    """Given PostgreSQL dropping the app's connection at the moment the sign-up is written
    (its server process terminated, as a restart does), when someone signs up, then the
    answer is 503 with the words to send it again and nothing is stored or emailed; sent
    again on a new connection, the sign-up is stored once."""
    wrapper, killed = killing_before('INSERT INTO "communication_subscriber"')
    with connection.execute_wrapper(wrapper):
        page = _subscribe(client, "en")
    html = page.content.decode()
    assert killed and killed[0] >= 1
    assert page.status_code == 503 and "What you sent may not have been saved" in html
    assert not any(leak in html for leak in LEAKS)
    assert not Subscriber.objects.exists() and not mail.outbox
    assert _subscribe(client, "en").status_code == 302
    assert Subscriber.objects.count() == 1 and len(mail.outbox) == 1


def test_a_page_read_while_the_database_is_gone_asks_to_open_it_again(client_as, world):
    """Given the database failing every read (a restarting PostgreSQL), when the
    secretariat opens the subscribers' list, then the answer is 503 with Retry-After and
    the words to wait and open the page again, not a server error."""
    client = client_as("secretariat")
    url = reverse("communication:subscriber_list", kwargs={"slug": world.initiative.slug})
    wrapper, failures = failing(("SELECT",))
    with connection.execute_wrapper(wrapper):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert failures and page.status_code == 503 and int(page["Retry-After"]) > 0
    assert "open the page again" in html and not any(leak in html for leak in LEAKS)
    assert client.get(url).status_code == 200
