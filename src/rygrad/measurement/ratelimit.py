"""A generous per-address limit on answers sent with a class code.

A class code is shared by a class, so without a limit one device could send answer after
answer until the class is full. A school's classrooms usually share one address behind
the school's router, so the limit is high enough for two classes answering at once
(setting RYGRAD_SURVEY_RATE_LIMIT, answers per seconds; default 60 per 10 minutes). How
the count is kept without tracking anyone: `rygrad.core.ratelimit`.
"""

from __future__ import annotations

from django.conf import settings

from rygrad.core import ratelimit

DEFAULT_LIMIT = (60, 600)


def _limit() -> tuple[int, int]:
    return getattr(settings, "RYGRAD_SURVEY_RATE_LIMIT", DEFAULT_LIMIT)


def survey_answer_allowed(request) -> bool:
    """Whether this client may send one more class-code answer now. Asked before the
    answer is stored; the answer is counted only once it is (`survey_answer_counted`), so
    an answer the database refused does not count against the class."""
    return ratelimit.within_limit(request, purpose="survey-answers", limit=_limit())


def survey_answer_counted(request) -> None:
    """Count one stored class-code answer against this client."""
    ratelimit.count(request, purpose="survey-answers", limit=_limit())
