"""Pages of the common agenda: thin wrappers around the selectors and services."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from rygrad.core.deletion import deletion_plan
from rygrad.core.exports import Table, query_without_format, requested_format, table_response
from rygrad.core.forms import form_submit
from rygrad.core.markdown import render_markdown
from rygrad.core.media import private_file_response
from rygrad.core.views import check_object, initiative_view

from . import selectors, services
from .forms import (
    ActionFilterForm,
    ActionItemForm,
    EndorsementForm,
    KnowledgeForm,
    TrackForm,
    VisionForm,
)
from .models import ActionItem, Endorsement, KnowledgeDocument, KnowledgeVersion, Track

ACTIVITIES_PAGE_SIZE = 50  # a track's activities on one page


@initiative_view("agenda.view")
def overview(request, slug):
    initiative = request.initiative
    return render(request, "agenda/overview.html", {
        "vision": selectors.vision_of(initiative=initiative),
        "endorsements": selectors.endorsements_of(initiative=initiative),
        "tracks": selectors.tracks_with_counts(initiative=initiative, actor=request.actor,
                                               today=timezone.localdate()),
        "can_edit": request.actor.can("agenda.edit"),
        "can_see_activities": request.actor.can("activities.view_list"),
    })


@initiative_view("agenda.edit")
def vision_edit(request, slug):
    vision = selectors.vision_of(initiative=request.initiative)
    initial = {"problem": vision.problem, "vision": vision.vision,
               "adopted_on": vision.adopted_on} if vision else {}
    form = VisionForm(request.POST or None, initial=initial)
    if form_submit(request, form, lambda data: services.vision_save(
            initiative=request.initiative, by=request.actor, **data), _("The vision is saved.")):
        return redirect("agenda:overview", slug=slug)
    return render(request, "agenda/form.html", {"form": form, "title": _("Problem and vision")})


@initiative_view("agenda.edit")
def endorsement_add(request, slug):
    form = EndorsementForm(request.POST or None, initiative=request.initiative)
    if form_submit(request, form, lambda data: services.endorsement_add(
            initiative=request.initiative, by=request.actor, **data),
            _("The endorsement is recorded.")):
        return redirect("agenda:overview", slug=slug)
    return render(request, "agenda/form.html", {"form": form, "title": _("Record an endorsement")})


@initiative_view("agenda.edit")
def endorsement_remove(request, slug, pk):
    """Remove an endorsement (GET asks, POST removes)."""
    endorsement = get_object_or_404(Endorsement.objects.for_initiative(request.initiative)
                                    .select_related("organisation"), pk=pk)
    if request.method == "POST":
        services.endorsement_remove(endorsement=endorsement, by=request.actor)
        messages.success(request, _("The endorsement is removed."))
        return redirect("agenda:overview", slug=slug)
    return render(request, "agenda/confirm.html", {
        "title": _("Remove the endorsement of %(org)s?") % {"org": endorsement.organisation},
        "button": _("Remove"), "back": reverse("agenda:overview", kwargs={"slug": slug})})


@initiative_view("agenda.edit")
def track_create(request, slug):
    form = TrackForm(request.POST or None)
    track = form_submit(request, form, lambda data: services.track_save(
        initiative=request.initiative, by=request.actor, **data), _("The track is created."))
    if track:
        return redirect("agenda:track_detail", slug=slug, pk=track.pk)
    return render(request, "agenda/form.html", {"form": form, "title": _("New track")})


@initiative_view("agenda.view")
def track_detail(request, slug, pk):
    track = get_object_or_404(Track.objects.for_initiative(request.initiative), pk=pk)
    items = selectors.action_plan(track=track)
    return render(request, "agenda/track_detail.html", {
        "track": track, "items": items, "today": timezone.localdate(),
        "can_edit": request.actor.can("agenda.edit"),
        "checkable": {i.pk for i in items if request.actor.can("agenda.check_action", i)},
        # The activities app's rule decides which of the track's activities the actor sees.
        "activities": Paginator(request.actor.visible(
            track.activities.select_related("driver").order_by("title", "pk")),
            ACTIVITIES_PAGE_SIZE).get_page(request.GET.get("page")),
        "can_see_activities": request.actor.can("activities.view_list"),
    })


@initiative_view("agenda.edit")
def track_edit(request, slug, pk):
    track = get_object_or_404(Track.objects.for_initiative(request.initiative), pk=pk)
    form = TrackForm(request.POST or None, instance=track)
    if form_submit(request, form, lambda data: services.track_save(
            initiative=request.initiative, by=request.actor, track=track, **data),
            _("The track is saved.")):
        return redirect("agenda:track_detail", slug=slug, pk=pk)
    return render(request, "agenda/form.html", {"form": form, "title": track.name})


@initiative_view("agenda.edit")
def action_create(request, slug, pk):
    track = get_object_or_404(Track.objects.for_initiative(request.initiative), pk=pk)
    form = ActionItemForm(request.POST or None, initiative=request.initiative)
    if form_submit(request, form, lambda data: services.action_item_create(
            track=track, by=request.actor, **data), _("The action is added to the plan.")):
        return redirect("agenda:track_detail", slug=slug, pk=pk)
    return render(request, "agenda/form.html", {
        "form": form, "title": _("New action for %(track)s") % {"track": track.name}})


@initiative_view("agenda.edit")
def action_edit(request, slug, pk):
    item = get_object_or_404(ActionItem.objects.for_initiative(request.initiative)
                             .select_related("track"), pk=pk)
    form = ActionItemForm(request.POST or None, initiative=request.initiative, initial={
        "what": item.what, "organisation": item.organisation, "who": item.who,
        "due_on": item.due_on})
    if form_submit(request, form, lambda data: services.action_item_update(
            item=item, by=request.actor, **data), _("The action is saved.")):
        return redirect("agenda:track_detail", slug=slug, pk=item.track_id)
    return render(request, "agenda/form.html", {"form": form, "title": item.what})


@initiative_view("agenda.view")
def action_list(request, slug):
    """Every track's actions in one list, to follow up what is open or overdue; CSV and
    Excel export exactly the filtered rows."""
    form = ActionFilterForm(request.GET or None, initiative=request.initiative)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    items = selectors.actions_filtered(
        initiative=request.initiative, track=data["track"].pk if data.get("track") else None,
        status=data.get("status") or "", today=today)
    fmt = requested_format(request)
    if fmt:
        if form.errors:
            return HttpResponseBadRequest(_("The filter is not valid; nothing was exported."),
                                          content_type="text/plain; charset=utf-8")
        return table_response(action_table(items), fmt)
    return render(request, "agenda/action_list.html", {
        "form": form, "items": items, "today": today, "query": query_without_format(request),
        "checkable": {i.pk for i in items if request.actor.can("agenda.check_action", i)},
    })


def action_table(items) -> Table:
    return Table(title=_("Action plan"), columns=[
        _("Track"), _("What"), _("Responsible organisation"), _("Who"), _("By when"),
        _("Done on")], rows=[[i.track.name, i.what, i.organisation.name if i.organisation
                              else "", i.who, i.due_on, i.done_on] for i in items])


@initiative_view("agenda.view")
def action_check(request, slug, pk):
    """Check an action item off, or open it again (GET shows the question)."""
    item = get_object_or_404(ActionItem.objects.for_initiative(request.initiative)
                             .select_related("track"), pk=pk)
    check_object(request, "agenda.check_action", item)
    if request.method == "POST":
        services.action_item_set_done(item=item, by=request.actor, done=not item.is_done)
        messages.success(request, _("The action plan is updated."))
        if url_has_allowed_host_and_scheme(request.POST.get("next"), allowed_hosts=None):
            return redirect(request.POST["next"])
        return redirect("agenda:track_detail", slug=slug, pk=item.track_id)
    return render(request, "agenda/action_check.html", {"item": item})


@initiative_view("agenda.view")
def knowledge_list(request, slug):
    return render(request, "agenda/knowledge_list.html", {
        "documents": selectors.knowledge_documents(initiative=request.initiative),
        "can_edit": request.actor.can("agenda.edit"),
    })


def _previewing(request) -> bool:
    return request.method == "POST" and "preview" in request.POST


def _knowledge_form(request, form, *, title: str, back: str, intro: str = ""):
    """The knowledge base form; after *Preview*, the text as it will look above the form
    as it was typed (nothing is saved, so nothing is refused yet)."""
    context = {"form": form, "title": title, "back": back, "intro": intro, "preview": None}
    if _previewing(request):
        context["form"] = KnowledgeForm(initial={
            name: request.POST.get(name, "") for name in ("title", "body", "sources",
                                                          "change_note")})
        context["preview"] = render_markdown(request.POST.get("body", ""))
        context["file_dropped"] = bool(request.FILES.get("file"))
    return render(request, "agenda/knowledge_form.html", context)


@initiative_view("agenda.edit")
def knowledge_create(request, slug):
    form = KnowledgeForm(request.POST or None, request.FILES or None)
    if not _previewing(request):
        document = form_submit(request, form, lambda data: services.knowledge_document_create(
            initiative=request.initiative, by=request.actor, **data),
            _("The document is saved."))
        if document:
            return redirect("agenda:knowledge_detail", slug=slug, pk=document.pk)
    return _knowledge_form(request, form, title=_("New knowledge base document"),
                           back=reverse("agenda:knowledge_list", kwargs={"slug": slug}))


@initiative_view("agenda.view")
def knowledge_detail(request, slug, pk):
    document = get_object_or_404(KnowledgeDocument.objects.for_initiative(request.initiative),
                                 pk=pk)
    versions = list(document.versions.select_related("created_by").order_by("-number"))
    shown = versions[0] if versions else None
    wanted = request.GET.get("version", "")
    if wanted.isdigit():
        shown = next((v for v in versions if v.number == int(wanted)), None)
        if shown is None:
            raise Http404
    return render(request, "agenda/knowledge_detail.html", {
        "document": document, "versions": versions, "shown": shown,
        "can_edit": request.actor.can("agenda.edit"),
    })


@initiative_view("agenda.edit")
def knowledge_edit(request, slug, pk):
    document = get_object_or_404(KnowledgeDocument.objects.for_initiative(request.initiative),
                                 pk=pk)
    latest = document.versions.order_by("-number").first()
    initial = {"title": document.title, "body": latest.body_markdown if latest else "",
               "sources": latest.sources if latest else ""}
    form = KnowledgeForm(request.POST or None, request.FILES or None, initial=initial)
    if not _previewing(request) and form_submit(request, form, lambda data: (
            services.knowledge_version_add(document=document, by=request.actor, **data)),
            _("A new version is saved.")):
        return redirect("agenda:knowledge_detail", slug=slug, pk=pk)
    return _knowledge_form(
        request, form, title=document.title,
        back=reverse("agenda:knowledge_detail", kwargs={"slug": slug, "pk": pk}),
        intro=_("Saving makes a new version; earlier versions stay in the history."))


@initiative_view("agenda.view")
def knowledge_file(request, slug, pk):
    """Download a version's file, under the same permission as the document's page; the
    only way a knowledge base file leaves the server (no public media URL)."""
    version = get_object_or_404(KnowledgeVersion.objects.for_initiative(request.initiative),
                                pk=pk)
    return private_file_response(file=version.file, filename=version.file_name)


@initiative_view("agenda.edit")
def track_delete(request, slug, pk):
    """Confirm, then delete a track (its actions and goals go with it; its activities stay)."""
    track = get_object_or_404(Track.objects.for_initiative(request.initiative), pk=pk)
    if form_submit(request, forms.Form(request.POST), lambda data: services.track_delete(
            track=track, by=request.actor), _("%(name)s was deleted.") % {"name": track.name}):
        return redirect("agenda:overview", slug=slug)
    return render(request, "core/confirm_delete.html", {
        "title": _("Delete the track %(name)s?") % {"name": track.name},
        "plan": deletion_plan(track),
        "back": reverse("agenda:track_detail", kwargs={"slug": slug, "pk": pk}),
    })


@initiative_view("agenda.edit")
def knowledge_delete(request, slug, pk):
    """Confirm, then delete a knowledge base document with all its versions and files."""
    document = get_object_or_404(KnowledgeDocument.objects.for_initiative(request.initiative),
                                 pk=pk)
    if form_submit(request, forms.Form(request.POST), lambda data: (
            services.knowledge_document_delete(document=document, by=request.actor)),
            _("%(name)s was deleted.") % {"name": document.title}):
        return redirect("agenda:knowledge_list", slug=slug)
    return render(request, "core/confirm_delete.html", {
        "title": _("Delete the document %(name)s?") % {"name": document.title},
        "plan": deletion_plan(document),
        "back": reverse("agenda:knowledge_detail", kwargs={"slug": slug, "pk": pk}),
    })
