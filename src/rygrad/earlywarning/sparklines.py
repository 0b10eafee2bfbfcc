"""The dashboard's small trend lines: plain SVG written here, because sixteen Vega
renderings per dashboard would cost more than the rest of the page, and because the
dashboard is loaded at start-up (its section registry), where Altair, Vega and the export
stack must not be imported."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from rygrad.core.signals import Unit

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
