"""Reads on the alliance registry. History matters here, so most reads take an as-of date:
a membership counts at `at` when it started on or before `at` and had not ended before it
(the end date is the last day of membership)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Min, Q, QuerySet, Value, When

from .models import AgeBand, Membership, MembershipRole, Organisation, Partnership, Person, Sector


def _active_at(at: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}started_on__lte": at}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": at})
    )


def sector_order(field: str = "sector") -> Case:
    """An ordering by sector in the order `Sector` lists them (municipality, school,
    day-care, ... other): the same in every language, unlike the translated labels, and
    more telling than the codes' alphabet. For lists, tables and charts by sector."""
    return Case(*[When(**{field: value}, then=Value(rank))
                  for rank, value in enumerate(Sector.values)],
                default=Value(len(Sector.values)), output_field=IntegerField())


def memberships_at(*, initiative, at: dt.date, sector: str = "", role: str = "") -> QuerySet:
    """The seats of the alliance group on `at`, optionally one sector or one role, ordered
    for the page: by sector (`sector_order`), organisation and person."""
    qs = (
        Membership.objects.for_initiative(initiative)
        .filter(_active_at(at))
        .select_related("person", "organisation")
    )
    if sector:
        qs = qs.filter(organisation__sector=sector)
    if role:
        qs = qs.filter(role=role)
    return qs.order_by(sector_order("organisation__sector"), "organisation__name",
                       "person__name", "pk")


def members_at(*, initiative, at: dt.date) -> QuerySet:
    """The people holding at least one seat on `at` (each once)."""
    return Person.objects.for_initiative(initiative).filter(
        pk__in=Membership.objects.for_initiative(initiative).filter(_active_at(at))
        .values("person_id")
    )


def sectors_represented_at(*, initiative, at: dt.date) -> set[str]:
    """The sectors of the organisations represented in the alliance group on `at`."""
    return set(
        Membership.objects.for_initiative(initiative).filter(_active_at(at))
        .values_list("organisation__sector", flat=True).distinct()
    )


def youth_members_at(*, initiative, at: dt.date) -> QuerySet:
    """Members on `at` who are young (an age band below adult) or hold a youth seat."""
    seats = Membership.objects.for_initiative(initiative).filter(_active_at(at)).filter(
        ~Q(person__age_band=AgeBand.ADULT) | Q(role=MembershipRole.YOUTH)
    )
    return Person.objects.for_initiative(initiative).filter(pk__in=seats.values("person_id"))


def joined_in_year_before(*, initiative, at: dt.date) -> QuerySet:
    """People whose first membership ever started in the 365 days up to and including `at`:
    newcomers, not people who changed seat or came back. In the first year of the
    calendar (an `?at=0001-01-01` typed into the address) the window starts at its
    beginning: a date before it does not exist."""
    window = Q(first_started__lte=at)
    if at.toordinal() > 365:
        window &= Q(first_started__gt=at - dt.timedelta(days=365))
    return (
        Person.objects.for_initiative(initiative)
        .annotate(first_started=Min("memberships__started_on"))
        .filter(window)
    )


@dataclass(frozen=True)
class SectorYear:
    """Members per sector on one date (a year end, or today for the running year)."""

    on: dt.date
    by_sector: dict[str, int]
    total: int


def members_by_sector_over_time(*, initiative, until: dt.date) -> list[SectorYear]:
    """Members per sector at each year end from the year of the first membership, the
    running year counted as of `until`. A person counts once per sector they represent;
    the total counts each person once. One query; the counting is done here because the
    alliance holds tens to hundreds of memberships, not millions."""
    seats = list(
        Membership.objects.for_initiative(initiative)
        .filter(started_on__lte=until)
        .values_list("person_id", "organisation__sector", "started_on", "ended_on")
    )
    if not seats:
        return []
    first_year = min(started for _p, _s, started, _e in seats).year
    rows = []
    for year in range(first_year, until.year + 1):
        on = min(dt.date(year, 12, 31), until)
        people: dict[str, set[int]] = defaultdict(set)
        everyone: set[int] = set()
        for person_id, sector, started, ended in seats:
            if started <= on and (ended is None or ended >= on):
                people[sector].add(person_id)
                everyone.add(person_id)
        by_sector = {value: len(people[value]) for value in Sector.values}
        rows.append(SectorYear(on=on, by_sector=by_sector, total=len(everyone)))
    return rows


