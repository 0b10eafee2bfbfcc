"""The whole demo in Debian's Chromium, built once for the checks that need all of it (a
demo build is most of their time): printing (browser_print.py), the pages with charts
(browser_charts.py), and every kind of page of the demo as each demo login and someone
not logged in, in Danish and English, checked for WCAG 2.1 A/AA (browser_a11y.py)."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from rygrad.core.demo import DEMO_USERS, demo_build

from .browser_a11y import Sweep, crawl
from .browser_charts import check_charts
from .browser_print import check_printing

pytestmark = pytest.mark.browser

# More kinds of page than the demo links to (about 90 for the secretariat): the bound only
# stops a crawl that would run away.
KINDS_PER_LOGIN = 200


@pytest.fixture
def demo(transactional_db):
    """The demo, with the early-warning history its signal pages draw."""
    initiative, _logins = demo_build()
    return initiative


def check_every_page(new_page, demo, login, live_server):
    """When each demo login (and someone not logged in) follows every link of the demo
    from its dashboard — one page of each kind, ids aside — in Danish and in English,
    then each answers 200 in the language asked for and, in Chromium on a 320 px screen,
    axe-core finds no WCAG 2.1 A/AA violation, nothing scrolls sideways, loads from
    another host or fails in the console (browser_a11y.Sweep says how)."""
    User = get_user_model()
    users = {role.name.lower() if role is not None else "operator": User.objects.get(email=email)
             for email, _name, role in DEMO_USERS}
    users["anonymous"] = None
    sweep = Sweep(new_page, login, live_server, users)
    start = reverse("initiatives:dashboard", kwargs={"slug": demo.slug})
    kinds = {role: crawl(sweep, start, role, within=start, limit=KINDS_PER_LOGIN)
             for role in users}
    if os.environ.get("RYGRAD_SWEEP_REPORT"):
        print(f"\ndemo: {sweep.report()}; kinds by login: "
              f"{ {role: len(seen) for role, seen in kinds.items()} }")
    assert len(kinds["secretariat"]) > 50, "the crawl did not get far into the demo"
    assert max(map(len, kinds.values())) < KINDS_PER_LOGIN, "the crawl was cut short"
    assert not sweep.problems, "\n".join(sweep.problems)


def test_the_demo_is_accessible_prints_whole_on_a4_and_its_charts_fit(
        new_page, demo, login, live_server):
    """Given the demo, every page of it is accessible to each login in both languages as
    `check_every_page` says, the dashboard and each list print whole on A4 as
    `check_printing` says, and every page with a chart fits and reads on a desktop and a
    phone as `check_charts` says."""
    check_every_page(new_page, demo, login, live_server)
    check_printing(new_page, demo, login)
    check_charts(new_page, demo, login)
