"""Month and quarter ends: the dates at which a signal's history is kept."""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils import formats
from django.utils.translation import gettext as _

EVERY = ("month", "quarter")


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def previous_month_end(day: dt.date) -> dt.date:
    """The last month end strictly before `day`; in the calendar's first month, where
    there is none, its first day (before every history's start, so nothing is missing)."""
    first = day.replace(day=1)
    return dt.date.min if first == dt.date.min else first - dt.timedelta(days=1)


def month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """The month ends from `first`'s month through `last` (inclusive), in order."""
    ends = []
    on = month_end(first)
    while on <= last:
        ends.append(on)
        on = month_end(on + dt.timedelta(days=1))
    return ends


def is_quarter_end(day: dt.date) -> bool:
    return day.month % 3 == 0 and day == month_end(day)


def month_label(day: dt.date) -> str:
    """A month as people write it: "marts 2017", "March 2017"."""
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


def point_label(day: dt.date) -> str:
    """A point of a history: its month for a month end, the whole date otherwise."""
    if day == month_end(day):
        return month_label(day)
    return formats.date_format(day, "DATE_FORMAT")


def every_label(every: str) -> str:
    return _("quarter") if every == "quarter" else _("month")
