"""An object's change history for the secretariat, read from the audit log
(django-auditlog): when, by whom, and which fields went from what to what.

Personal fields are never in it: each app registers its models with the audit log with
`exclude_fields` for names, emails and titles (alliance.Person), so they are not recorded
in the first place; the history also masks any field an app lists in `MASKED` (for a
field that must be logged but not shown).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# "<app>.<Model>" -> field names whose values the history shows as "(hidden)".
MASKED: dict[str, set[str]] = {}

ACTIONS = {0: _("created"), 1: _("changed"), 2: _("deleted"), 3: _("opened")}


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    when: dt.datetime
    who: str
    action: str
    changes: list[Change]


def object_history(obj, *, limit: int = 100) -> list[HistoryEntry]:
    """The latest `limit` changes of `obj`, newest first, in a fixed number of queries:
    the entries, then one query per kind of related record they name (the names of the
    organisations a change of driver went between, for instance)."""
    from auditlog.models import LogEntry

    label = obj._meta.label
    # The fields people edit: not the id, the initiative, nor reverse relations (which the
    # audit log records on creation as noise).
    fields = {f.name: f for f in obj._meta.concrete_fields
              if f.name not in ("id", "initiative")}
    entries = list(LogEntry.objects.get_for_object(obj).select_related("actor")
                   .order_by("-timestamp", "-pk")[:limit])
    related = _related_names(fields, entries)
    history = []
    for entry in entries:
        changes = []
        for name, values in (entry.changes_dict or {}).items():
            field = fields.get(name)
            if field is None:
                continue
            before, after = (_display(field, value, related)
                             for value in (list(values) + [None, None])[:2])
            if not (before or after):
                continue
            if name in MASKED.get(label, set()):
                before = after = str(_("(hidden)"))
            changes.append(Change(field=str(field.verbose_name), before=before, after=after))
        who = str(entry.actor) if entry.actor else str(_("the system"))
        history.append(HistoryEntry(when=entry.timestamp, who=who,
                                    action=str(ACTIONS.get(entry.action, entry.action)),
                                    changes=changes))
    return history


def _related_names(fields, entries) -> dict[tuple, str]:
    """(model, pk as text) -> the record's name, for every related record the entries
    name, one query per related model."""
    wanted: dict = {}
    for entry in entries:
        for name, values in (entry.changes_dict or {}).items():
            field = fields.get(name)
            if field is not None and field.is_relation:
                wanted.setdefault(field.related_model, set()).update(
                    v for v in values if v not in (None, "None"))
    names = {}
    for model, pks in wanted.items():
        valid = [pk for pk in pks if str(pk).isdigit()]
        for pk, record in model._default_manager.in_bulk(valid).items():
            names[(model, str(pk))] = str(record)
    return names


def _display(field, value, related) -> str:
    if value in (None, "None", ""):
        return ""
    value = str(value)
    if field.is_relation:
        return related.get((field.related_model, value), f"#{value}")
    if field.get_internal_type() == "BooleanField":
        return str(_("yes")) if value == "True" else str(_("no"))
    if field.flatchoices:
        return str(dict((str(k), v) for k, v in field.flatchoices).get(value, value))
    return value
