"""The browser-test plumbing itself: when Chromium is missing, a developer's run skips
the browser tests with a reason, but a CI run (RYGRAD_REQUIRE_BROWSER=1) fails."""

import pytest

from rygrad.core import browser


def test_missing_chromium_skips_with_the_install_command(monkeypatch):
    """Given no Chromium and no requirement, when a browser test asks for it, then the
    test is skipped with the command that installs it."""
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.delenv("RYGRAD_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        browser.chromium_or_skip()


def test_missing_chromium_fails_when_ci_requires_the_browser(monkeypatch):
    """Given no Chromium and RYGRAD_REQUIRE_BROWSER=1, when a browser test asks for it,
    then the test fails rather than being skipped."""
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.setenv("RYGRAD_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="RYGRAD_REQUIRE_BROWSER=1"):
        browser.chromium_or_skip()


def test_axe_is_read_from_the_installed_package_not_the_network():
    """Given the installed axe_playwright_python, when the axe script is loaded, then it
    is axe-core's source from the package directory."""
    script = browser.axe_script()
    assert "axe" in script[:2000] and len(script) > 100_000