def organisations_list(*, initiative, sector: str = "", query: str = "",
                       at: dt.date, archived: bool = False) -> QuerySet:
    """Organisations with their number of registered people and of seats held on `at`:
    those in use, or (`archived`) the archived ones."""
    qs = (
        Organisation.objects.for_initiative(initiative)
        .filter(archived_on__isnull=not archived)
        .select_related("parent")
        .annotate(
            people_count=Count("people", distinct=True),
            seats_count=Count("memberships", filter=_active_at(at, "memberships__"),
                              distinct=True),
        )
    )
    if sector:
        qs = qs.filter(sector=sector)
    if query:
        qs = qs.filter(name__icontains=query)
    return qs.order_by("name")


def people_list(*, initiative, organisation_id: int | None = None, query: str = "",
                at: dt.date) -> QuerySet:
    """People in the registry with their organisation and whether they hold a seat on `at`."""
    qs = (
        Person.objects.for_initiative(initiative)
        .select_related("organisation")
        .annotate(seats_count=Count("memberships", filter=_active_at(at, "memberships__")))
    )
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    if query:
        qs = qs.filter(name__icontains=query)
    return qs.order_by("name", "pk")


def partnerships_of(*, organisation: Organisation) -> QuerySet:
    """The explicit partnerships an organisation is part of, on either side."""
    return (
        Partnership.objects.for_initiative(organisation.initiative_id)
        .filter(Q(organisation_a=organisation) | Q(organisation_b=organisation))
        .select_related("organisation_a", "organisation_b")
        .order_by("started_on", "pk")
    )


def memberships_of_organisation(*, organisation: Organisation) -> QuerySet:
    return (
        Membership.objects.for_initiative(organisation.initiative_id)
        .filter(organisation=organisation)
        .select_related("person")
        .order_by("-started_on", "person__name")
    )


def memberships_of_person(*, person: Person) -> QuerySet:
    return (
        Membership.objects.for_initiative(person.initiative_id)
        .filter(person=person)
        .select_related("organisation")
        .order_by("-started_on", "pk")
    )


def people_with_email(*, initiative, email: str) -> QuerySet:
    """The registry's people with this email address (any case), not anonymised, with
    their organisation and login: whom an invitation to that address may belong to."""
    return (Person.objects.for_initiative(initiative)
            .filter(email__iexact=email.strip(), anonymised_at__isnull=True)
            .select_related("organisation", "user").order_by("name", "pk"))


def person_data_export(*, person: Person) -> dict:
    """Everything the registry holds about one person, for their right of access (GDPR
    art. 15): their details, their seats with dates and the organisation they represent."""
    return {
        "person": {
            "id": person.pk,
            "name": person.name,
            "title": person.title,
            "email": person.email,
            "age_band": person.age_band,
            "organisation": person.organisation.name if person.organisation else None,
            "login": person.user.email if person.user else None,
            "anonymised_at": person.anonymised_at.isoformat() if person.anonymised_at else None,
        },
        "memberships": [
            {
                "organisation": membership.organisation.name,
                "role": membership.role,
                "from": membership.started_on.isoformat(),
                "to": membership.ended_on.isoformat() if membership.ended_on else None,
                "reason_for_leaving": membership.end_reason,
            }
            for membership in memberships_of_person(person=person).order_by("started_on", "pk")
        ],
        "initiative": person.initiative.name,
    }
