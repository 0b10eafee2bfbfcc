"""core.charts, the one place charts are configured: numbers in the user's language,
text never below 12 px, an accessible name and description in the user's language with
none of Vega's English labels left in, and each chart rendered once."""

import re
from pathlib import Path

import altair as alt
import pytest
import vl_convert as vlc
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from rygrad.core.charts import MIN_FONT_SIZE, chart_locales, render_svg

# Renderings are kept in the shared cache, which is a table of the database.
pytestmark = pytest.mark.django_db

TEXT = re.compile(r"<text\b[^>]*>([^<]*)</text>")
FONT_SIZE = re.compile(r'font-size="([\d.]+)px"')


def _chart():
    values = [{"year": "2018", "mean": 1.5}, {"year": "2019", "mean": 2.25},
              {"year": "2020", "mean": 1234.5}]
    return alt.Chart(alt.Data(values=values)).mark_line(point=True).encode(
        x=alt.X("year:O", title="År"), y=alt.Y("mean:Q", title="Gennemsnit"),
    ).properties(title="Trivsel")


def _texts(svg: str) -> list[str]:
    return TEXT.findall(svg)


def test_danish_charts_write_numbers_with_a_decimal_comma_and_a_thousands_point():
    """Given a chart of numbers between 1.5 and 1234.5, when it is drawn for a Danish
    user, then its axis reads 1.200 (a thousands point) and no label has a decimal point;
    drawn for an English user, it reads 1,200."""
    with translation.override("da"):
        danish = _texts(render_svg(_chart(), title="Trivsel"))
    with translation.override("en"):
        english = _texts(render_svg(_chart(), title="Well-being"))
    assert "1.200" in danish and "1,200" in english
    assert not [t for t in danish if re.fullmatch(r"\d+\.\d{1,2}", t)]


def test_danish_decimals_are_written_with_a_comma_on_the_axis():
    """Given values between 0 and 2.5, when drawn for a Danish user, then the axis
    labels with decimals use a comma (0,5) and none uses a point."""
    values = [{"x": "a", "v": 0.5}, {"x": "b", "v": 2.5}]
    chart = alt.Chart(alt.Data(values=values)).mark_bar().encode(x="x:N", y="v:Q")
    with translation.override("da"):
        texts = _texts(render_svg(chart, title="Andel"))
    decimals = [t for t in texts if re.fullmatch(r"\d+[.,]\d+", t)]
    assert decimals, texts
    assert all("," in t for t in decimals), decimals


def test_every_chart_text_is_at_least_12_px_even_when_a_chart_asks_for_less():
    """Given a chart that configures 8 px axis labels and a 9 px title, when it is drawn,
    then every text in the SVG is at least 12 px."""
    chart = _chart().configure_axis(labelFontSize=8, titleFontSize=8).configure_title(
        fontSize=9)
    sizes = [float(size) for size in FONT_SIZE.findall(render_svg(chart, title="Trivsel"))]
    assert sizes
    assert min(sizes) >= MIN_FONT_SIZE


def test_the_accessible_name_and_description_are_in_the_users_language():
    """Given a chart drawn for a Danish user, then the SVG is one image named by its
    title, its description is Danish, and none of Vega's English ARIA labels ("X-axis
    titled ...", "line mark container") are left in it."""
    with translation.override("da"):
        svg = render_svg(_chart(), title="Trivsel pr. år")
    assert svg.startswith('<svg role="img" aria-label="Trivsel pr. år"')
    assert "<title>Trivsel pr. år</title>" in svg
    assert "<desc>Tabellen ved siden af diagrammet viser de samme tal.</desc>" in svg
    assert "aria-roledescription" not in svg
    assert "axis titled" not in svg.lower()
    assert svg.count('role="') == 1


