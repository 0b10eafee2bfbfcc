"""The alliance as of a date, members by sector over time and the four signals, on the
constructed history in history.py (every expected number counted by hand there)."""

import datetime as dt

import pytest
from django.urls import reverse

from rygrad.alliance import selectors
from rygrad.alliance.models import MembershipRole, Sector
from rygrad.core.signals import get_signal

from .factories import MembershipFactory, PersonFactory
from .history import build_history

D = dt.date
pytestmark = pytest.mark.django_db


def names(people):
    return sorted(p.name for p in people)


@pytest.mark.parametrize(("at", "expected"), [
    (D(2015, 12, 31), []),
    (D(2016, 1, 1), ["Ann"]),
    (D(2017, 6, 30), ["Ann", "Bo", "Cim", "Dorte"]),
    (D(2017, 7, 1), ["Bo", "Cim"]),
    (D(2018, 12, 31), ["Ann", "Bo", "Cim"]),
    (D(2019, 1, 1), ["Ann", "Bo"]),
    (D(2019, 2, 1), ["Ann", "Bo", "Egon"]),
])
def test_members_at_a_date_count_start_and_end_days_as_membership(world, at, expected):
    """Given memberships with start and end dates, when asking who was a member on a date,
    then both the first and the last day count, and a single-day membership counts on it."""
    build_history(world.initiative)
    assert names(selectors.members_at(initiative=world.initiative, at=at)) == expected


def test_overview_as_of_a_past_date_lists_exactly_the_seats_held_then(world, client_as):
    """Given the history, when a member opens the alliance as of 30 June 2017, then the
    page lists the four seats held that day, grouped by sector, and says so."""
    build_history(world.initiative)
    url = reverse("alliance:overview", kwargs={"slug": world.initiative.slug})
    response = client_as("member").get(url, {"at": "2017-06-30"})
    assert response.status_code == 200
    seats = response.context["seats"]
    assert sorted((s.person.name, s.organisation.sector) for s in seats) == [
        ("Ann", Sector.SCHOOL), ("Bo", Sector.MUNICIPALITY), ("Cim", Sector.YOUTH),
        ("Dorte", Sector.ASSOCIATION)]
    assert response.context["people_count"] == 4
    assert response.context["sector_count"] == 4
    next_day = client_as("member").get(url, {"at": "2017-07-01"})
    assert sorted(s.person.name for s in next_day.context["seats"]) == ["Bo", "Cim"]


