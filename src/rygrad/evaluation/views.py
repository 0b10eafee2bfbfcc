"""Pages of the evaluation: thin wrappers around the selectors and services."""

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from rygrad.alliance.models import Sector
from rygrad.core.forms import form_submit
from rygrad.core.signals import Condition
from rygrad.core.views import initiative_view
from rygrad.meetings.models import Meeting

from . import network, network_map, selectors, services
from .forms import AnswerForm, ChangeForm, EvidenceForm, RoundForm, StatementForm
from .models import (
    CONDITION_CHOICES,
    MIN_ANSWERS,
    Change,
    Evidence,
    Participation,
    Round,
    Stage,
    Statement,
)


@initiative_view("evaluation.view")
def overview(request, slug):
    initiative, today = request.initiative, timezone.localdate()
    rounds = list(selectors.rounds_of(initiative=initiative))
    answered = set(Participation.objects.filter(round__in=rounds, user=request.user)
                   .values_list("round_id", flat=True))
    return render(request, "evaluation/overview.html", {
        "rounds": [(r, r.is_open(today), r.is_closed(today), r.pk in answered)
                   for r in reversed(rounds)],
        "trend": selectors.condition_trend(initiative=initiative, today=today),
        "can_manage": request.actor.can("evaluation.manage"),
        "can_answer": request.actor.can("evaluation.answer"),
        "minimum": MIN_ANSWERS, "conditions": CONDITION_CHOICES,
    })


@initiative_view("evaluation.view")
def round_detail(request, slug, pk):
    round_ = get_object_or_404(Round.objects.for_initiative(request.initiative), pk=pk)
    today = timezone.localdate()
    return render(request, "evaluation/round_detail.html", {
        "round": round_, "results": selectors.round_results(round=round_, today=today),
        "is_open": round_.is_open(today), "is_closed": round_.is_closed(today),
        "answered": Participation.objects.filter(round=round_, user=request.user).exists(),
        "can_manage": request.actor.can("evaluation.manage"), "minimum": MIN_ANSWERS,
    })


@initiative_view("evaluation.answer")
def round_answer(request, slug, pk):
    round_ = get_object_or_404(Round.objects.for_initiative(request.initiative), pk=pk)
    today = timezone.localdate()
    if not round_.is_open(today) or Participation.objects.filter(
            round=round_, user=request.user).exists():
        return render(request, "evaluation/answer_closed.html", {"round": round_})
    form = AnswerForm(request.POST or None,
                      statements=round_.statements.order_by("position", "pk"))
    if form_submit(request, form, lambda data: services.assessment_answer(
            round=round_, by=request.actor, scores=form.scores(), comments=form.comments()),
            _("Thank you. Your answer is saved without your name.")):
        return redirect("evaluation:round_detail", slug=slug, pk=pk)
    return render(request, "evaluation/answer.html", {
        "round": round_, "form": form,
        "sector": Sector(services.sector_of(initiative=request.initiative,
                                            by=request.actor)).label,
        "minimum": MIN_ANSWERS})


@initiative_view("evaluation.manage")
def round_create(request, slug):
    form = RoundForm(request.POST or None)
    made = form_submit(request, form, lambda data: services.round_create(
        initiative=request.initiative, by=request.actor, **data),
        lambda r: _("The round %(name)s is created.") % {"name": r.name})
    if made:
        return redirect("evaluation:round_detail", slug=slug, pk=made.pk)
    return render(request, "evaluation/form.html", {"form": form, "title": _("New round")})


@initiative_view("evaluation.manage")
def round_edit(request, slug, pk):
    round_ = get_object_or_404(Round.objects.for_initiative(request.initiative), pk=pk)
    form = RoundForm(request.POST or None, initial={
        "name": round_.name, "opens_on": round_.opens_on, "closes_on": round_.closes_on})
    if form_submit(request, form, lambda data: services.round_update(
            round=round_, by=request.actor, **data), _("The round is saved.")):
        return redirect("evaluation:round_detail", slug=slug, pk=pk)
    return render(request, "evaluation/form.html", {"form": form, "title": round_.name})


@initiative_view("evaluation.manage")
def statement_list(request, slug):
    return render(request, "evaluation/statements.html", {
        "statements": selectors.statements_of(initiative=request.initiative),
        "defaults_form": forms.Form()})


@initiative_view("evaluation.manage")
def statements_default(request, slug):
    """Add the default statement set (POST); GET shows the statements page."""
    form = forms.Form(request.POST or None)
    if form_submit(request, form, lambda data: services.statements_default_create(
            initiative=request.initiative, by=request.actor),
            _("The default statements are added.")):
        return redirect("evaluation:statement_list", slug=slug)
    return render(request, "evaluation/statements.html", {
        "statements": selectors.statements_of(initiative=request.initiative),
        "defaults_form": form})


@initiative_view("evaluation.manage")
def statement_create(request, slug):
    form = StatementForm(request.POST or None)
    if form_submit(request, form, lambda data: services.statement_create(
            initiative=request.initiative, by=request.actor, **data),
            _("The statement is added.")):
        return redirect("evaluation:statement_list", slug=slug)
    return render(request, "evaluation/form.html", {"form": form, "title": _("New statement")})


@initiative_view("evaluation.manage")
def statement_edit(request, slug, pk):
    statement = get_object_or_404(Statement.objects.for_initiative(request.initiative), pk=pk)
    form = StatementForm(request.POST or None, initial={
        "condition": statement.condition, "text": statement.text,
        "backbone_role": statement.backbone_role, "position": statement.position,
        "active": statement.active})
    if form_submit(request, form, lambda data: services.statement_update(
            statement=statement, by=request.actor, **data), _("The statement is saved.")):
        return redirect("evaluation:statement_list", slug=slug)
    return render(request, "evaluation/form.html", {
        "form": form, "title": _("Edit statement"), "object": statement})