def test_two_charts_on_one_page_never_share_an_id():
    """Given two charts drawn for one page, then no id inside one appears in the other
    (a clip path of one chart must not be taken for the other's)."""
    clipped = _chart().mark_line(point=True, clip=True).encode(
        y=alt.Y("mean:Q", scale=alt.Scale(domain=[0, 3])))  # Vega draws it with a clip path
    first, second = (render_svg(clipped, title="Trivsel") for _ in range(2))
    ids = set(re.findall(r'\bid="([^"]+)"', first))
    assert ids and not ids & set(re.findall(r'\bid="([^"]+)"', second))
    for svg in (first, second):  # and each reference points inside its own chart
        own = set(re.findall(r'\bid="([^"]+)"', svg))
        references = set(re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', svg))
        assert references and {a or b for a, b in references} <= own


def test_an_unknown_language_falls_back_to_english_formats():
    """Given a language without its own formats, then charts use the English ones."""
    assert chart_locales("sv")[0]["decimal"] == "."
    assert chart_locales("da-DK")[0]["decimal"] == ","


def _template_name(path: Path) -> str:
    parts = path.parts
    at = len(parts) - 1 - parts[::-1].index("templates")
    return "/".join(parts[at + 1:])


def test_every_template_with_a_chart_is_in_the_browser_tests_of_charts():
    """Given the templates that draw a chart (include core/chart.html or put an SVG on the
    page), then each is named in browser_charts.CHART_TEMPLATES, so the 1280 px and
    320 px checks visit every page with a chart."""
    from rygrad.core.tests.browser_charts import CHART_TEMPLATES

    package = Path(__file__).resolve().parents[2]
    drawing = {_template_name(path) for path in package.rglob("*.html")
               if "templates" in path.parts and _template_name(path) != "core/chart.html"
               and ('include "core/chart.html"' in (text := path.read_text("utf-8"))
                    or "svg|safe" in text)}
    assert drawing, "no template draws a chart: the search is broken"
    assert drawing <= set(CHART_TEMPLATES), sorted(drawing - set(CHART_TEMPLATES))


@pytest.fixture
def renders(monkeypatch, db):
    """How often vl-convert was asked to draw (a spy: it still draws), from an empty cache."""
    calls = []
    draw = vlc.vegalite_to_svg

    def counted(*args, **kwargs):
        calls.append(1)
        return draw(*args, **kwargs)

    monkeypatch.setattr(vlc, "vegalite_to_svg", counted)
    cache.clear()
    return calls


def test_a_chart_with_unchanged_data_is_rendered_once(renders):
    """Given a chart drawn once, when the same chart is drawn again, then the renderer is
    not called and the SVG is the same but for its own ids; when its data or the user's
    language changes, then it is drawn anew."""
    first = render_svg(_chart(), title="Trivsel")
    again = render_svg(_chart(), title="Trivsel")
    assert len(renders) == 1
    assert _texts(again) == _texts(first)
    changed = _chart()
    changed.data.values[0]["mean"] = 3.75
    render_svg(changed, title="Trivsel")
    assert len(renders) == 2
    with translation.override("en"):
        render_svg(_chart(), title="Trivsel")
    assert len(renders) == 3


def test_a_page_with_unchanged_data_never_calls_the_renderer(renders, client_as, world):
    """Given the activities' timeline opened once, when it is opened again, then no chart
    is rendered; when an activity is added, then the timeline is drawn anew and shows it."""
    from rygrad.activities.tests.factories import ActivityFactory

    ActivityFactory(initiative=world.initiative, title="Lektiecafé")
    client = client_as("member")
    url = reverse("activities:timeline", kwargs={"slug": world.initiative.slug})
    assert client.get(url).status_code == 200
    drawn = len(renders)
    assert drawn >= 1
    client.get(url)
    assert len(renders) == drawn
    ActivityFactory(initiative=world.initiative, title="Ungebussen")
    assert "Ungebussen" in client.get(url).content.decode()
    assert len(renders) == drawn + 1
