"""The public site, news with drafts and publishing, the feed, the sitemap, /was, and the
secretariat's subscriber export."""

import datetime as dt

import pytest
from django.urls import reverse

from rygrad.communication import selectors, services
from rygrad.communication.models import NewsPost
from rygrad.communication.tests.factories import (
    NewsletterFactory,
    NewsPostFactory,
    ResourceFactory,
    SubscriberFactory,
    sent,
)
from rygrad.core.permissions import Actor
from rygrad.core.testing import response_text

pytestmark = pytest.mark.django_db


def _url(name, **kwargs):
    return reverse(f"communication:{name}", kwargs={"slug": "egelund", **kwargs})


def test_a_draft_is_seen_by_the_secretariat_only_until_it_is_published(client, world):
    """Given a draft written by the secretariat, when the public looks, then it is not on
    the site, in the feed or the sitemap; once published it is in all three."""
    client.force_login(world.users["secretariat"])
    client.post(_url("news_create"), {"title": "Ungebussen kører igen",
                                      "summary": "Bussen besøger alle skoler",
                                      "body": "Hele **ugen**."})
    post = NewsPost.objects.get()
    assert post.published_at is None
    client.logout()
    detail = _url("news_detail", pk=post.pk)
    assert client.get(detail).status_code == 404
    assert "Ungebussen" not in client.get(_url("news_list")).content.decode()
    assert "Ungebussen" not in client.get(_url("feed")).content.decode()
    assert detail not in client.get("/sitemap.xml").content.decode()

    client.force_login(world.users["secretariat"])
    client.post(_url("news_publish", pk=post.pk))
    client.logout()
    assert "<strong>ugen</strong>" in client.get(detail).content.decode()
    feed = client.get(_url("feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Ungebussen kører igen" in feed.content.decode()
    assert detail in client.get("/sitemap.xml").content.decode()


def test_the_preview_renders_and_saves_nothing(client, world):
    """Given the news form, when Preview is pressed, then the text is shown rendered and
    nothing is saved."""
    client.force_login(world.users["secretariat"])
    response = client.post(_url("news_create"), {"title": "T", "body": "*kursiv*",
                                                  "preview": "1"})
    assert "<em>kursiv</em>" in response.content.decode()
    assert not NewsPost.objects.exists()


def test_script_in_news_is_shown_as_text(client, world):
    """Given a post whose text holds a script and an event handler, when it is shown,
    then neither can run: the text stays text."""
    post = NewsPostFactory(initiative=world.initiative,
                           body='<script>alert(1)</script> [x](javascript:alert(1))')
    page = client.get(_url("news_detail", pk=post.pk)).content.decode()
    assert "<script>alert" not in page
    assert 'href="javascript:' not in page


def test_the_public_site_shows_the_initiative_and_links_how_to_join(client, world):
    """Given a public initiative with published news, when anyone opens the site, then
    they find the news and the subscription page, without logging in."""
    NewsPostFactory(initiative=world.initiative, title="Læseheste i børnehaven")
    page = client.get(_url("site")).content.decode()
    assert "Læseheste i børnehaven" in page
    assert _url("subscribe") in page


def test_a_private_initiative_has_no_public_site(client, world):
    """Given an initiative whose public page is switched off, when the public asks for its
    site or its news, then it does not exist, and the sitemap leaves it out."""
    world.initiative.is_public = False
    world.initiative.save()
    post = NewsPostFactory(initiative=world.initiative)
    assert client.get(_url("site")).status_code == 404
    assert client.get(_url("news_detail", pk=post.pk)).status_code == 404
    assert "egelund" not in client.get("/sitemap.xml").content.decode()


def test_was_shows_the_accessibility_statement_with_contact_and_date(client, settings, world):
    """Given the short address Danish law asks for and the statement's contact and review
    date in the settings, when it is opened (in Danish), then it shows the statement with
    that address to write to and that date; every page's footer links the statement."""
    settings.RYGRAD_ACCESSIBILITY_CONTACT = "tilgaengelighed@egelund.dk"
    settings.RYGRAD_ACCESSIBILITY_REVIEWED = "2025-09-15"
    response = client.get("/was/", HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    page = response.content.decode()
    assert "core/accessibility.html" in [t.name for t in response.templates]
    assert 'href="mailto:tilgaengelighed@egelund.dk"' in page
    assert "15. september 2025" in page
    assert f'href="{reverse("core:accessibility")}"' in client.get(_url("site")).content.decode()


def test_every_public_page_is_in_the_sitemap(client, world):
    """Given a public initiative with a news post, a sent and a draft issue and a
    published and a draft catalogue entry, then the sitemap lists its site, news, archive,
    catalogue, the subscription page, the post, the sent issue, the published entry and
    the accessibility statement, and neither draft; each listed page opens."""
    post = NewsPostFactory(initiative=world.initiative)
    issue = sent(NewsletterFactory(initiative=world.initiative))
    draft_issue = NewsletterFactory(initiative=world.initiative)
    entry = ResourceFactory(initiative=world.initiative)
    draft_entry = ResourceFactory(initiative=world.initiative, is_published=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    pages = [_url(name) for name in ("site", "news_list", "archive", "catalogue",
                                     "subscribe")]
    pages += [_url("news_detail", pk=post.pk), _url("archive_detail", pk=issue.pk),
              _url("resource_detail", pk=entry.pk), "/accessibility/"]
    for page in pages:
        assert f"http://testserver{page}</loc>" in sitemap, page
        assert client.get(page).status_code == 200, page
    assert _url("archive_detail", pk=draft_issue.pk) + "<" not in sitemap
    assert _url("resource_detail", pk=draft_entry.pk) + "<" not in sitemap


def test_the_subscriber_export_writes_formulas_as_text(client, world):
    """Given a subscriber whose name starts like a formula, when the secretariat exports
    the subscribers as CSV, then the name is written as text."""
    SubscriberFactory(initiative=world.initiative, name="=HYPERLINK(\"http://x\")")
    client.force_login(world.users["secretariat"])
    text = response_text(client.get(_url("subscriber_list") + "?format=csv"))
    assert "'=HYPERLINK" in text


def test_the_signals_count_days_since_news_and_newsletter_and_subscribers(world):
    """Given news published on 1 March and a subscriber confirmed on 1 February who left
    on 1 April, then on 31 March the news is 30 days old, no newsletter was ever sent and
    there is one subscriber; on 1 April there is none."""
    initiative = world.initiative
    at = dt.datetime(2018, 3, 1, 12, tzinfo=dt.UTC)
    NewsPostFactory(initiative=initiative, published_at=at)
    NewsPostFactory(initiative=initiative, published_at=None)
    SubscriberFactory(initiative=initiative, confirmed_at=at - dt.timedelta(days=28),
                      unsubscribed_at=at + dt.timedelta(days=31))
    assert selectors.days_since_news(initiative=initiative, at=dt.date(2018, 3, 31)) == 30
    assert selectors.days_since_news(initiative=initiative, at=dt.date(2018, 2, 1)) is None
    assert selectors.days_since_newsletter(initiative=initiative,
                                           at=dt.date(2018, 3, 31)) is None
    assert selectors.subscribers_at(initiative=initiative, at=dt.date(2018, 3, 31)) == 1
    assert selectors.subscribers_at(initiative=initiative, at=dt.date(2018, 4, 1)) == 0


def test_a_member_may_not_write_news(world):
    """Given a member, when they try to save a post, then the service refuses."""
    member = Actor(user=world.users["member"], initiative=world.initiative)
    with pytest.raises(services.ValidationError):
        services.news_save(initiative=world.initiative, by=member, title="x", body="y")
