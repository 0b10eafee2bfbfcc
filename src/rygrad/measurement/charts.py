"""Vega-Lite charts of indicators, rendered to SVG on the server, each drawing the 95%
interval as a line through the mean so that overlapping intervals are plain to see; a
trend joins an indicator's means from year to year with a line."""

from __future__ import annotations

import altair as alt
import pandas as pd
from django.utils.translation import gettext as _

from rygrad.core.charts import PALETTE, render_svg_of


def _points(frame: pd.DataFrame, *, x: str, x_title: str, y_title: str, color: str | None,
            color_title: str, horizontal: bool, domain: tuple[float, float],
            joined: bool = False):
    value = alt.Y if not horizontal else alt.X
    category = alt.X if not horizontal else alt.Y
    cat = category(f"{x}:O", title=x_title, sort=None)
    base = alt.Chart(frame)
    encode = {"color": alt.Color(f"{color}:N", title=color_title,
                                 scale=alt.Scale(range=PALETTE), sort=None)} if color else {}
    scale = alt.Scale(domain=list(domain), zero=False)
    rule = base.mark_rule(strokeWidth=2).encode(
        cat, value("ci_low:Q", title=y_title, scale=scale),
        **({"y2" if not horizontal else "x2": "ci_high:Q"}), **encode)
    point = base.mark_point(filled=True, size=70).encode(
        cat, value("mean:Q", title=y_title, scale=scale), **encode)
    layers = [rule, point]
    if joined:
        layers.insert(1, base.mark_line(strokeWidth=1.5).encode(
            cat, value("mean:Q", title=y_title, scale=scale), **encode))
    if color and not horizontal:
        layers = [layer.encode(xOffset=alt.XOffset(f"{color}:N", sort=None))
                  for layer in layers]
    return alt.layer(*layers)


def trend_svg(frame: pd.DataFrame, *, title: str, y_title: str,
              domain: tuple[float, float]) -> str | None:
    """Mean per year and indicator with the 95% interval; published rows only."""
    data = frame.loc[~frame["suppressed"], ["year", "indicator_name", "mean", "ci_low",
                                            "ci_high"]].astype({"year": str})
    if data.empty:
        return None
    def build():
        chart = _points(data, x="year", x_title="", y_title=y_title, color="indicator_name",
                        color_title="", horizontal=False, domain=domain, joined=True)
        return chart.properties(width=420, height=260, title=title)

    shape = ["trend", data.to_csv(index=False), title, y_title, list(domain)]
    return render_svg_of(shape, build, title=title, description=_(
        "For each indicator, a line joins its mean score from year to year; the vertical "
        "line at each year is the 95% interval. The table beside the chart holds the same "
        "numbers."))


def breakdown_svg(frame: pd.DataFrame, *, group: str, title: str, x_title: str,
                  domain: tuple[float, float]) -> str | None:
    """Mean per group (one row per group) with the 95% interval; published rows only."""
    data = frame.loc[~frame["suppressed"], [group, "mean", "ci_low", "ci_high"]]
    if data.empty:
        return None
    data = data.astype({group: str})
    def build():
        chart = _points(data, x=group, x_title="", y_title=x_title, color=None,
                        color_title="", horizontal=True, domain=domain)
        return chart.properties(width=380, height=max(80, 22 * len(data)), title=title)

    shape = ["breakdown", data.to_csv(index=False), group, title, x_title, list(domain)]
    return render_svg_of(shape, build, title=title, description=_(
        "For each group, a dot at its mean score and a line across its 95% interval. The "
        "table beside the chart holds the same numbers."))
