"""The collaboration network: organisations as nodes, ties between organisations that
worked together in a year — committed to or drove the same activity, or held an explicit
partnership — and its metrics with networkx.

`metrics(graph, hub)` is pure (tested on graphs worked out by hand); `graph_for_year`
reads the year's ties from the activities and the alliance."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import networkx as nx
from django.db.models import Q

from rygrad.activities.models import Commitment, DriverChange
from rygrad.alliance.models import Organisation, Partnership


@dataclass
class Metrics:
    year: int
    organisations: int
    ties: int
    cross_sector_ties: int
    new_cross_sector_ties: int | None
    density: float | None
    centralisation: float | None
    hub_dependence: float | None
    isolated_without_hub: int | None


def _cross(graph: nx.Graph) -> set[frozenset]:
    return {frozenset((a, b)) for a, b in graph.edges
            if graph.nodes[a].get("sector") != graph.nodes[b].get("sector")}


def degree_centralisation(graph: nx.Graph) -> float | None:
    """Freeman's degree centralisation: sum of (highest degree - degree) over the nodes,
    divided by its largest possible value, (n-1)(n-2); 1 for a star, 0 for a ring."""
    n = graph.number_of_nodes()
    if n < 3:
        return None
    degrees = [d for _node, d in graph.degree]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def hub_dependence(graph: nx.Graph, hub) -> float | None:
    """The share of shortest paths between other organisations that run through `hub`:
    over every pair of other organisations joined by a path, the fraction of their
    shortest paths that pass through the hub, averaged over those pairs."""
    if hub not in graph:
        return None
    others = [node for node in graph if node != hub]
    total, pairs = 0.0, 0
    for source, target in itertools.combinations(others, 2):
        if not nx.has_path(graph, source, target):
            continue
        pairs += 1
        paths = list(nx.all_shortest_paths(graph, source, target))
        total += sum(hub in path for path in paths) / len(paths)
    return total / pairs if pairs else None


def isolated_without_hub(graph: nx.Graph, hub) -> int | None:
    """How many organisations would be cut off from at least one organisation they reach
    today, were the hub gone."""
    if hub not in graph:
        return None
    without = graph.copy()
    without.remove_node(hub)
    before = {node: len(nx.node_connected_component(graph, node)) - 1 for node in without}
    return sum(1 for node in without
               if len(nx.node_connected_component(without, node)) < before[node])


def metrics(graph: nx.Graph, hub, *, year: int = 0,
            previous: nx.Graph | None = None) -> Metrics:
    n = graph.number_of_nodes()
    cross = _cross(graph)
    return Metrics(
        year=year, organisations=n, ties=graph.number_of_edges(),
        cross_sector_ties=len(cross),
        new_cross_sector_ties=len(cross - _cross(previous)) if previous is not None else None,
        density=nx.density(graph) if n > 1 else None,
        centralisation=degree_centralisation(graph),
        hub_dependence=hub_dependence(graph, hub),
        isolated_without_hub=isolated_without_hub(graph, hub))


def _overlaps(start: str, end: str, first: dt.date, last: dt.date) -> Q:
    return Q(**{f"{start}__lte": last}) & (Q(**{f"{end}__isnull": True})
                                           | Q(**{f"{end}__gte": first}))


def graph_for_year(*, initiative, year: int) -> nx.Graph:
    """The ties of `year`: organisations committed to or driving the same activity at some
    time in the year, and partnerships in force in it."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    by_activity: dict[int, set[int]] = {}
    for activity, organisation in (
            Commitment.objects.for_initiative(initiative)
            .filter(_overlaps("starts_on", "ends_on", first, last))
            .values_list("activity_id", "organisation_id")):
        by_activity.setdefault(activity, set()).add(organisation)
    for activity, organisation in (
            DriverChange.objects.filter(activity__initiative=initiative)
            .filter(_overlaps("from_on", "until", first, last))
            .values_list("activity_id", "organisation_id")):
        by_activity.setdefault(activity, set()).add(organisation)
    edges = set()
    for organisations in by_activity.values():
        edges |= {frozenset(pair) for pair in itertools.combinations(sorted(organisations), 2)}
    for a, b in (Partnership.objects.for_initiative(initiative)
                 .filter(_overlaps("started_on", "ended_on", first, last))
                 .values_list("organisation_a_id", "organisation_b_id")):
        if a != b:
            edges.add(frozenset((a, b)))
    graph = nx.Graph()
    nodes = set().union(*edges) if edges else set()
    for organisation in Organisation.objects.for_initiative(initiative).filter(pk__in=nodes):
        graph.add_node(organisation.pk, name=organisation.name, sector=organisation.sector,
                       backbone=organisation.is_backbone)
    graph.add_edges_from(tuple(edge) for edge in edges)
    return graph


def hub_of(initiative):
    return (Organisation.objects.for_initiative(initiative).filter(is_backbone=True)
            .values_list("pk", flat=True).first())


def yearly_metrics(*, initiative, years: list[int]) -> list[tuple[Metrics, nx.Graph]]:
    hub = hub_of(initiative)
    rows, previous = [], None
    for year in years:
        graph = graph_for_year(initiative=initiative, year=year)
        rows.append((metrics(graph, hub, year=year, previous=previous), graph))
        previous = graph
    return rows


def years_of(*, initiative, today: dt.date) -> list[int]:
    """The years from the first commitment, driver or partnership to `today`'s."""
    firsts = [
        Commitment.objects.for_initiative(initiative).order_by("starts_on")
        .values_list("starts_on", flat=True).first(),
        DriverChange.objects.for_initiative(initiative).order_by("from_on")
        .values_list("from_on", flat=True).first(),
        Partnership.objects.for_initiative(initiative).order_by("started_on")
        .values_list("started_on", flat=True).first(),
    ]
    first = min((d.year for d in firsts if d), default=today.year)
    return list(range(first, today.year + 1))
