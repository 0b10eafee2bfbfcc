"""People, their seats in the alliance group, and their personal data (export, erasure)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rygrad.core.exports import Table, query_without_format
from rygrad.core.forms import form_submit
from rygrad.core.views import initiative_view

from .. import selectors, services
from ..forms import (
    MembershipEndForm,
    MembershipForm,
    PersonFilterForm,
    PersonForm,
)
from ..models import Membership, Person
from .common import export_or_none


def _back(slug: str, pk: int) -> str:
    return reverse("alliance:person_detail", kwargs={"slug": slug, "pk": pk})


def _person(request, pk) -> Person:
    return get_object_or_404(
        Person.objects.for_initiative(request.initiative).select_related("organisation", "user"),
        pk=pk)


@initiative_view("alliance.view")
def person_list(request, slug):
    form = PersonFilterForm(request.GET or None, initiative=request.initiative)
    form.is_valid()  # a bad value in the address is ignored; the valid filters still apply
    filters = getattr(form, "cleaned_data", {})
    organisation = filters.get("organisation")
    people = list(selectors.people_list(
        initiative=request.initiative, organisation_id=organisation.pk if organisation else None,
        query=filters.get("q", ""), at=timezone.localdate()))
    personal = request.actor.can("alliance.personal_data")

    def table():
        columns = [_("Name"), _("Organisation"), _("Title"), _("Age band"),
                   _("Member of the alliance group today")]
        rows = [[p.name, p.organisation.name if p.organisation else "", p.title,
                 p.get_age_band_display(), _("yes") if p.seats_count else _("no")]
                for p in people]
        if personal:
            columns.append(_("Email"))
            rows = [[*row, p.email] for row, p in zip(rows, people, strict=True)]
        return Table(title=_("People"), columns=columns, rows=rows)

    export = export_or_none(request, table)
    if export:
        return export
    return render(request, "alliance/person_list.html", {
        "form": form, "people": people, "personal": personal,
        "query": query_without_format(request), "may_create": request.actor.can("alliance.edit"),
    })


@initiative_view("alliance.view")
def person_detail(request, slug, pk):
    person = _person(request, pk)
    return render(request, "alliance/person_detail.html", {
        "person": person,
        "memberships": selectors.memberships_of_person(person=person),
        "personal": request.actor.can("alliance.personal_data"),
        "may_edit": request.actor.can("alliance.edit", person),
    })


@initiative_view("alliance.edit")
def person_create(request, slug):
    initial = {}
    if request.GET.get("organisation", "").isdigit():
        initial["organisation"] = request.GET["organisation"]
    form = PersonForm(request.POST or None, initial=initial, initiative=request.initiative)
    person = form_submit(request, form, lambda data: services.person_create(
        initiative=request.initiative, **data), _("The person was added."))
    if person:
        return redirect("alliance:person_detail", slug=slug, pk=person.pk)
    return render(request, "alliance/form.html", {
        "form": form, "title": _("New person"),
        "cancel": reverse("alliance:person_list", kwargs={"slug": slug}),
    })


@initiative_view("alliance.edit")
def person_edit(request, slug, pk):
    person = _person(request, pk)
    form = PersonForm(request.POST or None, instance=person, initiative=request.initiative)
    if form_submit(request, form, lambda data: services.person_update(person=person, **data),
                   _("The person was saved.")):
        return redirect("alliance:person_detail", slug=slug, pk=pk)
    return render(request, "alliance/form.html", {
        "form": form, "title": _("Edit %(name)s") % {"name": person.name},
        "cancel": _back(slug, pk),
    })


@initiative_view("alliance.personal_data")
def person_export(request, slug, pk):
    """Everything held about the person, as a JSON download (their right of access)."""
    person = _person(request, pk)
    data = selectors.person_data_export(person=person)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    filename = f"person-{person.pk}-{slugify(person.name) or 'data'}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@initiative_view("alliance.edit")
def membership_create(request, slug, pk):
    person = _person(request, pk)
    form = MembershipForm(request.POST or None, initiative=request.initiative,
                          initial={"organisation": person.organisation_id,
                                   "started_on": timezone.localdate()})
    if form_submit(request, form, lambda data: services.membership_start(person=person, **data),
                   _("The membership was added.")):
        return redirect("alliance:person_detail", slug=slug, pk=pk)
    return render(request, "alliance/form.html", {
        "form": form, "title": _("New membership for %(name)s") % {"name": person.name},
        "cancel": _back(slug, pk),
    })


def _membership(request, pk) -> Membership:
    return get_object_or_404(
        Membership.objects.for_initiative(request.initiative)
        .select_related("person", "organisation"), pk=pk)


@initiative_view("alliance.edit")
def membership_edit(request, slug, pk):
    membership = _membership(request, pk)
    form = MembershipForm(request.POST or None, instance=membership,
                          initiative=request.initiative)
    if form_submit(request, form, lambda data: services.membership_update(
            membership=membership, **data), _("The membership was saved.")):
        return redirect("alliance:person_detail", slug=slug, pk=membership.person_id)
    return render(request, "alliance/form.html", {
        "form": form, "title": _("Edit membership: %(name)s") % {"name": str(membership)},
        "cancel": _back(slug, membership.person_id),
    })


@initiative_view("alliance.edit")
def membership_end(request, slug, pk):
    membership = _membership(request, pk)
    form = MembershipEndForm(request.POST or None, membership=membership,
                             initial={"ended_on": timezone.localdate()})
    if membership.ended_on is not None:
        messages.info(request, _("This membership has already ended."))
        return redirect("alliance:person_detail", slug=slug, pk=membership.person_id)
    if form_submit(request, form, lambda data: services.membership_end(
            membership=membership, on=data["ended_on"], reason=data["end_reason"]),
            _("The membership was ended.")):
        return redirect("alliance:person_detail", slug=slug, pk=membership.person_id)
    return render(request, "alliance/form.html", {
        "form": form, "title": _("End membership: %(name)s") % {"name": str(membership)},
        "cancel": _back(slug, membership.person_id),
        "submit_label": _("End membership"),
    })
