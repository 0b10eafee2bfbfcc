"""Importing organisations and people from a spreadsheet (CSV or one-sheet .xlsx).

All or nothing: every row is checked first and every problem is reported with its row and
column as the person sees them in their spreadsheet; nothing is written unless there are
none. Importing the same file twice changes nothing the second time (rows are matched to
the registry by name), so a corrected file can simply be imported again.

Organisations: ``name, sector, parent``. People (one row per seat): ``name, organisation,
title, email, age_band, role, from, to``. Danish column names work too (see COLUMN_ALIASES),
and sectors, age bands and roles may be given by code or by their Danish or English name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, OperationalError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from rygrad.core.tabular import Problem, SpreadsheetError, named_columns, read_sheet
from rygrad.initiatives.models import Initiative

from . import services
from .models import AgeBand, Membership, MembershipRole, Organisation, Person, Sector

ORGANISATIONS, PEOPLE = "organisations", "people"
COLUMNS = {
    ORGANISATIONS: ["name", "sector", "parent"],
    PEOPLE: ["name", "organisation", "title", "email", "age_band", "role", "from", "to"],
}
REQUIRED = {ORGANISATIONS: ["name", "sector"], PEOPLE: ["name"]}
COLUMN_ALIASES = {
    "navn": "name", "sektor": "sector", "overordnet": "parent",
    "overordnet organisation": "parent", "parent organisation": "parent",
    "organisation": "organisation", "organization": "organisation", "titel": "title",
    "e-mail": "email", "mail": "email", "age band": "age_band", "aldersgruppe": "age_band",
    "rolle": "role", "fra": "from", "til": "to",
}
EXTRA_CHOICE_ALIASES = {
    "forening": Sector.ASSOCIATION, "klub": Sector.ASSOCIATION, "club": Sector.ASSOCIATION,
    "day care": Sector.DAYCARE, "regional": Sector.NATIONAL, "national": Sector.NATIONAL,
    "ung": Sector.YOUTH, "unge": Sector.YOUTH, "voksen": AgeBand.ADULT,
}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y")


@dataclass
class ImportResult:
    kind: str = ""
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    memberships: int = 0
    header: dict = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems


class _RowFailed(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _choice_lookup(choices) -> dict[str, str]:
    """Codes and labels (English and Danish) of a choices class, lower-cased, to codes."""
    lookup = {value.lower(): value for value in choices.values}
    for language in ("en", "da"):
        with translation.override(language):
            for value, label in choices.choices:
                lookup[str(label).lower()] = value
                lookup[str(label).lower().replace("–", "-")] = value
    lookup.update({k: v for k, v in EXTRA_CHOICE_ALIASES.items() if v in choices.values})
    return lookup


def _parse_date(text: str) -> dt.date | None:
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def alliance_import(*, initiative, data: bytes, filename: str, kind: str = "") -> ImportResult:
    """Import organisations or people (`kind`; detected from the columns when empty: a file
    with a sector column holds organisations)."""
    try:
        sheet = read_sheet(data, filename)
        header = named_columns(sheet.header, COLUMN_ALIASES)
    except SpreadsheetError as error:
        return ImportResult(kind=kind, problems=[error.problem])
    if not kind:
        kind = ORGANISATIONS if "sector" in header else PEOPLE
    result = ImportResult(kind=kind, header=header)
    missing = [name for name in REQUIRED[kind] if name not in header]
    if missing:
        result.problems = [Problem(1, name, _("This column is missing.")) for name in missing]
        return result
    if not sheet.rows:
        result.problems = [Problem(None, None, _("The file has a header row but no data."))]
        return result
    rows = [(number, {key: values.get(raw, "") for key, raw in header.items()})
            for number, values in sheet.rows]
    check = _check_organisations if kind == ORGANISATIONS else _check_people
    write = _write_organisations if kind == ORGANISATIONS else _write_people
    try:
        with transaction.atomic():
            # One import of an initiative at a time: the rows are matched to the registry
            # as it is under the lock, so five identical imports at once create each
            # organisation once (the first) and change nothing after it.
            list(Initiative.objects.select_for_update().filter(pk=initiative.pk)
                 .values_list("pk", flat=True))
            plans = check(initiative, rows, header, result.problems)
            if result.problems:
                return result
            write(initiative, plans, result)
    except _RowFailed as failure:
        return ImportResult(kind=kind, problems=[failure.problem])
    except (IntegrityError, OperationalError):
        # A change outside imports (a page) raced this import; nothing was written.
        return ImportResult(kind=kind, problems=[Problem(None, None, _(
            "The registry changed while the file was imported (another import or an "
            "edit at the same time); nothing was imported. Import the file again."))])
    return result


def _check_organisations(initiative, rows, header, problems) -> list[dict]:
    sectors = _choice_lookup(Sector)
    existing = {o.name.lower(): o for o in Organisation.objects.for_initiative(initiative)
                .select_related("parent")}
    seen: dict[str, int] = {}
    plans = []
    for number, values in rows:
        name = values["name"]
        if not name:
            problems.append(Problem(number, header["name"], _("A name is required.")))
        elif len(name) > 200:
            problems.append(Problem(number, header["name"], _("The name is too long "
                                                              "(at most 200 characters).")))
        elif name.lower() in seen:
            problems.append(Problem(number, header["name"], _(
                "“%(name)s” is already in row %(row)s.") % {"name": name,
                                                           "row": seen[name.lower()]}))
        else:
            seen[name.lower()] = number
        sector = sectors.get(values["sector"].lower())
        if sector is None:
            problems.append(Problem(number, header["sector"], _(
                "“%(value)s” is not a sector; use one of: %(choices)s.") % {
                "value": values["sector"], "choices": ", ".join(Sector.values)}))
        # Without a parent column, the parents already in the registry stay as they are.
        plans.append({"row": number, "name": name, "sector": sector,
                      "parent": values["parent"] if "parent" in header else None})
    parents: dict[str, str] = {key: o.parent.name.lower() for key, o in existing.items()
                               if o.parent is not None}
    parents.update({p["name"].lower(): p["parent"].lower() for p in plans
                    if p["parent"] is not None and seen.get(p["name"].lower()) == p["row"]})
    for plan in plans:
        parent = (plan["parent"] or "").lower()
        if parent and parent not in seen and parent not in existing:
            problems.append(Problem(plan["row"], header["parent"], _(
                "No organisation named “%(name)s” in the registry or in this file.")
                % {"name": plan["parent"]}))
        elif parent and _loops(plan["name"].lower(), parents):
            problems.append(Problem(plan["row"], header["parent"], _(
                "An organisation cannot be placed under itself or under one of its own "
                "units.")))
    return plans


def _loops(start: str, parents: dict[str, str]) -> bool:
    current, steps = parents.get(start, ""), 0
    while current and steps <= len(parents):
        if current == start:
            return True
        current, steps = parents.get(current, ""), steps + 1
    return False


def _write_organisations(initiative, plans, result) -> None:
    by_name = {o.name.lower(): o for o in Organisation.objects.for_initiative(initiative)}
    changed: set[str] = set()
    try:
        for plan in plans:
            key = plan["name"].lower()
            current = by_name.get(key)
            if current is None:
                by_name[key] = services.organisation_create(
                    initiative=initiative, name=plan["name"], sector=plan["sector"])
                result.created += 1
                changed.add(key)
            elif current.sector != plan["sector"]:
                services.organisation_update(organisation=current, sector=plan["sector"])
                result.updated += 1
                changed.add(key)
        # Detach first, then attach: every intermediate tree is part of the final one, so
        # no step can form a loop that the finished import would not have.
        moves = []
        for plan in plans:
            if plan["parent"] is None:
                continue
            organisation = by_name[plan["name"].lower()]
            parent = by_name.get(plan["parent"].lower()) if plan["parent"] else None
            if organisation.parent_id != (parent.pk if parent else None):
                moves.append((plan, organisation, parent))
        for plan, organisation, _parent in moves:  # noqa: B007 (plan names the row on error)
            if organisation.parent_id is not None:
                services.organisation_update(organisation=organisation, parent=None)
        for plan, organisation, parent in moves:
            if parent is not None:
                services.organisation_update(organisation=organisation, parent=parent)
            if plan["name"].lower() not in changed:
                result.updated += 1
    except ValidationError as error:
        raise _row_failed(plan["row"], result.header, error) from None


def _check_people(initiative, rows, header, problems) -> list[dict]:
    organisations = {o.name.lower(): o for o in Organisation.objects.for_initiative(initiative)}
    bands, roles = _choice_lookup(AgeBand), _choice_lookup(MembershipRole)
    plans = []
    # A person on several rows (one per seat) must be described the same way on each.
    described: dict[tuple[str, str], dict[str, tuple[str, int]]] = {}

    def problem(number, column, message):
        problems.append(Problem(number, header.get(column, column), message))

    for number, values in rows:
        plan = {"row": number, "name": values["name"], "title": values.get("title", ""),
                "email": values.get("email", ""), "organisation": None,
                "age_band": AgeBand.ADULT, "role": MembershipRole.MEMBER,
                "from": None, "to": None}
        if not plan["name"]:
            problem(number, "name", _("A name is required."))
        elif len(plan["name"]) > 150:
            problem(number, "name", _("The name is too long (at most 150 characters)."))
        if len(plan["title"]) > 150:
            problem(number, "title", _("The title is too long (at most 150 characters)."))
        if values.get("organisation"):
            plan["organisation"] = organisations.get(values["organisation"].lower())
            if plan["organisation"] is None:
                problem(number, "organisation", _(
                    "No organisation named “%(name)s” in the registry; import the "
                    "organisations first.") % {"name": values["organisation"]})
        if plan["email"]:
            try:
                validate_email(plan["email"])
            except ValidationError:
                problem(number, "email", _("“%(value)s” is not an email address.")
                        % {"value": plan["email"]})
        if values.get("age_band"):
            plan["age_band"] = bands.get(values["age_band"].lower())
            if plan["age_band"] is None:
                problem(number, "age_band", _(
                    "“%(value)s” is not an age band; use one of: %(choices)s.") % {
                    "value": values["age_band"], "choices": ", ".join(AgeBand.values)})
        if values.get("role"):
            plan["role"] = roles.get(values["role"].lower())
            if plan["role"] is None:
                problem(number, "role", _(
                    "“%(value)s” is not a role; use one of: %(choices)s.") % {
                    "value": values["role"], "choices": ", ".join(MembershipRole.values)})
        _check_seat(number, values, plan, problem)
        plan["age_band_given"] = bool(values.get("age_band"))
        flagged = {p.column for p in problems if p.row == number}
        _check_same_person(number, values, plan, described, problem,
                           skip={c for c in ("title", "email") if header.get(c) in flagged})
        plans.append(plan)
    return plans


def _check_same_person(number, values, plan, described, problem, *, skip=()) -> None:
    """Refuse a row that describes a person of an earlier row otherwise (another title,
    email or age band): which one would win depended on the order of the rows, and
    importing the file again would change the person back and forth."""
    earlier = described.setdefault(
        (plan["name"].lower(), (values.get("organisation") or "").lower()), {})
    for column in ("title", "email", "age_band"):
        if not values.get(column) or plan[column] is None or column in skip:
            continue
        first = earlier.setdefault(column, (plan[column], number))
        if first[0] != plan[column]:
            problem(number, column, _(
                "“%(name)s” is also in row %(row)s, with another value in this column; "
                "give the same value in both rows or leave this cell empty.")
                % {"name": plan["name"], "row": first[1]})


def _check_seat(number, values, plan, problem) -> None:
    for column in ("from", "to"):
        if values.get(column):
            plan[column] = _parse_date(values[column])
            if plan[column] is None:
                problem(number, column, _("“%(value)s” is not a date (use YYYY-MM-DD or "
                                          "DD-MM-YYYY).") % {"value": values[column]})
    wants_seat = any(values.get(c) for c in ("role", "from", "to"))
    if wants_seat and not values.get("from"):
        problem(number, "from", _("A start date is needed for a seat in the alliance group."))
    if wants_seat and not values.get("organisation"):
        problem(number, "organisation", _("A seat in the alliance group needs the "
                                          "organisation the person represents."))
    if plan["from"] and plan["to"] and plan["to"] < plan["from"]:
        problem(number, "to", _("The end date is before the start date."))
    plan["seat"] = wants_seat


FIELD_COLUMNS = {"started_on": "from", "ended_on": "to", "age_band": "age_band",
                 "organisation": "organisation", "name": "name", "title": "title",
                 "email": "email", "role": "role", "sector": "sector", "parent": "parent"}


def _row_failed(row: int, header: dict, error: ValidationError) -> _RowFailed:
    """A problem found only while writing (e.g. an overlap with a seat in the registry),
    named by its row and, where the field maps to one, its column."""
    if hasattr(error, "error_dict"):
        field, messages = next(iter(error.message_dict.items()))
        column = FIELD_COLUMNS.get(field)
        return _RowFailed(Problem(row, header.get(column, column), "; ".join(messages)))
    return _RowFailed(Problem(row, None, "; ".join(error.messages)))


def _write_people(initiative, plans, result) -> None:
    people = {(p.name.lower(), p.organisation_id): p
              for p in Person.objects.for_initiative(initiative)}
    seats = {(m.person_id, m.organisation_id, m.role, m.started_on): m
             for m in Membership.objects.for_initiative(initiative)}
    for plan in plans:
        try:
            _write_person(initiative, plan, people, seats, result)
        except ValidationError as error:
            raise _row_failed(plan["row"], result.header, error) from None


def _write_person(initiative, plan, people, seats, result) -> None:
    organisation = plan["organisation"]
    key = (plan["name"].lower(), organisation.pk if organisation else None)
    person = people.get(key)
    details = {"title": plan["title"], "email": plan["email"], "age_band": plan["age_band"]}
    if person is None:
        person = services.person_create(initiative=initiative, name=plan["name"],
                                        organisation=organisation, **details)
        people[key] = person
        result.created += 1
    else:
        # An empty age band cell says nothing (a new person is an adult by default).
        given = {**details, "age_band": details["age_band"] if plan["age_band_given"] else ""}
        changes = {k: v for k, v in given.items() if v and getattr(person, k) != v}
        if changes and person.anonymised_at is None:
            services.person_update(person=person, **changes)
            result.updated += 1
    if not plan["seat"]:
        return
    seat_key = (person.pk, organisation.pk, plan["role"], plan["from"])
    seat = seats.get(seat_key)
    if seat is None:
        seats[seat_key] = services.membership_start(
            person=person, organisation=organisation, role=plan["role"],
            started_on=plan["from"], ended_on=plan["to"])
        result.memberships += 1
    elif seat.ended_on != plan["to"]:
        services.membership_update(membership=seat, ended_on=plan["to"])
        result.memberships += 1
