"""Writes of communication: news (drafts and publishing), subscriptions with double
opt-in and unsubscribing, and newsletters (composing and sending). Each write is atomic;
the secretariat's writes check the permission rule themselves."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rygrad.core.permissions import Actor

from . import attachments, catalogue, images, mail, selectors
from .models import (
    SECTOR_PREFIX,
    Delivery,
    Newsletter,
    NewsPost,
    Resource,
    ResourceAttachment,
    ResourceUse,
    Segment,
    Subscriber,
)


def _require_manage(actor: Actor) -> None:
    if not actor.can("communication.manage"):
        raise ValidationError(_("Only the secretariat may change news and newsletters."))


@transaction.atomic
def news_save(*, initiative, by: Actor, title: str, body: str, summary: str = "",
              image=None, image_alt: str = "", post: NewsPost | None = None) -> NewsPost:
    """Create a draft, or change a post (a published post stays published). A new image
    is taken only as a clean re-encoded copy (communication.images) and needs its alt
    text."""
    _require_manage(by)
    post = post or NewsPost(initiative=initiative)
    post.title, post.body, post.summary, post.image_alt = title, body, summary, image_alt
    if image is not None:
        post.image = images.prepare_image(image)
    if post.image and not image_alt.strip():
        raise ValidationError({"image_alt": _("Describe the image for people who cannot "
                                              "see it.")})
    post.full_clean()
    post.save()
    return post


@transaction.atomic
def news_publish(*, post: NewsPost, by: Actor, at=None) -> NewsPost:
    """Publish a draft: it appears on the public site, in the feed and in the sitemap."""
    _require_manage(by)
    if post.is_published:
        raise ValidationError(_("The post is already published."))
    post.published_at = at or timezone.now()
    post.save(update_fields=["published_at", "updated_at"])
    return post


@transaction.atomic
def news_unpublish(*, post: NewsPost, by: Actor) -> NewsPost:
    """Take a post back to draft."""
    _require_manage(by)
    post.published_at = None
    post.save(update_fields=["published_at", "updated_at"])
    return post


def subscribe(*, initiative, email: str, name: str = "", segment: str = Segment.PUBLIC,
              sector: str = "", consent_text: str, base_url: str, at=None) -> Subscriber:
    """Record a consent and email a link to confirm it (double opt-in). Nobody gets
    newsletters before confirming. Subscribing again renews the consent and sends a new
    link; an address that left and subscribes again must confirm again. The answer is the
    same whether or not the address was known, so the form reveals nobody."""
    at = at or timezone.now()
    email = email.strip().lower()
    with transaction.atomic():
        subscriber = (Subscriber.objects.for_initiative(initiative)
                      .select_for_update().filter(email=email).first())
        if subscriber is None:
            subscriber = Subscriber(initiative=initiative, email=email)
        elif not subscriber.is_active:
            subscriber.confirmed_at = None
            subscriber.unsubscribed_at = None
        subscriber.name, subscriber.segment, subscriber.sector = name, segment, sector
        subscriber.consent_text, subscriber.consented_at = consent_text, at
        subscriber.full_clean()
        subscriber.save()
    if subscriber.is_active:
        # The form says an email is on its way in either case; this one says nothing new.
        mail.send_already_subscribed(subscriber=subscriber, initiative=initiative,
                                     base_url=base_url)
    else:
        mail.send_confirmation(subscriber=subscriber, initiative=initiative, base_url=base_url)
    return subscriber


@transaction.atomic
def subscription_confirm(*, subscriber: Subscriber, at=None) -> Subscriber:
    """The address's owner confirmed the consent (the second step of the double opt-in)."""
    if subscriber.unsubscribed_at is not None:
        raise ValidationError(_("This subscription was cancelled; please subscribe again."))
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = at or timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return subscriber


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber, at=None) -> Subscriber:
    """Leave the newsletter at once (one click); the consent record stays with the time."""
    if subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = at or timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])
    return subscriber


def _check_composition(initiative, news, segments) -> None:
    if not segments:
        raise ValidationError({"segments": _("Choose at least one segment.")})
    if any(post.initiative_id != initiative.pk or not post.is_published for post in news):
        raise ValidationError({"news": _("Only published news of this initiative can be "
                                         "in a newsletter.")})


@transaction.atomic
def newsletter_save(*, initiative, by: Actor, subject: str, intro: str = "", news=(),
                    activities=(), segments=(), sectors=(),
                    newsletter: Newsletter | None = None) -> Newsletter:
    """Compose an issue: a subject, free text, chosen published news and running or
    anchored activities, for segments: roles (`segments`) and `sectors`, kept together
    with each sector written "sector:<sector>"."""
    _require_manage(by)
    newsletter = newsletter or Newsletter(initiative=initiative)
    if newsletter.status != Newsletter.Status.DRAFT:
        raise ValidationError(_("An issue that has been sent cannot be changed."))
    news, activities = list(news), list(activities)
    segments = [*segments, *(f"{SECTOR_PREFIX}{sector}" for sector in sectors)]
    _check_composition(initiative, news, segments)
    if any(activity.initiative_id != initiative.pk for activity in activities):
        raise ValidationError({"activities": _("Only activities of this initiative can be "
                                               "in a newsletter.")})
    newsletter.subject, newsletter.intro, newsletter.segments = subject, intro, list(segments)
    newsletter.full_clean()
    newsletter.save()
    newsletter.news.set(news)
    newsletter.activities.set(activities)
    return newsletter


