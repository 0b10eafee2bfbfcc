"""The demo initiative's meetings, October 2015 to the next alliance meeting to come (see
demo_data.py for the story). Everything goes through the services, as the secretariat.

Other demos find these meetings by title and date (several meetings share a title):
- the alliance meetings are titled "Alliancemøde" (four a year; the seed's years on the
  dates of `ALLIANCE_DATES`, among them 2016-11-24, 2017-09-14 and 2018-03-08), the next
  one is to come, with its agenda and youth briefings;
- "Visionsværksted med unge" (workshop, 2016-04-20), "Strategiværksted om spor"
  (workshop, 2016-09-29);
- "Ungebussen på <school>" (youth meetings, 12-16 September 2016, one school a day in the
  order of `YOUTH_BUS`: Egelund Skole on the 12th ... Egelund Friskole on the 16th);
- "Hackathon på skolerne" (the hackathon, 2017-03-01) — the ideas demo adds its ideas;
- "Ungemøde i Fællesrådet" (youth meetings, the second Wednesday of October from 2016:
  2016-10-12, 2017-10-11, 2018-10-10, ...), and "Ungepanel: forberedelse til
  alliancemødet" a week before each alliance meeting from 2018-11-22;
- public events: "Trivselsfest på torvet" (2018-06-02), "Læsehestenes dag på
  biblioteket" (2019-05-04), "Fællesskabsugen: åbent hus" each September from 2019, and
  "Fællesskabsaften på biblioteket" 45 days after the day the demo is built.

Random choices (who came, which items, who owns an action) come from the module's own
generator, seeded with its name, not from the shared `rng`: the meetings demo then leaves
the shared stream, and so every later app's demo, as it was.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from rygrad.activities.models import Activity
from rygrad.agenda.demo import secretariat_actor
from rygrad.alliance.models import Person, Sector
from rygrad.alliance.selectors import members_at

from . import services
from .demo_data import (
    ACTIONS,
    ADULT_TURNOUT,
    ALLIANCE_DATES,
    ALLIANCE_MONTHS,
    BACKBONE_OWNERS,
    BRIEFED_SHARE,
    DECISIONS,
    EVENTS,
    ITEM_DECISIONS,
    ITEMS,
    LIBRARY,
    TOWN_HALL,
    WELCOME,
    YOUTH_BUS,
    YOUTH_BUS_FROM,
    YOUTH_MEETING,
    YOUTH_MEETING_ITEMS,
    YOUTH_MEETING_PLACE,
    YOUTH_PANEL,
    YOUTH_PANEL_FROM,
    YOUTH_TURNOUT,
)
from .models import Group, Kind, Meeting

ALLIANCE_MEETING = "Alliancemøde"


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The `n`th `weekday` (Monday 0) of the month; n = -1 for the last."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def alliance_dates(today: dt.date) -> list[dt.date]:
    """The alliance meetings held up to today, and the next one to come."""
    dates = [_date(d) for d in ALLIANCE_DATES]
    year = dates[-1].year + 1
    while dates[-1] <= today:
        dates += [_nth_weekday(year, month, 3, 2) for month in ALLIANCE_MONTHS]
        year += 1
    upcoming = next(d for d in dates if d > today)
    return [d for d in dates if d <= today] + [upcoming]


def _by_year(table: dict[int, float], year: int) -> float:
    return table.get(year, table[max(table)] if year > max(table) else table[min(table)])


class _Demo:
    def __init__(self, initiative):
        self.initiative = initiative
        self.by = secretariat_actor(initiative)
        self.today = timezone.localdate()
        self.random = random.Random("rygrad.meetings")
        self.people = {p.name: p for p in Person.objects.for_initiative(initiative)
                       .select_related("organisation")}
        self.activities = {a.title: a for a in Activity.objects.for_initiative(initiative)}

    def meeting(self, title, kind, on, starts="16:00", ends="18:00", place="",
                description="", minutes="") -> Meeting:
        return services.meeting_create(
            initiative=self.initiative, by=self.by, title=title, kind=kind, held_on=on,
            starts_at=_time(starts), ends_at=_time(ends), place=place,
            description=description, minutes=minutes)

    def counts(self, meeting, counts: dict[str, int]) -> None:
        if meeting.held_on <= self.today:
            services.attendance_set_counts(meeting=meeting, by=self.by, counts=counts)

    def build(self) -> None:
        for title, kind, on, starts, ends, place, description, counts in EVENTS:
            meeting = self.meeting(title, kind, _date(on), starts, ends, place, description)
            self.counts(meeting, counts)
        self.youth_bus()
        self.youth_meetings()
        for on in alliance_dates(self.today):
            self.alliance_meeting(on)
        self.public_events()

    def youth_bus(self) -> None:
        start = _date(YOUTH_BUS_FROM)
        for day, (school, pupils) in enumerate(YOUTH_BUS):
            meeting = self.meeting(
                f"Ungebussen på {school}", Kind.YOUTH, start + dt.timedelta(days=day),
                "09:00", "14:00", school,
                "Ungebussen holder i skolegården hele dagen: eleverne fortæller, hvad der "
                "skal til, for at alle har et fællesskab.")
            self.counts(meeting, {Group.YOUNG_PEOPLE: pupils // 2,
                                  Group.CHILDREN: pupils - pupils // 2,
                                  Group.PROFESSIONALS: 3})

    def youth_meetings(self) -> None:
        for year in range(2016, self.today.year + 1):
            on = _nth_weekday(year, 10, 2, 2)
            if on > self.today:
                break
            meeting = self.meeting(YOUTH_MEETING, Kind.YOUTH, on, "17:00", "19:00",
                                   YOUTH_MEETING_PLACE,
                                   "Åbent møde for alle unge om trivsel og fællesskab.")
            for title in YOUTH_MEETING_ITEMS:
                services.agenda_item_add(meeting=meeting, by=self.by, title=title)
            self.counts(meeting, {Group.YOUNG_PEOPLE: self.random.randrange(14, 31),
                                  Group.PROFESSIONALS: 2})
            services.decision_record(meeting=meeting, by=self.by, text=(
                "De unges idéer sendes videre til alliancens næste møde."))

    def public_events(self) -> None:
        for year in range(2019, self.today.year + 1):
            on = _nth_weekday(year, 9, 5, -1)
            if on > self.today:
                break
            meeting = self.meeting(
                "Fællesskabsugen: åbent hus", Kind.PUBLIC, on, "10:00", "14:00",
                "Skoler og foreninger i hele kommunen",
                "Skoler og foreninger åbner dørene: prøv en forening, mød en klub.")
            self.counts(meeting, {Group.CHILDREN: self.random.randrange(80, 160),
                                  Group.PARENTS: self.random.randrange(60, 120),
                                  Group.VOLUNTEERS: self.random.randrange(20, 40)})
        self.meeting("Fællesskabsaften på biblioteket", Kind.PUBLIC,
                     self.today + dt.timedelta(days=45), "19:00", "21:00", LIBRARY,
                     "Foreninger og unge fortæller om fællesskaber for børn. Gratis adgang.")

    def alliance_meeting(self, on: dt.date) -> None:
        past = on <= self.today
        wanted = {item for _t, _a, item in DECISIONS.get(on.isoformat(), []) if item}
        chosen = [row for row in ITEMS if row[0] in wanted]
        chosen += self.random.sample([row for row in ITEMS if row[0] not in wanted],
                                     3 - len(chosen))
        items = [WELCOME, *chosen]
        minutes = ""
        if past:
            minutes = "\n".join([f"Referat af alliancemødet {on.strftime('%d.%m.%Y')}.", ""]
                                + [f"{n}. {title}: {line}"
                                   for n, (title, _b, line) in enumerate(items, 1)])
        meeting = self.meeting(ALLIANCE_MEETING, Kind.ALLIANCE, on, "16:00", "18:30",
                               LIBRARY if on.month == 6 else TOWN_HALL,
                               "Alliancegruppens møde.", minutes)
        share = 0.75 if not past else _by_year(BRIEFED_SHARE, on.year)
        made = {}
        for n, (title, briefing, _line) in enumerate(items):
            brief = n < round(share * len(items)) if not past else self.random.random() < share
            made[title] = services.agenda_item_add(
                meeting=meeting, by=self.by, title=title,
                youth_briefing=briefing if brief else "")
        if on >= _date(YOUTH_PANEL_FROM):
            self.youth_panel(on)
        if not past:
            return
        present = self.attendance(meeting, on)
        decisions = self.decisions(meeting, on, made)
        self.actions(meeting, on, present, decisions)

    def youth_panel(self, alliance_on: dt.date) -> None:
        on = alliance_on - dt.timedelta(days=7)
        meeting = self.meeting(YOUTH_PANEL, Kind.YOUTH, on, "16:00", "17:30",
                               YOUTH_MEETING_PLACE,
                               "De unge gennemgår dagsordenen for alliancemødet sammen med "
                               "sekretariatet, punkt for punkt.")
        services.agenda_item_add(meeting=meeting, by=self.by,
                                 title="Dagsordenen for alliancemødet, punkt for punkt")
        self.counts(meeting, {Group.YOUNG_PEOPLE: self.random.randrange(3, 8),
                              Group.PROFESSIONALS: 1})

    def attendance(self, meeting, on) -> list[Person]:
        present = []
        youth_turnout = _by_year(YOUTH_TURNOUT, on.year)
        for person in members_at(initiative=self.initiative, at=on).select_related(
                "organisation").order_by("name", "pk"):
            chance = youth_turnout if person.is_youth else ADULT_TURNOUT
            if person.name in BACKBONE_OWNERS:
                chance = 1
            if self.random.random() >= chance:
                continue
            volunteer = (person.organisation is not None
                         and person.organisation.sector == Sector.ASSOCIATION)
            services.attendance_add_person(
                meeting=meeting, by=self.by, person=person,
                group="" if person.is_youth else (
                    Group.VOLUNTEERS if volunteer else Group.PROFESSIONALS))
            present.append(person)
        if on >= _date(YOUTH_PANEL_FROM):
            # Young people from the youth panel come along as guests.
            self.counts(meeting, {Group.YOUNG_PEOPLE: self.random.randrange(0, 4)})
        return present

    def decisions(self, meeting, on, items) -> list:
        rows = DECISIONS.get(on.isoformat())
        if rows is None:
            rows = [(text, None, title) for title, text in ITEM_DECISIONS.items()
                    if title in items][:1]
        return [services.decision_record(
            meeting=meeting, by=self.by, text=text, agenda_item=items.get(item),
            activity=self.activities.get(activity) if activity else None)
            for text, activity, item in rows]

    def actions(self, meeting, on, present, decisions) -> None:
        backbone = [p for p in present if p.name in BACKBONE_OWNERS]
        others = [p for p in present if not p.is_youth and p.name not in BACKBONE_OWNERS]
        recent = on > self.today - dt.timedelta(days=365)
        for title, by_backbone in self.random.sample(ACTIONS, self.random.randrange(1, 4)):
            owners = backbone if by_backbone or not others else others
            due = on + dt.timedelta(days=self.random.randrange(28, 71))
            action = services.action_create(
                meeting=meeting, by=self.by, title=title, owner=self.random.choice(owners),
                due_on=due, decision=decisions[0] if decisions and not by_backbone else None)
            done = due + dt.timedelta(days=self.random.randrange(-20, 15))
            kept = self.random.random() < (0.55 if recent else 0.95)
            if kept and on <= done <= self.today:
                services.action_complete(action=action, by=self.by, on=done)


def build(initiative, rng) -> None:
    _Demo(initiative).build()
