"""Answering many ideas at once (preview, then all or none), releases of held answers,
and the reusable answer templates — the secretariat's."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rygrad.core.forms import form_submit
from rygrad.core.views import initiative_view

from .. import answers, selectors, services
from ..forms import NEW_RELEASE, AnswerTemplateForm, BulkAnswerForm, FilterForm, ReleaseForm
from ..models import AnswerRelease, AnswerTemplate, Idea, StatusChange
from .common import filters_from


def _chosen(request):
    """The ideas to answer: those ticked (`ids`), or with `all`, every idea the list's
    filters find."""
    initiative = request.initiative
    source = request.POST if request.method == "POST" else request.GET
    if source.get("all"):
        form = FilterForm(source, initiative=initiative, manage=True)
        days = services.ideas_settings(initiative).answer_within_days
        return selectors.idea_list(initiative=initiative, filters=filters_from(form),
                                   answer_within_days=days).order_by("number")
    ids = [value for value in source.getlist("ids") if value.isdigit()]
    return (Idea.objects.for_initiative(initiative).filter(pk__in=ids)
            .select_related("owner", "activity").order_by("number"))


@initiative_view("ideas.manage")
def bulk_answer(request, slug):
    """One status and answer for many ideas: preview first, then apply to all of them or
    none; now, or held as drafts in a release."""
    chosen = list(_chosen(request))
    universe = Idea.objects.for_initiative(request.initiative)
    data = request.POST if request.method == "POST" else None
    form = BulkAnswerForm(data, actor=request.actor, ideas=universe,
                          initial={"ids": [i.pk for i in chosen]})
    preview = None
    if request.method == "POST" and "preview" in request.POST:
        if form.is_valid():
            preview = _bulk(request, form.cleaned_data).plan()
    elif request.method == "POST":
        done = form_submit(request, form, lambda data: answers.bulk_answer(
            **_bulk_arguments(request, data)),
            lambda changes: ngettext("%(count)s idea is answered.",
                                     "%(count)s ideas are answered.", len(changes))
            % {"count": len(changes)})
        if done:
            release = done[0].release if done else None
            if release is not None:
                return redirect("ideas:release", slug=slug, pk=release.pk)
            return redirect("ideas:list", slug=slug)
    shown = list(form.cleaned_data["ids"]) if form.is_bound and form.is_valid() else chosen
    return render(request, "ideas/bulk.html", {
        "form": form, "ideas": shown, "preview": preview,
        "blocked": preview is not None and any(p.problems for p in preview)})


def _bulk_arguments(request, data) -> dict:
    release = data.get("release") or ""
    return {
        "initiative": request.initiative, "by": request.actor,
        "ideas": list(data["ids"]), "to": data["to"], "answer": data.get("answer") or "",
        "owner": data.get("owner"), "decision": data.get("decision"),
        "release": None if release in ("", NEW_RELEASE) else get_object_or_404(
            AnswerRelease.objects.for_initiative(request.initiative), pk=release),
        "new_release": data.get("new_release") if release == NEW_RELEASE else "",
    }


def _bulk(request, data) -> answers.BulkAnswer:
    """The bulk answer the form describes, for its preview (a new release is not made
    for a preview)."""
    arguments = _bulk_arguments(request, data)
    arguments.pop("new_release")
    return answers.BulkAnswer(**arguments)


@initiative_view("ideas.manage")
def releases(request, slug):
    form = ReleaseForm(request.POST or None)
    release = form_submit(request, form, lambda data: answers.release_create(
        initiative=request.initiative, by=request.actor, **data),
        _("The release is ready for draft answers."))
    if release:
        return redirect("ideas:release", slug=slug, pk=release.pk)
    return render(request, "ideas/releases.html", {
        "form": form,
        "releases": AnswerRelease.objects.for_initiative(request.initiative).annotate(
            count=Count("changes")),
    })


def _release(request, pk) -> AnswerRelease:
    return get_object_or_404(AnswerRelease.objects.for_initiative(request.initiative), pk=pk)


@initiative_view("ideas.manage")
def release_detail(request, slug, pk):
    """A release: its draft answers as they will be published, with what stands in the
    way, and the button that publishes them all at once."""
    release = _release(request, pk)
    publication = answers.ReleasePublication(release=release, by=request.actor)
    plans = publication.plan() if not release.is_published else []
    return render(request, "ideas/release.html", {
        "release": release, "plans": plans,
        "blocked": any(p.problems for p in plans),
        "published": release.changes.filter(changed_on__isnull=False)
        .select_related("idea", "owner").order_by("idea__number")
        if release.is_published else [],
    })


@initiative_view("ideas.manage")
def release_publish(request, slug, pk):
    release = _release(request, pk)
    form = forms.Form(request.POST)
    if form_submit(request, form, lambda data: answers.ReleasePublication(
            release=release, by=request.actor).execute(),
            _("Every answer of “%(title)s” is published.") % {"title": release.title}):
        return redirect("ideas:release", slug=slug, pk=pk)
    if request.method == "POST":
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("ideas:release", slug=slug, pk=pk)


@initiative_view("ideas.manage")
def release_delete(request, slug, pk):
    release = _release(request, pk)
    form = forms.Form(request.POST)
    if form_submit(request, form, lambda data: answers.release_delete(
            release=release, by=request.actor),
            _("“%(title)s” and its draft answers are thrown away.") % {"title": release.title}):
        return redirect("ideas:releases", slug=slug)
    return render(request, "ideas/confirm.html", {
        "form": form, "title": _("Throw away “%(title)s”?") % {"title": release.title},
        "text": _("Its draft answers are deleted; the ideas stay as they are."),
        "button": _("Throw away"), "back": reverse("ideas:release",
                                                   kwargs={"slug": slug, "pk": pk})})


@initiative_view("ideas.manage")
def draft_discard(request, slug, pk):
    change = get_object_or_404(StatusChange.objects.for_initiative(request.initiative)
                               .select_related("release", "idea"), pk=pk)
    back = (reverse("ideas:release", kwargs={"slug": slug, "pk": change.release_id})
            if change.release_id else reverse("ideas:detail", kwargs={"slug": slug,
                                                                      "pk": change.idea_id}))
    form_submit(request, forms.Form(request.POST), lambda data: answers.draft_discard(
        change=change, by=request.actor),
        _("The draft answer to idea %(number)s is taken out.") % {
            "number": change.idea.number})
    return redirect(back)


@initiative_view("ideas.manage")
def templates(request, slug):
    form = AnswerTemplateForm(request.POST or None)
    if form_submit(request, form, lambda data: services.answer_template_save(
            initiative=request.initiative, by=request.actor, **data),
            _("The answer template is saved.")):
        return redirect("ideas:templates", slug=slug)
    return render(request, "ideas/templates.html", {
        "form": form,
        "templates": AnswerTemplate.objects.for_initiative(request.initiative)})


def _template(request, pk) -> AnswerTemplate:
    return get_object_or_404(AnswerTemplate.objects.for_initiative(request.initiative), pk=pk)


@initiative_view("ideas.manage")
def template_edit(request, slug, pk):
    template = _template(request, pk)
    form = AnswerTemplateForm(request.POST or None, initial={
        "name": template.name, "status": template.status, "text": template.text})
    if form_submit(request, form, lambda data: services.answer_template_save(
            initiative=request.initiative, by=request.actor, template=template, **data),
            _("The answer template is saved.")):
        return redirect("ideas:templates", slug=slug)
    return render(request, "ideas/form.html", {
        "form": form, "title": template.name, "template": template,
        "back": reverse("ideas:templates", kwargs={"slug": slug})})


@initiative_view("ideas.manage")
def template_delete(request, slug, pk):
    """Confirm, then delete an answer template (answers given with it stay)."""
    template = _template(request, pk)
    form = forms.Form(request.POST)
    if form_submit(request, form, lambda data: services.answer_template_delete(
            template=template, by=request.actor),
            _("The answer template “%(name)s” is deleted.") % {"name": template.name}):
        return redirect("ideas:templates", slug=slug)
    return render(request, "ideas/confirm.html", {
        "form": form, "title": _("Delete the template “%(name)s”?") % {"name": template.name},
        "text": _("The answers already given with it stay as they are."),
        "button": _("Delete"), "back": reverse("ideas:template_edit",
                                               kwargs={"slug": slug, "pk": pk})})
