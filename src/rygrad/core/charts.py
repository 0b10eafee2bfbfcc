"""Charts: Vega-Lite specifications (built with Altair) rendered on the server to SVG.

Nothing is drawn in the browser, so charts work without JavaScript and in PDF/Word. Every
chart is shown with its data table beside it (templates/core/chart.html).

This module is the one place charts are configured: text sizes (never below 12 px), the
number and date formats of the user's language (a decimal comma in Danish), and the
accessible name and description, also in the user's language. Vega's own ARIA labels
("X-axis titled ...") are English only, so they are left out.
"""

from __future__ import annotations

import copy
import itertools
import re

import altair as alt
import vl_convert as vlc
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .freshness import kept

PALETTE = ["#1b5e7a", "#c2571a", "#3b7d3a", "#7b3f8c", "#9a7b00", "#505050", "#b23a48"]

# The smallest text a chart draws, in px (CSS px: the SVG is shown at its own size).
MIN_FONT_SIZE = 12

CONFIG = {
    "aria": False,
    # Text is measured in a wide font (DejaVu Sans; where the server lacks it, vl-convert's
    # estimate is wider still) and the stylesheet draws it in Arial's width or DejaVu's,
    # so no label runs past the edge of the chart in any browser.
    "font": "DejaVu Sans",
    "axis": {"labelFontSize": MIN_FONT_SIZE, "titleFontSize": 13},
    "legend": {"labelFontSize": MIN_FONT_SIZE, "titleFontSize": 13, "labelLimit": 280},
    "header": {"labelFontSize": MIN_FONT_SIZE, "titleFontSize": 13},
    "title": {"fontSize": 15, "subtitleFontSize": 13, "anchor": "start"},
    "text": {"fontSize": MIN_FONT_SIZE},
}

# d3-format and d3-time-format locales. Danish writes 1.234,5; English (as the UI's
# English is British) 1,234.5.
NUMBER_LOCALES = {
    "da": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", " DKK"]},
}
TIME_LOCALES = {
    "da": {
        "dateTime": "%A den %d %B %Y %X", "date": "%d.%m.%Y", "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
        "shortDays": ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
        "months": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
                   "september", "oktober", "november", "december"],
        "shortMonths": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt",
                        "nov", "dec"],
    },
    "en": {
        "dateTime": "%a %e %b %X %Y", "date": "%d/%m/%Y", "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                 "Saturday"],
        "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        "months": ["January", "February", "March", "April", "May", "June", "July",
                   "August", "September", "October", "November", "December"],
        "shortMonths": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                        "Nov", "Dec"],
    },
}

# A rendering is kept in the shared cache under a hash of everything that shapes it (the
# specification with its data, the locales, the renderer's version): the same chart is
# never drawn twice, and a change of data is a new key, so nothing is ever stale. A day
# bounds what an old chart occupies.
RENDERED_FOR_SECONDS = 24 * 60 * 60
RENDERER = getattr(vlc, "__version__", "")

# Vega's ARIA attributes on the parts of a chart: English words, and noise inside an image.
_VEGA_ARIA = re.compile(r'\s(?:aria-roledescription|aria-label|role)="[^"]*"')
_IDS = itertools.count(1)
ID_PREFIX = "rygrad-chart-id-"  # in a kept SVG, where each page puts the chart's own prefix
SVG_FORM = 2  # the form a kept SVG has; a new form is never read from an old entry


def chart_locales(language: str | None = None) -> tuple[dict, dict]:
    """The number and time format locales for a language (the active one by default)."""
    code = (language or get_language() or "da").split("-")[0].lower()
    if code not in NUMBER_LOCALES:
        code = "en"
    return NUMBER_LOCALES[code], TIME_LOCALES[code]


def chart_spec(chart, *, background: str | None = None) -> dict:
    """The Vega-Lite dict of an Altair chart (or a dict), with this module's configuration
    over whatever the chart configures itself."""
    spec = copy.deepcopy(chart) if isinstance(chart, dict) else _structure_then_data(chart)
    config = spec.setdefault("config", {})
    for key, value in CONFIG.items():
        if isinstance(value, dict):
            config[key] = {**config.get(key, {}), **value}
        else:
            config[key] = value
    spec["background"] = background
    return spec


