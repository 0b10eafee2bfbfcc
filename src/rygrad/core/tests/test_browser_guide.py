"""Every page of the guide in a real browser on a 320 px wide screen, in Danish (the
English text with its notice) and in English: axe-core finds no WCAG 2.1 AA violation,
wide tables and code scroll in their own region rather than the page, and nothing is
blocked or loaded from elsewhere. The permission matrix's browser test visits two of the
guide's pages; this one visits them all."""

import pytest

from rygrad.core import guide
from rygrad.core.tests.browser_a11y import page_problems

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale", ["da-DK", "en-GB"])
def test_every_guide_page_is_accessible_on_a_narrow_screen(new_page, live_server, db,
                                                           locale):
    """Given each page of the guide, when it is opened on a 320 px screen, then axe-core
    reports no violation, the page fits the screen's width, and the console shows no
    error."""
    page = new_page(viewport={"width": 320, "height": 640}, locale=locale)
    report = []
    for name in guide.page_names():
        url = guide.page_url(name)
        report += [f"{url}: {problem}" for problem in page_problems(page, live_server, url)]
    assert not report, "\n".join(report)
