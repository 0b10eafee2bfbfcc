"""Pages of the inspiration catalogue: search with filters, an entry with its files, the
download of a file (counted, as a download only, never shown as a page), and the
secretariat's forms."""

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from rygrad.core.forms import form_submit
from rygrad.core.markdown import render_markdown
from rygrad.core.media import private_file_response
from rygrad.core.views import initiative_view

from . import selectors, services
from .forms import CatalogueFilterForm, ResourceForm
from .models import ProviderKind, Resource, ResourceAttachment
from .text import plain_excerpt


def _entries(request):
    """The entries the asker may open: all for the secretariat, published ones for the
    rest."""
    entries = Resource.objects.for_initiative(request.initiative)
    return entries if request.actor.can("communication.manage") else entries.filter(
        is_published=True)


@initiative_view("communication.view")
def catalogue(request, slug):
    manage = request.actor.can("communication.manage")
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.catalogue_search(
        initiative=request.initiative, query=filters.get("q", ""),
        kind=filters.get("kind", ""), setting=filters.get("setting", ""),
        age_band=filters.get("age_band", ""), published_only=not manage)
    return render(request, "communication/catalogue.html", {
        "form": form, "entries": entries, "can_manage": manage})


@initiative_view("communication.view")
def offers(request, slug):
    """The overview of offers across municipal units and associations (what, for whom,
    how to refer or join, contact), with the action guides for staff beside it."""
    labels = {ProviderKind.MUNICIPAL: _("Municipal units"),
              ProviderKind.ASSOCIATION: _("Associations"),
              ProviderKind.OTHER: _("Other providers")}
    groups = selectors.offers_by_provider(initiative=request.initiative)
    for _kind, providers in groups:
        for _provider, entries in providers:
            for offer in entries:
                offer.what = render_markdown(offer.description)
    return render(request, "communication/offers.html", {
        "groups": [(labels[kind], providers) for kind, providers
                   in groups],
        "guides": selectors.action_guides(initiative=request.initiative),
        "can_manage": request.actor.can("communication.manage")})


@initiative_view("communication.view")
def resource_detail(request, slug, pk):
    manage = request.actor.can("communication.manage")
    resource = get_object_or_404(_entries(request), pk=pk)
    if not manage:
        services.resource_viewed(resource=resource, on=timezone.localdate())
    return render(request, "communication/resource_detail.html", {
        "resource": resource, "description": render_markdown(resource.description),
        "summary": plain_excerpt(resource.description),
        "attachments": resource.attachments.order_by("name", "pk"), "can_manage": manage})


@initiative_view("communication.view")
def attachment_download(request, slug, pk, file_pk):
    """A file of an entry the asker may open, as a download: never as a page, never
    sniffed as another type. The public's downloads are counted (a number only)."""
    resource = get_object_or_404(_entries(request), pk=pk)
    attachment = get_object_or_404(resource.attachments, pk=file_pk)
    if not request.actor.can("communication.manage"):
        services.resource_downloaded(resource=resource, on=timezone.localdate())
    return private_file_response(file=attachment.file, filename=attachment.name)


def _resource_form(request, slug, resource=None):
    form = ResourceForm(request.POST or None, request.FILES or None, instance=resource)
    saved = form_submit(request, form, lambda data: services.resource_save(
        initiative=request.initiative, by=request.actor, resource=resource, **data),
        _("The catalogue entry is saved."))
    if saved:
        return redirect("communication:resource_detail", slug=slug, pk=saved.pk)
    return render(request, "communication/form.html", {
        "form": form, "multipart": True,
        "title": resource.title if resource else _("New catalogue entry")})


@initiative_view("communication.manage")
def resource_create(request, slug):
    return _resource_form(request, slug)


@initiative_view("communication.manage")
def resource_edit(request, slug, pk):
    return _resource_form(request, slug, get_object_or_404(
        Resource.objects.for_initiative(request.initiative), pk=pk))


@initiative_view("communication.manage")
def attachment_remove(request, slug, pk, file_pk):
    """GET asks, POST takes a file off an entry."""
    attachment = get_object_or_404(
        ResourceAttachment.objects.for_initiative(request.initiative), resource_id=pk,
        pk=file_pk)
    form = forms.Form(request.POST if request.method == "POST" else None)
    if form_submit(request, form, lambda data: services.resource_attachment_remove(
            attachment=attachment, by=request.actor), _("The file is removed.")):
        return redirect("communication:resource_detail", slug=slug, pk=pk)
    return render(request, "communication/token_action.html", {
        "form": form, "title": _("Remove a file"),
        "text": _("Remove %(name)s from this catalogue entry?") % {"name": attachment.name},
        "button": _("Remove")})
