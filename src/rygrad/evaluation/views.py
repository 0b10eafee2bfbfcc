"""Pages of the evaluation: thin wrappers around the selectors and services."""

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from rygrad.alliance.models import Sector
from rygrad.core.forms import form_submit
from rygrad.core.views import initiative_view

from . import selectors, services
from .forms import AnswerForm, RoundForm, StatementForm
from .models import CONDITION_CHOICES, MIN_ANSWERS, Participation, Round, Statement


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
