"""Organisations and the partnerships between them."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rygrad.core.deletion import deletion_plan
from rygrad.core.exports import Table, query_without_format
from rygrad.core.forms import form_submit
from rygrad.core.views import check_object, initiative_view

from .. import selectors, services
from ..forms import OrganisationFilterForm, OrganisationForm, PartnershipForm
from ..models import Organisation, Partnership
from .common import export_or_none


@initiative_view("alliance.view")
def organisation_list(request, slug):
    today = timezone.localdate()
    form = OrganisationFilterForm(request.GET or None)
    form.is_valid()  # a bad value in the address is ignored; the valid filters still apply
    filters = getattr(form, "cleaned_data", {})
    organisations = list(selectors.organisations_list(
        initiative=request.initiative, sector=filters.get("sector", ""),
        query=filters.get("q", ""), at=today, archived=filters.get("archived", False)))

    def table():
        return Table(
            title=_("Organisations"),
            columns=[_("Name"), _("Sector"), _("Parent organisation"), _("People"),
                     _("Members of the alliance group today")],
            rows=[[o.name, o.get_sector_display(), o.parent.name if o.parent else "",
                   o.people_count, o.seats_count] for o in organisations],
        )

    export = export_or_none(request, table)
    if export:
        return export
    return render(request, "alliance/organisation_list.html", {
        "form": form, "organisations": organisations, "query": query_without_format(request),
        "may_create": request.actor.can("alliance.edit"),
    })


@initiative_view("alliance.view")
def organisation_detail(request, slug, pk):
    organisation = get_object_or_404(
        Organisation.objects.for_initiative(request.initiative).select_related("parent"), pk=pk)
    return render(request, "alliance/organisation_detail.html", {
        "organisation": organisation,
        "people": organisation.people.all(),
        "children": organisation.children.all(),
        "memberships": selectors.memberships_of_organisation(organisation=organisation),
        "partnerships": selectors.partnerships_of(organisation=organisation),
        "may_edit": request.actor.can("alliance.edit", organisation),
        "may_manage": request.actor.can("alliance.edit"),
        "may_delete": request.actor.can("alliance.delete"),
    })


@initiative_view("alliance.edit")
def organisation_create(request, slug):
    form = OrganisationForm(request.POST or None, initiative=request.initiative)
    organisation = form_submit(request, form, lambda data: services.organisation_create(
        initiative=request.initiative, **data), _("The organisation was added."))
    if organisation:
        return redirect("alliance:organisation_detail", slug=slug, pk=organisation.pk)
    return render(request, "alliance/form.html", {
        "form": form, "title": _("New organisation"),
        "cancel": reverse("alliance:organisation_list", kwargs={"slug": slug}),
    })


@initiative_view("alliance.view")
def organisation_edit(request, slug, pk):
    organisation = get_object_or_404(Organisation.objects.for_initiative(request.initiative),
                                     pk=pk)
    check_object(request, "alliance.edit", organisation)
    form = OrganisationForm(request.POST or None, instance=organisation,
                            initiative=request.initiative,
                            may_mark_backbone=request.actor.can("alliance.edit"))
    if form_submit(request, form, lambda data: services.organisation_update(
            organisation=organisation, **data), _("The organisation was saved.")):
        return redirect("alliance:organisation_detail", slug=slug, pk=organisation.pk)
    return render(request, "alliance/form.html", {
        "form": form, "title": _("Edit %(name)s") % {"name": organisation.name},
        "cancel": reverse("alliance:organisation_detail", kwargs={"slug": slug, "pk": pk}),
    })


@initiative_view("alliance.edit")
def partnership_create(request, slug):
    initial = {}
    if request.GET.get("organisation", "").isdigit():
        initial["organisation_a"] = request.GET["organisation"]
    form = PartnershipForm(request.POST or None, initial=initial, initiative=request.initiative)
    partnership = form_submit(request, form, lambda data: services.partnership_create(
        initiative=request.initiative, **data), _("The partnership was recorded."))
    if partnership:
        return redirect("alliance:organisation_detail", slug=slug,
                        pk=partnership.organisation_a_id)
    return render(request, "alliance/form.html", {
        "form": form, "title": _("New partnership"),
        "cancel": reverse("alliance:organisation_list", kwargs={"slug": slug}),
    })


@initiative_view("alliance.edit")
def partnership_edit(request, slug, pk):
    partnership = get_object_or_404(
        Partnership.objects.for_initiative(request.initiative)
        .select_related("organisation_a", "organisation_b"), pk=pk)
    form = PartnershipForm(request.POST or None, instance=partnership,
                           initiative=request.initiative)
    if form_submit(request, form, lambda data: services.partnership_update(
            partnership=partnership, **data), _("The partnership was saved.")):
        return redirect("alliance:organisation_detail", slug=slug,
                        pk=partnership.organisation_a_id)
    return render(request, "alliance/form.html", {
        "form": form, "title": _("Edit partnership %(name)s") % {"name": str(partnership)},
        "cancel": reverse("alliance:organisation_detail",
                          kwargs={"slug": slug, "pk": partnership.organisation_a_id}),
    })


def _organisation(request, pk) -> Organisation:
    return get_object_or_404(Organisation.objects.for_initiative(request.initiative), pk=pk)


@initiative_view("alliance.delete")
def organisation_delete(request, slug, pk):
    """Confirm and delete an organisation nothing points to; otherwise offer to archive."""
    organisation = _organisation(request, pk)
    back = reverse("alliance:organisation_detail", kwargs={"slug": slug, "pk": pk})
    if form_submit(request, forms.Form(request.POST), lambda data: (
            services.organisation_delete(organisation=organisation, by=request.actor)),
            _("%(name)s was deleted.") % {"name": organisation.name}):
        return redirect("alliance:organisation_list", slug=slug)
    return render(request, "core/confirm_delete.html", {
        "title": _("Delete %(name)s?") % {"name": organisation.name},
        "plan": deletion_plan(organisation), "back": back,
        "archive_url": reverse("alliance:organisation_archive",
                               kwargs={"slug": slug, "pk": pk}),
        "archive_text": _("Archive it instead: it keeps its place in the history of "
                          "activities and seats, but is no longer listed or offered in "
                          "forms. It can be brought back."),
    })


@initiative_view("alliance.delete")
def organisation_archive(request, slug, pk):
    """Archive (POST) or, with `restore`, bring back an organisation."""
    organisation = _organisation(request, pk)
    restore = "restore" in request.POST
    action = services.organisation_restore if restore else services.organisation_archive
    message = (_("%(name)s is back in lists and forms.") if restore
               else _("%(name)s is archived.")) % {"name": organisation.name}
    form_submit(request, forms.Form(request.POST),
                lambda data: action(organisation=organisation, by=request.actor), message)
    return redirect("alliance:organisation_detail", slug=slug, pk=pk)
