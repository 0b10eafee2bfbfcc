"""The front page (initiatives on this installation) and an initiative's dashboard."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rygrad.core.forms import form_submit
from rygrad.core.signals import dashboard_cards
from rygrad.core.views import initiative_view

from .forms import InitiativeSettingsForm, InviteForm, RoleChangeForm
from .models import RoleGrant
from .selectors import grants_of, holds_a_role, initiatives_visible_to
from .services import (
    initiative_update,
    invitation_days,
    invitation_resend,
    invitation_withdraw,
    person_invite,
    role_change,
    role_revoke,
)


def front_page(request):
    """The initiatives a visitor may see; a signed-in person without any role (as after a
    first sign-in through the identity provider) is told who gives them one."""
    initiatives = initiatives_visible_to(user=request.user).distinct()
    without_role = request.user.is_authenticated and not holds_a_role(user=request.user)
    return render(request, "initiatives/front_page.html", {
        "initiatives": initiatives, "without_role": without_role})


def as_of_date(request) -> tuple[dt.date, str | None]:
    """The `?at=YYYY-MM-DD` date of a page that can look back in time (default: today)."""
    today = timezone.localdate()
    raw = request.GET.get("at", "").strip()
    if not raw:
        return today, None
    try:
        parsed = parse_date(raw)
    except ValueError:
        parsed = None
    if parsed is None:
        return today, _("“%(value)s” is not a date (use YYYY-MM-DD); showing today.") % {
            "value": raw}
    return parsed, None


@initiative_view("initiative.view")
def dashboard(request, slug):
    """The initiative's home: the six conditions and the stages of change as cards, each
    with its headline signals, warnings first. The public sees the public summary only."""
    at, date_error = as_of_date(request)
    internal = request.actor.can("initiative.view_internal")
    cards = dashboard_cards(actor=request.actor, at=at) if internal else []
    warnings = sum(1 for card in cards for value, _link in card.values if value.warning)
    return render(request, "initiatives/dashboard.html", {
        "cards": cards, "at": at, "date_error": date_error, "internal": internal,
        "warning_count": warnings,
    })


@initiative_view("initiative.manage")
def roles(request, slug):
    """Who has which role in the initiative, and the invitations not yet accepted; the
    secretariat invites people, changes roles and resends or withdraws invitations."""
    initiative = request.initiative
    form = InviteForm(request.POST or None, initiative=initiative)
    if form_submit(request, form, lambda data: person_invite(
            initiative=initiative, base_url=request.build_absolute_uri("/"), **data),
            _invited):
        return redirect("initiatives:roles", slug=slug)
    grants = list(grants_of(initiative=initiative))
    return render(request, "initiatives/roles.html", {
        "form": form, "grants": [g for g in grants if not g.pending],
        "pending": [g for g in grants if g.pending], "role_form": RoleChangeForm(),
        "invitation_days": invitation_days()})


def _invited(invitation) -> str:
    grant = invitation.grant
    said = {"user": grant.user, "role": grant.get_role_display()}
    if invitation.person is None:
        return _("%(user)s now has the role %(role)s; an email is on its way.") % said
    return _("%(user)s now has the role %(role)s and represents %(person)s from the "
             "registry; an email is on its way.") % {**said, "person": invitation.person}


def _grant_or_404(request, pk) -> RoleGrant:
    return get_object_or_404(RoleGrant.objects.select_related("user", "initiative"),
                             initiative=request.initiative, pk=pk)


def _say_refusal(request, form) -> None:
    """A row's buttons have no room for a refusal: it is said above the roles page."""
    messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))


@initiative_view("initiative.manage")
@require_POST
def role_update(request, slug, pk):
    """A row's buttons on the roles page: change the role, or remove it. A refusal (the last
    secretariat) is said above the page, which the row's inline form has no room for."""
    grant = _grant_or_404(request, pk)
    if "remove" in request.POST:
        form = forms.Form(request.POST)
        done = form_submit(request, form, lambda data: role_revoke(grant=grant, by=request.user),
                           _("The role of %(user)s was removed.") % {"user": grant.user})
    else:
        form = RoleChangeForm(request.POST)
        done = form_submit(request, form, lambda data: role_change(
            grant=grant, by=request.user, **data),
            _("The role of %(user)s was changed.") % {"user": grant.user})
    if not done:
        _say_refusal(request, form)
    return redirect("initiatives:roles", slug=slug)


@initiative_view("initiative.manage")
@require_POST
def resend_invitation(request, slug, pk):
    """Send a pending invitation again, with a new link (the old one stops working)."""
    grant = _grant_or_404(request, pk)
    form = forms.Form(request.POST)
    if not form_submit(request, form, lambda data: invitation_resend(
            grant=grant, base_url=request.build_absolute_uri("/")),
            _("The invitation was sent to %(user)s again; the earlier link no longer "
              "works.") % {"user": grant.user}):
        _say_refusal(request, form)
    return redirect("initiatives:roles", slug=slug)


@initiative_view("initiative.manage")
@require_POST
def withdraw_invitation(request, slug, pk):
    """Take back a pending invitation (and the unused account, if it has no other role)."""
    grant = _grant_or_404(request, pk)
    form = forms.Form(request.POST)
    if not form_submit(request, form, lambda data: invitation_withdraw(
            grant=grant, by=request.user),
            _("The invitation of %(user)s was withdrawn.") % {"user": grant.user}):
        _say_refusal(request, form)
    return redirect("initiatives:roles", slug=slug)


@initiative_view("initiative.manage")
def settings_edit(request, slug):
    form = InitiativeSettingsForm(request.POST or None, instance=request.initiative)
    if form_submit(request, form, lambda data: initiative_update(
            initiative=request.initiative, data={name: data[name] for name in form.changed_data}),
            _("The settings were saved.")):
        return redirect("initiatives:settings", slug=slug)
    return render(request, "initiatives/settings.html", {"form": form})
