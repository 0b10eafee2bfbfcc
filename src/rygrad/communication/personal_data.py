"""What communication holds about a person: their newsletter subscription (found by
address) with its consent and the issues sent to it. Erasure, and retention after they
left, remove the address and name but keep the dates, so the subscriber counts over time
on the dashboard stay (core.personal_data)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rygrad.core.personal_data import (
    Held,
    day,
    register_personal_data,
    register_retention_kind,
)

from .models import Subscriber, new_token

ERASED_DOMAIN = "erased.invalid"


def _subscriptions(subject):
    emails = subject.emails
    if not emails:
        return Subscriber.objects.none()
    match = Q()
    for email in emails:
        match |= Q(email__iexact=email)
    return Subscriber.objects.for_initiative(subject.initiative).filter(match)


def export(subject) -> Held:
    return Held(records={"newsletter_subscriptions": [
        {"email": sub.email, "name": sub.name, "segment": sub.segment, "sector": sub.sector,
         "consent_text": sub.consent_text, "consented_at": day(sub.consented_at),
         "confirmed_at": day(sub.confirmed_at), "unsubscribed_at": day(sub.unsubscribed_at),
         "issues_sent": [{"subject": delivery.newsletter.subject,
                          "sent_at": day(delivery.sent_at)}
                         for delivery in sub.deliveries.select_related("newsletter")
                         .order_by("sent_at", "pk")]}
        for sub in _subscriptions(subject)]})


def _anonymise(subscriber: Subscriber, *, now) -> None:
    subscriber.email = f"subscriber-{subscriber.pk}@{ERASED_DOMAIN}"
    subscriber.name = ""
    subscriber.token = new_token()  # the old unsubscribe link no longer names anyone
    subscriber.unsubscribed_at = subscriber.unsubscribed_at or now
    subscriber.save(update_fields=["email", "name", "token", "unsubscribed_at"])


def erase(subject) -> int:
    now = timezone.now()
    subscriptions = list(_subscriptions(subject))
    for subscriber in subscriptions:
        _anonymise(subscriber, now=now)
    return len(subscriptions)


register_personal_data("communication", label=_("News and newsletters"), export=export,
                       erase=erase)


def _left_due(*, initiative, cutoff):
    return Subscriber.objects.for_initiative(initiative).filter(
        unsubscribed_at__date__lt=cutoff).exclude(email__endswith=f"@{ERASED_DOMAIN}")


def _left_rows(queryset):
    for row in queryset.order_by("pk").values(
            "email", "name", "segment", "sector", "consent_text", "consented_at",
            "confirmed_at", "unsubscribed_at").iterator(chunk_size=2000):
        yield {key: day(value) if key.endswith("_at") else value
               for key, value in row.items()}


def _left_remove(queryset) -> int:
    now = timezone.now()
    count = 0
    for subscriber in queryset:
        _anonymise(subscriber, now=now)
        count += 1
    return count


register_retention_kind(
    "communication.former_subscribers", label=_("Newsletter subscribers who left"),
    explanation=_("Months after they unsubscribed. The address and name are removed; the "
                  "dates stay, so the subscriber counts over time stay."),
    default_months=24, due=_left_due, since="unsubscribed_at", rows=_left_rows,
    remove=_left_remove, anonymises=True)
