"""Activities on the public site: only those their editors marked public, told by their
public story (sanitised Markdown) with stage, dates and tracks; never the internal
description, the driver, the partners or their people."""

import datetime as dt

import pytest
from django.urls import reverse

from rygrad.activities.models import Stage
from rygrad.activities.tests.factories import ActivityFactory
from rygrad.agenda.tests.factories import TrackFactory
from rygrad.alliance.tests.factories import OrganisationFactory, PersonFactory
from rygrad.communication.tests.factories import NewsPostFactory

pytestmark = pytest.mark.django_db


def _url(name, slug="egelund", **kwargs):
    return reverse(f"communication:{name}", kwargs={"slug": slug, **kwargs})


@pytest.fixture
def activities(world):
    initiative = world.initiative
    driver = OrganisationFactory(initiative=initiative, name="Egelund Bibliotek")
    PersonFactory(initiative=initiative, organisation=driver, name="Birthe Bibliotekar")
    track = TrackFactory(initiative=initiative, name="Fællesskaber i fritiden")
    shown = ActivityFactory(
        initiative=initiative, title="Læseheste i dagtilbud", driver=driver,
        stage=Stage.RUNNING, starts_on=dt.date(2017, 9, 1), ends_on=dt.date(2019, 6, 30),
        description="Intern note: budgettet er usikkert.", tracks=[track],
        is_public=True, public_story="Frivillige **læser højt** for små børn.")
    hidden = ActivityFactory(initiative=initiative, title="Ungebussen hemmelig",
                             stage=Stage.RUNNING, public_story="Endnu ikke offentlig.")
    other = ActivityFactory(initiative=world.other_initiative, title="Andebys læsehest",
                            is_public=True, public_story="Fra en anden kommune.")
    return shown, hidden, other


def test_only_published_activities_are_on_the_site_its_pages_and_sitemap(
        client, world, activities):
    """Given a published activity, an unpublished one (running, with a story) and another
    initiative's published one, when the public looks, then only the first is on the
    front page, the activities page and the sitemap, and the others are not found."""
    shown, hidden, other = activities
    for page in ("site", "activity_list"):
        text = client.get(_url(page)).content.decode()
        assert "Læseheste i dagtilbud" in text and _url("activity_detail", pk=shown.pk) in text
        assert "Ungebussen hemmelig" not in text and "Andebys læsehest" not in text
    assert client.get(_url("activity_detail", pk=shown.pk)).status_code == 200
    assert client.get(_url("activity_detail", pk=hidden.pk)).status_code == 404
    assert client.get(_url("activity_detail", pk=other.pk)).status_code == 404
    sitemap = client.get("/sitemap.xml").content.decode()
    assert _url("activity_detail", pk=shown.pk) in sitemap
    assert f"/activities/{hidden.pk}/" not in sitemap
    # The other initiative's activity is on its own site, never under this one's.
    assert _url("activity_detail", pk=other.pk) not in sitemap
    assert _url("activity_detail", slug="andeby", pk=other.pk) in sitemap
    NewsPostFactory(initiative=world.initiative, title="Nyt om læsning")
    feed = client.get(_url("feed")).content.decode()
    assert "Nyt om læsning" in feed
    assert "Ungebussen hemmelig" not in feed and "Endnu ikke offentlig" not in feed


def test_an_unpublished_activity_is_not_found_even_for_the_secretariat_on_the_site(
        client, world, activities):
    """Given an unpublished activity, then the public site's page is 404 for every role:
    the internal page is where the secretariat reads it."""
    _shown, hidden, _other = activities
    for role in ("youth", "partner", "member", "secretariat"):
        client.force_login(world.users[role])
        assert client.get(_url("activity_detail", pk=hidden.pk)).status_code == 404, role


def test_the_public_page_tells_the_story_with_stage_dates_and_tracks_and_nothing_internal(
        client, activities):
    """Given a published activity with an internal description, a driver and its person,
    then its public page shows the rendered story, the stage, the dates and the track,
    and neither the description, the driver nor the person."""
    shown, _hidden, _other = activities
    text = client.get(_url("activity_detail", pk=shown.pk),
                      HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "Frivillige <strong>læser højt</strong> for små børn." in text
    assert "Fællesskaber i fritiden" in text
    assert "I drift" in text  # the stage, in Danish
    assert "2017" in text and "2019" in text
    for internal in ("Intern note", "budgettet", "Egelund Bibliotek", "Birthe"):
        assert internal not in text, internal


def test_the_story_is_sanitised(client, world):
    """Given a public story holding a script, raw HTML and a javascript: link, then the
    page has no script element, no element from the story's raw HTML and no
    javascript: address; the words remain readable."""
    activity = ActivityFactory(
        initiative=world.initiative, title="Fritidsguide", is_public=True,
        public_story='Hej <script>alert("x")</script> <img src=x onerror=alert(1)> '
                     "[klik](javascript:alert(1)) og **velkommen**.")
    text = client.get(_url("activity_detail", pk=activity.pk)).content.decode()
    story = text[text.index("<article>"):text.index("</article>")]
    assert "<script" not in story and "<img" not in story
    assert "href=\"javascript:" not in story and "<a " not in story
    assert "<strong>velkommen</strong>" in story
    listing = client.get(_url("activity_list")).content.decode()
    assert "<script>alert" not in listing
