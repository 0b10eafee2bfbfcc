"""Pages of communication: the public site (news, the feed, the newsletter archive,
subscribing and unsubscribing) and the secretariat's pages for news and newsletters."""

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from rygrad.agenda.models import Track
from rygrad.agenda.selectors import vision_of
from rygrad.core.exports import Table, query_without_format, requested_format, table_response
from rygrad.core.forms import form_submit
from rygrad.core.markdown import render_markdown
from rygrad.core.media import private_file_response
from rygrad.core.views import initiative_view

from . import selectors, services
from .feeds import NewsFeed
from .forms import CONSENT_TEXT, NewsForm, NewsletterForm, SubscribeForm
from .models import SECTOR_PREFIX, Newsletter, NewsPost, Segment, Subscriber, segment_label
from .text import plain_excerpt


def _button(request) -> forms.Form:
    """The bare form of a button without fields: bound on every POST, even an empty one."""
    return forms.Form(request.POST if request.method == "POST" else None)


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


# The public site ------------------------------------------------------------------------

@initiative_view("communication.view")
def site(request, slug):
    initiative = request.initiative
    vision = vision_of(initiative=initiative)
    return render(request, "communication/site.html", {
        "vision": vision,
        "vision_html": render_markdown(vision.vision) if vision else "",
        "tracks": Track.objects.for_initiative(initiative).order_by("name"),
        "activities": selectors.published_activities(initiative=initiative)[:8],
        "news": selectors.published_news(initiative=initiative)[:5],
        "can_manage": request.actor.can("communication.manage"),
    })


@initiative_view("communication.view")
def news_list(request, slug):
    return render(request, "communication/news_list.html", {
        "news": selectors.published_news(initiative=request.initiative)})


@initiative_view("communication.view")
def news_detail(request, slug, pk):
    manage = request.actor.can("communication.manage")
    news = (selectors.all_news if manage else selectors.published_news)(
        initiative=request.initiative)
    post = get_object_or_404(news, pk=pk)
    return render(request, "communication/news_detail.html", {
        "post": post, "body": render_markdown(post.body), "can_manage": manage,
        # The summary, or else the body's words: never its Markdown source.
        "description": post.summary or plain_excerpt(post.body)})


@initiative_view("communication.view")
def news_image(request, slug, pk):
    """A news post's image, for whoever may read the post; never guessed as HTML."""
    manage = request.actor.can("communication.manage")
    news = (selectors.all_news if manage else selectors.published_news)(
        initiative=request.initiative)
    post = get_object_or_404(news, pk=pk)
    return private_file_response(file=post.image, filename=post.image.name)


@initiative_view("communication.view")
def feed(request, slug):
    return NewsFeed()(request, slug=slug)


@initiative_view("communication.view")
def archive(request, slug):
    return render(request, "communication/archive.html", {
        "newsletters": selectors.sent_newsletters(initiative=request.initiative)})


@initiative_view("communication.view")
def archive_detail(request, slug, pk):
    newsletter = get_object_or_404(selectors.sent_newsletters(initiative=request.initiative),
                                   pk=pk)
    return render(request, "communication/newsletter_detail.html", {
        "newsletter": newsletter, "intro": render_markdown(newsletter.intro),
        "news": newsletter.news.order_by("-published_at"),
        "activities": newsletter.activities.order_by("title")})


@initiative_view("communication.view")
def subscribe(request, slug):
    form = SubscribeForm(request.POST or None)
    if form_submit(request, form, lambda data: services.subscribe(
            initiative=request.initiative, email=data["email"], name=data["name"],
            segment=data["segment"], sector=data["sector"], consent_text=str(CONSENT_TEXT),
            base_url=_base_url(request)),
            _("Thank you. We have sent you an email: open the link in it to confirm.")):
        return redirect("communication:site", slug=slug)
    return render(request, "communication/subscribe.html", {"form": form})


