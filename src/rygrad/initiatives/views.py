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
from .selectors import initiatives_visible_to
from .services import initiative_update, person_invite, role_change, role_revoke


def front_page(request):
    initiatives = initiatives_visible_to(user=request.user).distinct()
    return render(request, "initiatives/front_page.html", {"initiatives": initiatives})


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
    """Who has which role in the initiative; the secretariat invites people and changes roles."""
    initiative = request.initiative
    form = InviteForm(request.POST or None)
    if form_submit(request, form, lambda data: person_invite(
            initiative=initiative, base_url=request.build_absolute_uri("/"), **data),
            lambda grant: _("%(user)s now has the role %(role)s; an email is on its way.")
            % {"user": grant.user, "role": grant.get_role_display()}):
        return redirect("initiatives:roles", slug=slug)
    grants = (RoleGrant.objects.filter(initiative=initiative).select_related("user")
              .order_by("-role", "user__email"))
    return render(request, "initiatives/roles.html", {"form": form, "grants": grants,
                                                       "role_form": RoleChangeForm()})


@initiative_view("initiative.manage")
@require_POST
def role_update(request, slug, pk):
    """A row's buttons on the roles page: change the role, or remove it. A refusal (the last
    secretariat) is said above the page, which the row's inline form has no room for."""
    grant = get_object_or_404(RoleGrant.objects.select_related("user"),
                              initiative=request.initiative, pk=pk)
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
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect("initiatives:roles", slug=slug)


@initiative_view("initiative.manage")
def settings_edit(request, slug):
    form = InitiativeSettingsForm(request.POST or None, instance=request.initiative)
    if form_submit(request, form, lambda data: initiative_update(
            initiative=request.initiative, data={name: data[name] for name in form.changed_data}),
            _("The settings were saved.")):
        return redirect("initiatives:settings", slug=slug)
    return render(request, "initiatives/settings.html", {"form": form})
