"""Pages of the activities app: the overview (with exports), the timeline, one activity's
story with the forms that change it, and the signals page."""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rygrad.core.deletion import deletion_plan
from rygrad.core.exports import query_without_format, requested_format, table_response
from rygrad.core.forms import form_submit
from rygrad.core.views import check_object, initiative_view

from . import charts, selectors, services
from .documents import docx_response
from .forms import (
    ActivityForm,
    CommitmentForm,
    DriverForm,
    LearningNoteForm,
    ReachForm,
    SignalFilterForm,
    StageForm,
)
from .models import Activity, Commitment, Stage
from .overview import filter_description, overview_table, parse_filters
from .periods import activities_within, timeline_period

PAGE_SIZE = 50


def _activity(request, pk, rule: str = "activities.view") -> Activity:
    activity = get_object_or_404(
        Activity.objects.for_initiative(request.initiative).select_related("driver"), pk=pk)
    check_object(request, rule, activity)
    return activity


@initiative_view("activities.view_list")
def activity_list(request, slug):
    """The activity overview ("aktivitetsoversigt"): filter, page, export."""
    form, filters = parse_filters(request)
    activities = selectors.visible_activities(
        selectors.activity_list(initiative=request.initiative, filters=filters),
        actor=request.actor)
    export = requested_format(request, ("csv", "xlsx", "docx"))
    if export and form.errors:
        return HttpResponseBadRequest(
            _("The filter is not valid (%(errors)s); nothing was exported.") % {
                "errors": "; ".join(f"{form.fields[name].label}: {' '.join(errors)}"
                                    for name, errors in form.errors.items())},
            content_type="text/plain; charset=utf-8")
    if export:
        table = overview_table(activities)
        if export == "docx":
            return docx_response(table, description=filter_description(form))
        return table_response(table, export)
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_labels(page.object_list)
    return render(request, "activities/list.html", {
        "form": form, "page": page, "query": query_without_format(request),
        "description": filter_description(form),
        "can_create": request.actor.can("activities.create"),
    })


@initiative_view("activities.view_list")
def timeline(request, slug):
    """The activities as bars over time, coloured by stage, with the same rows as a table."""
    form, filters = parse_filters(request)
    period_form, period = timeline_period(
        initiative=request.initiative, query=request.GET, today=timezone.localdate())
    activities = activities_within(selectors.visible_activities(
        selectors.activity_list(initiative=request.initiative, filters=filters),
        actor=request.actor), period)
    activities = list(activities[:charts.TIMELINE_LIMIT + 1])
    shown = activities[:charts.TIMELINE_LIMIT]
    table = charts.timeline_table(shown, today=timezone.localdate())
    return render(request, "activities/timeline.html", {
        "form": form, "description": filter_description(form), "table": table,
        "table_html": charts.timeline_table_html(table),
        "period_form": period_form, "period": period,
        "svg": charts.timeline_svg(table, start=period.start, end=period.end) if shown else "",
        "truncated": len(activities) > charts.TIMELINE_LIMIT, "limit": charts.TIMELINE_LIMIT,
    })


@initiative_view("activities.create")
def activity_create(request, slug):
    form = ActivityForm(request.POST or None, actor=request.actor, with_driver=True)
    activity = form_submit(request, form, lambda data: services.activity_create(
        initiative=request.initiative, by=request.actor, **data), _("The activity is proposed."))
    if activity:
        return redirect("activities:detail", slug=slug, pk=activity.pk)
    return render(request, "activities/form.html", {"form": form, "title": _("New activity")})


@initiative_view("activities.view")
def activity_detail(request, slug, pk):
    activity = _activity(request, pk)
    actor = request.actor
    return render(request, "activities/detail.html", {
        "activity": activity, **selectors.activity_story(activity=activity),
        "can_edit": actor.can("activities.edit", activity),
        "can_contribute": actor.can("activities.contribute", activity),
        "can_commit": actor.can("activities.commit"),
        "can_delete": actor.can("activities.delete", activity),
        "editable_commitments": {c.pk for c in activity.commitments.all()
                                 if actor.can("activities.commit", c)},
    })


@initiative_view("activities.edit")
def activity_edit(request, slug, pk):
    activity = _activity(request, pk, "activities.edit")
    initial = {name: getattr(activity, name) for name in services.ACTIVITY_FIELDS}
    initial["tracks"] = activity.tracks.all()
    form = ActivityForm(request.POST or None, actor=request.actor, with_driver=False,
                        initial=initial)
    if form_submit(request, form, lambda data: services.activity_update(
            activity=activity, by=request.actor, **data), _("The activity is saved.")):
        return redirect("activities:detail", slug=slug, pk=pk)
    return render(request, "activities/form.html", {"form": form, "title": activity.title,
                                                    "activity": activity})


@initiative_view("activities.edit")
def stage_change(request, slug, pk):
    activity = _activity(request, pk, "activities.edit")
    form = StageForm(request.POST or None, actor=request.actor, current=activity.stage,
                     initial={"on": timezone.localdate()})
    if form_submit(request, form, lambda data: services.activity_change_stage(
            activity=activity, by=request.actor, **data), _("The stage is changed.")):
        return redirect("activities:detail", slug=slug, pk=pk)
    return render(request, "activities/form.html", {
        "form": form, "activity": activity,
        "title": _("Change the stage of %(title)s") % {"title": activity.title},
        "intro": _("The activity is now “%(stage)s”; from there it can go to: %(allowed)s. "
                   "The history is kept.") % {
            "stage": activity.get_stage_display(),
            "allowed": ", ".join(str(label) for value, label in Stage.choices
                                 if value in services.TRANSITIONS[activity.stage])}})


