"""The numbers behind the ideas signals and the funnel, as of any date.

Every idea sent counts once, as a *submission* (an idea rejected in moderation does not):
its source and submitter group are its own, while what became of it follows the idea it
was merged into, from the day of the merge — so a young person's idea merged into a
realised one counts as a realised youth idea, answered on the day of the merge if the
other idea was answered before. Statuses and answers count from the day
they were published; a draft answer counts for nothing. Two queries read all an
initiative's ideas and changes up to the date; the rest is arithmetic here.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from rygrad.core.signals import read_once

from .models import YOUTH_GROUPS, Idea, Moderation, Status, StatusChange

OWNED = frozenset({Status.ADOPTED, Status.REALISED})


@dataclass(slots=True)
class Submission:
    """One idea as it stood on the date asked."""

    pk: int
    source: str
    group: str
    submitted_on: dt.date
    merged_into: int | None = None
    merged_on: dt.date | None = None
    status: str = Status.NEW
    owner_backbone: bool | None = None
    first_answer_on: dt.date | None = None
    ever_adopted: bool = False

    @property
    def is_youth(self) -> bool:
        return self.group in YOUTH_GROUPS

    @property
    def answered(self) -> bool:
        return self.first_answer_on is not None


def submissions(*, initiative, at: dt.date, track: int | None = None) -> list[Submission]:
    """Every idea submitted on or before `at` (not rejected), with its status, owner and
    first public answer as of `at`, merges followed — read once for the six signals when
    they are computed together (the dashboard's values: 10,000 ideas took 60 ms a signal).
    """
    return read_once(("ideas.submissions", initiative.pk, at, track),
                     lambda: _submissions(initiative=initiative, at=at, track=track))


def _submissions(*, initiative, at: dt.date, track: int | None) -> list[Submission]:
    ideas = Idea.objects.for_initiative(initiative).filter(submitted_on__lte=at).exclude(
        moderation=Moderation.REJECTED)
    if track is not None:
        ideas = ideas.filter(tracks__id=track)
    own: dict[int, Submission] = {}
    for pk, source, group, submitted_on, merged_into, merged_on in ideas.values_list(
            "pk", "source", "submitter_group", "submitted_on", "merged_into_id", "merged_on"):
        own[pk] = state = Submission(pk=pk, source=source, group=group,
                                     submitted_on=submitted_on)
        if merged_on and merged_on <= at:
            state.merged_into, state.merged_on = merged_into, merged_on
    states: dict[int, Submission] = dict(own)
    for pk in {s.merged_into for s in own.values() if s.merged_into} - set(own):
        states[pk] = Submission(pk=pk, source="", group="", submitted_on=at)
    # Every published change up to the date, read by the initiative and the date (not by
    # a list of thousands of ideas); the changes of ideas not counted here are passed by.
    changes = (StatusChange.objects.for_initiative(initiative)
               .filter(changed_on__isnull=False, changed_on__lte=at)
               .order_by("idea_id", "changed_on", "pk")
               .values_list("idea_id", "status", "changed_on", "answer",
                            "owner__is_backbone"))
    for idea_id, status, changed_on, answer, backbone in changes:
        state = states.get(idea_id)
        if state is None:
            continue
        state.status = status
        state.owner_backbone = backbone if status in OWNED else None
        state.ever_adopted |= status in OWNED
        if status != Status.NEW and answer.strip() and state.first_answer_on is None:
            state.first_answer_on = changed_on
    for state in own.values():
        target = states.get(state.merged_into) if state.merged_into else None
        if target is None:
            continue
        state.status, state.owner_backbone = target.status, target.owner_backbone
        state.ever_adopted |= target.ever_adopted
        if target.first_answer_on is not None:
            # Its sender sees the other idea's answer from the day of the merge.
            seen = max(target.first_answer_on, state.merged_on)
            if state.first_answer_on is None or seen < state.first_answer_on:
                state.first_answer_on = seen
    return list(own.values())


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def realised_share(*, initiative, at: dt.date, track: int | None = None) -> float | None:
    found = submissions(initiative=initiative, at=at, track=track)
    return _share(sum(s.status == Status.REALISED for s in found), len(found))


def days_to_answer(*, initiative, at: dt.date, track: int | None = None) -> float | None:
    """Median days from submission to the first public answer, of the ideas answered."""
    days = [(s.first_answer_on - s.submitted_on).days
            for s in submissions(initiative=initiative, at=at, track=track) if s.answered]
    return float(statistics.median(days)) if days else None


def backbone_owned_share(*, initiative, at: dt.date, track: int | None = None
                         ) -> float | None:
    """Of the ideas adopted or realised (merged ones counted once, as the idea they
    went into), the share the secretariat owns."""
    owned = [s for s in submissions(initiative=initiative, at=at, track=track)
             if s.merged_into is None and s.status in OWNED]
    return _share(sum(bool(s.owner_backbone) for s in owned), len(owned))


def awaiting_answer(*, initiative, at: dt.date, days: int, track: int | None = None) -> int:
    """Ideas without any public answer yet, submitted more than `days` days ago."""
    return sum(1 for s in submissions(initiative=initiative, at=at, track=track)
               if not s.answered and (at - s.submitted_on).days > days)


def youth_share(*, initiative, at: dt.date, track: int | None = None) -> float | None:
    found = submissions(initiative=initiative, at=at, track=track)
    return _share(sum(s.is_youth for s in found), len(found))


def youth_realised(*, initiative, at: dt.date, track: int | None = None) -> float | None:
    youth = [s for s in submissions(initiative=initiative, at=at, track=track) if s.is_youth]
    return _share(sum(s.status == Status.REALISED for s in youth), len(youth))


@dataclass(frozen=True)
class FunnelRow:
    """How far the submissions of one source or submitter group came."""

    key: str
    label: str
    submitted: int
    answered: int
    adopted: int
    realised: int
    median_days_to_answer: float | None

    @property
    def conversion(self) -> float | None:
        """Realised / submitted."""
        return _share(self.realised, self.submitted)


def _row(key: str, label: str, found: list[Submission]) -> FunnelRow:
    days = [(s.first_answer_on - s.submitted_on).days for s in found if s.answered]
    return FunnelRow(
        key=key, label=label, submitted=len(found), answered=sum(s.answered for s in found),
        adopted=sum(s.ever_adopted for s in found),
        realised=sum(s.status == Status.REALISED for s in found),
        median_days_to_answer=float(statistics.median(days)) if days else None)


def funnel(*, initiative, at: dt.date, by: str, choices, total_label: str,
           track: int | None = None) -> list[FunnelRow]:
    """The funnel (submitted, answered, adopted, realised) per value of `by` ("source" or
    "group"), values without ideas left out, and the total last."""
    found = submissions(initiative=initiative, at=at, track=track)
    rows = []
    for value, label in choices:
        part = [s for s in found if getattr(s, by) == value]
        if part:
            rows.append(_row(value, str(label), part))
    rows.append(_row("", total_label, found))
    return rows
