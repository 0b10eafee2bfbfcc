"""The meetings' lists as tables — the same rows on the page, in the CSV and in the Excel
file (`core.exports` makes text safe there)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rygrad.core.exports import Table

from .models import Kind


def meetings_table(meetings) -> Table:
    """`meetings`: the filtered, permitted queryset with `selectors.with_counts`."""
    kinds = dict(Kind.choices)
    return Table(title=_("Meetings"), columns=[
        _("Title"), _("Kind"), _("Date"), _("Starts at"), _("Ends at"), _("Place"),
        _("Agenda items"), _("Items with a youth briefing"), _("People who came"),
        _("Young people who came")],
        rows=([m.title, str(kinds[m.kind]), m.held_on, _time(m.starts_at), _time(m.ends_at),
               m.place, m.item_count, m.briefed_count, m.attendee_count, m.youth_count]
              for m in meetings.iterator(chunk_size=500)))


def _time(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def actions_table(actions, *, today: dt.date) -> Table:
    """`actions`: the filtered queryset of `selectors.actions_filtered`."""
    return Table(title=_("Action items"), columns=[
        _("Action"), pgettext("action item", "Owner"), _("Organisation"), _("Due"),
        _("Done on"), _("Overdue"), _("Meeting"), _("Meeting date")],
        rows=([a.title, a.owner.name, a.owner.organisation.name if a.owner.organisation
               else None, a.due_on, a.done_on, a.is_overdue(today), a.meeting.title,
               a.meeting.held_on] for a in actions.iterator(chunk_size=500)))
