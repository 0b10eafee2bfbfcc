"""The early-warning charts: the dashboard's small trend lines (plain SVG written here:
sixteen Vega renderings per dashboard would cost more than the rest of the page) and a
signal's history with its threshold (Altair, rendered by `core.charts`)."""

from __future__ import annotations

import altair as alt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from rygrad.core.charts import render_svg
from rygrad.core.exports import Table
from rygrad.core.signals import Unit

from .periods import point_label
from .stories import Story

# The stylesheet's colours (rygrad.css): the brand for the line, the warning colour for
# months in warning and the last point when it warns, muted grey for the threshold.
BRAND, WARN, MUTED = "#1b5e7a", "#8a3b00", "#595959"
WIDTH, HEIGHT, PAD, BAND = 160, 40, 3, 4


def _scale(values: list[float], low: float, high: float, size: float) -> list[float]:
    span = (high - low) or 1.0
    return [size - (value - low) / span * size for value in values]


def sparkline(story: Story, *, title: str) -> SafeString:
    """The story as a small line: the signal's points, the threshold in force as a dashed
    step line, a band under the months in warning and a dot on the last point. The SVG is
    one image named by `title`; the numbers are in the text beside it."""
    points = story.points
    if not story.has_values:
        return mark_safe("")
    numbers = [p.value for p in points if p.value is not None]
    numbers += [p.threshold for p in points if p.threshold is not None]
    if story.signal.unit == Unit.SHARE:
        numbers += [0.0]
    if not numbers:
        return mark_safe("")
    low, high = min(numbers), max(numbers)
    inner = HEIGHT - 2 * PAD - BAND
    first, last = points[0].on.toordinal(), points[-1].on.toordinal()
    span = (last - first) or 1

    def x(point) -> float:
        return round(PAD + (point.on.toordinal() - first) / span * (WIDTH - 2 * PAD), 1)

    def y(value) -> float:
        return round(PAD + _scale([value], low, high, inner)[0], 1)

    parts = []
    run = []  # the band: one mark per run of points in warning
    for point in [*points, None]:
        if point is not None and point.warning:
            run.append(point)
            continue
        if run:
            left = max(0.0, x(run[0]) - 1.5)
            parts.append(f'<rect x="{left}" y="{HEIGHT - BAND}" '
                         f'width="{round(x(run[-1]) + 1.5 - left, 1)}" height="{BAND}" '
                         f'fill="{WARN}"/>')
        run = []
    steps, previous = [], None  # the threshold: a step at each change, and its end
    for index, point in enumerate(points):
        if point.threshold is None:
            previous = None
            continue
        if previous is None:
            steps.append(f"M{x(point)},{y(point.threshold)}")
        elif previous != point.threshold:
            steps.append(f"H{x(point)} V{y(point.threshold)}")
        if index == len(points) - 1 or points[index + 1].threshold != point.threshold:
            steps.append(f"H{x(point)}")
        previous = point.threshold
    if steps:
        parts.append(f'<path d="{" ".join(steps)}" fill="none" stroke="{MUTED}" '
                     f'stroke-width="1" stroke-dasharray="3 2"/>')
    line, segment = [], []
    for point in points:
        if point.value is None:
            if segment:
                line.append(segment)
            segment = []
            continue
        segment.append(f"{x(point)},{y(point.value)}")
    if segment:
        line.append(segment)
    for part in line:
        parts.append(f'<polyline points="{" ".join(part)}" fill="none" stroke="{BRAND}" '
                     f'stroke-width="1.5" stroke-linejoin="round"/>')
    end = points[-1]
    if end.value is not None:
        parts.append(f'<circle cx="{x(end)}" cy="{y(end.value)}" r="2.5" '
                     f'fill="{WARN if end.warning else BRAND}"/>')
    return mark_safe(
        f'<svg class="sparkline" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'focusable="false"><title>{escape(title)}</title>{"".join(parts)}</svg>')


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
