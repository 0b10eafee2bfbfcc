"""The collaboration network drawn as a map: an SVG written on the server (no script, no
other host), with each organisation where it stands in every year, so a year's map can be
laid over another's and read for who came and went.

The layout is computed once over the union of all the years' networks (networkx's spring
layout with a fixed seed, nodes and ties in a fixed order), and each year shows its part
of it. Sectors differ by shape as well as colour, and the legend shows both; the
secretariat's organisation carries a ring and says so in the legend."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from rygrad.alliance.models import Sector

WIDTH, HEIGHT, MARGIN, RADIUS = 960, 540, 40, 9
# The map's part of the width; the legend has the rest, on the right.
INNER_WIDTH = WIDTH - 2 * MARGIN - 340
SEED = 14
LABEL_LENGTH = 22

# A shape and a colour per sector (colours with at least 3:1 against white).
SECTOR_STYLE = {
    Sector.MUNICIPALITY: ("circle", "#1b5e7a"),
    Sector.SCHOOL: ("square", "#c2571a"),
    Sector.DAYCARE: ("triangle", "#3b7d3a"),
    Sector.ASSOCIATION: ("diamond", "#7b3f8c"),
    Sector.BUSINESS: ("triangle-down", "#8a6d00"),
    Sector.YOUTH: ("pentagon", "#b23a48"),
    Sector.NATIONAL: ("hexagon", "#505050"),
    Sector.RESEARCH: ("star", "#2f4b9a"),
    Sector.OTHER: ("cross", "#00696f"),
}


def layout(graphs: list[nx.Graph]) -> dict[int, tuple[float, float]]:
    """Each organisation's place on the map, in the SVG's coordinates: one spring layout
    over the union of `graphs`, the same whichever year is shown."""
    union = nx.Graph()
    union.add_nodes_from(sorted(set().union(*(set(g) for g in graphs))) if graphs else [])
    union.add_edges_from(sorted({tuple(sorted(edge)) for g in graphs for edge in g.edges}))
    if not union:
        return {}
    if len(union) == 1:
        return {next(iter(union)): (WIDTH / 2, HEIGHT / 2)}
    positions = nx.spring_layout(union, seed=SEED)
    xs = [x for x, _y in positions.values()]
    ys = [y for _x, y in positions.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    inner_w, inner_h = INNER_WIDTH, HEIGHT - 2 * MARGIN
    return {node: (round(MARGIN + (x - min(xs)) / span_x * inner_w, 1),
                   round(MARGIN + (y - min(ys)) / span_y * inner_h, 1))
            for node, (x, y) in positions.items()}


def _polygon(points) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _regular(sides: int, r: float, turn: float = -math.pi / 2):
    return [(r * math.cos(turn + 2 * math.pi * k / sides),
             r * math.sin(turn + 2 * math.pi * k / sides)) for k in range(sides)]


def shape(kind: str, colour: str, r: float = RADIUS) -> SafeString:
    """A sector's mark centred on (0, 0)."""
    if kind == "circle":
        return format_html('<circle r="{}" fill="{}"/>', r, colour)
    points = {
        "square": [(-r * .85, -r * .85), (r * .85, -r * .85), (r * .85, r * .85),
                   (-r * .85, r * .85)],
        "triangle": _regular(3, r * 1.15),
        "triangle-down": _regular(3, r * 1.15, math.pi / 2),
        "diamond": _regular(4, r * 1.15),
        "pentagon": _regular(5, r * 1.05),
        "hexagon": _regular(6, r),
        "star": [p for k in range(5) for p in (
            _regular(5, r * 1.2)[k],
            (r * .5 * math.cos(-math.pi / 2 + math.pi / 5 * (2 * k + 1)),
             r * .5 * math.sin(-math.pi / 2 + math.pi / 5 * (2 * k + 1))))],
        "cross": [(-r * .35, -r), (r * .35, -r), (r * .35, -r * .35), (r, -r * .35),
                  (r, r * .35), (r * .35, r * .35), (r * .35, r), (-r * .35, r),
                  (-r * .35, r * .35), (-r, r * .35), (-r, -r * .35), (-r * .35, -r * .35)],
    }[kind]
    return format_html('<polygon points="{}" fill="{}"/>', _polygon(points), colour)


@dataclass
class MapNode:
    pk: int
    name: str
    sector: str
    sector_label: str
    ties: int
    backbone: bool


def nodes_of(graph: nx.Graph) -> list[MapNode]:
    """The year's organisations with their number of ties, most tied first — the table
    beside the map."""
    labels = dict(Sector.choices)
    return sorted((MapNode(pk=node, name=data.get("name", str(node)),
                           sector=data.get("sector") or Sector.OTHER,
                           sector_label=str(labels.get(data.get("sector"), labels["other"])),
                           ties=graph.degree(node), backbone=bool(data.get("backbone")))
                   for node, data in graph.nodes(data=True)),
                  key=lambda n: (-n.ties, n.name, n.pk))


