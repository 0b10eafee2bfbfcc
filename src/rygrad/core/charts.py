"""Charts: Vega-Lite specifications (built with Altair) rendered on the server to SVG.

Nothing is drawn in the browser, so charts work without JavaScript and in PDF/Word. Every
chart is shown with its data table beside it (templates/core/chart.html).
"""

from __future__ import annotations

import re

import vl_convert as vlc

PALETTE = ["#1b5e7a", "#c2571a", "#3b7d3a", "#7b3f8c", "#9a7b00", "#505050", "#b23a48"]


def render_svg(chart, *, title: str) -> str:
    """Render an Altair chart (or a Vega-Lite dict) to inline SVG with an accessible name."""
    spec = chart if isinstance(chart, dict) else chart.to_dict()
    svg = vlc.vegalite_to_svg(spec)
    # Give the SVG a role and a name so screen readers announce it; the table beside it
    # carries the numbers.
    svg = re.sub(r"^<svg ", f'<svg role="img" aria-label="{_escape(title)}" ', svg, count=1)
    return svg


def render_png(chart, *, scale: float = 2.0) -> bytes:
    """PNG of a chart, for Word documents."""
    spec = chart if isinstance(chart, dict) else chart.to_dict()
    return vlc.vegalite_to_png(spec, scale=scale)


def _escape(text: str) -> str:
    return (
        str(text).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        .replace(">", "&gt;")
    )
