"""The public pages of the ideas: the idea form (no account needed), "you said — we did"
with its counts and downloads, and each idea's stable page with its whole trail.

Everything people typed is shown escaped, as text. Nothing is kept about who sent an
idea without an account but the nickname and age band they chose to give (and only the
secretariat sees those); the rate limit counts under a hash of the address, never the
address."""

from __future__ import annotations

import logging
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import OperationalError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from rygrad.core.exports import query_without_format, requested_format, table_response
from rygrad.core.forms import form_submit
from rygrad.core.retry import drop_broken_connections, retry_once_on_operational_error
from rygrad.core.views import initiative_view
from rygrad.initiatives.models import Role

from .. import selectors, services
from ..forms import PublicFilterForm, PublicIdeaForm
from ..models import Idea, Moderation
from ..ratelimit import idea_allowed, support_allowed
from ..tables import public_table, with_last_answers, with_trail
from .common import filters_from

PAGE_SIZE = 30
SESSION_SENT = "ideas_sent"
ROBOT = object()
RETRY_AFTER_SECONDS = 30
logger = logging.getLogger(__name__)


def _public_url(request, idea) -> str:
    return request.build_absolute_uri(reverse("ideas:public_detail", kwargs={
        "slug": request.initiative.slug, "number": idea.number}))


@initiative_view("ideas.view_public")
def you_said(request, slug):
    """"You said — we did": every published idea with its status, owner, answer and
    trail; filtered, counted and downloadable."""
    form = PublicFilterForm(request.GET or None, initiative=request.initiative)
    filters = filters_from(form)
    ideas = with_trail(selectors.published_ideas(initiative=request.initiative,
                                                 filters=filters))
    export = requested_format(request)
    if export and form.errors:
        return HttpResponseBadRequest(_("The filter is not valid; nothing was exported."),
                                      content_type="text/plain; charset=utf-8")
    if export:
        return table_response(public_table(ideas, url_of=lambda i: _public_url(request, i)),
                              export)
    page = Paginator(ideas, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_last_answers(page.object_list)
    return render(request, "ideas/public_list.html", {
        "form": form, "page": page, "query": query_without_format(request),
        "counts": selectors.public_counts(ideas),
        "inside": request.actor.can("ideas.view_list"),
    })


def _submit_action(request):
    """Store the idea of a valid form — unless the honeypot says a robot sent it, or this
    client has sent too many ideas just now (refused with a friendly message; nothing
    stored)."""
    def action(data):
        if data.get("website"):
            return ROBOT
        trusted = request.actor.role > Role.PUBLIC
        if not trusted and not idea_allowed(request):
            raise ValidationError(_(
                "Many ideas have come from your network in the last minutes, so we cannot "
                "take more right now. Your idea is not lost: wait ten minutes and send it "
                "again. Thank you for all the ideas!"))
        data = {k: v for k, v in data.items() if k != "website"}
        # A locked or restarting database gets one more try (core.retry).
        return retry_once_on_operational_error(services.idea_submit)(
            initiative=request.initiative, by=request.actor, **data)
    return action


def _told_when_the_database_fails(view):
    """Around the idea form: a connection the database dropped since the last request is
    replaced before the first query, and a database that cannot be reached at all (not
    even the initiative can be read) gives a page saying the idea was not saved, holding
    what was typed to send again — never an error page."""
    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        try:
            drop_broken_connections()
            return view(request, slug, *args, **kwargs)
        except OperationalError as error:
            logger.warning("Idea form without a database: %s", error)
            return _not_saved_blind(request, slug)
    return wrapper


def _not_saved_blind(request, slug):
    # Nothing on this page reads the database: the person is treated as anonymous (their
    # session cannot be read) and the typed fields go back as hidden ones.
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    kept = [(name, value) for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken" for value in values]
    response = render(request, "ideas/not_saved.html", {
        "kept": kept, "action": reverse("ideas:submit", kwargs={"slug": slug})},
        status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@never_cache
@_told_when_the_database_fails
@initiative_view("ideas.submit")
def submit(request, slug):
    """The public idea form: mobile-first, works without JavaScript. A busy or restarting
    database gets a second try; when that fails too, the form comes back filled in with
    the words that nothing was saved (503, Retry-After)."""
    form = PublicIdeaForm(request.POST or None, initiative=request.initiative)
    # Read before the idea is stored: nothing after the write may fail on the database,
    # or a person would be told of an error for an idea that was stored.
    sent = list(request.session.get(SESSION_SENT, []))
    try:
        idea = form_submit(request, form, _submit_action(request),
                           _("Thank you for your idea!"))
    except OperationalError as error:
        logger.warning("Idea not saved, the database failed twice: %s", error)
        form.add_error(None, _("Your idea was not saved: the database is busy right now. "
                               "Everything you typed is still here. Wait a minute and "
                               "press “Send the idea” again."))
        response = _form_page(request, form, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if idea:
        if idea is not ROBOT:
            # The sender may look at their idea while it waits for moderation.
            request.session[SESSION_SENT] = [*sent, idea.number][-20:]
        return redirect("ideas:thanks", slug=slug)
    return _form_page(request, form)


def _form_page(request, form, *, status: int = 200):
    return render(request, "ideas/submit.html", {
        "form": form,
        "answer_days": services.ideas_settings(request.initiative).answer_within_days,
    }, status=status)


@never_cache
@initiative_view("ideas.submit")
def thanks(request, slug):
    numbers = request.session.get(SESSION_SENT, [])
    idea = (Idea.objects.for_initiative(request.initiative).filter(number=numbers[-1]).first()
            if numbers else None)
    return render(request, "ideas/thanks.html", {
        "idea": idea,
        "answer_days": services.ideas_settings(request.initiative).answer_within_days,
    })


def _public_idea(request, number) -> Idea:
    idea = get_object_or_404(
        Idea.objects.for_initiative(request.initiative).select_related(
            "owner", "activity", "merged_into", "event").prefetch_related("tracks"),
        number=number)
    sent_here = number in request.session.get(SESSION_SENT, [])
    if idea.moderation != Moderation.APPROVED and not sent_here:
        raise Http404
    return idea


@initiative_view("ideas.view_public")
def idea_public(request, slug, number):
    """One idea's stable page: what it is, what became of it and who decided (by role,
    never by name), and the trail to the meeting decision and the activity."""
    idea = _public_idea(request, number)
    return render(request, "ideas/public_detail.html", {
        "idea": idea, **selectors.idea_story(idea=idea, published_only=True),
        "can_support": idea.is_public and idea.merged_into_id is None,
        "inside": request.actor.can("ideas.view", idea),
        "can_see_activity": idea.activity is not None and request.actor.can(
            "activities.view", idea.activity),
    })


@initiative_view("ideas.support")
def support(request, slug, number):
    """Support an idea (a button; POST only)."""
    idea = _public_idea(request, number)
    if request.method != "POST":
        return redirect("ideas:public_detail", slug=slug, number=number)
    form = forms.Form(request.POST)

    def action(data):
        if request.actor.role == Role.PUBLIC and not support_allowed(request):
            raise ValidationError(_("Many supports have come from your network in the last "
                                    "minutes. Wait ten minutes and try again."))
        return services.idea_support(idea=idea, by=request.actor, session=request.session)

    done = form_submit(request, form, action, _("Thank you for your support!"))
    if not done:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("ideas:public_detail", slug=slug, number=number)
