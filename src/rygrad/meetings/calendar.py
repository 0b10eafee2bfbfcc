"""The iCalendar feed of meetings (RFC 5545), and the secret behind a personal address.

A calendar program fetches the feed by itself, without a login, so a feed shows what
whoever it belongs to may see:
- `/i/<slug>/meetings/calendar.ics` — what the one fetching it may see: on a public
  initiative, for a calendar program (no login), the public events; in a browser, with a
  login, the person's own meetings;
- `/i/<slug>/meetings/calendar/<secret>.ics` — a person's secret address: what its
  holder's role lets them see *at each fetch* (so a role taken away empties it, and on a
  private initiative it is the only way a calendar program gets anything). Only a hash of
  the secret is kept.

Times are written in UTC (no time-zone table needed); a meeting without a start time is
a whole-day event. Text is plain text; the library escapes it for the format.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Meeting


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _utc(on: dt.date, at: dt.time) -> dt.datetime:
    local = dt.datetime.combine(on, at, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return local.astimezone(dt.UTC)


def _description(meeting: Meeting) -> str:
    parts = [meeting.description] if meeting.description else []
    items = list(meeting.items.all())
    if items:
        parts.append("\n".join(f"{n}. {item.title}" for n, item in enumerate(items, 1)))
    return "\n\n".join(parts)


def meetings_ics(*, name: str, meetings: Iterable[Meeting],
                 url_for: Callable[[Meeting], str], host: str) -> bytes:
    """The meetings as one iCalendar file named `name`; each event links to its page."""
    calendar = Calendar()
    calendar.add("prodid", "-//Rygrad//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", meeting.title)
        if meeting.starts_at is None:
            event.add("dtstart", meeting.held_on)
            event.add("dtend", meeting.held_on + dt.timedelta(days=1))
        else:
            event.add("dtstart", _utc(meeting.held_on, meeting.starts_at))
            if meeting.ends_at is not None:
                event.add("dtend", _utc(meeting.held_on, meeting.ends_at))
        if meeting.place:
            event.add("location", meeting.place)
        description = _description(meeting)
        if description:
            event.add("description", description)
        event.add("categories", [meeting.get_kind_display()])
        event.add("url", url_for(meeting))
        calendar.add_component(event)
    return calendar.to_ical()
