"""The collaboration network: organisations as nodes, ties between organisations that
worked together in a year — committed to or drove the same activity, held an explicit
partnership, or came to the same workshop or hackathon — and its metrics with networkx.

`metrics(graph, hub)` is pure (tested on graphs worked out by hand); `tie_rows` reads
every tie of a span in one query, `graph_for_year` the year's network for the page and
`metrics_at` the 12 months up to a date for the signals."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
from dataclasses import dataclass

import networkx as nx
from django.db import connection
from django.db.models import BigIntegerField, BooleanField, CharField, F, IntegerField, Q, Value
from django.db.models.functions import Cast

from rygrad.activities.models import Commitment, DriverChange
from rygrad.alliance.models import Organisation, Partnership
from rygrad.core.dates import year_before
from rygrad.meetings.models import Attendance


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
    shortest paths that pass through the hub, averaged over those pairs.

    The sum of those fractions is the hub's betweenness (Brandes' algorithm, one search
    from each node), not a list of every shortest path of every pair: at a hundred
    organisations that was 3 seconds a date, which every change of data paid again."""
    if hub not in graph:
        return None
    pairs = 0
    for component in nx.connected_components(graph):
        others = len(component) - (hub in component)
        pairs += others * (others - 1) // 2
    if not pairs:
        return None
    through = nx.betweenness_centrality(graph, normalized=False)[hub]
    return through / pairs


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


# Meetings where organisations work together: joint attendance at one of these ties the
# organisations that came. Alliance meetings (where every member comes) and public events
# would tie everyone to everyone and hide who actually works with whom.
WORKING_MEETINGS = ("workshop", "hackathon")

# The columns of a tie row: what ties (an activity, a partnership or a meeting: `kind`
# and `group`), the organisation(s) with their sector and whether they are the backbone,
# and the span the tie is in force.
ACTIVITY, PARTNERSHIP, MEETING = 1, 2, 3
_COLUMNS = ("k", "g", "a", "sa", "ha", "b", "sb", "hb", "s", "e")


def _overlaps(start: str, end: str, first: dt.date, last: dt.date) -> Q:
    return Q(**{f"{start}__lte": last}) & (Q(**{f"{end}__isnull": True})
                                           | Q(**{f"{end}__gte": first}))


def _branch(queryset, kind: int, group: str, a: str, b: str | None, start: str,
            end: str):
    # Typed nulls: PostgreSQL settles a union's column types branch by branch, and two
    # untyped nulls would make a text column that the partnerships' ids cannot join.
    none = {"b": Cast(Value(None), BigIntegerField()),
            "sb": Cast(Value(None), CharField(max_length=20)),
            "hb": Cast(Value(None), BooleanField())}
    other = none if b is None else {
        "b": F(f"{b}_id"), "sb": F(f"{b}__sector"), "hb": F(f"{b}__is_backbone")}
    return (queryset.order_by()
            .annotate(k=Value(kind, IntegerField()), g=F(group), a=F(f"{a}_id"),
                      sa=F(f"{a}__sector"), ha=F(f"{a}__is_backbone"), **other,
                      s=F(start), e=F(end))
            .values_list(*_COLUMNS))


# Stand-ins for the span's dates while the query is written once (see `_tie_sql`).
_FIRST, _LAST = dt.date(1, 1, 2), dt.date(1, 1, 3)


@functools.lru_cache(maxsize=256)
def _tie_sql(initiative_pk: int, alias: str) -> tuple[str, tuple]:
    """The SQL of `tie_rows` for an initiative, with stand-ins for the dates: written by
    the ORM once per process rather than at each of the hundred month ends the history
    computes six signals for (writing it cost more than running it)."""
    first, last, initiative = _FIRST, _LAST, initiative_pk
    commitments = _branch(
        Commitment.objects.for_initiative(initiative)
        .filter(_overlaps("starts_on", "ends_on", first, last)),
        ACTIVITY, "activity_id", "organisation", None, "starts_on", "ends_on")
    drivers = _branch(
        DriverChange.objects.for_initiative(initiative)
        .filter(_overlaps("from_on", "until", first, last)),
        ACTIVITY, "activity_id", "organisation", None, "from_on", "until")
    partnerships = _branch(
        Partnership.objects.for_initiative(initiative)
        .filter(_overlaps("started_on", "ended_on", first, last)),
        PARTNERSHIP, "pk", "organisation_a", "organisation_b", "started_on", "ended_on")
    attendance = _branch(
        Attendance.objects.for_initiative(initiative)
        .filter(organisation__isnull=False, meeting__kind__in=WORKING_MEETINGS,
                meeting__held_on__gte=first, meeting__held_on__lte=last),
        MEETING, "meeting_id", "organisation", None, "meeting__held_on", "meeting__held_on")
    query = commitments.union(drivers, partnerships, attendance, all=True).query
    sql, params = query.get_compiler(alias).as_sql()
    return sql, tuple(params)


