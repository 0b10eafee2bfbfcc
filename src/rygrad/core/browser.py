"""Helpers for browser tests: Debian's Chromium through Playwright, and axe-core.

Browser tests drive the real pages in the Chromium that Debian packages (never a browser
downloaded by Playwright), so what we test is what a municipality's IT can install. The
accessibility checks run axe-core from the copy shipped inside the installed
``axe_playwright_python`` package: nothing is fetched from the network while testing.
"""

from __future__ import annotations

import os
import shutil
from functools import cache
from importlib import resources

from django.conf import settings
from django.test import Client

WCAG21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

# Quiet, reproducible Chromium: no sandbox (CI runs as root in a container), no GPU, and
# none of the background traffic that would try to reach Google's servers.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The Debian Chromium executable, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_or_skip() -> str:
    """Chromium's path for a browser test. Without Chromium the test is skipped with a
    reason — unless RYGRAD_REQUIRE_BROWSER=1 (as in CI), where a skip would hide that the
    browser tests never ran, so it fails instead."""
    import pytest

    executable = chromium_path()
    if executable is None:
        message = "Chromium not installed: apt-get install chromium"
        if os.environ.get("RYGRAD_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{message} (RYGRAD_REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(message)
    return executable


@cache
def axe_script() -> str:
    """The axe-core source bundled with axe_playwright_python, read from the package dir."""
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, *, tags: tuple[str, ...] = WCAG21_AA) -> list[dict]:
    """Run axe-core on the page as it is now and return its violations of the given rule
    tags (WCAG 2.1 A and AA by default). An empty list means axe found nothing to fix."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script())
    result = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]},
    )
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    """A readable summary for assertion messages: rule, impact, help and the offending
    elements, so a failing test says what to fix."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation.get("nodes", [])[:5]:
            lines.append(f"    {', '.join(map(str, node.get('target', [])))}: "
                         f"{node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def login(page, live_server, user) -> None:
    """Sign the page's browser context in as ``user`` without going through the form:
    a session is created with Django's test client and its cookie copied over."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


# --- Keyboard-only use: where the focus is, and whether it can be seen ------------------

FOCUSED = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name') || '',
          type: el.getAttribute('type') || '', text: (el.textContent || '').trim().slice(0, 40),
          outline: `${style.outlineStyle} ${style.outlineWidth}`, shadow: style.boxShadow,
          visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
                   || (style.boxShadow || 'none') !== 'none'};
}"""

# The fields of a form a keyboard user has to reach: one stop per radio group.
FIELDS = """form => [...new Set([...form.elements]
  .filter(el => el.name && el.type !== 'hidden' && !el.disabled && el.tabIndex >= 0
                && el.getClientRects().length > 0 && !el.closest('[aria-hidden=true]'))
  .map(el => el.name))]"""

# The text a screen reader reads with a field besides its name: its aria-describedby.
DESCRIPTION = """el => (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean)
  .map(id => document.getElementById(id)).filter(Boolean)
  .map(node => node.textContent.trim()).join(' ')"""


def focused(page) -> dict:
    """The element that has the keyboard focus: tag, id, name, type, text and whether its
    focus indicator shows (an outline of 2 px or more, or a box shadow)."""
    return page.evaluate(FOCUSED)


def tab_until(page, selector: str, *, limit: int = 80, key: str = "Tab") -> list[dict]:
    """Press Tab (or `key`, e.g. "Shift+Tab") until the focus is on an element matching
    `selector`; returns every element focused on the way, the last one included. Fails
    when the element is never reached, or when focus on any stop cannot be seen."""
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        stops.append(focused(page))
        if not stops[-1]["visible"]:
            raise AssertionError(f"focus cannot be seen on {stops[-1]}")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return stops
    raise AssertionError(f"{key} never reached {selector}; it went through {stops}")


def form_fields(page, form_selector: str) -> list[str]:
    """The names of the fields of a form that a keyboard user must be able to reach."""
    return page.locator(form_selector).evaluate(FIELDS)


def description(page, selector: str) -> str:
    """What a screen reader reads out with a field besides its label (aria-describedby)."""
    return page.locator(selector).evaluate(DESCRIPTION)
