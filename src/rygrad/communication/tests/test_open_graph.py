"""Open Graph tags on the public pages: a shared link shows the page's title, a summary, its
absolute address, the news post's image where it has one, and the page's language."""

import io
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from rygrad.activities.tests.factories import ActivityFactory
from rygrad.communication.models import ResourceKind
from rygrad.communication.tests.factories import (
    NewsletterFactory,
    NewsPostFactory,
    ResourceFactory,
    sent,
)

pytestmark = pytest.mark.django_db


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = attrs.get("property") or attrs.get("name")
        if tag == "meta" and key:
            self.tags.setdefault(key, []).append(attrs.get("content", ""))


def _meta(client, url, language="da") -> dict[str, str]:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    parser = _Meta()
    parser.feed(response.content.decode())
    return {key: values[0] for key, values in parser.tags.items()
            if key.startswith("og:") or key == "description"}


def _url(name, **kwargs):
    return reverse(f"communication:{name}", kwargs={"slug": "egelund", **kwargs})


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    return out.getvalue()


def test_a_news_post_shares_its_title_summary_image_and_address(client, world, settings,
                                                                 tmp_path):
    """Given a published post with a summary and an image, when its page is read, then
    its Open Graph tags give the title, the summary, type article, the page's absolute
    address, the image's absolute address (which serves the image) with its alt text,
    and the Danish locale."""
    settings.MEDIA_ROOT = tmp_path
    post = NewsPostFactory(initiative=world.initiative, title="Læsehesten kommer",
                           summary="Hesten besøger alle børnehaver i maj.",
                           image=ContentFile(_png(), name="hest.png"),
                           image_alt="En læsehest af træ")
    tags = _meta(client, _url("news_detail", pk=post.pk))
    assert tags["og:title"] == "Læsehesten kommer"
    assert tags["og:description"] == "Hesten besøger alle børnehaver i maj."
    assert tags["og:type"] == "article"
    assert tags["og:url"] == f"http://testserver{_url('news_detail', pk=post.pk)}"
    image = f"http://testserver{_url('news_image', pk=post.pk)}"
    assert tags["og:image"] == image and tags["og:image:alt"] == "En læsehest af træ"
    assert tags["og:locale"] == "da_DK" and tags["og:locale:alternate"] == "en_GB"
    served = client.get(image.removeprefix("http://testserver"))
    assert b"".join(served.streaming_content) == post.image.open("rb").read()


def test_a_post_without_an_image_has_no_image_tag_and_english_has_its_locale(client, world):
    """Given a post without an image or summary, when read in English, then there is no
    og:image, the locale is British English, and the description is the body's words,
    never its Markdown."""
    post = NewsPostFactory(initiative=world.initiative, summary="")
    tags = _meta(client, _url("news_detail", pk=post.pk), language="en")
    assert "og:image" not in tags
    assert tags["og:locale"] == "en_GB"
    assert tags["og:description"] == "Læseheste i alle børnehaver."
    assert tags["description"] == tags["og:description"]


def test_a_long_markdown_body_is_shortened_plain_text(client, world):
    """Given a post without a summary whose body is long Markdown with a link, a list and a
    heading, then its description is plain words, shortened, without Markdown marks."""
    body = ("## Nyt fra *sporene*\n\n- [Læs mere](https://example.org) om **læseheste**\n"
            + "Flere ord om fællesskab. " * 30)
    post = NewsPostFactory(initiative=world.initiative, summary="", body=body)
    description = _meta(client, _url("news_detail", pk=post.pk))["og:description"]
    assert description.startswith("Nyt fra sporene Læs mere om læseheste Flere ord")
    assert not set("#*[]()") & set(description)
    assert len(description) <= 200 and description.endswith("…")


def test_every_public_page_has_its_open_graph_tags(client, world):
    """Given the site, the news, the catalogue with an offer, the archive with an issue
    and the subscription page, then each has a title, a description, a type and its own
    absolute address."""
    offer = ResourceFactory(initiative=world.initiative, kind=ResourceKind.OFFER,
                            title="Familierådgivningen", description="Råd til familier.")
    issue = sent(NewsletterFactory(initiative=world.initiative, subject="Nyt om sommeren"))
    activity = ActivityFactory(initiative=world.initiative, title="Læseheste",
                               is_public=True, public_story="Frivillige **læser** højt.")
    offer.provider, offer.provider_kind = "Familiehuset", "municipal"
    offer.save()
    pages = {_url(name): None for name in ("site", "news_list", "catalogue", "archive",
                                            "subscribe", "activity_list", "offers")}
    pages[_url("activity_detail", pk=activity.pk)] = ("Læseheste", "Frivillige læser højt.")
    pages[_url("resource_detail", pk=offer.pk)] = ("Familierådgivningen", "Råd til familier.")
    pages[_url("archive_detail", pk=issue.pk)] = ("Nyt om sommeren", "Hej alle")
    for url, expected in pages.items():
        tags = _meta(client, url)
        assert tags["og:url"] == f"http://testserver{url}", url
        assert tags["og:title"] and tags["og:description"] and tags["og:type"], url
        assert tags["description"] == tags["og:description"], url
        if expected:
            assert (tags["og:title"], tags["og:description"]) == expected, url
    assert _meta(client, _url("site"))["og:title"] == world.initiative.name
