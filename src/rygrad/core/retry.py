"""One more try when the database is busy or briefly gone.

A write from someone who cannot easily come back (a pupil answering a survey, an idea sent
from a phone) should survive a locked SQLite file or a PostgreSQL restart: the first
`OperationalError` is logged, broken connections are dropped so a fresh one is opened,
and the call is made once more. A second failure is raised for the caller to tell the
person, in words, that nothing was saved.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import OperationalError, connections

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

# A short breath before the second try (a restarting database needs a moment; a lock has
# already been waited for by SQLite's busy timeout).
PAUSE_SECONDS = 0.5


def pause() -> None:
    time.sleep(PAUSE_SECONDS)


def drop_broken_connections() -> None:
    """Close the connections the database has dropped (a restart, a killed backend) and
    that no transaction is using, so the next query opens a fresh one instead of failing.

    What Django's CONN_HEALTH_CHECKS does at the start of a request, done on purpose at the
    start of a write that must not be lost, whatever the setting: one `SELECT 1` on
    PostgreSQL, nothing on SQLite (its connection is a file).
    """
    for connection in connections.all(initialized_only=True):
        if (connection.connection is not None and not connection.in_atomic_block
                and not connection.is_usable()):
            logger.warning("Database connection %s was closed by the server; reconnecting",
                           connection.alias)
            connection.close()


def retry_once_on_operational_error(func: Callable[P, R]) -> Callable[P, R]:
    """Call `func`; on `OperationalError` call it once more.

    Use it around a whole `@transaction.atomic` function, never inside a transaction: the
    failed attempt must have been rolled back entirely before it is tried again. (An error
    while committing may leave it unknown whether the first attempt was stored, so wrap
    only writes where a rare duplicate is harmless or refused, such as a one-time code.)
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except OperationalError as error:
            logger.warning("Database error in %s, trying once more: %s",
                           getattr(func, "__qualname__", func), error)
            for connection in connections.all(initialized_only=True):
                if not connection.in_atomic_block:
                    connection.close_if_unusable_or_obsolete()
            pause()
            return func(*args, **kwargs)

    return wrapper