@initiative_view("evaluation.view")
def evidence_list(request, slug):
    condition = request.GET.get("condition", "")
    return render(request, "evaluation/evidence_list.html", {
        "items": selectors.evidence_of(
            initiative=request.initiative,
            condition=condition if condition in Condition.values else ""),
        "conditions": Condition.choices, "condition": condition,
        "can_manage": request.actor.can("evaluation.manage")})


def _evidence_form(request, slug, evidence=None, meeting=None):
    initial = {} if evidence is None else {
        "text": evidence.text, "source_role": evidence.source_role,
        "observed_on": evidence.observed_on, "condition": evidence.condition,
        "direction": evidence.direction, "tags": evidence.tags,
        "activities": list(evidence.activities.all()),
        "meetings": list(evidence.meetings.all()), "ideas": list(evidence.ideas.all())}
    if meeting is not None:
        initial = {"meetings": [meeting], "observed_on": meeting.held_on}
    form = EvidenceForm(request.POST or None, initiative=request.initiative, initial=initial)
    if form_submit(request, form, lambda data: services.evidence_save(
            initiative=request.initiative, by=request.actor, evidence=evidence, **data),
            _("The evidence is saved.")):
        if meeting is not None:
            return redirect("meetings:detail", slug=slug, pk=meeting.pk)
        return redirect("evaluation:evidence_list", slug=slug)
    return render(request, "evaluation/form.html", {
        "form": form, "object": evidence, "meeting": meeting,
        "title": _("Edit evidence") if evidence else _("New evidence")})


@initiative_view("evaluation.manage")
def evidence_create(request, slug):
    return _evidence_form(request, slug)


@initiative_view("evaluation.manage")
def evidence_from_meeting(request, slug, pk):
    """New evidence from what was said or seen at a meeting of the initiative: the form
    comes linked to the meeting and dated on its day, and saving leads back to it."""
    return _evidence_form(request, slug, meeting=get_object_or_404(
        Meeting.objects.for_initiative(request.initiative), pk=pk))


@initiative_view("evaluation.manage")
def evidence_edit(request, slug, pk):
    return _evidence_form(request, slug, get_object_or_404(
        Evidence.objects.for_initiative(request.initiative), pk=pk))


@initiative_view("evaluation.view")
def change_list(request, slug):
    changes = list(selectors.changes_of(initiative=request.initiative))
    return render(request, "evaluation/change_list.html", {
        "stages": [(value, label, [c for c in changes if c.stage == value])
                   for value, label in Stage.choices],
        "can_manage": request.actor.can("evaluation.manage")})


@initiative_view("evaluation.view")
def change_detail(request, slug, pk):
    change = get_object_or_404(selectors.changes_of(initiative=request.initiative), pk=pk)
    return render(request, "evaluation/change_detail.html", {
        "change": change, "can_manage": request.actor.can("evaluation.manage")})


def _change_form(request, slug, change=None):
    initial = {} if change is None else {
        **{name: getattr(change, name) for name in (
            "stage", "kind", "title", "description", "occurred_on", "contribution_claim",
            "rival_explanations", "strength", "strength_reason", "formally_anchored",
            "anchored_by")},
        "organisations": list(change.organisations.all()),
        "activities": list(change.activities.all()), "evidence": list(change.evidence.all())}
    form = ChangeForm(request.POST or None, initiative=request.initiative, initial=initial)
    saved = form_submit(request, form, lambda data: services.change_save(
        initiative=request.initiative, by=request.actor, change=change, **data),
        _("The change is saved."))
    if saved:
        return redirect("evaluation:change_detail", slug=slug, pk=saved.pk)
    return render(request, "evaluation/form.html", {
        "form": form, "object": change,
        "title": _("Edit change") if change else _("New change")})


@initiative_view("evaluation.manage")
def change_create(request, slug):
    return _change_form(request, slug)


@initiative_view("evaluation.manage")
def change_edit(request, slug, pk):
    return _change_form(request, slug, get_object_or_404(
        Change.objects.for_initiative(request.initiative), pk=pk))


@initiative_view("evaluation.view")
def network_page(request, slug):
    initiative = request.initiative
    years = network.years_of(initiative=initiative, today=timezone.localdate())
    rows = network.yearly_metrics(initiative=initiative, years=years)
    # By default the latest year with ties (the current year may have none yet).
    latest = next((m.year for m, _g in reversed(rows) if m.ties), years[-1])
    try:
        year = int(request.GET.get("year", latest))
    except ValueError:
        year = latest
    graph = next((g for m, g in rows if m.year == year), rows[-1][1])
    year = next((m.year for m, g in rows if g is graph), year)
    sectors = dict(Sector.choices)
    ends = [sorted((graph.nodes[n]["name"], sectors.get(graph.nodes[n]["sector"], ""))
                   for n in edge) for edge in graph.edges]
    ties = sorted((a[0], b[0], a[1], b[1]) for a, b in ends)
    positions = network_map.layout([g for _m, g in rows])
    return render(request, "evaluation/network.html", {
        "rows": [m for m, _g in rows], "years": years, "year": year, "ties": ties,
        "map_svg": network_map.network_svg(graph, positions, year=year),
        "map_nodes": network_map.nodes_of(graph),
        "trend_svg": network_map.trend_svg([m for m, _g in rows]) if len(rows) > 1 else ""})
