"""Answering many ideas at once, and publishing held answers together.

Both are workflows in the Wagtail manner: an object with `check()` (every problem, each
naming its idea; nothing written) and `execute()` (checks again inside one transaction
and writes all or nothing). A bulk answer either takes effect at once or is held as a
draft in a release; a release publishes all its drafts on one day, or none of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rygrad.alliance.models import Organisation
from rygrad.core.permissions import Actor

from .models import AnswerRelease, Idea, Status, StatusChange
from .services import change_apply, change_build, change_problems


def _require(actor: Actor, rule: str, obj, message: str) -> None:
    if not actor.can(rule, obj):
        raise ValidationError(message)


@dataclass(frozen=True)
class Planned:
    """What a bulk answer or a release will do to one idea, and what stands in its way."""

    idea: Idea
    current: str
    to: str
    answer: str
    owner: Organisation | None
    problems: tuple[str, ...] = ()
    change: StatusChange | None = None  # the draft, for a release

    @property
    def current_label(self) -> str:
        return str(dict(Status.choices)[self.current])

    @property
    def to_label(self) -> str:
        return str(dict(Status.choices)[self.to])


def _messages(errors: dict) -> tuple[str, ...]:
    return tuple(str(message) for message in errors.values())


def _numbered(plans: list[Planned]) -> list[str]:
    return [_("Idea %(number)s (%(title)s): %(problem)s") % {
        "number": plan.idea.number, "title": plan.idea.title, "problem": problem}
        for plan in plans for problem in plan.problems]


class BulkAnswer:
    """The same status and public answer for many ideas: to all of them, or to none.

    With a `release` the answers are held there as drafts and change nothing until the
    release is published (`ReleasePublication`)."""

    def __init__(self, *, initiative, by: Actor, ideas, to: str, answer: str = "",
                 owner: Organisation | None = None, release: AnswerRelease | None = None,
                 on: dt.date | None = None, decision=None):
        self.initiative, self.by, self.to, self.decision = initiative, by, to, decision
        self.answer, self.owner, self.release = answer.strip(), owner, release
        self.on = on or timezone.localdate()
        self.ideas = sorted(ideas, key=lambda idea: idea.number)

    def _drafted(self) -> dict[int, str]:
        """Ideas that already have a draft answer in a release not yet published."""
        return dict(StatusChange.objects.filter(
            idea__in=self.ideas, changed_on__isnull=True, release__published_on__isnull=True)
            .values_list("idea_id", "release__title"))

    def plan(self) -> list[Planned]:
        """What each idea would become, with its problems (none when all can go)."""
        drafted = self._drafted() if self.ideas else {}
        plans = []
        for idea in self.ideas:
            errors = change_problems(idea=idea, by=self.by, to=self.to, answer=self.answer,
                                     owner=self.owner, on=self.on, decision=self.decision)
            if idea.initiative_id != self.initiative.pk:
                errors = {"to": _("The idea belongs to another initiative.")}
            problems = _messages(errors)
            if idea.pk in drafted:
                problems += (_("it already has a draft answer in “%(release)s”.") % {
                    "release": drafted[idea.pk]},)
            plans.append(Planned(idea=idea, current=idea.status, to=self.to,
                                 answer=self.answer, owner=self.owner, problems=problems))
        return plans

    def check(self) -> list[str]:
        """Every problem, each naming its idea; empty when the answer can be applied."""
        problems = _numbered(self.plan())
        if not self.ideas:
            problems.insert(0, _("Choose at least one idea."))
        if self.release is not None:
            if self.release.initiative_id != self.initiative.pk:
                problems.insert(0, _("The release belongs to another initiative."))
            elif self.release.is_published:
                problems.insert(0, _("“%(release)s” is published already; hold the answers "
                                     "in a release not yet published.") % {
                    "release": self.release.title})
        return problems

    @transaction.atomic
    def execute(self) -> list[StatusChange]:
        """Apply to every idea, or — when any of them cannot take it — to none (a
        ValidationError listing each problem)."""
        _require(self.by, "ideas.manage", None, _("Only the secretariat answers in bulk."))
        # `of=("self",)`: PostgreSQL locks no row of the outer-joined owner or activity.
        locked = Idea.objects.select_for_update(of=("self",)).filter(
            pk__in=[i.pk for i in self.ideas])
        self.ideas = sorted(locked.select_related("owner", "activity"),
                            key=lambda idea: idea.number)
        problems = self.check()
        if problems:
            raise ValidationError(problems)
        changes = []
        for idea in self.ideas:
            change = change_build(idea=idea, by=self.by, to=self.to, answer=self.answer,
                                  owner=self.owner, release=self.release,
                                  decision=self.decision)
            if self.release is None:
                change_apply(change, self.on)
            else:
                change.full_clean()
                change.save()
            changes.append(change)
        return changes


class ReleasePublication:
    """Publish every draft answer of a release on one day: all of them, or none."""

    def __init__(self, *, release: AnswerRelease, by: Actor, on: dt.date | None = None):
        self.release, self.by = release, by
        self.on = on or timezone.localdate()

    def drafts(self) -> list[StatusChange]:
        return list(self.release.changes.filter(changed_on__isnull=True)
                    .select_related("idea", "idea__owner", "idea__activity", "owner",
                                    "decision__activity")
                    .order_by("idea__number"))

    def plan(self) -> list[Planned]:
        plans = []
        for change in self.drafts():
            errors = change_problems(idea=change.idea, by=self.by, to=change.status,
                                     answer=change.answer, owner=change.owner, on=self.on,
                                     decision=change.decision)
            plans.append(Planned(idea=change.idea, current=change.idea.status,
                                 to=change.status, answer=change.answer, owner=change.owner,
                                 problems=_messages(errors), change=change))
        return plans

    def check(self) -> list[str]:
        if self.release.is_published:
            return [_("“%(release)s” is published already.") % {"release": self.release.title}]
        plans = self.plan()
        if not plans:
            return [_("“%(release)s” holds no answers yet.") % {"release": self.release.title}]
        return _numbered(plans)

    @transaction.atomic
    def execute(self) -> AnswerRelease:
        _require(self.by, "ideas.manage", None, _("Only the secretariat publishes answers."))
        AnswerRelease.objects.select_for_update().filter(pk=self.release.pk).first()
        self.release.refresh_from_db()
        problems = self.check()
        if problems:
            raise ValidationError(problems)
        for change in self.drafts():
            if change.status == Status.REALISED and change.decision_id:
                change._activity = change.decision.activity
            change_apply(change, self.on)
        self.release.published_on = self.on
        self.release.published_by = self.by.user if self.by.is_authenticated else None
        self.release.save(update_fields=["published_on", "published_by"])
        return self.release


@transaction.atomic
def bulk_answer(*, initiative, by: Actor, ideas, to: str, answer: str = "",
                owner: Organisation | None = None, release: AnswerRelease | None = None,
                new_release: str = "", decision=None) -> list[StatusChange]:
    """Answer many ideas at once (`BulkAnswer`), held in `release` or in a new release
    titled `new_release` — made only if every answer can be held there."""
    if new_release.strip():
        release = release_create(initiative=initiative, by=by, title=new_release)
    return BulkAnswer(initiative=initiative, by=by, ideas=ideas, to=to, answer=answer,
                      owner=owner, release=release, decision=decision).execute()


@transaction.atomic
def release_create(*, initiative, by: Actor, title: str) -> AnswerRelease:
    _require(by, "ideas.manage", None, _("Only the secretariat prepares releases."))
    release = AnswerRelease(initiative=initiative, title=title.strip())
    release.full_clean()
    release.save()
    return release


@transaction.atomic
def release_delete(*, release: AnswerRelease, by: Actor) -> None:
    """Throw away a release that is not published, with its draft answers."""
    _require(by, "ideas.manage", release, _("Only the secretariat prepares releases."))
    if release.is_published:
        raise ValidationError(_("A published release is part of the ideas' history and "
                                "stays."))
    release.delete()


@transaction.atomic
def draft_discard(*, change: StatusChange, by: Actor) -> None:
    """Take one draft answer out of its release."""
    _require(by, "ideas.manage", change, _("Only the secretariat prepares releases."))
    if not change.is_draft:
        raise ValidationError(_("Only a draft answer can be taken out."))
    change.delete()
