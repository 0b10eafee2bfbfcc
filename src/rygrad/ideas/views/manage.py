"""The ideas inside: the list (filters, downloads, choosing ideas to answer together), one
idea with its history and the forms that move it, recording and importing ideas, the
moderation queue, the funnel and the settings."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rygrad.core.deletion import deletion_plan
from rygrad.core.exports import Table, query_without_format, requested_format, table_response
from rygrad.core.forms import form_submit
from rygrad.core.views import initiative_view

from .. import importing, measures, selectors, services
from ..forms import (
    FilterForm,
    IdeaForm,
    ImportForm,
    SettingsForm,
    SignalFilterForm,
    StatusForm,
    ToActivityForm,
)
from ..models import Source, SubmitterGroup
from ..signals import page_signals
from ..tables import internal_table, with_trail
from .common import filters_from, idea_or_404

PAGE_SIZE = 50


@initiative_view("ideas.view_list")
def idea_list(request, slug):
    """Every idea the actor may see, filtered; downloads; the secretariat ticks ideas to
    answer them together."""
    actor = request.actor
    manage = actor.can("ideas.manage")
    form = FilterForm(request.GET or None, initiative=request.initiative, manage=manage)
    filters = filters_from(form)
    answer_days = services.ideas_settings(request.initiative).answer_within_days
    ideas = with_trail(actor.visible(selectors.idea_list(
        initiative=request.initiative, filters=filters, answer_within_days=answer_days)))
    export = requested_format(request)
    if export and form.errors:
        return HttpResponseBadRequest(_("The filter is not valid; nothing was exported."),
                                      content_type="text/plain; charset=utf-8")
    if export:
        return table_response(internal_table(ideas, manage=manage), export)
    page = Paginator(ideas, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "ideas/list.html", {
        "form": form, "page": page, "query": query_without_format(request),
        "manage": manage, "answer_days": answer_days,
        "can_record": actor.can("ideas.record"),
        "pending": selectors.moderation_queue(initiative=request.initiative).count()
        if manage else 0,
    })


@initiative_view("ideas.view")
def idea_detail(request, slug, pk):
    idea = idea_or_404(request, pk)
    actor = request.actor
    return render(request, "ideas/detail.html", {
        "idea": idea, **selectors.idea_story(idea=idea, published_only=False),
        "manage": actor.can("ideas.manage", idea),
        "can_decide": actor.can("ideas.decide", idea) and bool(
            services.TRANSITIONS[idea.status]),
        "can_to_activity": idea.activity_id is None and actor.can("ideas.to_activity", idea),
        "can_see_activity": idea.activity is not None and actor.can(
            "activities.view", idea.activity),
    })


@initiative_view("ideas.record")
def idea_create(request, slug):
    form = IdeaForm(request.POST or None, actor=request.actor,
                    initial={"submitted_on": timezone.localdate()})
    idea = form_submit(request, form, lambda data: services.idea_record(
        initiative=request.initiative, by=request.actor, **data),
        lambda idea: _("Idea %(number)s is recorded.") % {"number": idea.number})
    if idea:
        if request.actor.can("ideas.view", idea):
            return redirect("ideas:detail", slug=slug, pk=idea.pk)
        return redirect("ideas:public_detail", slug=slug, number=idea.number)
    return render(request, "ideas/form.html", {"form": form, "title": _("Record an idea")})


@initiative_view("ideas.manage")
def idea_edit(request, slug, pk):
    idea = idea_or_404(request, pk, "ideas.manage")
    initial = {name: getattr(idea, name) for name in services.IDEA_FIELDS}
    initial.update(tracks=idea.tracks.all(), event=idea.event)
    form = IdeaForm(request.POST or None, actor=request.actor, with_theme=True,
                    initial=initial)
    if form_submit(request, form, lambda data: services.idea_update(
            idea=idea, by=request.actor, **data), _("The idea is saved.")):
        return redirect("ideas:detail", slug=slug, pk=pk)
    return render(request, "ideas/form.html", {"form": form, "idea": idea,
                                               "title": _("Edit idea %(number)s") % {
                                                   "number": idea.number}})


@initiative_view("ideas.view")
def status_change(request, slug, pk):
    idea = idea_or_404(request, pk, "ideas.decide")
    form = StatusForm(request.POST or None, actor=request.actor, idea=idea,
                      initial={"on": timezone.localdate(), "owner": idea.owner})
    if form_submit(request, form, lambda data: services.idea_change_status(
            idea=idea, by=request.actor, **form.answer_data()),
            _("The status is changed, and the answer is public.")):
        return redirect("ideas:detail", slug=slug, pk=pk)
    return render(request, "ideas/form.html", {
        "form": form, "idea": idea,
        "title": _("Answer idea %(number)s") % {"number": idea.number},
        "intro": _("The idea is now “%(status)s”. The status, its date, the role of who "
                   "decided and the answer are shown on the idea's public page; the "
                   "history is kept.") % {"status": idea.get_status_display()}})


@initiative_view("ideas.view")
def to_activity(request, slug, pk):
    """Turn the idea into a new activity in one step, the form filled in from the idea."""
    idea = idea_or_404(request, pk, "ideas.to_activity")
    form = ToActivityForm(request.POST or None, actor=request.actor, initial={
        "title": idea.title, "starts_on": timezone.localdate(),
        "description": _("From idea %(number)s: %(url)s") % {
            "number": idea.number, "url": request.build_absolute_uri(reverse(
                "ideas:public_detail", kwargs={"slug": slug, "number": idea.number}))}
        + (f"\n\n{idea.description}" if idea.description else ""),
        "tracks": idea.tracks.all(), "driver": idea.owner})
    activity = form_submit(request, form, lambda data: services.idea_to_activity(
        idea=idea, by=request.actor, **data),
        lambda activity: _("%(title)s is proposed as an activity.") % {
            "title": activity.title})
    if activity:
        return redirect("ideas:detail", slug=slug, pk=pk)
    return render(request, "ideas/form.html", {
        "form": form, "idea": idea,
        "title": _("Turn idea %(number)s into an activity") % {"number": idea.number}})


@initiative_view("ideas.manage")
def moderation(request, slug):
    """Ideas sent without an account, waiting to be read before they are public."""
    return render(request, "ideas/moderation.html", {
        "ideas": selectors.moderation_queue(initiative=request.initiative)})


@initiative_view("ideas.manage")
def moderate(request, slug, pk):
    """Approve or reject one idea of the queue (POST; the button's name says which)."""
    idea = idea_or_404(request, pk, "ideas.manage")
    approve = "approve" in request.POST
    form_submit(request, forms.Form(request.POST), lambda data: services.idea_moderate(
        idea=idea, by=request.actor, approve=approve),
        (_("Idea %(number)s is approved and public.") if approve
         else _("Idea %(number)s is rejected.")) % {"number": idea.number})
    return redirect("ideas:moderation", slug=slug)


@initiative_view("ideas.manage")
def idea_delete(request, slug, pk):
    idea = idea_or_404(request, pk, "ideas.manage")
    if form_submit(request, forms.Form(request.POST), lambda data: services.idea_delete(
            idea=idea, by=request.actor),
            _("Idea %(number)s was deleted.") % {"number": idea.number}):
        return redirect("ideas:list", slug=slug)
    return render(request, "core/confirm_delete.html", {
        "title": _("Delete idea %(number)s?") % {"number": idea.number},
        "plan": deletion_plan(idea),
        "back": reverse("ideas:detail", kwargs={"slug": slug, "pk": pk}),
    })


@initiative_view("ideas.manage")
def ideas_import(request, slug):
    """Ideas from a spreadsheet: all of them, or — with a problem in any row — none."""
    form = ImportForm(request.POST or None, request.FILES or None, actor=request.actor,
                      initial={"submitted_on": timezone.localdate(), "source": Source.HACKATHON})
    result = None

    def action(data):
        nonlocal result
        upload = data.pop("file")
        result = importing.ideas_import(initiative=request.initiative, by=request.actor,
                                        data=upload.read(), filename=upload.name, **data)
        if not result.ok:
            raise ValidationError(_("Nothing was imported: correct the file and import it "
                                    "again."))
        return result

    done = form_submit(request, form, action, lambda result: ngettext(
        "%(count)s idea is imported.", "%(count)s ideas are imported.", result.created) % {
        "count": result.created})
    if done:
        return redirect(reverse("ideas:list", kwargs={"slug": slug}))
    return render(request, "ideas/import.html", {
        "form": form, "problems": result.problems if result else [],
        "columns": importing.COLUMNS,
        "groups": SubmitterGroup.choices, "sources": Source.choices})


@initiative_view("ideas.manage")
def import_template(request, slug):
    """An empty spreadsheet with the import's columns, to fill in."""
    table = Table(title=_("Ideas to import"), columns=importing.COLUMNS, rows=[])
    return table_response(table, "xlsx")


@initiative_view("ideas.view_signals")
def signals_page(request, slug):
    """The ideas signals today and the funnel per source and submitter group."""
    initiative = request.initiative
    form = SignalFilterForm(request.GET or None, initiative=initiative)
    data = form.cleaned_data if form.is_valid() else {}
    at: dt.date = data.get("at") or timezone.localdate()
    track = data["track"].pk if data.get("track") else None
    values = [signal.evaluate(initiative, at, **({"track": track} if track else {}))
              for signal in page_signals()]
    total = _("All ideas")
    return render(request, "ideas/signals.html", {
        "form": form, "at": at, "values": values,
        "by_source": measures.funnel(initiative=initiative, at=at, by="source",
                                     choices=Source.choices, total_label=total, track=track),
        "by_group": measures.funnel(initiative=initiative, at=at, by="group",
                                    choices=SubmitterGroup.choices, total_label=total,
                                    track=track),
        "can_set_thresholds": request.actor.can("initiative.manage"),
    })


@initiative_view("ideas.manage")
def settings_page(request, slug):
    current = services.ideas_settings(request.initiative)
    form = SettingsForm(request.POST or None,
                        initial={"answer_within_days": current.answer_within_days})
    if form_submit(request, form, lambda data: services.ideas_settings_set(
            initiative=request.initiative, by=request.actor, **data),
            _("The settings are saved.")):
        return redirect("ideas:settings", slug=slug)
    return render(request, "ideas/form.html", {"form": form, "title": _("Settings for ideas")})