def newsletter_send(*, newsletter: Newsletter, by: Actor, base_url: str) -> Newsletter:
    """Send an issue: one delivery per confirmed subscriber in any of its segments is
    recorded now (one only, however many segments the subscriber is in), and the
    background task (`communication.tasks.newsletter_deliver`) sends them in batches.
    Running the task again resumes where it stopped."""
    from .tasks import newsletter_deliver

    _require_manage(by)
    with transaction.atomic():
        newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        if newsletter.status != Newsletter.Status.DRAFT:
            raise ValidationError(_("The issue has already been sent."))
        recipients = selectors.newsletter_recipients(newsletter=newsletter)
        Delivery.objects.bulk_create([
            Delivery(initiative_id=newsletter.initiative_id, newsletter=newsletter,
                     subscriber=subscriber) for subscriber in recipients])
        newsletter.status, newsletter.base_url = Newsletter.Status.SENDING, base_url
        newsletter.save(update_fields=["status", "base_url"])
    newsletter_deliver.enqueue(newsletter_id=newsletter.pk)
    return newsletter


BATCH_SIZE = 50


def newsletter_deliver_batch(*, newsletter: Newsletter, batch_size: int = BATCH_SIZE) -> int:
    """Send up to `batch_size` of an issue's deliveries not yet claimed; return how many
    were sent. A delivery is claimed (committed) before its email goes and marked sent
    after, so no subscriber gets the issue twice, even when a crash interrupts a batch.
    A subscriber who unsubscribed after the issue was queued gets nothing."""
    sent = 0
    pending = list(newsletter.deliveries.filter(claimed_at__isnull=True)
                   .select_related("subscriber").order_by("pk")[:batch_size])
    for delivery in pending:
        claimed = (Delivery.objects.filter(pk=delivery.pk, claimed_at__isnull=True)
                   .update(claimed_at=timezone.now()))
        if not claimed or not delivery.subscriber.is_active:
            continue
        mail.send_newsletter(newsletter=newsletter, subscriber=delivery.subscriber)
        Delivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now())
        sent += 1
    return sent


def newsletter_deliver_all(*, newsletter: Newsletter, batch_size: int = BATCH_SIZE) -> int:
    """Send every remaining delivery, batch after batch, then mark the issue sent."""
    total = 0
    while newsletter.deliveries.filter(claimed_at__isnull=True).exists():
        total += newsletter_deliver_batch(newsletter=newsletter, batch_size=batch_size)
    newsletter.status, newsletter.sent_at = Newsletter.Status.SENT, timezone.now()
    newsletter.save(update_fields=["status", "sent_at"])
    return total


@transaction.atomic
def resource_save(*, initiative, by: Actor, kind: str, title: str, description: str,
                  setting: str, age_band: str, themes: str = "", link: str = "",
                  contact: str = "", is_published: bool = True, attachment=None,
                  provider: str = "", provider_kind: str = "", audience: str = "",
                  how_to_join: str = "", resource: Resource | None = None) -> Resource:
    """Create or change a catalogue entry, with the stems its search matches, and attach
    a file to it when `attachment` is given (checked before anything is saved)."""
    _require_manage(by)
    prepared = attachments.prepare_attachment(attachment) if attachment else None
    resource = resource or Resource(initiative=initiative)
    for name, value in {"kind": kind, "title": title, "description": description,
                        "setting": setting, "age_band": age_band, "themes": themes,
                        "link": link, "contact": contact, "provider": provider,
                        "provider_kind": provider_kind, "audience": audience,
                        "how_to_join": how_to_join, "is_published": is_published}.items():
        setattr(resource, name, value)
    resource.search_stems = catalogue.stem_column(title, description, themes, provider,
                                                  audience)
    resource.full_clean()
    resource.save()
    if prepared is not None:
        ResourceAttachment.objects.create(
            initiative_id=resource.initiative_id, resource=resource, file=prepared.file,
            name=prepared.name, kind=prepared.kind, size=prepared.size)
    return resource


@transaction.atomic
def resource_attachment_remove(*, attachment: ResourceAttachment, by: Actor) -> None:
    """Take a file off a catalogue entry; the stored file goes once the removal is
    committed."""
    _require_manage(by)
    file = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: file.storage.delete(file.name) if file.name else None)


def _count_use(resource: Resource, on, field: str) -> None:
    use, _created = ResourceUse.objects.get_or_create(
        initiative_id=resource.initiative_id, resource=resource, on=on)
    ResourceUse.objects.filter(pk=use.pk).update(**{field: F(field) + 1})


def resource_viewed(*, resource: Resource, on) -> None:
    """Count one view of an entry on a day (a number, nothing about who)."""
    _count_use(resource, on, "views")


def resource_downloaded(*, resource: Resource, on) -> None:
    """Count one download of an entry's attachment on a day (a number, nothing about
    who)."""
    _count_use(resource, on, "downloads")


@transaction.atomic
def subscriber_erase(*, subscriber: Subscriber, by: Actor) -> None:
    """Erase a subscriber on their request (the right to erasure): the address, the
    consent record and the record of which issues were sent to it go."""
    _require_manage(by)
    subscriber.delete()
