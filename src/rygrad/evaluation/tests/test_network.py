"""Network metrics on small graphs worked out by hand, and the yearly graph read from
commitments, drivers and partnerships."""

import datetime as dt
import itertools
import random

import networkx as nx
import pytest

from rygrad.activities.models import Commitment
from rygrad.activities.tests.factories import ActivityFactory
from rygrad.alliance.models import Organisation, Partnership, Sector
from rygrad.evaluation import network


def _graph(edges, sectors):
    graph = nx.Graph()
    for node, sector in sectors.items():
        graph.add_node(node, sector=sector)
    graph.add_edges_from(edges)
    return graph


def test_a_star_is_fully_centralised_and_wholly_dependent_on_its_hub():
    """Given the secretariat H tied to four organisations and no other tie, then: 5
    organisations, 4 ties, density 4/10, centralisation (3*4)/(4*3) = 1, every path between
    two others runs through H (1.0), and all four would be cut off without it."""
    graph = _graph([("H", n) for n in "abcd"],
                   {"H": "municipality", "a": "school", "b": "school", "c": "daycare",
                    "d": "municipality"})
    m = network.metrics(graph, "H")
    assert (m.organisations, m.ties, m.cross_sector_ties) == (5, 4, 3)
    assert m.density == pytest.approx(0.4)
    assert m.centralisation == pytest.approx(1.0)
    assert m.hub_dependence == pytest.approx(1.0)
    assert m.isolated_without_hub == 4


def test_a_ring_has_no_centralisation_and_depends_little_on_the_hub():
    """Given a ring of six with H at position 0, then density 6/15, centralisation 0; of
    the 10 pairs among the other five, (1,5) goes only through H and (1,4) and (2,5) have
    one of two shortest paths through H: (1 + 0.5 + 0.5) / 10 = 0.2; nobody is cut off."""
    nodes = ["H", 1, 2, 3, 4, 5]
    graph = _graph([(nodes[i], nodes[(i + 1) % 6]) for i in range(6)],
                   {n: "school" for n in nodes})
    m = network.metrics(graph, "H")
    assert m.density == pytest.approx(0.4)
    assert m.centralisation == pytest.approx(0.0)
    assert m.hub_dependence == pytest.approx(0.2)
    assert m.isolated_without_hub == 0
    assert m.cross_sector_ties == 0


def test_two_clusters_joined_only_through_the_secretariat():
    """Given two triangles a1a2a3 and b1b2b3, joined only by H tied to a1 and b1: 7
    organisations, 8 ties; degrees H 2, a1 3, b1 3, others 2, so centralisation
    (1 + 4) / (6 * 5) = 1/6; the 9 pairs across the clusters of the 15 pairs run through H
    (0.6); without H all six lose someone they reach today."""
    edges = [("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("b1", "b2"), ("b2", "b3"),
             ("b1", "b3"), ("H", "a1"), ("H", "b1")]
    sectors = {"H": "municipality", "a1": "school", "a2": "school", "a3": "school",
               "b1": "association", "b2": "association", "b3": "association"}
    previous = _graph([("H", "a1")], {"H": "municipality", "a1": "school"})
    m = network.metrics(_graph(edges, sectors), "H", previous=previous)
    assert (m.organisations, m.ties) == (7, 8)
    assert m.density == pytest.approx(8 / 21)
    assert m.centralisation == pytest.approx(1 / 6)
    assert m.hub_dependence == pytest.approx(0.6)
    assert m.isolated_without_hub == 6
    assert (m.cross_sector_ties, m.new_cross_sector_ties) == (2, 1)


def _dependence_by_definition(graph, hub):
    """The definition, pair by pair: every shortest path of every joined pair listed."""
    total, pairs = 0.0, 0
    others = [node for node in graph if node != hub]
    for source, target in itertools.combinations(others, 2):
        if nx.has_path(graph, source, target):
            paths = list(nx.all_shortest_paths(graph, source, target))
            total += sum(hub in path for path in paths) / len(paths)
            pairs += 1
    return total / pairs if pairs else None


@pytest.mark.parametrize("seed", range(12))
def test_hub_dependence_is_the_average_share_of_shortest_paths_through_the_hub(seed):
    """On random sparse graphs (often in several pieces, the hub sometimes alone), the
    dependence equals the definition worked out pair by pair."""
    rng = random.Random(seed)
    graph = nx.gnp_random_graph(rng.randint(3, 25), rng.choice([0.08, 0.15, 0.3]), seed=seed)
    hub = rng.choice(list(graph))
    expected = _dependence_by_definition(graph, hub)
    found = network.hub_dependence(graph, hub)
    if expected is None:
        assert found is None
    else:
        assert found == pytest.approx(expected)


def test_hub_dependence_is_none_without_two_joined_organisations_besides_the_hub():
    """Given the hub and two organisations tied to nobody, no pair is joined: no value."""
    graph = _graph([], {"H": "school", "a": "school", "b": "school"})
    assert network.hub_dependence(graph, "H") is None
    assert network.hub_dependence(graph, "missing") is None


def test_the_year_graph_ties_organisations_on_the_same_activity_and_partners(world):
    """Given two organisations committed to one activity in 2017 and a partnership begun
    in 2018, then 2017 has the commitment's tie and 2018 only the partnership's (the
    commitment ended in 2017)."""
    i = world.initiative
    school = Organisation.objects.create(initiative=i, name="Skole", sector=Sector.SCHOOL)
    club = Organisation.objects.create(initiative=i, name="Klub", sector=Sector.ASSOCIATION)
    library = Organisation.objects.create(initiative=i, name="Bibliotek",
                                          sector=Sector.MUNICIPALITY)
    activity = ActivityFactory(initiative=i)
    for organisation in (school, club):
        Commitment.objects.create(initiative=i, activity=activity, organisation=organisation,
                                  kind="staff_hours", amount=10, unit="hours",
                                  starts_on=dt.date(2017, 2, 1), ends_on=dt.date(2017, 6, 30))
    Partnership.objects.create(initiative=i, organisation_a=library, organisation_b=club,
                               started_on=dt.date(2018, 3, 1))
    g2017 = network.graph_for_year(initiative=i, year=2017)
    g2018 = network.graph_for_year(initiative=i, year=2018)
    assert {frozenset(e) for e in g2017.edges} >= {frozenset((school.pk, club.pk))}
    assert frozenset((library.pk, club.pk)) not in {frozenset(e) for e in g2017.edges}
    assert {frozenset(e) for e in g2018.edges} == {frozenset((library.pk, club.pk))}


def test_the_network_page_shows_each_years_metrics_and_ties(world, client_as):
    """Given a partnership between a library and a club from 2018, when a member opens the
    network page for 2018, then it names both organisations in the year's ties."""
    i = world.initiative
    library = Organisation.objects.create(initiative=i, name="Egelund Bibliotek",
                                          sector=Sector.MUNICIPALITY)
    club = Organisation.objects.create(initiative=i, name="Egelund Boldklub",
                                       sector=Sector.ASSOCIATION)
    Partnership.objects.create(initiative=i, organisation_a=library, organisation_b=club,
                               started_on=dt.date(2018, 3, 1))
    from django.urls import reverse

    page = client_as("member").get(
        reverse("evaluation:network", kwargs={"slug": i.slug}), {"year": "2018"})
    text = page.content.decode()
    assert "Egelund Bibliotek" in text and "Egelund Boldklub" in text
    assert "<th scope=\"row\">2018</th>" in text
