"""The emails of communication, through Django's email backends (console in the demo,
SMTP in production, the outbox in tests)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from rygrad.core.markdown import render_markdown


def _absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def send_confirmation(*, subscriber, initiative, base_url: str) -> None:
    """The first email of the double opt-in: a link that confirms the subscription."""
    url = _absolute(base_url, reverse("communication:confirm", kwargs={
        "slug": initiative.slug, "token": subscriber.token}))
    context = {"initiative": initiative, "url": url}
    EmailMultiAlternatives(
        subject=_("Confirm your subscription to the newsletter of %(name)s")
        % {"name": initiative.name},
        body=render_to_string("communication/email/confirm.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL, to=[subscriber.email],
    ).send()


def send_already_subscribed(*, subscriber, initiative, base_url: str) -> None:
    """Someone subscribed an address that already gets the newsletter: tell its owner,
    with the way out, and change nothing."""
    url = _absolute(base_url, reverse("communication:unsubscribe", kwargs={
        "slug": initiative.slug, "token": subscriber.token}))
    EmailMultiAlternatives(
        subject=_("You already receive the newsletter of %(name)s") % {"name": initiative.name},
        body=render_to_string("communication/email/already.txt",
                              {"initiative": initiative, "url": url}),
        from_email=settings.DEFAULT_FROM_EMAIL, to=[subscriber.email],
    ).send()


def newsletter_message(*, newsletter, subscriber) -> EmailMultiAlternatives:
    """An issue to one subscriber, with a one-click unsubscribe (RFC 8058): the
    List-Unsubscribe address takes a POST without a form or a login."""
    initiative = newsletter.initiative
    unsubscribe_url = _absolute(newsletter.base_url, reverse(
        "communication:unsubscribe", kwargs={"slug": initiative.slug,
                                             "token": subscriber.token}))
    context = {"initiative": initiative, "newsletter": newsletter,
               "intro": render_markdown(newsletter.intro),
               "news": [(post, _absolute(newsletter.base_url, reverse(
                   "communication:news_detail", kwargs={"slug": initiative.slug,
                                                        "pk": post.pk})))
                        for post in newsletter.news.order_by("-published_at")],
               "activities": newsletter.activities.order_by("title"),
               "unsubscribe_url": unsubscribe_url}
    message = EmailMultiAlternatives(
        subject=newsletter.subject,
        body=render_to_string("communication/email/newsletter.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL, to=[subscriber.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    message.attach_alternative(
        render_to_string("communication/email/newsletter.html", context), "text/html")
    return message


def send_newsletter(*, newsletter, subscriber) -> None:
    newsletter_message(newsletter=newsletter, subscriber=subscriber).send()
