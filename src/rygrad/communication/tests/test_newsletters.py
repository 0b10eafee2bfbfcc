"""Subscribing with double opt-in, unsubscribing in one click, and sending an issue in
batches that resume after a crash without sending anyone the issue twice."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from rygrad.communication import services
from rygrad.communication.models import Delivery, Newsletter, Segment, Subscriber
from rygrad.communication.tests.factories import (
    NewsletterFactory,
    NewsPostFactory,
    SubscriberFactory,
)
from rygrad.core.permissions import Actor

pytestmark = pytest.mark.django_db


def _secretariat(world):
    return Actor(user=world.users["secretariat"], initiative=world.initiative)


def _link(message, name):
    return re.search(rf"http://testserver(/i/egelund/communication/{name}/[^/\s]+/)",
                     message.body).group(1)


def test_a_subscription_starts_only_when_the_address_confirms_it(client, world):
    """Given the public subscribe form, when someone subscribes, then the consent is kept
    and a confirmation link is emailed; only posting to that link makes them a
    subscriber, with the time of confirmation kept."""
    response = client.post(reverse("communication:subscribe", kwargs={"slug": "egelund"}), {
        "email": "Parent@Example.org", "segment": Segment.PUBLIC, "consent": "on"})
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "parent@example.org"
    assert "nyhedsbrev" in subscriber.consent_text.lower() or "newsletter" in \
        subscriber.consent_text.lower()
    assert subscriber.consented_at is not None and not subscriber.is_active
    assert len(mail.outbox) == 1
    link = _link(mail.outbox[0], "subscribe")
    client.get(link)
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None, "opening the link (a link checker) confirms nothing"
    client.post(link)
    subscriber.refresh_from_db()
    assert subscriber.is_active


def test_subscribing_needs_the_consent(client, world):
    """Given the subscribe form without the consent box ticked, then nobody is recorded."""
    response = client.post(reverse("communication:subscribe", kwargs={"slug": "egelund"}), {
        "email": "a@example.org", "segment": Segment.PUBLIC})
    assert response.status_code == 200
    assert not Subscriber.objects.exists() and not mail.outbox


def _send(world, newsletter):
    return services.newsletter_send(newsletter=newsletter, by=_secretariat(world),
                                    base_url="http://testserver/")


def test_an_issue_reaches_confirmed_subscribers_of_its_segments_once(world):
    """Given confirmed, unconfirmed, unsubscribed and other-segment subscribers, when an
    issue for the public is sent, then only the confirmed public subscriber gets it, with
    the one-click unsubscribe headers."""
    initiative = world.initiative
    reader = SubscriberFactory(initiative=initiative, email="reader@example.org")
    SubscriberFactory(initiative=initiative, confirmed_at=None)
    services.unsubscribe(subscriber=SubscriberFactory(initiative=initiative))
    SubscriberFactory(initiative=initiative, segment=Segment.STAFF)
    post = NewsPostFactory(initiative=initiative, title="Læseheste hele året")
    newsletter = services.newsletter_save(
        initiative=initiative, by=_secretariat(world), subject="Nyt fra alliancen",
        intro="Hej", news=[post], segments=[Segment.PUBLIC])
    _send(world, newsletter)
    assert [message.to for message in mail.outbox] == [["reader@example.org"]]
    message = mail.outbox[0]
    assert "Læseheste hele året" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<http://testserver/i/egelund/communication/unsubscribe/{reader.token}/>")
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.SENT


def test_one_click_unsubscribe_needs_no_form_and_stops_the_next_issue(client, world):
    """Given a subscriber, when their mail program POSTs the List-Unsubscribe address (no
    CSRF token, no login), then they are unsubscribed and get no later issue."""
    subscriber = SubscriberFactory(initiative=world.initiative)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("communication:unsubscribe", kwargs={
        "slug": "egelund", "token": subscriber.token}), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None
    assert subscriber.consent_text, "the consent record stays"
    _send(world, NewsletterFactory(initiative=world.initiative))
    assert mail.outbox == []


class CrashingBackend:
    """An email backend whose server fails after two messages, as a crash mid-batch."""

    sent: list = []

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        if len(CrashingBackend.sent) >= 2:
            raise ConnectionError("the mail server went away")
        CrashingBackend.sent.extend(messages)
        return len(messages)


def test_resuming_after_a_crash_sends_nobody_the_issue_twice(world, settings):
    """Given five subscribers and a mail server that fails on the third message, when the
    send crashes and is run again on a working server, then the two who got it are not
    sent it again, the one whose message was in flight is left out rather than risk a
    double, and the other two get it; someone who unsubscribed meanwhile gets nothing."""
    initiative = world.initiative
    people = [SubscriberFactory(initiative=initiative) for _ in range(5)]
    newsletter = NewsletterFactory(initiative=initiative)
    CrashingBackend.sent = []
    settings.EMAIL_BACKEND = f"{__name__}.CrashingBackend"
    _send(world, newsletter)
    assert [m.to[0] for m in CrashingBackend.sent] == [p.email for p in people[:2]]
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.SENDING
    services.unsubscribe(subscriber=people[4])
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from rygrad.communication.tasks import newsletter_deliver

    newsletter_deliver.enqueue(newsletter_id=newsletter.pk)
    assert [m.to[0] for m in mail.outbox] == [people[3].email]
    deliveries = Delivery.objects.filter(newsletter=newsletter)
    assert deliveries.filter(sent_at__isnull=False).count() == 3
    assert deliveries.filter(claimed_at__isnull=True).count() == 0
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.SENT


def test_an_issue_cannot_be_sent_twice(world):
    """Given a sent issue, when it is sent again, then it is refused and nobody gets more."""
    SubscriberFactory(initiative=world.initiative)
    newsletter = NewsletterFactory(initiative=world.initiative)
    _send(world, newsletter)
    with pytest.raises(services.ValidationError):
        _send(world, newsletter)
    assert len(mail.outbox) == 1


def test_only_the_secretariat_may_send(world):
    """Given a member, when they try to send an issue, then the service refuses."""
    newsletter = NewsletterFactory(initiative=world.initiative)
    member = Actor(user=world.users["member"], initiative=world.initiative)
    with pytest.raises(services.ValidationError):
        services.newsletter_send(newsletter=newsletter, by=member, base_url="http://x/")


def test_an_issue_tells_its_chosen_activities(world):
    """Given an issue composed of free text and a running activity, when it is sent, then
    the email and the archive name the activity; an activity of another initiative is
    refused."""
    from rygrad.activities.models import Stage
    from rygrad.activities.tests.factories import ActivityFactory

    SubscriberFactory(initiative=world.initiative)
    bus = ActivityFactory(initiative=world.initiative, title="Ungebussen", stage=Stage.RUNNING)
    newsletter = services.newsletter_save(
        initiative=world.initiative, by=_secretariat(world), subject="Nyt", intro="Hej",
        activities=[bus], segments=list(Segment.values))
    _send(world, newsletter)
    assert "Ungebussen" in mail.outbox[0].body
    assert "Ungebussen" in mail.outbox[0].alternatives[0][0]
    elsewhere = ActivityFactory(initiative=world.other_initiative)
    with pytest.raises(services.ValidationError):
        services.newsletter_save(initiative=world.initiative, by=_secretariat(world),
                                 subject="x", activities=[elsewhere], segments=["public"])


def test_the_secretariat_erases_a_subscriber_on_request(client, world):
    """Given a subscriber who asks to be forgotten, when the secretariat erases them, then
    the address and its consent record are gone."""
    subscriber = SubscriberFactory(initiative=world.initiative, email="glem@example.org")
    client.force_login(world.users["secretariat"])
    client.post(reverse("communication:subscriber_erase",
                        kwargs={"slug": "egelund", "pk": subscriber.pk}))
    assert not Subscriber.objects.filter(email="glem@example.org").exists()


def test_subscribing_a_subscribed_address_changes_nothing_and_tells_its_owner(world):
    """Given an address that already gets the newsletter, when it is subscribed again,
    then it stays confirmed and its owner is told so, with the way out."""
    subscriber = SubscriberFactory(initiative=world.initiative, email="fast@example.org")
    confirmed = subscriber.confirmed_at
    services.subscribe(initiative=world.initiative, email="fast@example.org",
                       consent_text="Ja", base_url="http://testserver/")
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at == confirmed
    assert len(mail.outbox) == 1 and subscriber.token in mail.outbox[0].body
