"""The whole demo in Debian's Chromium, built once for the two checks that need all of it
(a demo build is most of their time): printing (browser_print.py) and the pages with
charts (browser_charts.py)."""

import pytest

from rygrad.core.demo import demo_build

from .browser_charts import check_charts
from .browser_print import check_printing

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    """The demo, with the early-warning history its signal pages draw."""
    initiative, _logins = demo_build()
    return initiative


def test_the_demo_prints_whole_on_a4_and_its_charts_fit(new_page, demo, login):
    """Given the demo, the dashboard and each list print whole on A4 as `check_printing`
    says, and every page with a chart fits and reads on a desktop and a phone as
    `check_charts` says."""
    check_printing(new_page, demo, login)
    check_charts(new_page, demo, login)