def _subscriber(request, token) -> Subscriber:
    return get_object_or_404(Subscriber.objects.for_initiative(request.initiative), token=token)


@initiative_view("communication.view")
def confirm(request, slug, token):
    """GET asks, POST confirms: a link checker opening the link confirms nothing."""
    subscriber = _subscriber(request, token)
    form = _button(request)
    if form_submit(request, form, lambda data: services.subscription_confirm(
            subscriber=subscriber), _("Your subscription is confirmed.")):
        return redirect("communication:site", slug=slug)
    return render(request, "communication/token_action.html", {
        "form": form, "title": _("Confirm your subscription"),
        "text": _("Confirm that %(email)s should receive the newsletter.")
        % {"email": subscriber.email}, "button": _("Confirm")})


@csrf_exempt  # RFC 8058: mail programs POST the one-click unsubscribe without a form.
@initiative_view("communication.view")
def unsubscribe(request, slug, token):
    subscriber = _subscriber(request, token)
    form = _button(request)
    if form_submit(request, form, lambda data: services.unsubscribe(subscriber=subscriber),
                   _("You are unsubscribed and will get no more newsletters.")):
        return redirect("communication:site", slug=slug)
    return render(request, "communication/token_action.html", {
        "form": form, "title": _("Unsubscribe"),
        "text": _("Stop the newsletter to %(email)s?") % {"email": subscriber.email},
        "button": _("Unsubscribe")})


# The secretariat's pages ----------------------------------------------------------------

@initiative_view("communication.manage")
def manage(request, slug):
    initiative = request.initiative
    columns, rows = selectors.subscribers_by_segment_over_time(
        initiative=initiative, today=timezone.localdate())
    return render(request, "communication/manage.html", {
        "news": selectors.all_news(initiative=initiative),
        "newsletters": selectors.newsletters_with_counts(initiative=initiative),
        "subscribers": rows[-1][1]["all"] if rows else 0,
        "segment_columns": [segment_label(column) for column in columns],
        "segment_rows": [(at, [counts.get(column, 0) for column in columns], counts["all"])
                         for at, counts in rows],
    })


def _news_form(request, slug, post=None):
    form = NewsForm(request.POST or None, request.FILES or None, instance=post)
    preview = None
    if request.method == "POST" and "preview" in request.POST:
        # A preview shows the body as it will read; nothing is checked or saved yet.
        preview = render_markdown(request.POST.get("body", ""))
    else:
        saved = form_submit(request, form, lambda data: services.news_save(
            initiative=request.initiative, by=request.actor, post=post, **data),
            _("The news post is saved."))
        if saved:
            return redirect("communication:news_detail", slug=slug, pk=saved.pk)
    return render(request, "communication/form.html", {
        "form": form, "preview": preview, "markdown": True, "multipart": True,
        "title": post.title if post else _("New news post")})


@initiative_view("communication.manage")
def news_create(request, slug):
    return _news_form(request, slug)


@initiative_view("communication.manage")
def news_edit(request, slug, pk):
    return _news_form(request, slug, get_object_or_404(
        NewsPost.objects.for_initiative(request.initiative), pk=pk))


@initiative_view("communication.manage")
def news_publish(request, slug, pk):
    """POST publishes a draft, or takes a published post back to draft."""
    post = get_object_or_404(NewsPost.objects.for_initiative(request.initiative), pk=pk)
    form = _button(request)
    if post.is_published:
        action, message = (lambda data: services.news_unpublish(post=post, by=request.actor),
                           _("The post is a draft again."))
    else:
        action, message = (lambda data: services.news_publish(post=post, by=request.actor),
                           _("The post is published."))
    if form_submit(request, form, action, message):
        return redirect("communication:news_detail", slug=slug, pk=pk)
    return render(request, "communication/token_action.html", {
        "form": form, "title": post.title,
        "text": _("Take this post back to draft?") if post.is_published
        else _("Publish this post on the public site, in the feed and the sitemap?"),
        "button": _("Unpublish") if post.is_published else _("Publish")})


