"""Reads on ideas: the filtered lists (inside and public), one idea's story and trail, and
the counts beside a list."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import (
    YOUTH_GROUPS,
    AnswerRelease,
    Idea,
    Moderation,
    Source,
    Status,
    StatusChange,
    SubmitterGroup,
    Support,
)

YOUTH = "youth"  # the submitter-group filter for children and young people together


@dataclass(frozen=True)
class IdeaFilter:
    source: str = ""
    status: str = ""
    track: int | None = None
    group: str = ""
    theme: int | None = None
    event: int | None = None
    owner: int | None = None
    backbone: bool = False
    waiting: bool = False
    moderation: str = ""
    q: str = ""


def _published_changes():
    return StatusChange.objects.filter(changed_on__isnull=False).order_by("changed_on", "pk")


def _with_lists(ideas: QuerySet) -> QuerySet:
    """The list's rows, newest first, with what each row shows. The supports are counted
    in a subquery per row and the filters on merged ideas and tracks are subqueries too,
    so the list needs no DISTINCT or GROUP BY over every idea: the database reads a page
    of 50 from the index on the numbers (at 10,000 ideas, a join counting every idea's
    supports took 60 ms a page)."""
    supports = (Support.objects.filter(idea=OuterRef("pk")).order_by().values("idea")
                .annotate(n=Count("pk")).values("n"))
    return (ideas.select_related("owner", "activity", "theme", "merged_into", "event")
            .prefetch_related("tracks",
                              Prefetch("merged_from", queryset=Idea.objects.order_by("number")))
            .annotate(support_count=Coalesce(Subquery(supports), 0)).order_by("-number"))


def _itself_or_merged(**match) -> Q:
    """The idea has `match` itself, or an idea merged into it has."""
    return Q(**match) | Q(Exists(Idea.objects.filter(merged_into=OuterRef("pk"), **match)))


def idea_list(*, initiative, filters: IdeaFilter = IdeaFilter(), answer_within_days: int = 30,
              today: dt.date | None = None) -> QuerySet:
    """The ideas of the initiative (merged ones shown inside the idea they went into),
    narrowed by the filters. A source or submitter group matches an idea when it, or an
    idea merged into it, has it. `waiting`: no public answer after `answer_within_days`."""
    ideas = Idea.objects.for_initiative(initiative).filter(merged_into__isnull=True)
    if filters.source:
        ideas = ideas.filter(_itself_or_merged(source=filters.source))
    if filters.group == YOUTH:
        ideas = ideas.filter(_itself_or_merged(submitter_group__in=YOUTH_GROUPS))
    elif filters.group:
        ideas = ideas.filter(_itself_or_merged(submitter_group=filters.group))
    if filters.status:
        ideas = ideas.filter(status=filters.status)
    if filters.track is not None:
        ideas = ideas.filter(Exists(Idea.tracks.through.objects.filter(
            idea=OuterRef("pk"), track_id=filters.track)))
    if filters.theme is not None:
        ideas = ideas.filter(theme_id=filters.theme)
    if filters.event is not None:
        ideas = ideas.filter(event_id=filters.event)
    if filters.owner is not None:
        ideas = ideas.filter(owner_id=filters.owner)
    if filters.backbone:
        ideas = ideas.filter(owner__is_backbone=True)
    if filters.moderation:
        ideas = ideas.filter(moderation=filters.moderation)
    if filters.waiting:
        today = today or timezone.localdate()
        answered = StatusChange.objects.filter(
            idea=OuterRef("pk"), changed_on__isnull=False).exclude(
            status=Status.NEW).exclude(answer="")
        ideas = ideas.exclude(moderation=Moderation.REJECTED).filter(
            submitted_on__lt=today - dt.timedelta(days=answer_within_days)).exclude(
            Exists(answered))
    if filters.q:
        ideas = ideas.filter(Q(title__icontains=filters.q) | Q(description__icontains=filters.q))
    return _with_lists(ideas)


def published_ideas(*, initiative, filters: IdeaFilter = IdeaFilter()) -> QuerySet:
    """What "you said — we did" lists: every approved idea (merged ones inside the idea
    they went into), newest first."""
    return idea_list(initiative=initiative,
                     filters=IdeaFilter(**{**filters.__dict__, "moderation": Moderation.APPROVED,
                                           "waiting": False, "backbone": False}))


def moderation_queue(*, initiative) -> QuerySet:
    return (Idea.objects.for_initiative(initiative).filter(moderation=Moderation.PENDING)
            .prefetch_related("tracks").order_by("number"))


def public_counts(ideas: QuerySet) -> dict[str, list[tuple[str, int]]]:
    """How many of the listed ideas have each status (zeros too), and each source and
    submitter group that occurs, counted in three queries."""
    pks = ideas.values("pk")
    base = Idea.objects.filter(pk__in=pks)

    def counted(field, choices, *, zeros=False):
        found = Counter(dict(base.values_list(field).annotate(n=Count("pk"))
                             .values_list(field, "n")))
        return [(str(label), found.get(value, 0)) for value, label in choices
                if zeros or found.get(value)]

    return {"status": counted("status", Status.choices, zeros=True),
            "source": counted("source", Source.choices),
            "group": counted("submitter_group", SubmitterGroup.choices)}


def idea_story(*, idea: Idea, published_only: bool) -> dict:
    """One idea's trail: its status changes (the published ones, or drafts too), the
    ideas merged into it, and the activity carrying it out with its stage today."""
    changes = idea.changes.select_related("owner", "release", "decision__meeting").order_by(
        "changed_on", "pk")
    if published_only:
        changes = changes.filter(changed_on__isnull=False)
    changes = list(changes)
    published = [c for c in changes if not c.is_draft]
    drafts = [c for c in changes if c.is_draft]
    merged = list(idea.merged_from.order_by("number"))
    groups = sorted({idea.get_submitter_group_display(),
                     *(i.get_submitter_group_display() for i in merged)}, key=str)
    sources = sorted({idea.get_source_display(), *(i.get_source_display() for i in merged)},
                     key=str)
    return {"changes": published, "drafts": drafts, "merged": merged,
            "groups": groups, "sources": sources,
            "supports": idea.supports.count(), "activity": idea.activity}


def open_releases(*, initiative) -> QuerySet:
    return (AnswerRelease.objects.for_initiative(initiative).filter(published_on__isnull=True)
            .annotate(drafts=Count("changes")))