def test_overview_filters_by_sector_and_role_and_exports_the_same_rows(world, client_as):
    """Given the history, when filtering 2018-06-01 by role chair, then only Bo is shown,
    and the CSV export of the same filter holds exactly his row."""
    build_history(world.initiative)
    url = reverse("alliance:overview", kwargs={"slug": world.initiative.slug})
    client = client_as("member")
    page = client.get(url, {"at": "2018-06-01", "role": MembershipRole.CHAIR})
    assert [s.person.name for s in page.context["seats"]] == ["Bo"]
    youth = client.get(url, {"at": "2018-06-01", "sector": Sector.YOUTH})
    assert [s.person.name for s in youth.context["seats"]] == ["Cim"]
    export = client.get(url, {"at": "2018-06-01", "role": MembershipRole.CHAIR,
                              "format": "csv"})
    lines = b"".join(export.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2
    assert "Bo" in lines[1] and "Kommunen" in lines[1] and "2016-03-01" in lines[1]


def test_overview_with_a_bad_date_shows_today_and_says_why(world, client_as):
    """Given a mistyped date, when opening the overview, then it shows today with a
    message naming the value instead of failing."""
    url = reverse("alliance:overview", kwargs={"slug": world.initiative.slug})
    response = client_as("secretariat").get(url, {"at": "30-06-2017x"})
    assert response.status_code == 200
    assert "30-06-2017x" in response.context["date_error"]


def test_members_by_sector_over_time_counts_each_year_end_and_today(world):
    """Given the history and 'today' = 15 June 2019, when counting members by sector, then
    there is one row per year end from 2016 and a last row for today, with the hand counts."""
    build_history(world.initiative)
    rows = selectors.members_by_sector_over_time(initiative=world.initiative,
                                                 until=D(2019, 6, 15))
    assert [row.on for row in rows] == [D(2016, 12, 31), D(2017, 12, 31), D(2018, 12, 31),
                                         D(2019, 6, 15)]
    nonzero = [{k: v for k, v in row.by_sector.items() if v} for row in rows]
    assert nonzero == [
        {"school": 1, "municipality": 1},
        {"municipality": 1, "youth": 1},
        {"school": 1, "municipality": 1, "youth": 1},
        {"school": 1, "municipality": 1, "association": 1},
    ]
    assert [row.total for row in rows] == [2, 2, 3, 3]


def test_a_person_representing_two_sectors_counts_in_both_and_once_in_total(world):
    """Given one person holding seats for a school and a club at the same time, when
    counting by sector, then each sector has them and the total has them once."""
    history = build_history(world.initiative)
    MembershipFactory(initiative=world.initiative, person=history["bo"],
                      organisation=history["club"], started_on=D(2016, 6, 1))
    rows = selectors.members_by_sector_over_time(initiative=world.initiative,
                                                 until=D(2016, 12, 31))
    assert rows[-1].by_sector["association"] == 1
    assert rows[-1].by_sector["municipality"] == 1
    assert rows[-1].total == 2


def test_over_time_page_shows_the_chart_and_the_table_of_the_same_numbers(world, client_as):
    """Given the history, when a member opens members by sector over time, then an SVG
    chart with an accessible name and a table with the totals are on the page, and the
    Excel export has one row per date."""
    build_history(world.initiative)
    url = reverse("alliance:over_time", kwargs={"slug": world.initiative.slug})
    response = client_as("member").get(url)
    html = response.content.decode()
    assert '<svg role="img" aria-label=' in html
    assert response.context["years"][0].on == D(2016, 12, 31)
    assert "<table>" in html and 'scope="row"' in html
    export = client_as("member").get(url, {"format": "xlsx"})
    from io import BytesIO

    from openpyxl import load_workbook
    sheet = load_workbook(BytesIO(export.content)).active
    assert sheet.max_row == 1 + len(response.context["years"])


@pytest.mark.parametrize(("key", "at", "expected", "warning"), [
    ("alliance.members", D(2017, 6, 30), 4, False),
    ("alliance.members", D(2018, 6, 1), 3, False),
    ("alliance.sectors_represented", D(2017, 6, 30), 4, True),
    ("alliance.sectors_represented", D(2018, 6, 1), 3, True),
    ("alliance.youth_members", D(2018, 6, 1), 1, True),
    ("alliance.youth_members", D(2019, 6, 1), 0, True),
    ("alliance.joined_last_year", D(2017, 12, 31), 2, False),
    ("alliance.joined_last_year", D(2018, 6, 1), 1, False),
    ("alliance.joined_last_year", D(2019, 6, 1), 1, False),
])
def test_signals_as_of_a_date(world, key, at, expected, warning):
    """Given the history, when evaluating an alliance signal on a date, then it has the hand
    count and warns below its threshold (five sectors, two young members). Ann's return in
    2018 is not a new member: only a first membership counts."""
    build_history(world.initiative)
    value = get_signal(key).evaluate(world.initiative, at)
    assert value.value == expected
    assert value.warning is warning


def test_an_adult_in_a_youth_seat_and_a_young_member_both_count_as_youth(world):
    """Given an adult holding a youth seat and a 16-18-year-old holding a member seat, when
    counting young members, then both count, each once."""
    initiative = world.initiative
    adult = PersonFactory(initiative=initiative)
    young = PersonFactory(initiative=initiative, age_band="16-18")
    MembershipFactory(initiative=initiative, person=adult, role=MembershipRole.YOUTH)
    MembershipFactory(initiative=initiative, person=young)
    MembershipFactory(initiative=initiative, person=young, role=MembershipRole.YOUTH)
    assert get_signal("alliance.youth_members").evaluate(initiative, D(2020, 1, 1)).value == 2


def test_signals_of_one_initiative_ignore_another(world):
    """Given a history in another initiative, when counting here, then nothing is found."""
    build_history(world.other_initiative)
    assert get_signal("alliance.members").evaluate(world.initiative, D(2018, 6, 1)).value == 0


def test_a_bad_filter_value_is_ignored_and_the_good_one_still_applies(world, client_as):
    """Given the history, when the address holds an unknown sector and role chair, then the
    unknown sector is ignored and only the chair is listed."""
    build_history(world.initiative)
    url = reverse("alliance:overview", kwargs={"slug": world.initiative.slug})
    response = client_as("member").get(url, {"at": "2018-06-01", "sector": "ministry",
                                             "role": MembershipRole.CHAIR})
    assert [s.person.name for s in response.context["seats"]] == ["Bo"]
