"""The report's charts as Vega-Lite specifications: the assessment's mean score per
condition and round (the evaluation overview's trend table drawn), and the collaboration
network's metrics year by year. Drawn by core.charts: SVG on the page, PNG in PDF and
Word, each with the same numbers in a table beside it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from rygrad.core.charts import PALETTE

from .blocks import Chart


def _lines(values: list[dict], *, x_title: str, y_title: str, domain: list | None,
           title: str) -> dict:
    y = {"field": "value", "type": "quantitative", "title": y_title}
    if domain:
        y["scale"] = {"domain": domain}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title, "width": 460, "height": 240,
        "data": {"values": values},
        "mark": {"type": "line", "point": True, "strokeWidth": 2},
        "encoding": {
            "x": {"field": "x", "type": "ordinal", "title": x_title, "sort": None,
                  "axis": {"labelAngle": -40}},
            "y": y,
            "color": {"field": "series", "type": "nominal", "title": "", "sort": None,
                      "scale": {"range": PALETTE}, "legend": {"orient": "bottom",
                                                              "columns": 2}},
        },
    }


def assessment_chart(rows: list[tuple[str, dict[str, float]]],
                     labels: list[tuple[str, str]]) -> Chart | None:
    """`rows`: (round name, {condition: mean}) oldest first; `labels`: the conditions."""
    values = [{"x": name, "series": str(label), "value": round(means[key], 2)}
              for name, means in rows for key, label in labels if key in means]
    if not values:
        return None
    title = _("Mean score per condition and round (1-4)")
    return Chart(title=title, spec=_lines(values, x_title=_("Round"), y_title=_("Mean score"),
                                         domain=[1, 4], title=title),
                 description=_("A line per condition joins its mean score from round to "
                               "round, on the scale from 1 (just begun) to 4 (fully in "
                               "place). The table holds the same numbers."))


def network_chart(rows: list[tuple[int, dict[str, int]]]) -> Chart | None:
    """`rows`: (year, {series label: count}) oldest first."""
    values = [{"x": str(year), "series": str(label), "value": value}
              for year, counts in rows for label, value in counts.items()
              if value is not None]
    if not values:
        return None
    title = _("The collaboration network year by year")
    return Chart(title=title, spec=_lines(values, x_title=_("Year"), y_title=_("Number"),
                                         domain=None, title=title),
                 description=_("Lines of the organisations in the network, their ties and "
                               "the ties across sectors, year by year. The table holds the "
                               "same numbers."))
