"""The front page (initiatives on this installation) and an initiative's dashboard."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rygrad.core.signals import signals_by_condition
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
    groups = signals_by_condition(initiative=request.initiative, at=at) if internal else []
    warnings = sum(1 for _c, values in groups for v in values if v.warning)
    return render(request, "initiatives/dashboard.html", {
        "groups": groups, "at": at, "date_error": date_error, "internal": internal,
        "warning_count": warnings,
    })


@initiative_view("initiative.manage")
def roles(request, slug):
    """Who has which role in the initiative; the secretariat invites people and changes roles."""
    initiative = request.initiative
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        grant = person_invite(
            initiative=initiative, email=form.cleaned_data["email"],
            name=form.cleaned_data["name"], role=form.cleaned_data["role"],
            base_url=request.build_absolute_uri("/"),
        )
        messages.success(request, _("%(user)s now has the role %(role)s; an email is on its way.")
                         % {"user": grant.user, "role": grant.get_role_display()})
        return redirect("initiatives:roles", slug=slug)
    grants = (RoleGrant.objects.filter(initiative=initiative).select_related("user")
              .order_by("-role", "user__email"))
    return render(request, "initiatives/roles.html", {"form": form, "grants": grants,
                                                       "role_form": RoleChangeForm()})


@initiative_view("initiative.manage")
@require_POST
def role_update(request, slug, pk):
    grant = get_object_or_404(RoleGrant, initiative=request.initiative, pk=pk)
    try:
        if "remove" in request.POST:
            role_revoke(grant=grant, by=request.user)
            messages.success(request, _("The role of %(user)s was removed.") % {"user": grant.user})
        else:
            form = RoleChangeForm(request.POST)
            if form.is_valid():
                role_change(grant=grant, role=form.cleaned_data["role"], by=request.user)
                messages.success(request, _("The role of %(user)s was changed.") % {
                    "user": grant.user})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("initiatives:roles", slug=slug)


@initiative_view("initiative.manage")
def settings_edit(request, slug):
    form = InitiativeSettingsForm(request.POST or None, instance=request.initiative)
    if request.method == "POST" and form.is_valid():
        initiative_update(initiative=request.initiative, data={
            name: form.cleaned_data[name] for name in form.changed_data})
        messages.success(request, _("The settings were saved."))
        return redirect("initiatives:settings", slug=slug)
    return render(request, "initiatives/settings.html", {"form": form})
