"""Newsletter segments: a subscriber is in their role's segment, in the sector they gave
and in the sector of their organisation in the alliance registry; an issue goes to the
chosen segments only, to nobody twice and to nobody unsubscribed; the secretariat's page
shows the subscribers by segment over time."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from rygrad.alliance.models import Sector
from rygrad.alliance.tests.factories import OrganisationFactory, PersonFactory
from rygrad.communication import services
from rygrad.communication.models import Newsletter, Segment, Subscriber
from rygrad.communication.tests.factories import SubscriberFactory
from rygrad.core.permissions import Actor

pytestmark = pytest.mark.django_db


def _secretariat(world):
    return Actor(user=world.users["secretariat"], initiative=world.initiative)


def _subscriber(world, email, **fields):
    return SubscriberFactory(initiative=world.initiative, email=email, **fields)


def test_an_issue_reaches_only_its_segments_each_subscriber_once(world):
    """Given subscribers of every kind, when an issue for staff and for the school and
    business sectors is sent, then staff and people in those sectors (given by
    themselves or by the alliance registry) get it exactly once; the public, another
    sector, an unsubscribed teacher and a registry person of an archived organisation
    get nothing."""
    initiative = world.initiative
    business = OrganisationFactory(initiative=initiative, sector=Sector.BUSINESS)
    archived = OrganisationFactory(initiative=initiative, sector=Sector.BUSINESS,
                                   archived_on=dt.date(2019, 1, 1))
    PersonFactory(initiative=initiative, organisation=business, email="Chef@Firma.dk")
    PersonFactory(initiative=initiative, organisation=archived, email="gammel@firma.dk")
    _subscriber(world, "paedagog@egelund.dk", segment=Segment.STAFF)
    _subscriber(world, "laerer@skolen.dk", segment=Segment.STAFF, sector=Sector.SCHOOL)
    _subscriber(world, "chef@firma.dk", segment=Segment.PARTNER)
    _subscriber(world, "gammel@firma.dk", segment=Segment.PARTNER)
    _subscriber(world, "forening@klub.dk", segment=Segment.PARTNER,
                sector=Sector.ASSOCIATION)
    _subscriber(world, "forælder@example.org", segment=Segment.PUBLIC)
    services.unsubscribe(subscriber=_subscriber(world, "gik@skolen.dk",
                                                segment=Segment.PUBLIC,
                                                sector=Sector.SCHOOL))
    newsletter = services.newsletter_save(
        initiative=initiative, by=_secretariat(world), subject="Til skolerne",
        segments=[Segment.STAFF], sectors=[Sector.SCHOOL, Sector.BUSINESS])
    assert newsletter.segments == ["staff", "sector:school", "sector:business"]
    services.newsletter_send(newsletter=newsletter, by=_secretariat(world),
                             base_url="http://testserver/")
    received = sorted(address for message in mail.outbox for address in message.to)
    assert received == ["chef@firma.dk", "laerer@skolen.dk", "paedagog@egelund.dk"]
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.SENT


def test_an_issue_needs_a_segment_or_a_sector(client, world):
    """Given the newsletter form with neither a group nor a sector ticked, when it is
    saved, then it says so beside the groups and nothing is saved; with a sector alone it
    is saved for that sector."""
    client.force_login(world.users["secretariat"])
    url = reverse("communication:newsletter_create", kwargs={"slug": "egelund"})
    response = client.post(url, {"subject": "Nyt"})
    assert response.status_code == 200 and response.context["form"].errors["segments"]
    assert not Newsletter.objects.exists()
    client.post(url, {"subject": "Nyt", "sectors": [Sector.DAYCARE]})
    assert Newsletter.objects.get().segments == ["sector:daycare"]


def test_the_subscribe_form_keeps_the_sector_given(client, world):
    """Given someone who says they work in day-care, when they subscribe, then the
    subscription keeps that sector."""
    client.post(reverse("communication:subscribe", kwargs={"slug": "egelund"}), {
        "email": "stue@vuggestue.dk", "segment": Segment.STAFF, "sector": Sector.DAYCARE,
        "consent": "on"})
    assert Subscriber.objects.get().sector == Sector.DAYCARE


def test_the_page_shows_subscribers_by_segment_over_time(client, world):
    """Given a staff subscriber of the school sector since 2017 and a citizen who came in
    2018 and left in 2019, when the secretariat opens the page of news and newsletters,
    then a table counts them by segment at the end of 2017 and 2018 and today."""
    moment = dt.datetime(2017, 6, 1, 12, tzinfo=dt.UTC)
    _subscriber(world, "a@skolen.dk", segment=Segment.STAFF, sector=Sector.SCHOOL,
                confirmed_at=moment)
    _subscriber(world, "b@example.org", segment=Segment.PUBLIC,
                confirmed_at=moment.replace(year=2018),
                unsubscribed_at=moment.replace(year=2019))
    client.force_login(world.users["secretariat"])
    response = client.get(reverse("communication:manage", kwargs={"slug": "egelund"}))
    rows = {at: (counts, total) for at, counts, total in response.context["segment_rows"]}
    assert [str(label) for label in response.context["segment_columns"]] == [
        str(Segment.PUBLIC.label), str(Segment.STAFF.label), str(Sector.SCHOOL.label)]
    assert rows[dt.date(2017, 12, 31)] == ([0, 1, 1], 1)
    assert rows[dt.date(2018, 12, 31)] == ([1, 1, 1], 2)
    assert list(rows.values())[-1] == ([0, 1, 1], 1)
    assert "<th scope=\"row\">" in response.content.decode()
