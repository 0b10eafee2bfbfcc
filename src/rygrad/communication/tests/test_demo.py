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


def test_the_demo_catalogue_has_offers_by_provider_files_made_in_code_and_a_segmented_issue(
        world, client):
    """Given the communication demo, then its 15 offers each have a provider, how to join
    and contact; the action guides carry a real PDF and two exercises a real Word document
    (read back through the download); and one issue went only to staff and people in
    day-care and schools, each of them subscribed then."""
    import io

    from docx import Document
    from pypdf import PdfReader

    from rygrad.communication.models import Resource, ResourceAttachment, ResourceKind

    initiative = world.initiative
    build(initiative, random.Random(2015))
    offers = Resource.objects.for_initiative(initiative).filter(kind=ResourceKind.OFFER)
    assert offers.count() == 15
    assert all(o.provider and o.provider_kind and o.how_to_join and o.contact for o in offers)
    page = client.get(reverse("communication:offers", kwargs={"slug": initiative.slug}),
                      HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "Kommunale enheder" in page and "Foreninger" in page and "Fritidspas" in page
    files = ResourceAttachment.objects.for_initiative(initiative).select_related("resource")
    pdfs = [f for f in files if f.kind == "pdf"]
    words = [f for f in files if f.kind == "docx"]
    assert {f.resource.kind for f in pdfs} == {ResourceKind.ACTION_GUIDE} and len(pdfs) == 3
    assert len(words) == 2
    guide = pdfs[0]
    served = client.get(reverse("communication:attachment_download", kwargs={
        "slug": initiative.slug, "pk": guide.resource_id, "file_pk": guide.pk}))
    text = PdfReader(io.BytesIO(b"".join(served.streaming_content))).pages[0].extract_text()
    assert guide.resource.title.split()[0] in text and "trin for trin" in text
    document = Document(words[0].file.open("rb"))
    assert document.paragraphs[0].text == words[0].resource.title

    segmented = Newsletter.objects.for_initiative(initiative).get(
        subject__startswith="Til personalet")
    assert set(segmented.segments) == {"staff", "sector:daycare", "sector:school"}
    everyone = Newsletter.objects.for_initiative(initiative).get(
        subject__startswith="Nyhedsbrev: Film")
    reached = list(segmented.deliveries.select_related("subscriber"))
    assert 0 < len(reached) < everyone.deliveries.count()
    for delivery in reached:
        person = delivery.subscriber
        assert person.segment == "staff" or person.sector in ("daycare", "school")
        assert person.confirmed_at < segmented.sent_at
