"""Shared view plumbing: resolving the initiative from the URL and asking the permission chain."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader

from . import guide as the_guide
from .permissions import Actor
from .tenancy import tenancy


def initiative_view(permission: str):
    """Decorate a view taking ``(request, slug, ...)``: it receives ``request.actor``.

    The view runs only when the actor may `permission` in the initiative named by the slug.
    Anonymous visitors are sent to the login page; signed-in people without the right get
    403. An initiative the actor does not see (`Actor.sees_initiative`: one that is not
    public, for those without a role in it) does not exist for them (404).
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            initiative = get_object_or_404(tenancy().model, slug=slug)
            actor = Actor(user=request.user, initiative=initiative)
            if not actor.sees_initiative:
                raise Http404
            request.initiative = initiative
            request.actor = actor
            if not actor.can(permission):
                deny(request)
            return view(request, slug, *args, **kwargs)

        wrapper.permission = permission
        return wrapper

    return decorate


def deny(request):
    """Refuse: anonymous people are asked to log in, others get 403."""
    if not request.user.is_authenticated:
        raise _LoginRequired(request)
    raise PermissionDenied


class _LoginRequired(Exception):
    def __init__(self, request):
        self.request = request


def check_object(request, permission: str, obj) -> None:
    """Object level of the chain: deny when the actor may not `permission` this object."""
    if not request.actor.can(permission, obj):
        deny(request)


class DenialMiddleware:
    """Turns `deny()` for anonymous visitors into a redirect to the login page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, _LoginRequired):
            return redirect_to_login(request.get_full_path())
        return None


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # Rendered without the request's context processors: they may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())


def accessibility(request):
    """The accessibility statement, with whom to contact and when it was last reviewed
    (settings RYGRAD_ACCESSIBILITY_CONTACT and RYGRAD_ACCESSIBILITY_REVIEWED)."""
    return render(request, "core/accessibility.html", {
        "contact": settings.RYGRAD_ACCESSIBILITY_CONTACT,
        "reviewed_on": dt.date.fromisoformat(settings.RYGRAD_ACCESSIBILITY_REVIEWED)})


def guide(request, page: str = the_guide.INDEX):
    """A page of the secretariat's guide (core.guide), for everyone: its first page is
    /guide/, so /guide/index/ leads there."""
    if page == the_guide.INDEX and "page" in (request.resolver_match.kwargs or {}):
        return redirect("core:guide", permanent=True)
    shown = the_guide.guide_page(page)
    if shown is None:
        raise Http404
    return render(request, "core/guide.html", {
        "page": shown, "contents": the_guide.contents(),
        "translated": shown.language == (request.LANGUAGE_CODE or "").split("-")[0]})