def _newsletter_form(request, slug, newsletter=None):
    initial = ({"subject": newsletter.subject, "intro": newsletter.intro,
                "news": list(newsletter.news.all()),
                "segments": [s for s in newsletter.segments if s in Segment.values],
                "sectors": [s.removeprefix(SECTOR_PREFIX) for s in newsletter.segments
                            if s.startswith(SECTOR_PREFIX)]}
               if newsletter else {"segments": list(Segment.values)})
    if newsletter:
        initial["activities"] = list(newsletter.activities.all())
    form = NewsletterForm(request.POST or None, initial=initial, initiative=request.initiative)
    saved = form_submit(request, form, lambda data: services.newsletter_save(
        initiative=request.initiative, by=request.actor, newsletter=newsletter, **data),
        _("The newsletter is saved."))
    if saved:
        return redirect("communication:newsletter_preview", slug=slug, pk=saved.pk)
    return render(request, "communication/form.html", {
        "form": form, "title": newsletter.subject if newsletter else _("New newsletter")})


@initiative_view("communication.manage")
def newsletter_create(request, slug):
    return _newsletter_form(request, slug)


@initiative_view("communication.manage")
def newsletter_edit(request, slug, pk):
    return _newsletter_form(request, slug, get_object_or_404(
        Newsletter.objects.for_initiative(request.initiative), pk=pk,
        status=Newsletter.Status.DRAFT))


@initiative_view("communication.manage")
def newsletter_preview(request, slug, pk):
    """The issue as subscribers will read it, with the button that sends it."""
    newsletter = get_object_or_404(
        selectors.newsletters_with_counts(initiative=request.initiative), pk=pk)
    form = _button(request)
    if form_submit(request, form, lambda data: services.newsletter_send(
            newsletter=newsletter, by=request.actor, base_url=_base_url(request)),
            _("The newsletter is being sent.")):
        return redirect("communication:newsletter_preview", slug=slug, pk=pk)
    return render(request, "communication/newsletter_detail.html", {
        "newsletter": newsletter, "intro": render_markdown(newsletter.intro),
        "news": newsletter.news.order_by("-published_at"), "form": form, "manage": True,
        "activities": newsletter.activities.order_by("title"),
        "segment_labels": [segment_label(value) for value in newsletter.segments]})


@initiative_view("communication.manage")
def subscriber_list(request, slug):
    rows = selectors.subscribers(initiative=request.initiative)
    export = requested_format(request)
    if export:
        table = Table(
            title=_("Subscribers"),
            columns=[_("Email"), _("Name"), _("Segment"), _("Sector"), _("Consent given at"),
                     _("Consent given"), _("Confirmed"), _("Unsubscribed")],
            rows=([s.email, s.name, s.get_segment_display(), s.get_sector_display(),
                   s.consented_at, s.consent_text, s.confirmed_at, s.unsubscribed_at]
                  for s in rows))
        return table_response(table, export)
    return render(request, "communication/subscribers.html", {
        "subscribers": rows, "export_query": query_without_format(request)})


@initiative_view("communication.manage")
def subscriber_erase(request, slug, pk):
    """GET asks, POST erases a subscriber with their consent record."""
    subscriber = get_object_or_404(Subscriber.objects.for_initiative(request.initiative), pk=pk)
    form = _button(request)
    if form_submit(request, form, lambda data: services.subscriber_erase(
            subscriber=subscriber, by=request.actor), _("The subscriber is erased.")):
        return redirect("communication:subscriber_list", slug=slug)
    return render(request, "communication/token_action.html", {
        "form": form, "title": _("Erase a subscriber"),
        "text": _("Erase %(email)s with the record of their consent? Do this when the person "
                  "asks to be forgotten; to stop the newsletter, they can unsubscribe.")
        % {"email": subscriber.email}, "button": _("Erase")})
