"""The demo's communication builds, tells the seed's story (communication came in 2017
and lapsed after 2019), and its pages open."""

import datetime as dt
import random

import pytest
from django.urls import reverse

from rygrad.communication import selectors
from rygrad.communication.demo import build
from rygrad.communication.models import Newsletter

pytestmark = pytest.mark.django_db


def test_the_demo_news_and_newsletters_build_and_their_pages_open(world, client_as):
    """Given the communication demo, then news runs from 2017, every issue was sent to
    the subscribers confirmed by then, the signals show the lapse after 2019, and the
    site, the archive and the secretariat's pages open."""
    initiative = world.initiative
    build(initiative, random.Random(2015))
    first = selectors.published_news(initiative=initiative).order_by("published_at").first()
    assert first.published_at.year == 2017
    issues = Newsletter.objects.for_initiative(initiative)
    assert issues and all(issue.deliveries.exists() for issue in issues)
    assert selectors.days_since_news(initiative=initiative, at=dt.date(2019, 12, 31)) < 60
    assert selectors.days_since_newsletter(initiative=initiative,
                                           at=dt.date(2022, 12, 31)) > 365
    assert selectors.subscribers_at(initiative=initiative, at=dt.date(2019, 12, 31)) > 30
    slug = {"slug": initiative.slug}
    public = client_as("anonymous")
    assert [r.title for r in selectors.catalogue_search(initiative=initiative,
                                                        query="fællesskab")]
    for name in ("site", "news_list", "archive", "feed", "catalogue"):
        assert public.get(reverse(f"communication:{name}", kwargs=slug)).status_code == 200
    secretariat = client_as("secretariat")
    for name in ("manage", "subscriber_list"):
        assert secretariat.get(reverse(f"communication:{name}",
                                       kwargs=slug)).status_code == 200
    columns, rows = selectors.subscribers_by_segment_over_time(
        initiative=initiative, today=dt.date(2019, 12, 31))
    assert "sector:school" in columns and rows[0][0] == dt.date(2017, 12, 31)
    assert rows[-1][1]["sector:school"] > 0


@pytest.mark.parametrize(("role", "name"), [
    ("anonymous", "site"), ("anonymous", "news_list"), ("anonymous", "archive"),
    ("anonymous", "catalogue"), ("secretariat", "manage"),
    ("secretariat", "subscriber_list")])
def test_busy_pages_take_a_fixed_number_of_queries(world, client_as, role, name,
                                                   django_assert_max_num_queries):
    """Given the whole demo's communication, when a list page is opened, then it takes a
    small fixed number of queries, not one per news post, issue or entry."""
    build(world.initiative, random.Random(2015))
    client = client_as(role)
    url = reverse(f"communication:{name}", kwargs={"slug": world.initiative.slug})
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200