def _date(value):
    # SQLite gives a union's dates back as text.
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def tie_rows(*, initiative, first: dt.date, last: dt.date) -> list[tuple]:
    """Everything that ties organisations at some time from `first` to `last`, in one
    query (the signals compute it at every month end): commitments and drivers of the
    same activity, partnerships, and attendance at the same working meeting. Rows as
    `_COLUMNS`."""
    sql, params = _tie_sql(initiative.pk, connection.alias)
    adapt = connection.ops.adapt_datefield_value  # as the ORM wrote the stand-ins
    stand_in = {adapt(_FIRST): adapt(first), adapt(_LAST): adapt(last)}
    params = [stand_in.get(p, p) if isinstance(p, (str, dt.date)) else p for p in params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [(k, g, a, sa, ha, b, sb, hb, _date(s), _date(e))
            for k, g, a, sa, ha, b, sb, hb, s, e in rows]


def graph_of(rows, first: dt.date, last: dt.date) -> nx.Graph:
    """The network of the tie rows in force at some time from `first` to `last`: nodes
    carry their sector and whether they are the backbone."""
    graph = nx.Graph()
    groups: dict[tuple[int, int], set[int]] = {}
    for kind, group, a, sa, ha, b, sb, hb, start, end in rows:
        if start > last or (end is not None and end < first):
            continue
        graph.add_node(a, sector=sa, backbone=bool(ha))
        if kind == PARTNERSHIP:
            if b is not None and b != a:
                graph.add_node(b, sector=sb, backbone=bool(hb))
                graph.add_edge(a, b)
        else:
            groups.setdefault((kind, group), set()).add(a)
    for organisations in groups.values():
        graph.add_edges_from(itertools.combinations(sorted(organisations), 2))
    # An organisation counts as a node only through a tie.
    graph.remove_nodes_from([node for node, degree in list(graph.degree) if degree == 0])
    return graph


def hub_in(graph: nx.Graph):
    """The secretariat's organisation in the graph (the first backbone one), or None."""
    return min((node for node, data in graph.nodes(data=True) if data.get("backbone")),
               default=None)


@functools.lru_cache(maxsize=512)
def _metrics_of(nodes: tuple, edges: tuple, hub, previous_cross) -> Metrics:
    graph = nx.Graph()
    graph.add_nodes_from((node, {"sector": sector}) for node, sector in nodes)
    graph.add_edges_from(edges)
    m = metrics(graph, hub)
    if previous_cross is not None:
        m.new_cross_sector_ties = len(_cross(graph) - previous_cross)
    return m


def metrics_kept(graph: nx.Graph, *, year: int = 0,
                 previous: nx.Graph | None = None) -> Metrics:
    """`metrics` of the graph around its own hub, computed once per process for a graph
    of the same shape: the six network signals read the same graph at each date."""
    nodes = tuple(sorted((node, data.get("sector")) for node, data in graph.nodes(data=True)))
    edges = tuple(sorted(tuple(sorted(edge)) for edge in graph.edges))
    found = _metrics_of(nodes, edges, hub_in(graph),
                        None if previous is None else frozenset(_cross(previous)))
    return dataclasses.replace(found, year=year)


def metrics_at(*, initiative, at: dt.date) -> Metrics:
    """The network of the 12 months up to `at` (on 31 December: that calendar year), with
    new cross-sector ties counted against the 12 months before — one query."""
    first = year_before(at) + dt.timedelta(days=1)
    before = year_before(first - dt.timedelta(days=1)) + dt.timedelta(days=1)
    rows = tie_rows(initiative=initiative, first=before, last=at)
    return metrics_kept(graph_of(rows, first, at), year=at.year,
                        previous=graph_of(rows, before, first - dt.timedelta(days=1)))


def graph_for_year(*, initiative, year: int) -> nx.Graph:
    """The ties of `year`, with the organisations' names."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    graph = graph_of(tie_rows(initiative=initiative, first=first, last=last), first, last)
    for pk, name in (Organisation.objects.for_initiative(initiative)
                     .filter(pk__in=list(graph)).values_list("pk", "name")):
        graph.nodes[pk]["name"] = name
    return graph


def yearly_metrics(*, initiative, years: list[int]) -> list[tuple[Metrics, nx.Graph]]:
    rows, previous = [], None
    for year in years:
        graph = graph_for_year(initiative=initiative, year=year)
        rows.append((metrics_kept(graph, year=year, previous=previous), graph))
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
        Attendance.objects.for_initiative(initiative)
        .filter(organisation__isnull=False, meeting__kind__in=WORKING_MEETINGS)
        .order_by("meeting__held_on").values_list("meeting__held_on", flat=True).first(),
    ]
    first = min((d.year for d in firsts if d), default=today.year)
    return list(range(first, today.year + 1))
