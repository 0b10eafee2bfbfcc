"""Writes of the evaluation: statements, rounds and anonymous answers."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rygrad.alliance.models import Organisation, Sector
from rygrad.core.permissions import Actor

from .models import (
    KINDS_OF_STAGE,
    BackboneRole,
    Change,
    Evidence,
    Participation,
    Rating,
    Response,
    Round,
    RoundComment,
    Stage,
    Statement,
)


def _require(by: Actor, rule: str) -> None:
    if not by.can(rule):
        raise ValidationError(_("You may not do this."))


# The default statements, written for this project: each of the six conditions, and the
# backbone's six roles (as statements about the backbone condition).
DEFAULT_STATEMENTS: list[tuple[str, str, object]] = [
    ("agenda", "",
     gettext_lazy("The partners share an understanding of the problem, based on a written "
                  "knowledge base.")),
    ("agenda", "",
     gettext_lazy("There is a shared vision that my organisation stands behind.")),
    ("agenda", "",
     gettext_lazy("The strategy's tracks guide what my organisation does.")),
    ("activities", "",
     gettext_lazy("Our activities are planned to reinforce each other across sectors.")),
    ("activities", "",
     gettext_lazy("Partners commit their own resources, not only goodwill, to shared "
                  "activities.")),
    ("activities", "",
     gettext_lazy("Trial activities that work become lasting practice with an owner.")),
    ("backbone", BackboneRole.VISION,
     gettext_lazy("The secretariat guides the vision and strategy.")),
    ("backbone", BackboneRole.ACTIVITIES,
     gettext_lazy("The secretariat supports the partners' aligned activities rather than "
                  "running them itself.")),
    ("backbone", BackboneRole.MEASUREMENT,
     gettext_lazy("The secretariat establishes shared measurement practices.")),
    ("backbone", BackboneRole.PUBLIC_WILL,
     gettext_lazy("The secretariat builds public will for the initiative.")),
    ("backbone", BackboneRole.POLICY,
     gettext_lazy("The secretariat advances policy: the initiative is anchored "
                  "politically.")),
    ("backbone", BackboneRole.FUNDING,
     gettext_lazy("The secretariat mobilises funding and resources.")),
    ("communication", "",
     gettext_lazy("I know what the other partners are doing.")),
    ("communication", "",
     gettext_lazy("The initiative's work is made concrete and visible to the public.")),
    ("involvement", "",
     gettext_lazy("Children and young people have a real say in what the initiative does.")),
    ("involvement", "",
     gettext_lazy("Young members are prepared for and heard in strategic discussions.")),
    ("measurement", "",
     gettext_lazy("We follow shared indicators of the children's well-being.")),
    ("measurement", "",
     gettext_lazy("The data we collect guides what we do.")),
]


@transaction.atomic
def statements_default_create(*, initiative, by: Actor) -> list[Statement]:
    """Add the default statement set (in the language active now) to an initiative that
    has no statements yet."""
    _require(by, "evaluation.manage")
    if Statement.objects.for_initiative(initiative).exists():
        raise ValidationError(_("The initiative already has statements."))
    made = []
    for position, (condition, role, text) in enumerate(DEFAULT_STATEMENTS, start=1):
        statement = Statement(initiative=initiative, condition=condition, backbone_role=role,
                              text=str(text), position=position)
        statement.full_clean()
        statement.save()
        made.append(statement)
    return made


@transaction.atomic
def statement_create(*, initiative, by: Actor, condition: str, text: str,
                     backbone_role: str = "", position: int = 0,
                     active: bool = True) -> Statement:
    _require(by, "evaluation.manage")
    statement = Statement(initiative=initiative, condition=condition, text=text,
                          backbone_role=backbone_role, position=position, active=active)
    statement.full_clean()
    statement.save()
    return statement


@transaction.atomic
def statement_update(*, statement: Statement, by: Actor, condition: str, text: str,
                     backbone_role: str = "", position: int = 0,
                     active: bool = True) -> Statement:
    """Change a statement. Its wording and condition are fixed once it has been rated (the
    ratings answered it as it stood); it can still be moved or taken out of new rounds."""
    _require(by, "evaluation.manage")
    if statement.ratings.exists() and (text != statement.text
                                       or condition != statement.condition):
        raise ValidationError({"text": _(
            "This statement has been rated; write a new statement instead of changing it.")})
    statement.condition, statement.text = condition, text
    statement.backbone_role, statement.position, statement.active = (
        backbone_role, position, active)
    statement.full_clean()
    statement.save(update_fields=["condition", "text", "backbone_role", "position", "active"])
    return statement


@transaction.atomic
def round_create(*, initiative, by: Actor, name: str, opens_on: dt.date,
                 closes_on: dt.date) -> Round:
    """A new round asking every statement in use."""
    _require(by, "evaluation.manage")
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("A round cannot close before it opens.")})
    statements = list(Statement.objects.for_initiative(initiative).filter(active=True))
    if not statements:
        raise ValidationError(_("Write the statements first: a round asks the statements "
                                "in use."))
    round_ = Round(initiative=initiative, name=name, opens_on=opens_on, closes_on=closes_on)
    round_.full_clean()
    round_.save()
    round_.statements.set(statements)
    return round_


@transaction.atomic
def round_update(*, round: Round, by: Actor, name: str, opens_on: dt.date,
                 closes_on: dt.date, today: dt.date | None = None) -> Round:
    """Rename a round or move its dates. A closed round's dates are fixed: its results are
    shown, and answers added after that would let anyone tell the new answers from the
    difference."""
    _require(by, "evaluation.manage")
    today = today or timezone.localdate()
    if round.is_closed(today) and (opens_on, closes_on) != (round.opens_on, round.closes_on):
        raise ValidationError({"closes_on": _(
            "The round has closed and its results are shown; its dates can no longer change.")})
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("A round cannot close before it opens.")})
    if closes_on < today and round.closes_on >= today:
        raise ValidationError({"closes_on": _("A round cannot be closed in the past.")})
    round.name, round.opens_on, round.closes_on = name, opens_on, closes_on
    round.full_clean()
    round.save(update_fields=["name", "opens_on", "closes_on"])
    return round


def sector_of(*, initiative, by: Actor) -> str:
    """The sector an actor answers for: their organisation's (the first, in the order of
    the sectors, when they represent several), otherwise "other"."""
    sectors = set(Organisation.objects.for_initiative(initiative)
                  .filter(pk__in=by.organisation_ids).values_list("sector", flat=True))
    return next((value for value in Sector.values if value in sectors), Sector.OTHER)


def _record(*, round: Round, sector: str, scores: dict[int, int],
            comments: dict[str, str]) -> Response:
    asked = set(round.statements.values_list("pk", flat=True))
    if set(scores) != asked:
        raise ValidationError(_("Rate every statement of the round."))
    if any(score not in (1, 2, 3, 4) for score in scores.values()):
        raise ValidationError(_("A rating is from 1 to 4."))
    response = Response.objects.create(initiative=round.initiative, round=round, sector=sector)
    Rating.objects.bulk_create([
        Rating(initiative=round.initiative, response=response, statement_id=pk, score=score)
        for pk, score in sorted(scores.items())])
    RoundComment.objects.bulk_create([
        RoundComment(initiative=round.initiative, round=round, condition=condition,
                     text=text.strip())
        for condition, text in sorted(comments.items()) if text.strip()])
    return response


@transaction.atomic
def assessment_answer(*, round: Round, by: Actor, scores: dict[int, int],
                      comments: dict[str, str], today: dt.date | None = None) -> Response:
    """A member's anonymous answer: the ratings go in under their sector, with no name;
    that they answered is noted apart, so they cannot answer twice."""
    _require(by, "evaluation.answer")
    today = today or timezone.localdate()
    if not round.is_open(today):
        raise ValidationError(_("The round is not open for answers."))
    if Participation.objects.filter(round=round, user=by.user).exists():
        raise ValidationError(_("You have already answered this round."))
    Participation.objects.create(initiative=round.initiative, round=round, user=by.user)
    return _record(round=round, sector=sector_of(initiative=round.initiative, by=by),
                   scores=scores, comments=comments)


@transaction.atomic
def assessment_enter(*, round: Round, by: Actor, sector: str, scores: dict[int, int],
                     comments: dict[str, str] | None = None) -> Response:
    """An answer collected on paper, entered by the secretariat with its sector (the
    rounds before the initiative used Rygrad, e.g. the demo's)."""
    _require(by, "evaluation.manage")
    if sector not in Sector.values:
        raise ValidationError({"sector": _("Choose a sector.")})
    return _record(round=round, sector=sector, scores=scores, comments=comments or {})


def _own(initiative, objects, field: str):
    if any(obj.initiative_id != initiative.pk for obj in objects):
        raise ValidationError({field: _("Choose among the initiative's own records.")})


@transaction.atomic
def evidence_save(*, initiative, by: Actor, evidence: Evidence | None = None, text: str,
                  source_role: str, observed_on: dt.date, condition: str, direction: str,
                  tags: str = "", activities=(), meetings=(), ideas=()) -> Evidence:
    """Record (or change) a quote or observation, with the activities, meetings and ideas
    it speaks of."""
    _require(by, "evaluation.manage")
    _own(initiative, activities, "activities")
    _own(initiative, meetings, "meetings")
    _own(initiative, ideas, "ideas")
    evidence = evidence or Evidence(initiative=initiative)
    evidence.text, evidence.source_role, evidence.observed_on = text, source_role, observed_on
    evidence.condition, evidence.direction, evidence.tags = condition, direction, tags
    evidence.full_clean()
    evidence.save()
    evidence.activities.set(activities)
    evidence.meetings.set(meetings)
    evidence.ideas.set(ideas)
    return evidence


@transaction.atomic
def change_save(*, initiative, by: Actor, change: Change | None = None, stage: str, kind: str,
                title: str, occurred_on: dt.date, contribution_claim: str,
                rival_explanations: str, strength: str, strength_reason: str,
                description: str = "", formally_anchored: bool = False,
                anchored_by: str = "", organisations=(), activities=(),
                evidence=()) -> Change:
    """Record (or change) a change in the register, with its contribution claim."""
    _require(by, "evaluation.manage")
    if kind not in KINDS_OF_STAGE.get(stage, set()):
        raise ValidationError({"kind": _("This kind of change belongs to another stage.")})
    if formally_anchored and not anchored_by.strip():
        raise ValidationError({"anchored_by": _(
            "Name the decision (the council or committee and its date).")})
    if stage != Stage.SYSTEMS and formally_anchored:
        raise ValidationError({"formally_anchored": _(
            "Only a systems change is anchored by a decision.")})
    for objects, field in ((organisations, "organisations"), (activities, "activities"),
                           (evidence, "evidence")):
        _own(initiative, objects, field)
    change = change or Change(initiative=initiative)
    for name, value in (("stage", stage), ("kind", kind), ("title", title),
                        ("description", description), ("occurred_on", occurred_on),
                        ("contribution_claim", contribution_claim),
                        ("rival_explanations", rival_explanations), ("strength", strength),
                        ("strength_reason", strength_reason),
                        ("formally_anchored", formally_anchored),
                        ("anchored_by", anchored_by.strip() if formally_anchored else "")):
        setattr(change, name, value)
    change.full_clean()
    change.save()
    change.organisations.set(organisations)
    change.activities.set(activities)
    change.evidence.set(evidence)
    return change