def _short(name: str) -> str:
    return name if len(name) <= LABEL_LENGTH else name[:LABEL_LENGTH - 1] + "…"


def network_svg(graph: nx.Graph, positions: dict, *, year: int) -> SafeString:
    """The map of one year's network at `positions` (from `layout`)."""
    nodes = nodes_of(graph)
    hub = next((n for n in nodes if n.backbone), None)
    title = _("Collaboration network %(year)s") % {"year": year}
    description = _("%(organisations)s organisations and %(ties)s ties. Each organisation "
                    "is a mark whose shape and colour show its sector; a line joins two "
                    "organisations that worked together.") % {
        "organisations": len(nodes), "ties": graph.number_of_edges()}
    if hub:
        description += " " + _("The secretariat's organisation, %(name)s, has a ring.") % {
            "name": hub.name}
    description += " " + _("The table beside the map lists the same organisations.")
    lines = format_html_join("", '<line x1="{}" y1="{}" x2="{}" y2="{}"/>', (
        (*positions[a], *positions[b])
        for a, b in sorted(tuple(sorted(edge)) for edge in graph.edges)))
    marks = []
    for node in sorted(nodes, key=lambda n: n.pk):
        x, y = positions[node.pk]
        kind, colour = SECTOR_STYLE.get(node.sector, SECTOR_STYLE[Sector.OTHER])
        ring = format_html('<circle class="hub" r="{}"/>', RADIUS + 5) if node.backbone else ""
        # Labels point away from the middle, so none runs into the legend on the right.
        gap = RADIUS + (11 if node.backbone else 7)
        left = x > MARGIN + INNER_WIDTH / 2
        marks.append(format_html(
            '<g class="node" data-organisation="{}" transform="translate({} {})">'
            '<title>{} ({})</title>{}{}<text x="{}" y="4"{}>{}</text></g>',
            node.pk, x, y, node.name, node.sector_label, ring, shape(kind, colour),
            -gap if left else gap, mark_safe(' text-anchor="end"') if left else "",
            _short(node.name)))
    used = [s for s in Sector.values if any(n.sector == s for n in nodes)]
    legend = [format_html('<text x="0" y="0" class="legend-title">{}</text>', _("Sectors"))]
    for row, sector in enumerate(used, 1):
        kind, colour = SECTOR_STYLE[sector]
        legend.append(format_html(
            '<g transform="translate(8 {})">{}<text x="16" y="4">{}</text></g>',
            row * 22, shape(kind, colour, 7), Sector(sector).label))
    if hub:
        legend.append(format_html(
            '<g transform="translate(8 {})"><circle class="hub" r="11"/>'
            '<text x="16" y="4">{}</text></g>', (len(used) + 1) * 22 + 6,
            _("Secretariat")))
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="network-map" viewBox="0 0 {} {}" '
        'width="{}" height="{}" role="img" aria-labelledby="network-map-title '
        'network-map-desc"><title id="network-map-title">{}</title>'
        '<desc id="network-map-desc">{}</desc>'
        '<g class="ties">{}</g><g class="nodes">{}</g>'
        '<g class="legend" transform="translate({} {})">{}</g></svg>',
        WIDTH, HEIGHT, WIDTH, HEIGHT, title, description, lines, mark_safe("".join(marks)),
        WIDTH - 320, MARGIN, mark_safe("".join(legend)))


def trend_svg(rows) -> str:
    """A line per count of the network (organisations, ties, cross-sector ties) over the
    years; `rows` are `network.Metrics`, oldest first. The metrics table holds the same
    numbers."""
    import altair as alt
    from django.utils.translation import get_language

    from rygrad.core.charts import PALETTE, render_svg_of

    series = [(_("Organisations"), "organisations"), (_("Ties"), "ties"),
              (_("Cross-sector ties"), "cross_sector_ties")]
    data = [{"year": str(m.year), "series": str(label), "value": getattr(m, name)}
            for m in rows for label, name in series]

    def build():
        return alt.Chart(alt.Data(values=data)).mark_line(point=True).encode(
            x=alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=_("Number")),
            color=alt.Color("series:N", title=None, sort=None, scale=alt.Scale(
                domain=[str(label) for label, _n in series], range=PALETTE[:3])),
            strokeDash=alt.StrokeDash("series:N", title=None, sort=None),
        ).properties(width=420, height=220)

    return render_svg_of(["evaluation.network-trend", get_language(), data], build,
                         title=_("The collaboration network year by year"),
                         description=_("Lines of the organisations in the network, their "
                                       "ties and the ties across sectors, year by year. The "
                                       "table of metrics holds the same numbers."))
