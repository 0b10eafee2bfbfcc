"""Printing, in Debian's Chromium with print media emulated: the dashboard and every list
of the demo print on A4 with no navigation, menu or button, tables whole, and a header
with the initiative, the page's title and the date. Checked by test_browser_demo.py, on
the demo it builds once for this and the charts."""

from django.urls import reverse
from django.utils import formats, timezone

from rygrad.core.tests.test_access_matrix import CASES

# A4 is 210 mm wide; the stylesheet's @page leaves 12 mm at each side: 186 mm at 96 px/in.
A4_CONTENT_WIDTH = round(186 / 25.4 * 96)

# Lists: every page of the permission matrix named "...list" that needs no object (the
# API's lists are JSON, not pages).
LISTS = sorted({case.url_name for _app, case in CASES
                if case.url_name.endswith("list") and case.kwargs is None and case.in_initiative
                and case.method == "get" and not case.api})

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


def _secretariat():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email="sekretariat@demo.rygrad.dk")


def _the_dashboard_prints_with_a_header_and_no_navigation(new_page, demo, login):
    """When the secretariat prints the demo's dashboard (print media), then no navigation,
    menu, button or footer shows; a header shows the initiative and today's date, which
    the screen does not show; and no table is cut off."""
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


def check_printing(new_page, demo, login):
    """Given the demo (one for every page: building it is what takes the time), the
    dashboard prints as `_the_dashboard_prints_with_a_header_and_no_navigation` says; and
    when each list is printed on A4 (print media, the width of an A4 page inside its
    margins), then nothing is wider than the paper, no table is cut off, no navigation or
    button shows, the header names the page and Chromium makes a PDF of it."""
    _the_dashboard_prints_with_a_header_and_no_navigation(new_page, demo, login)
    page = new_page(viewport={"width": A4_CONTENT_WIDTH, "height": 1000})
    login(page, _secretariat())
    page.emulate_media(media="print")
    problems = {}
    for url_name in LISTS:
        page.goto(reverse(url_name, kwargs={"slug": demo.slug}))
        found = []
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > A4_CONTENT_WIDTH:
            found.append(f"{width} px on {A4_CONTENT_WIDTH} px of paper")
        found += [f"table cut off: {name}" for name in page.evaluate(CUT_TABLES)]
        found += [f"on paper: {shown}" for shown in page.evaluate(ON_SCREEN_ONLY)]
        title = page.title().split(" – ")[0]
        if title not in page.locator(".print-header").inner_text():
            found.append(f"the header does not name {title!r}")
        if page.pdf(format="A4")[:4] != b"%PDF":
            found.append("no PDF")
        if found:
            problems[url_name] = found
    assert len(LISTS) >= 10, LISTS
    assert problems == {}
