"""Themes and near-duplicates: grouping a big batch of ideas, renaming, merging and
moving themes, and merging ideas that say the same."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rygrad.core.forms import form_submit
from rygrad.core.views import initiative_view

from .. import services, themes
from ..forms import GroupThemesForm, IdeaMoveForm, MergeForm, ThemeMergeForm, ThemeNameForm
from ..models import Idea, Moderation, Theme
from .common import idea_or_404

SHOWN_PAIRS = 50


def _open_ideas(initiative):
    return (Idea.objects.for_initiative(initiative)
            .filter(moderation=Moderation.APPROVED, merged_into__isnull=True))


@initiative_view("ideas.view_themes")
def theme_list(request, slug):
    """Every theme with its words and ideas, and the near-duplicates to merge."""
    initiative = request.initiative
    manage = request.actor.can("ideas.manage")
    ideas = _open_ideas(initiative).order_by("number")
    found = Theme.objects.for_initiative(initiative).prefetch_related(
        Prefetch("ideas", queryset=ideas)).annotate(
        count=Count("ideas", filter=Q(ideas__merged_into__isnull=True)))
    pairs = [p for p in themes.near_duplicates(list(ideas))
             if p.second.status not in services.OWNED][:SHOWN_PAIRS] if manage else []
    return render(request, "ideas/themes.html", {
        "themes": found, "manage": manage, "pairs": pairs,
        "without": ideas.filter(theme__isnull=True).count(),
        "group_form": GroupThemesForm(), "move_form": IdeaMoveForm(initiative=initiative),
    })


@initiative_view("ideas.manage")
def themes_group(request, slug):
    """Group the chosen ideas into themes (POST)."""
    form = GroupThemesForm(request.POST or None)

    def action(data):
        ideas = _open_ideas(request.initiative)
        if data.get("source"):
            ideas = ideas.filter(source=data["source"])
        if data.get("without_theme"):
            ideas = ideas.filter(theme__isnull=True)
        return themes.themes_group(initiative=request.initiative, by=request.actor,
                                   ideas=list(ideas))

    made = form_submit(request, form, action, lambda made: ngettext(
        "The ideas are grouped into %(count)s theme.",
        "The ideas are grouped into %(count)s themes.", len(made)) % {"count": len(made)})
    if not made and request.method == "POST":
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("ideas:themes", slug=slug)


def _theme(request, pk) -> Theme:
    return get_object_or_404(Theme.objects.for_initiative(request.initiative), pk=pk)


@initiative_view("ideas.manage")
def theme_edit(request, slug, pk):
    """Rename a theme; from here it can also be merged into another."""
    theme = _theme(request, pk)
    form = ThemeNameForm(request.POST or None, initial={"name": theme.name})
    if form_submit(request, form, lambda data: themes.theme_rename(
            theme=theme, by=request.actor, **data), _("The theme is renamed.")):
        return redirect("ideas:themes", slug=slug)
    return render(request, "ideas/theme.html", {
        "theme": theme, "form": form, "merge_form": ThemeMergeForm(theme=theme),
        "ideas": theme.ideas.filter(merged_into__isnull=True).order_by("number")})


@initiative_view("ideas.manage")
def theme_merge(request, slug, pk):
    theme = _theme(request, pk)
    form = ThemeMergeForm(request.POST or None, theme=theme)
    into = form_submit(request, form, lambda data: themes.theme_merge(
        theme=theme, by=request.actor, **data),
        lambda into: _("The theme is merged into “%(name)s”.") % {"name": into.name})
    if into:
        return redirect("ideas:themes", slug=slug)
    return render(request, "ideas/theme.html", {
        "theme": theme, "form": ThemeNameForm(initial={"name": theme.name}),
        "merge_form": form,
        "ideas": theme.ideas.filter(merged_into__isnull=True).order_by("number")})


@initiative_view("ideas.manage")
def idea_move(request, slug, pk):
    """Move one idea to another theme (POST from the themes page)."""
    idea = idea_or_404(request, pk, "ideas.manage")
    form_submit(request, IdeaMoveForm(request.POST or None, initiative=request.initiative),
                lambda data: themes.idea_move(idea=idea, by=request.actor, **data),
                _("Idea %(number)s is moved.") % {"number": idea.number})
    return redirect(reverse("ideas:themes", kwargs={"slug": slug}) + f"#idea-{idea.pk}")


@initiative_view("ideas.manage")
def idea_merge(request, slug, pk):
    """Merge this idea into another that says the same: it keeps its history and shows
    where it went; the other gets its supports, groups and sources."""
    idea = idea_or_404(request, pk, "ideas.manage")
    form = MergeForm(request.POST or None, idea=idea,
                     initial={"into": request.GET.get("into")})
    into = form_submit(request, form, lambda data: services.idea_merge(
        idea=idea, by=request.actor, **data),
        lambda into: _("Idea %(number)s is merged into idea %(into)s.") % {
            "number": idea.number, "into": into.number})
    if into:
        return redirect("ideas:detail", slug=slug, pk=into.pk)
    return render(request, "ideas/form.html", {
        "form": form, "idea": idea,
        "title": _("Merge idea %(number)s into another") % {"number": idea.number},
        "intro": _("Merge ideas that say the same. The idea you merge into keeps its status "
                   "and gets this idea's supports, tracks, submitter group and source; this "
                   "idea keeps its page, which shows where it went.")})
