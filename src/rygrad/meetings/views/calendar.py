"""The calendar feeds (see `meetings.calendar` for what each shows) and the page where a
person gets their secret calendar address."""

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rygrad.core.forms import form_submit
from rygrad.core.permissions import Actor
from rygrad.core.tenancy import tenancy
from rygrad.core.views import initiative_view

from .. import selectors, services
from ..calendar import meetings_ics


def _ics_response(request, initiative, actor) -> HttpResponse:
    meetings = selectors.calendar_meetings(initiative=initiative, actor=actor,
                                           today=timezone.localdate())
    body = meetings_ics(
        name=_("%(initiative)s: meetings") % {"initiative": initiative.name},
        meetings=meetings, host=request.get_host().split(":")[0],
        url_for=lambda meeting: request.build_absolute_uri(reverse(
            "meetings:detail", kwargs={"slug": initiative.slug, "pk": meeting.pk})))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{initiative.slug}-meetings.ics"'
    # A personal feed must not be kept by a shared cache.
    response["Cache-Control"] = "private, max-age=900"
    return response


@require_GET
@initiative_view("meetings.view_list")
def calendar_feed(request, slug):
    """The meetings the one fetching may see: on a public initiative and without a login
    (a calendar program), the public events."""
    return _ics_response(request, request.initiative, request.actor)


@require_GET
def calendar_token_feed(request, slug, token):
    """A person's secret address: what its holder may see now. An unknown secret, or one
    whose holder no longer sees the initiative, is a 404 — it tells nothing."""
    initiative = get_object_or_404(tenancy().model, slug=slug)
    holder = selectors.calendar_feed_holder(initiative=initiative, token=token)
    if holder is None:
        raise Http404
    actor = Actor(user=holder, initiative=initiative)
    if not actor.sees_initiative:
        raise Http404
    return _ics_response(request, initiative, actor)


@initiative_view("meetings.calendar_address")
def calendar_address(request, slug):
    """Make (or replace) the actor's secret calendar address; it is shown once, here."""
    made = form_submit(request, forms.Form(request.POST), lambda data: (
        services.calendar_address_new(initiative=request.initiative, by=request.actor)),
        _("Your new calendar address is below. Copy it now: it is shown only once."))
    address = ""
    if made:
        address = request.build_absolute_uri(reverse(
            "meetings:calendar_token_feed", kwargs={"slug": slug, "token": made}))
    return render(request, "meetings/calendar.html", {
        "address": address,
        "public_address": request.build_absolute_uri(reverse(
            "meetings:calendar_feed", kwargs={"slug": slug})),
        "has_address": selectors.calendar_feed_holder_exists(
            initiative=request.initiative, user=request.user),
    })


@initiative_view("meetings.calendar_address")
def calendar_address_remove(request, slug):
    """End the actor's calendar address (POST; GET asks)."""
    if form_submit(request, forms.Form(request.POST), lambda data: (
            services.calendar_address_remove(initiative=request.initiative, by=request.actor)),
            _("Your calendar address no longer works.")):
        return redirect("meetings:calendar_address", slug=slug)
    return render(request, "meetings/calendar_remove.html", {})
