"""The evaluation's signals on small data with values worked out by hand."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from rygrad.activities.models import Commitment
from rygrad.activities.tests.factories import ActivityFactory
from rygrad.alliance.models import Organisation, Partnership, Person, Sector
from rygrad.core.signals import Condition, get_signal
from rygrad.evaluation.models import Change, Evidence
from rygrad.evaluation.tests.factories import answers, round_, statements
from rygrad.meetings.models import Attendance, Meeting

D = dt.date
NETWORK_KEYS = ["network.organisations", "network.cross_sector_ties",
                "network.new_cross_sector_ties", "network.centralisation",
                "network.hub_dependence", "network.isolated_without_backbone"]


def _values(initiative, at, keys):
    return [get_signal(key).compute(initiative, at) for key in keys]


def _came(meeting, organisation):
    person = Person.objects.create(initiative=meeting.initiative, name=f"P {organisation}",
                                   organisation=organisation)
    Attendance.objects.create(initiative=meeting.initiative, meeting=meeting, person=person,
                              organisation=organisation, group="professionals")


@pytest.fixture
def network_world(world):
    """The secretariat H (municipality) and three partners: a (school) in a partnership
    with H through 2017; in 2018 b (association) on an activity H drives from February, b
    committed until November, c (school) in a partnership with H from March, and a and c at the same
    workshop in May; b and c also at an alliance meeting (which ties nobody)."""
    i = world.initiative
    org = {name: Organisation.objects.create(initiative=i, name=name, sector=sector,
                                             is_backbone=name == "H")
           for name, sector in [("H", Sector.MUNICIPALITY), ("a", Sector.SCHOOL),
                                ("b", Sector.ASSOCIATION), ("c", Sector.SCHOOL)]}
    Partnership.objects.create(initiative=i, organisation_a=org["H"], organisation_b=org["a"],
                               started_on=D(2017, 1, 1), ended_on=D(2017, 12, 31))
    activity = ActivityFactory(initiative=i, driver=org["H"], starts_on=D(2018, 2, 1))
    for name in ("H", "b"):
        Commitment.objects.create(initiative=i, activity=activity, organisation=org[name],
                                  kind="staff_hours", amount=5, unit="hours",
                                  starts_on=D(2018, 2, 1), ends_on=D(2018, 11, 30))
    Partnership.objects.create(initiative=i, organisation_a=org["H"], organisation_b=org["c"],
                               started_on=D(2018, 3, 1))
    workshop = Meeting.objects.create(initiative=i, title="Værksted", kind="workshop",
                                      held_on=D(2018, 5, 10))
    for name in ("a", "c"):
        _came(workshop, org[name])
    alliance = Meeting.objects.create(initiative=i, title="Alliancemøde", kind="alliance",
                                      held_on=D(2018, 6, 1))
    for name in ("b", "c"):
        _came(alliance, org[name])
    return i


def test_the_network_signals_at_the_end_of_a_year_read_that_year(network_world):
    """At 31 December 2018 the network is the path b-H-c-a: 4 organisations, cross-sector
    ties H-b and H-c (a-c are both schools), both new against 2017's H-a; degrees 1,2,2,1
    give centralisation (1+0+0+1)/(3*2) = 1/3; of the pairs b-c, b-a, c-a the first two
    run through H (2/3); without H all three lose someone."""
    values = _values(network_world, D(2018, 12, 31), NETWORK_KEYS)
    assert values[:3] == [4, 2, 2]
    assert values[3] == pytest.approx(1 / 3)
    assert values[4] == pytest.approx(2 / 3)
    assert values[5] == 3


def test_the_network_signals_in_the_year_read_the_last_twelve_months(network_world):
    """At 31 March 2018 the 12 months hold H-a (2017), H-b and H-c, not yet the workshop: a
    star of four — three cross-sector ties, two of them new against the 12 months before
    (which hold H-a), centralisation 1, every path through H, all three cut off."""
    values = _values(network_world, D(2018, 3, 31), NETWORK_KEYS)
    assert values[:3] == [4, 3, 2]
    assert values[3:5] == [pytest.approx(1.0), pytest.approx(1.0)]
    assert values[5] == 3


def test_the_network_signals_warn_about_a_network_centred_on_the_secretariat(network_world):
    """The star of March 2018 is past the default thresholds of centralisation, paths
    through the secretariat and organisations cut off without it."""
    at = D(2018, 3, 31)
    warned = {key for key in NETWORK_KEYS
              if get_signal(key).evaluate(network_world, at).warning}
    assert warned == {"network.centralisation", "network.hub_dependence",
                      "network.isolated_without_backbone"}


def test_no_ties_means_no_network_values_rather_than_a_warning(world):
    """Given no ties at all, the counts are 0 and the rest have nothing to say."""
    values = _values(world.initiative, D(2018, 12, 31), NETWORK_KEYS)
    assert values == [0, 0, None, None, None, None]
    assert not get_signal("network.new_cross_sector_ties").evaluate(
        world.initiative, D(2018, 12, 31)).warning


def test_the_network_signals_need_one_query_each(network_world, django_assert_num_queries):
    """Each network signal reads its ties in one query (the dashboard computes them all)."""
    for key in NETWORK_KEYS:
        with django_assert_num_queries(1):
            get_signal(key).compute(network_world, D(2018, 12, 31))


@pytest.fixture
def assessed(world):
    """Six statements (one per condition); a round closed in June 2018 with three answers
    whose measurement scores are 1, 2, 2 and backbone 2, 2, 3 (the rest 3); a later round
    closed in December with two answers (too few to show)."""
    i = world.initiative
    statements(i, per_condition=1)
    june = round_(i, opens_on=D(2018, 5, 1), closes_on=D(2018, 6, 30), name="Juni")
    rows = [{**dict.fromkeys(["agenda", "activities", "communication", "involvement"], 3),
             "measurement": m, "backbone": b} for m, b in [(1, 2), (2, 2), (2, 3)]]
    answers(june, Sector.SCHOOL, *rows)
    december = round_(i, opens_on=D(2018, 11, 1), closes_on=D(2018, 12, 15), name="Dec")
    answers(december, Sector.SCHOOL, 1, 1)
    return i, june


def test_the_weakest_condition_is_the_lowest_mean_in_the_latest_round_shown(assessed):
    """In the June round measurement has the lowest mean, 5/3; the December round has too
    few answers and is passed over; before June closed there is nothing to show."""
    initiative, june = assessed
    signal = get_signal("evaluation.weakest_condition")
    assert signal.compute(initiative, D(2019, 1, 31)) == pytest.approx(5 / 3)
    assert signal.compute(initiative, D(2018, 6, 30)) is None
    assert signal.evaluate(initiative, D(2019, 1, 31)).warning


def test_the_weakest_conditions_page_names_the_condition(assessed, world):
    """The signal's drill-down lists the conditions weakest first: shared measurement, then
    the backbone, each linking to the round."""
    from rygrad.core.permissions import Actor

    initiative, june = assessed
    actor = Actor(user=world.users["member"], initiative=initiative)
    rows, count = get_signal("evaluation.weakest_condition").drilldown.rows(actor, 2)
    assert count == 6
    assert [row.label for row in rows] == [str(Condition.MEASUREMENT.label),
                                           str(Condition.BACKBONE.label)]
    assert rows[0].url.endswith(f"/rounds/{june.pk}/")


def test_evidence_items_count_the_last_twelve_months(world):
    """Evidence on 31 December 2017, 1 January 2018, 31 December 2018 and 1 January 2019:
    at the end of 2018, the two of 2018 count."""
    for day in (D(2017, 12, 31), D(2018, 1, 1), D(2018, 12, 31), D(2019, 1, 1)):
        Evidence.objects.create(initiative=world.initiative, text="t", source_role="leder",
                                observed_on=day, condition="agenda")
    signal = get_signal("evaluation.evidence_items")
    assert signal.compute(world.initiative, D(2018, 12, 31)) == 2
    assert signal.evaluate(world.initiative, D(2018, 12, 31)).warning


def test_systems_changes_count_those_that_had_occurred(world):
    """Two systems changes (June 2018, February 2019) and an early one: one at the end of
    2018, two at the end of 2019."""
    for stage, kind, day in [("systems", "practice", D(2018, 6, 1)),
                             ("early", "collaboration", D(2018, 7, 1)),
                             ("systems", "policy", D(2019, 2, 1))]:
        Change.objects.create(initiative=world.initiative, stage=stage, kind=kind, title="x",
                              occurred_on=day, contribution_claim="c", rival_explanations="r",
                              strength="weak", strength_reason="s")
    signal = get_signal("evaluation.systems_changes")
    assert signal.compute(world.initiative, D(2018, 12, 31)) == 1
    assert signal.compute(world.initiative, D(2019, 12, 31)) == 2


def test_the_signals_command_lists_the_evaluations_signals(network_world):
    """`rygrad signals --format json` includes every evaluation signal with its value."""
    out = StringIO()
    call_command("signals", initiative="egelund", at="2018-12-31", format="json", stdout=out)
    payload = {item["key"]: item for item in json.loads(out.getvalue())}
    assert set(NETWORK_KEYS) | {"evaluation.weakest_condition", "evaluation.evidence_items",
                                "evaluation.systems_changes"} <= set(payload)
    assert payload["network.organisations"]["value"] == 4
    assert payload["network.hub_dependence"]["unit"] == "share"
