"""The API reference page in Chromium on a 320 px wide screen: readable with JavaScript
off, and axe-core finds no WCAG 2.1 AA violation, in Danish and in English."""

import pytest

from rygrad.core.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser


def test_the_reference_reads_without_javascript_and_passes_axe_in_both_languages(
        new_page, live_server):
    """Given the reference page opened on a narrow screen in Danish and in English, when
    JavaScript is off, then every operation's heading and table is there and the page does
    not scroll sideways; with JavaScript on, axe-core reports no violation."""
    found = {}
    for language in ("da", "en"):
        options = {"viewport": {"width": 320, "height": 640}, "locale": language,
                   "extra_http_headers": {"Accept-Language": language}}
        page = new_page(java_script_enabled=False, **options)
        page.goto("/api/docs/")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("section.api-operation h3").count() > 20
        assert page.locator("section.api-operation table").count() > 40
        page.close()
        checking = new_page(**options)
        checking.goto("/api/docs/")
        width, screen = checking.evaluate("() => [document.documentElement.scrollWidth, "
                                          "document.documentElement.clientWidth]")
        assert width <= screen, f"{language}: {width} px wide on a {screen} px screen"
        if violations := axe_violations(checking):
            found[language] = describe_violations(violations)
        checking.close()
    assert not found, found
