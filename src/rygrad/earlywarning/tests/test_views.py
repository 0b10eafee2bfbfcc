"""The early-warning pages and the dashboard's trend lines: what they say, who sees the
drill-down's actions, and the query budgets at 10 and 2,000 activities."""

import datetime as dt

import pytest
from auditlog.context import set_actor
from django.urls import reverse
from django.utils import timezone

from rygrad.activities.models import Stage
from rygrad.activities.tests.bulk import bulk_activities
from rygrad.activities.tests.factories import ActivityFactory, history
from rygrad.alliance.tests.factories import OrganisationFactory
from rygrad.core.permissions import Actor
from rygrad.earlywarning.history import history_refresh
from rygrad.earlywarning.periods import month_end
from rygrad.initiatives.services import signal_thresholds_set

LOAD = "activities.backbone_load"


def _start() -> dt.date:
    """The first day of the month two years ago: 24 month ends of history."""
    today = timezone.localdate()
    return today.replace(year=today.year - 2, day=1)


@pytest.fixture
def recent(world):
    """An initiative started two years ago whose secretariat has driven its one running
    activity from the start: backbone load 100 % at every month end, in warning."""
    initiative = world.initiative
    initiative.started_on = _start()
    initiative.save()
    backbone = OrganisationFactory(initiative=initiative, name="Sekretariatet",
                                   is_backbone=True)
    activity = ActivityFactory(initiative=initiative, title="Læseheste", driver=backbone,
                               starts_on=_start())
    history(activity, (Stage.RUNNING, _start()))
    history_refresh(initiative=initiative)
    return {"initiative": initiative, "activity": activity, "backbone": backbone}


def url(world, name, **kwargs):
    return reverse(name, kwargs={"slug": world.initiative.slug, **kwargs})


def test_the_dashboard_shows_each_signal_with_its_trend_and_since_when_it_warns(
        world, client_as, recent):
    """Given backbone load in warning at every month end since the start, when a member
    opens the dashboard, then the signal has its trend line, says since which month it is
    in warning, gives its values as text and links to its history."""
    response = client_as("member").get(url(world, "initiatives:dashboard"))
    rows = {v.signal.key: trend for card in response.context["cards"]
            for v, _link, trend in card.rows}
    trend = rows[LOAD]
    assert '<svg class="sparkline"' in trend and 'role="img"' in trend
    assert "I advarsel siden" in trend
    assert month_end(_start()).strftime("%Y") in trend
    assert "Værdier:" in trend  # the values, for screen readers
    assert url(world, "earlywarning:signal", key=LOAD) in trend


def _trends_of(response) -> dict:
    return {v.signal.key: trend for card in response.context["cards"]
            for v, _link, trend in card.rows}


def test_a_change_of_data_redraws_only_the_trend_lines_whose_points_moved(
        world, client_as, recent, monkeypatch):
    """Given the dashboard was drawn, when an activity is renamed (the data moved, no
    signal's points did), then no trend line is drawn again; when backbone load's threshold is
    raised, then only its line is drawn again (its points are judged anew)."""
    from rygrad.earlywarning import trends

    drawn = []
    original = trends.sparkline
    monkeypatch.setattr(trends, "sparkline",
                        lambda story, **kw: drawn.append(story.signal.key) or original(
                            story, **kw))
    client = client_as("secretariat")
    first = client.get(url(world, "initiatives:dashboard"))
    assert LOAD in drawn
    drawn.clear()
    recent["activity"].title = "Læseheste og skriveheste"
    recent["activity"].save()
    again = client.get(url(world, "initiatives:dashboard"))
    assert drawn == []
    assert _trends_of(again)[LOAD] == _trends_of(first)[LOAD]
    signal_thresholds_set(initiative=world.initiative, thresholds={LOAD: 0.8},
                          by=Actor(user=world.users["secretariat"],
                                   initiative=world.initiative))
    client.get(url(world, "initiatives:dashboard"))
    assert drawn == [LOAD]


def test_the_signal_page_lists_what_drives_it_and_offers_a_hand_over_to_the_secretariat(
        world, client_as, recent):
    """Given the secretariat drives the one running activity, when the secretariat opens
    backbone load's page, then the activity is listed with a link to hand it over (its
    driver change); a member sees the activity but not the link."""
    handover = url(world, "activities:driver_change", pk=recent["activity"].pk)
    page = client_as("secretariat").get(url(world, "earlywarning:signal", key=LOAD))
    assert "Læseheste" in page.content.decode() and handover in page.content.decode()
    page = client_as("member").get(url(world, "earlywarning:signal", key=LOAD))
    assert "Læseheste" in page.content.decode() and handover not in page.content.decode()


