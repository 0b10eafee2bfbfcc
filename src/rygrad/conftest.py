"""Fixtures for every app's tests."""

import os

import pytest
from django.core.management import call_command
from django.utils import translation

from rygrad.core.testing import build_world


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language (Danish), whatever a test before it on
    the same worker left active."""
    translation.deactivate()
    yield


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """A world built once for a whole test module (once on each worker that runs some of
    its tests) and committed, for a module whose tests read what a costly setup (a demo)
    made in it: the module overrides `world` with it (see measurement/tests/test_demo.py).
    Each test still runs in a transaction rolled back after it; the module's data is
    flushed when the module ends."""
    with django_db_blocker.unblock():
        world = build_world()
    yield world
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def client_as(client, world):
    """`client_as("member")` returns the test client logged in as that role of the world."""

    def login(role: str):
        client.logout()
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        return client

    return login


# --- Browser tests: Playwright driving Debian's Chromium -------------------------------
# Not pytest-playwright: it drives browsers Playwright downloads. Were it installed, these
# fixtures would shadow its `page` (a conftest fixture wins over a plugin's), so the
# names stay `page` for the apps' tests while the browser stays Debian's.


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the whole run. Skips browser tests on a machine
    without Chromium, unless RYGRAD_REQUIRE_BROWSER=1 (CI), where a skip would hide them."""
    from playwright.sync_api import sync_playwright

    from rygrad.core.browser import CHROMIUM_ARGS, chromium_or_skip

    executable = chromium_or_skip()

    # Playwright's sync API keeps an event loop on the main thread; the ORM calls that
    # tests make between browser steps are still synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(chromium, live_server):
    """`new_page(java_script_enabled=False, viewport=...)` opens a page in a fresh browser
    context (own cookies) against the live server; Danish is the browser's language unless
    `locale=` says otherwise."""
    contexts = []

    def open_page(**context_args):
        context_args = {"locale": "da-DK", "base_url": live_server.url, **context_args}
        context = chromium.new_context(**context_args)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A Playwright page on the live server (`page.goto("/i/egelund/")` is relative to it)."""
    return new_page()


@pytest.fixture
def login(live_server):
    """`login(page, user)` signs the page's context in as the user (session cookie)."""
    from rygrad.core.browser import login as login_page

    def sign_in(page, user):
        login_page(page, live_server, user)
        return page

    return sign_in


def pytest_terminal_summary(terminalreporter):
    """Say which database the run used, so a CI log shows SQLite and PostgreSQL runs apart."""
    from django.conf import settings

    if not settings.configured:
        return
    database = settings.DATABASES["default"]
    terminalreporter.write_line(
        f"Database: {database['ENGINE'].rsplit('.', 1)[-1]} ({database.get('NAME')})")


@pytest.fixture
def rows_read(monkeypatch):
    """How many rows openpyxl produced: the work the reader did before it stopped."""
    counted = {"rows": 0}
    from openpyxl.worksheet import _read_only

    original = _read_only.ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        for row in original(self, *args, **kwargs):
            counted["rows"] += 1
            yield row

    monkeypatch.setattr(_read_only.ReadOnlyWorksheet, "_cells_by_row", counting)
    return counted


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences",
                     "django_db_serialized_rollback", "live_server", "module_world"}


def uses_the_database(item) -> bool:
    """Whether a test reaches the database (pytest-django refuses the others any query)."""
    return (item.get_closest_marker("django_db") is not None
            or bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))))


def pytest_collection_modifyitems(config, items):
    """With RYGRAD_DATABASE_TESTS_ONLY=1 only the tests that use the database run: CI runs
    the whole suite on SQLite, then these again on PostgreSQL — a test that never reaches
    the database gives the same answer on both."""
    if os.environ.get("RYGRAD_DATABASE_TESTS_ONLY") != "1":
        return
    others = [item for item in items if not uses_the_database(item)]
    if others:
        config.hook.pytest_deselected(items=others)
        items[:] = [item for item in items if uses_the_database(item)]
