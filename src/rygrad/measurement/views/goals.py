"""The tracks' indicator goals: progress for members; setting, editing and removing goals
for the secretariat."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from rygrad.core.forms import form_submit
from rygrad.core.views import initiative_view
from rygrad.measurement import services
from rygrad.measurement.forms import IndicatorGoalForm
from rygrad.measurement.goals import goal_progress
from rygrad.measurement.models import IndicatorGoal


@initiative_view("measurement.view")
def goals(request, slug):
    """Each track's goals on the indicators, with where the latest wave stands."""
    return render(request, "measurement/goals.html", {
        "progress": goal_progress(initiative=request.initiative),
        "can_manage": request.actor.can("measurement.manage"),
    })


@initiative_view("measurement.manage")
def goal_create(request, slug):
    form = IndicatorGoalForm(request.POST or None, initiative=request.initiative)
    if form_submit(request, form, lambda data: services.indicator_goal_create(
            initiative=request.initiative, by=request.actor, **data),
            _("The goal is set.")) is not None:
        return redirect("measurement:goals", slug=slug)
    return render(request, "measurement/goal_form.html", {"form": form})


@initiative_view("measurement.manage")
def goal_edit(request, slug, pk):
    """Change a goal's track, indicator, target or years, checked as when it was set."""
    goal = get_object_or_404(IndicatorGoal.objects.for_initiative(request.initiative)
                             .select_related("track", "indicator__instrument"), pk=pk)
    label = str(goal)  # as saved: a refused edit leaves `goal` holding the refused values
    form = IndicatorGoalForm(request.POST or None, initiative=request.initiative,
                             initial=IndicatorGoalForm.initial_from(goal))
    if form_submit(request, form, lambda data: services.indicator_goal_update(
            goal=goal, by=request.actor, **data), _("The goal is changed.")) is not None:
        return redirect("measurement:goals", slug=slug)
    return render(request, "measurement/goal_form.html", {"form": form, "goal": label})


@initiative_view("measurement.manage")
def goal_delete(request, slug, pk):
    goal = get_object_or_404(IndicatorGoal.objects.for_initiative(request.initiative)
                             .select_related("track", "indicator"), pk=pk)
    form = forms.Form(request.POST)
    if form_submit(request, form, lambda data: services.indicator_goal_delete(
            goal=goal, by=request.actor), _("The goal is removed.")) is not None:
        return redirect("measurement:goals", slug=slug)
    return render(request, "measurement/goal_delete.html", {"goal": goal, "form": form})
