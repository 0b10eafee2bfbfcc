"""One more try on a database error, and only one."""

import pytest
from django.db import OperationalError

from rygrad.core import retry


@pytest.fixture(autouse=True)
def no_pause(monkeypatch, db):
    monkeypatch.setattr(retry, "PAUSE_SECONDS", 0)


def _flaky(failures: int):
    calls = []

    def write(*, value):
        calls.append(value)
        if len(calls) <= failures:
            raise OperationalError("database is locked")
        return value * 2

    return write, calls


def test_a_single_operational_error_is_tried_again():
    """Given a write failing once with OperationalError, when it is called through the
    helper, then it is called again with the same arguments and its result returned."""
    write, calls = _flaky(1)
    assert retry.retry_once_on_operational_error(write)(value=21) == 42
    assert calls == [21, 21]


def test_a_second_operational_error_reaches_the_caller():
    """Given a write failing twice, when called through the helper, then the second error
    is raised after exactly two calls (the caller tells the person)."""
    write, calls = _flaky(2)
    with pytest.raises(OperationalError):
        retry.retry_once_on_operational_error(write)(value=1)
    assert len(calls) == 2


def test_other_errors_are_not_tried_again():
    """Given a write failing with another error, when called through the helper, then it
    is raised at once, after one call."""
    calls = []

    def write():
        calls.append(1)
        raise ValueError("bad input")

    with pytest.raises(ValueError):
        retry.retry_once_on_operational_error(write)()
    assert calls == [1]


def test_a_connection_the_server_dropped_is_replaced_and_a_live_one_kept(transactional_db):
    """Given the app's open PostgreSQL connection, when it is checked while alive, then it
    is kept; when its server process has been terminated (as by a restart) and it is
    checked, then it is closed, and the next query opens a new one and works."""
    from django.db import connection

    from rygrad.measurement.tests.faults import kill_backends

    if connection.vendor != "postgresql":
        pytest.skip("drops a PostgreSQL connection; SQLite has no server to drop it")
    connection.ensure_connection()
    alive = connection.connection
    retry.drop_broken_connections()
    assert connection.connection is alive
    assert kill_backends() >= 1
    retry.drop_broken_connections()
    assert connection.connection is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
