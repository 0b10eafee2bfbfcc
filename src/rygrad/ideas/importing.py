"""Ideas from a spreadsheet (CSV or one-sheet .xlsx): a workshop's or a hackathon's ideas
typed in afterwards.

All or nothing: every row is checked first and every problem is reported with its row and
column as the person sees them in their spreadsheet; nothing is written unless there are
none. Columns: ``title`` (required), ``description``, ``source``, ``submitted_by`` (the
submitter group), ``date``, ``tracks`` (names separated by ``;``), ``nickname``,
``age_band``. Danish column names work too (COLUMN_ALIASES), and choices may be given by
code or by their Danish or English name. What a row leaves empty comes from the import
form: its source, submitter group, date and meeting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rygrad.agenda.models import Track
from rygrad.alliance.models import AgeBand
from rygrad.core.permissions import Actor
from rygrad.core.tabular import Problem, SpreadsheetError, named_columns, read_sheet

from . import services
from .models import Idea, Moderation, Source, SubmitterGroup

COLUMNS = ["title", "description", "source", "submitted_by", "date", "tracks", "nickname",
           "age_band"]
COLUMN_ALIASES = {
    "idé": "title", "ide": "title", "idea": "title", "titel": "title",
    "beskrivelse": "description", "kilde": "source", "indsendt af": "submitted_by",
    "submitter group": "submitted_by", "submitter_group": "submitted_by", "gruppe": "submitted_by",
    "group": "submitted_by", "dato": "date", "submitted on": "date", "spor": "tracks",
    "track": "tracks", "kaldenavn": "nickname", "navn": "nickname", "name": "nickname",
    "aldersgruppe": "age_band", "age band": "age_band", "alder": "age_band",
}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y")
TITLE_MAX = Idea._meta.get_field("title").max_length
NICKNAME_MAX = Idea._meta.get_field("nickname").max_length


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    created: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _choice_lookup(choices) -> dict[str, str]:
    """Codes and labels (English and Danish) of a choices class, lower-cased, to codes."""
    lookup = {value.lower(): value for value in choices.values}
    for language in ("en", "da"):
        with translation.override(language):
            for value, label in choices.choices:
                lookup[str(label).lower()] = value
                lookup[str(label).lower().replace("–", "-")] = value
    return lookup


def _parse_date(text: str) -> dt.date | None:
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def ideas_import(*, initiative, by: Actor, data: bytes, filename: str,
                 source: str = Source.OTHER, submitter_group: str = "",
                 submitted_on: dt.date | None = None, event=None) -> ImportResult:
    """Import the ideas of a spreadsheet, or none of them (the problems, each with its
    row and column)."""
    if not by.can("ideas.manage"):
        return ImportResult(problems=[Problem(None, None, _(
            "Only the secretariat imports ideas."))])
    try:
        sheet = read_sheet(data, filename)
    except SpreadsheetError as error:
        return ImportResult(problems=[error.problem])
    try:
        header = named_columns(sheet.header, COLUMN_ALIASES)
    except SpreadsheetError as error:
        return ImportResult(problems=[error.problem])
    if "title" not in header:
        return ImportResult(problems=[Problem(1, "title", _(
            "This column is missing: the idea itself (title or idé)."))])
    if not sheet.rows:
        return ImportResult(problems=[Problem(None, None, _(
            "The file has a header row but no data."))])
    default_on = submitted_on or timezone.localdate()
    result = ImportResult()
    plans = _check(initiative, sheet.rows, header, result.problems,
                   defaults={"source": source, "submitted_by": submitter_group,
                             "date": default_on})
    if result.problems:
        return result
    if event is not None and event.initiative_id != initiative.pk:
        return ImportResult(problems=[Problem(None, None, _(
            "The meeting belongs to another initiative."))])
    try:
        with transaction.atomic():
            made = []
            for plan in plans:
                row = plan.pop("row")
                try:
                    made.append(services.idea_create(
                        initiative=initiative, by=by, moderation=Moderation.APPROVED,
                        event=event, **plan))
                except ValidationError as error:
                    raise _RowFailed(Problem(row, None, "; ".join(error.messages))) from None
            result.created = len(made)
    except _RowFailed as failure:
        return ImportResult(problems=[failure.problem])
    return result


class _RowFailed(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _check(initiative, rows, header, problems, *, defaults) -> list[dict]:
    sources, groups = _choice_lookup(Source), _choice_lookup(SubmitterGroup)
    bands = _choice_lookup(AgeBand)
    tracks = {t.name.lower(): t for t in Track.objects.for_initiative(initiative)}
    today = timezone.localdate()
    plans = []

    def problem(number, column, message):
        problems.append(Problem(number, header.get(column, column), message))

    for number, values in rows:
        value = {key: values.get(raw, "").strip() for key, raw in header.items()}
        plan = {"row": number, "title": value.get("title", ""),
                "description": value.get("description", ""),
                "nickname": value.get("nickname", ""), "tracks": []}
        if not plan["title"]:
            problem(number, "title", _("The idea is empty."))
        elif len(plan["title"]) > TITLE_MAX:
            problem(number, "title", _("The idea is too long (at most %(max)s characters); "
                                       "put the rest in the description.") % {"max": TITLE_MAX})
        if len(plan["nickname"]) > NICKNAME_MAX:
            problem(number, "nickname", _("The nickname is too long (at most %(max)s "
                                          "characters).") % {"max": NICKNAME_MAX})
        plan["source"] = _choice(value.get("source"), defaults["source"], sources, Source,
                                 number, "source", problem)
        plan["submitter_group"] = _choice(value.get("submitted_by"), defaults["submitted_by"],
                                          groups, SubmitterGroup, number, "submitted_by",
                                          problem)
        plan["age_band"] = _choice(value.get("age_band"), "", bands, AgeBand, number,
                                   "age_band", problem, required=False)
        plan["submitted_on"] = defaults["date"]
        if value.get("date"):
            plan["submitted_on"] = _parse_date(value["date"])
            if plan["submitted_on"] is None:
                problem(number, "date", _("“%(value)s” is not a date (use YYYY-MM-DD or "
                                          "DD-MM-YYYY).") % {"value": value["date"]})
            elif plan["submitted_on"] > today:
                problem(number, "date", _("The date is after today."))
        for name in filter(None, (n.strip() for n in value.get("tracks", "").split(";"))):
            track = tracks.get(name.lower())
            if track is None:
                problem(number, "tracks", _("No track named “%(name)s”.") % {"name": name})
            else:
                plan["tracks"].append(track)
        plans.append(plan)
    return plans


def _choice(text, default, lookup, choices, number, column, problem, *, required=True):
    if not text:
        if required and not default:
            problem(number, column, _("Empty; use one of: %(choices)s.") % {
                "choices": ", ".join(str(label) for label in choices.labels)})
        return default
    found = lookup.get(text.lower())
    if found is None:
        problem(number, column, _("“%(value)s” is not one of: %(choices)s.") % {
            "value": text, "choices": ", ".join(str(label) for label in choices.labels)})
        return default
    return found