def _structure_then_data(chart) -> dict:
    """The chart's Vega-Lite dict, its data as named datasets. Altair checks the type of
    every value of a chart's data as it writes the dict (40 ms for a few hundred rows, the
    most of a page's time once its chart is cached), so the data is lifted out first and
    only the chart's structure is written by Altair; the specification is not validated
    here either (vl-convert refuses an invalid one, and every chart is drawn in tests)."""
    datasets: dict[str, list] = {}
    spec = _data_lifted(chart, datasets).to_dict(validate=False)
    if datasets:
        spec["datasets"] = {**spec.get("datasets", {}), **datasets}
    return spec


def _data_lifted(node, datasets: dict[str, list]):
    """A copy of `node` (a chart or one of its layers) whose own data is a reference to a
    new entry of `datasets`; the chart passed in is left as it was."""
    node = node.copy(deep=False)
    data = node._kwds.get("data", alt.Undefined)
    values = None
    if isinstance(data, alt.Data):
        values = data._kwds.get("values")
    elif data is not alt.Undefined and not isinstance(data, (alt.NamedData, alt.UrlData,
                                                             dict, str)):
        values = alt.data_transformers.get()(data)["values"]  # a data frame, as Altair
    if isinstance(values, list):
        name = f"data-{len(datasets)}"
        datasets[name] = values
        node.data = alt.NamedData(name=name)
    if isinstance(node._kwds.get("layer"), list):
        node.layer = [_data_lifted(layer, datasets) for layer in node.layer]
    return node


def render_svg(chart, *, title: str, description: str = "") -> str:
    """Render an Altair chart (or a Vega-Lite dict) to inline SVG, in the user's language:
    numbers and dates formatted as they write them, and an accessible name (`title`) and
    description. Without a `description` it says that the table beside it holds the
    numbers."""
    spec = chart_spec(chart)
    return _svg(spec, lambda: spec, title=title, description=description)


def render_svg_of(shape, build, *, title: str, description: str = "") -> str:
    """`render_svg(build(), ...)`, where `shape` (JSON-able: the chart's data and options)
    determines the chart: a chart with the same shape is neither built nor rendered again.
    For charts whose building in Altair costs more than their drawing (layers over a data
    frame: tens of ms)."""
    return _svg(["built", shape], lambda: chart_spec(build()), title=title,
                description=description)


def _svg(shape, spec_of, *, title: str, description: str) -> str:
    numbers, times = chart_locales()
    svg = _rendered("svg", [SVG_FORM, shape, numbers, times], lambda: _without_own_names(
        vlc.vegalite_to_svg(spec_of(), format_locale=numbers, time_format_locale=times)))
    description = description or _("The table beside the chart holds the same numbers.")
    return _accessible(svg, title=str(title), description=str(description))


def render_png(chart, *, scale: float = 2.0) -> bytes:
    """PNG of a chart, for Word documents (white background, the user's number format)."""
    numbers, times = chart_locales()
    spec = chart_spec(chart, background="white")
    return _rendered("png", [spec, numbers, times, scale], lambda: vlc.vegalite_to_png(
        spec, scale=scale, format_locale=numbers, time_format_locale=times))


def _rendered(kind: str, shape: list, render):
    """What `render()` returns for a chart of this `shape`, rendered once by any worker."""
    return kept(f"chart:{kind}", [RENDERER, shape], render, seconds=RENDERED_FOR_SECONDS)


def _without_own_names(svg: str) -> str:
    """The SVG as kept: without Vega's own ARIA names (the chart gets one name of its
    own), and with each id, and each reference to one, behind `ID_PREFIX`, which every
    page showing it replaces — the regular expressions run once per chart, not per view."""
    if re.match(r"<svg\b[^>]*>", svg) is None:
        raise ValueError("vl-convert returned no <svg> element")
    svg = _VEGA_ARIA.sub("", svg)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{ID_PREFIX}\1"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', rf'url(#{ID_PREFIX}\1)', svg)
    return re.sub(r'href="#([^"]+)"', rf'href="#{ID_PREFIX}\1"', svg)


def _accessible(svg: str, *, title: str, description: str) -> str:
    """One image for assistive technology, named and described in the user's language.
    Ids inside the SVG (clip paths, gradients) get a prefix of their own, so two charts on
    one page never point at each other's."""
    svg = svg.replace(ID_PREFIX, f"chart{next(_IDS)}-")
    head_end = svg.index(">") + 1
    head = svg[:head_end].replace(
        "<svg ", f'<svg role="img" aria-label="{_escape(title)}" ', 1)
    return (f"{head}<title>{_escape(title)}</title><desc>{_escape(description)}</desc>"
            f"{svg[head_end:]}")


def _escape(text: str) -> str:
    return (
        str(text).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        .replace(">", "&gt;")
    )
