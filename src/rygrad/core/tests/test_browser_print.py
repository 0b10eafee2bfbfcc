"""Printing, in Debian's Chromium with print media emulated: the dashboard and every list
of the demo print on A4 with no navigation, menu or button, tables whole, and a header
with the initiative, the page's title and the date."""

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from rygrad.core.demo import demo_build
from rygrad.core.tests.test_access_matrix import CASES

pytestmark = pytest.mark.browser

# A4 is 210 mm wide; the stylesheet's @page leaves 12 mm at each side: 186 mm at 96 px/in.
A4_CONTENT_WIDTH = round(186 / 25.4 * 96)

# Lists: every page of the permission matrix named "...list" that needs no object.
LISTS = sorted({case.url_name for _app, case in CASES
                if case.url_name.endswith("list") and case.kwargs is None and case.in_initiative
                and case.method == "get"})

# Whatever is for the screen only, shown on paper, as "selector: text".
ON_SCREEN_ONLY = """() => [...document.querySelectorAll(
    'nav, [role=navigation], button, .button, summary, details.menu, .skip-link, '
    + 'input[type=submit], .site-footer')]
  .filter(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
  .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ': '
             + el.textContent.trim().slice(0, 40))"""

CUT_TABLES = """() => [...document.querySelectorAll('main table')]
  .filter(table => { const box = table.parentElement;
                     return table.scrollWidth > table.clientWidth + 1
                            || box.scrollWidth > box.clientWidth + 1; })
  .map(table => (table.caption ? table.caption.textContent : table.className).trim())"""


@pytest.fixture
def demo(transactional_db):
    initiative, _logins = demo_build()
    return initiative


def _secretariat():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email="sekretariat@demo.rygrad.dk")


def test_the_dashboard_prints_with_a_header_and_no_navigation(new_page, demo, login):
    """Given the demo's dashboard, when the secretariat prints it (print media), then no
    navigation, menu, button or footer shows; a header shows the initiative and today's
    date, which the screen does not show; and no table is cut off."""
    page = new_page()
    login(page, _secretariat())
    page.goto(reverse("initiatives:dashboard", kwargs={"slug": demo.slug}))
    header = page.locator(".print-header")
    assert not header.is_visible(), "the print header is for paper only"
    assert page.get_by_role("navigation").first.is_visible()

    page.emulate_media(media="print")
    assert page.evaluate(ON_SCREEN_ONLY) == []
    assert header.is_visible()
    text = header.inner_text()
    assert demo.name in text
    assert formats.date_format(timezone.localdate(), "DATE_FORMAT") in text
    assert page.evaluate(CUT_TABLES) == []


@pytest.mark.parametrize("url_name", LISTS)
def test_each_list_prints_whole_on_a4(url_name, new_page, demo, login):
    """Given a list of the demo, when it is printed on A4 (print media, the width of an A4
    page inside its margins), then nothing is wider than the paper, no table is cut off,
    no navigation or button shows, and the header names the page."""
    page = new_page(viewport={"width": A4_CONTENT_WIDTH, "height": 1000})
    login(page, _secretariat())
    page.emulate_media(media="print")
    page.goto(reverse(url_name, kwargs={"slug": demo.slug}))
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= A4_CONTENT_WIDTH, f"{width} px on {A4_CONTENT_WIDTH} px of paper"
    assert page.evaluate(CUT_TABLES) == []
    assert page.evaluate(ON_SCREEN_ONLY) == []
    title = page.title().split(" – ")[0]
    assert title in page.locator(".print-header").inner_text()
    assert page.pdf(format="A4")[:4] == b"%PDF"
