"""Date arithmetic the apps share."""

from __future__ import annotations

import datetime as dt


def year_before(day: dt.date) -> dt.date:
    """The same date a year earlier (28 February for 29 February). In the calendar's first
    year (an `?at=0001-06-30` typed into an address) there is no year before: the answer is
    the calendar's first day, so "the last 12 months" start where the calendar does."""
    if day.year == dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def days_before(day: dt.date, days: int) -> dt.date:
    """`days` days before `day`, or the calendar's first day when that is earlier."""
    if day.toordinal() <= days:
        return dt.date.min
    return day - dt.timedelta(days=days)
