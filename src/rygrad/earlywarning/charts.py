"""The early-warning charts: a signal's history with its threshold (Altair, rendered by
`core.charts`) and its table. The dashboard's small trend lines are in `sparklines`."""

from __future__ import annotations

import altair as alt
from django.utils.translation import gettext as _

from rygrad.core.charts import render_svg
from rygrad.core.exports import Table
from rygrad.core.signals import Unit

from .periods import point_label
from .sparklines import BRAND, MUTED, WARN
from .stories import Story


def history_table(story: Story, *, every: str = "month") -> Table:
    """The story's points as a table: date, value, threshold, in warning."""
    rows = []
    for point in story.points:
        if every == "quarter" and point is not story.latest and point.on.month % 3:
            continue
        rows.append([point_label(point.on), story.signal.format(point.value),
                     story.signal.format(point.threshold),
                     _("yes") if point.warning else _("no")])
    return Table(title=str(story.signal.label),
                 columns=[_("Month"), _("Value"), _("Threshold"), _("In warning")], rows=rows)


def _plotted(story: Story, value):
    if value is None:
        return None
    return value * 100 if story.signal.unit == Unit.SHARE else value


def history_svg(story: Story) -> str:
    """The history as a line over time, the threshold in force as a dashed step line and
    the months in warning marked, in per cent for a share."""
    unit = "%" if story.signal.unit == Unit.SHARE else str(story.signal.unit.label)
    values = [{"on": point.on.isoformat(), "value": _plotted(story, point.value),
               "warning": _("In warning") if point.warning else _("Within the threshold")}
              for point in story.points]
    thresholds = [{"on": point.on.isoformat(), "threshold": _plotted(story, point.threshold)}
                  for point in story.points if point.threshold is not None]
    x = alt.X("on:T", title=None, axis=alt.Axis(format="%Y", tickCount="year"))
    line = alt.Chart(alt.Data(values=values)).mark_line(color=BRAND).encode(
        x=x, y=alt.Y("value:Q", title=unit))
    dots = alt.Chart(alt.Data(values=values)).mark_point(filled=True, size=28).encode(
        x=x, y="value:Q",
        color=alt.Color("warning:N", title=None, scale=alt.Scale(
            domain=[_("Within the threshold"), _("In warning")], range=[BRAND, WARN]),
            legend=alt.Legend(orient="bottom")))
    layers = [line, dots]
    if thresholds:
        layers.append(alt.Chart(alt.Data(values=thresholds)).mark_line(
            color=MUTED, strokeDash=[4, 3], interpolate="step-after").encode(
            x=x, y="threshold:Q"))
    chart = alt.layer(*layers).properties(width=520, height=220)
    title = _("%(signal)s at each month end") % {"signal": story.signal.label}
    return render_svg(chart, title=title, description=_(
        "The line is the value at each month end and on the last date; the dashed line is "
        "the threshold in force then; dark points were in warning. The table beside the "
        "chart holds the same numbers."))