@initiative_view("activities.edit")
def driver_change(request, slug, pk):
    activity = _activity(request, pk, "activities.edit")
    form = DriverForm(request.POST or None, actor=request.actor,
                      initial={"on": timezone.localdate()})
    if form_submit(request, form, lambda data: services.activity_change_driver(
            activity=activity, by=request.actor, **data), _("The driver is changed.")):
        return redirect("activities:detail", slug=slug, pk=pk)
    return render(request, "activities/form.html", {
        "form": form, "activity": activity,
        "title": _("Hand over %(title)s") % {"title": activity.title}})


@initiative_view("activities.commit")
def commitment_create(request, slug, pk):
    activity = _activity(request, pk)
    form = CommitmentForm(request.POST or None, actor=request.actor,
                          initial={"starts_on": timezone.localdate()})
    if form_submit(request, form, lambda data: services.commitment_create(
            activity=activity, by=request.actor, **data), _("The commitment is recorded.")):
        return redirect("activities:detail", slug=slug, pk=pk)
    return render(request, "activities/form.html", {
        "form": form, "activity": activity, "title": _("Commit resources")})


@initiative_view("activities.commit")
def commitment_edit(request, slug, pk):
    commitment = get_object_or_404(Commitment.objects.for_initiative(request.initiative)
                                   .select_related("activity", "organisation"), pk=pk)
    check_object(request, "activities.commit", commitment)
    fields = ["kind", "amount", "unit", "starts_on", "ends_on", "note"]
    form = CommitmentForm(request.POST or None, actor=request.actor, with_organisation=False,
                          initial={name: getattr(commitment, name) for name in fields})
    if form_submit(request, form, lambda data: services.commitment_update(
            commitment=commitment, by=request.actor, **data), _("The commitment is saved.")):
        return redirect("activities:detail", slug=slug, pk=commitment.activity_id)
    return render(request, "activities/form.html", {
        "form": form, "activity": commitment.activity,
        "title": _("Commitment of %(org)s") % {"org": commitment.organisation}})


@initiative_view("activities.contribute")
def reach_add(request, slug, pk):
    activity = _activity(request, pk, "activities.contribute")
    form = ReachForm(request.POST or None, initial={"occurred_on": timezone.localdate()})
    if form_submit(request, form, lambda data: services.reach_record(
            activity=activity, by=request.actor, **data), _("The reach is recorded.")):
        return redirect("activities:detail", slug=slug, pk=pk)
    return render(request, "activities/form.html", {
        "form": form, "activity": activity, "title": _("Record reach")})


@initiative_view("activities.contribute")
def note_add(request, slug, pk):
    activity = _activity(request, pk, "activities.contribute")
    form = LearningNoteForm(request.POST or None, initial={"written_on": timezone.localdate()})
    if form_submit(request, form, lambda data: services.learning_note_add(
            activity=activity, by=request.actor, **data), _("The learning note is saved.")):
        return redirect("activities:detail", slug=slug, pk=pk)
    return render(request, "activities/form.html", {
        "form": form, "activity": activity, "title": _("What we tried, what we learned")})


@initiative_view("activities.view_signals")
def signals_page(request, slug):
    """Each activities signal at every year end and today, per track. The thresholds are
    set on the initiative's thresholds page (`initiatives:thresholds`), linked from here."""
    initiative = request.initiative
    today = timezone.localdate()
    dates = selectors.year_ends(initiative=initiative, today=today)
    form = SignalFilterForm(request.GET or None, initiative=initiative,
                            years=[at.year for at in dates if at != today])
    data = form.cleaned_data if form.is_valid() else {}
    track = data["track"].pk if data.get("track") else None
    year = data.get("year")
    shown = next((i for i, at in enumerate(dates) if at.year == year and at != today),
                 len(dates) - 1)
    series = selectors.signal_series(initiative=initiative, dates=dates, track=track)
    commitments = selectors.commitments_by_year_and_sector(initiative=initiative, track=track)
    shares_table, counts_table = charts.signal_tables(series, dates)
    commitment_table = charts.commitment_table(commitments)
    return render(request, "activities/signals.html", {
        "form": form, "series": series, "dates": dates, "shown_at": dates[shown],
        "latest": [values[shown] for _s, values in series],
        "shares_table": shares_table, "shares_svg": charts.signals_svg(series, dates),
        "counts_table": counts_table,
        "commitment_table": commitment_table,
        "commitment_svg": charts.commitments_svg(commitments) if commitments else "",
        "can_set_thresholds": request.actor.can("initiative.manage"),
    })


@initiative_view("activities.delete")
def activity_delete(request, slug, pk):
    """Confirm, then delete an activity with everything recorded on it."""
    activity = _activity(request, pk, "activities.delete")
    if form_submit(request, forms.Form(request.POST), lambda data: services.activity_delete(
            activity=activity, by=request.actor),
            _("%(title)s was deleted.") % {"title": activity.title}):
        return redirect("activities:list", slug=slug)
    return render(request, "core/confirm_delete.html", {
        "title": _("Delete %(title)s?") % {"title": activity.title},
        "plan": deletion_plan(activity),
        "back": reverse("activities:detail", kwargs={"slug": slug, "pk": pk}),
    })