def test_the_signal_page_shows_the_thresholds_history_and_who_changed_it(world, client_as,
                                                                         recent):
    """Given the secretariat raised backbone load's threshold to 0.8, when the secretariat
    opens the page, then the change is listed from 50 % to 80 % with who made it; a
    member sees the change without the name."""
    secretariat = world.users["secretariat"]
    with set_actor(secretariat):  # as the audit log's middleware does for a request
        signal_thresholds_set(initiative=world.initiative, thresholds={LOAD: 0.8},
                              by=Actor(user=secretariat, initiative=world.initiative))
    page = client_as("secretariat").get(url(world, "earlywarning:signal", key=LOAD))
    changes = page.context["threshold_changes"]
    assert [(c["before"], c["after"], c["by"]) for c in changes] == [
        ("50 %", "80 %", str(world.users["secretariat"]))]
    page = client_as("member").get(url(world, "earlywarning:signal", key=LOAD))
    assert str(world.users["secretariat"]) not in page.content.decode()


def test_the_signal_page_table_and_export_hold_the_history(world, client_as, recent):
    """Given the history, when the page is asked for every month end and as CSV, then the
    table has the 24 month ends and today, and the CSV the same rows in per cent."""
    client = client_as("member")
    page = client.get(url(world, "earlywarning:signal", key=LOAD), {"every": "month"})
    assert len(page.context["chart_table"].rows) == 25
    csv = b"".join(client.get(url(world, "earlywarning:signal", key=LOAD),
                              {"every": "month", "format": "csv"}).streaming_content)
    lines = csv.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 26
    assert lines[-1].split(";")[4:7] == ["100", "50", "ja"]


def test_an_unknown_signal_is_not_found(world, client_as):
    """Given no signal named nothing.here, when its page is asked for, then 404."""
    response = client_as("member").get(url(world, "earlywarning:signal", key="nothing.here"))
    assert response.status_code == 404


def test_the_path_of_change_counts_the_signals_in_warning_at_each_years_end(
        world, client_as, recent):
    """Given backbone load in warning throughout, when the path of change is opened, then
    the backbone card's every year has backbone load among its signals in warning."""
    page = client_as("member").get(url(world, "earlywarning:path"))
    backbone = next(row for row in page.context["rows"] if row.condition == "backbone")
    assert all(LOAD in [s.key for s in cell.warning] for cell in backbone.cells)
    assert page.context["years"][-1] == timezone.localdate().year


def test_a_page_before_the_history_is_computed_says_it_is_on_its_way(world, client_as):
    """Given a history never computed, when the overview is opened, then each signal shows
    its value and the page says its history is being brought up to date."""
    page = client_as("member").get(url(world, "earlywarning:overview"))
    assert page.context["pending"]
    assert "bringes ajour" in page.content.decode()


def _budget_world(world, count):
    world.initiative.started_on = _start()
    world.initiative.save()
    bulk_activities(initiative=world.initiative, count=count, commitments_each=2)
    history_refresh(initiative=world.initiative)


@pytest.mark.parametrize("count", [10, 2000])
@pytest.mark.parametrize(("name", "kwargs", "budget"), [
    ("initiatives:dashboard", {}, 9),
    ("earlywarning:overview", {}, 10),
    ("earlywarning:signal", {"key": LOAD}, 12),  # one reads the rendered chart
    ("earlywarning:path", {}, 9),
    ("earlywarning:notices", {}, 6),
])
def test_the_pages_stay_within_their_query_budget(world, client_as, count, name, kwargs,
                                                  budget, django_assert_max_num_queries):
    """Given 10 or 2,000 activities and their history, each page with trend lines needs
    the same small number of queries, however many months and records there are. (Each
    is measured once the day's values are computed — one query or so per signal, a fixed
    cost that the dashboard's own budget test in the activities app covers.)"""
    _budget_world(world, count)
    client = client_as("secretariat")
    client.get(url(world, name, **kwargs))
    with django_assert_max_num_queries(budget):
        response = client.get(url(world, name, **kwargs))
    assert response.status_code == 200
    assert not response.context.get("pending")
