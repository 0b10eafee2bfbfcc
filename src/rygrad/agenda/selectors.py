"""Reads on the common agenda."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q

from .models import ActionItem, Endorsement, KnowledgeDocument, KnowledgeVersion, Track, Vision


def vision_of(*, initiative) -> Vision | None:
    return Vision.objects.for_initiative(initiative).first()


def endorsements_at(*, initiative, at: dt.date) -> int:
    """How many organisations had endorsed the vision on `at`."""
    return Endorsement.objects.for_initiative(initiative).filter(endorsed_on__lte=at).count()


def endorsements_of(*, initiative):
    return Endorsement.objects.for_initiative(initiative).select_related("organisation")


def tracks_with_counts(*, initiative, actor, today: dt.date):
    """Tracks with the number of activities on them that `actor` may see (the activities
    app's scope, through `actor.visible`: a partner counts only their own) and their open
    and overdue actions."""
    activity_model = Track._meta.get_field("activities").related_model
    visible = actor.visible(activity_model.objects.for_initiative(initiative)).values("pk")
    return Track.objects.for_initiative(initiative).annotate(
        activity_count=Count("activities", filter=Q(activities__in=visible), distinct=True),
        open_actions=Count("action_items", filter=Q(action_items__done_on__isnull=True),
                           distinct=True),
        overdue_actions=Count("action_items", filter=Q(action_items__done_on__isnull=True,
                                                       action_items__due_on__lt=today),
                              distinct=True),
    )


def overdue_actions_at(*, initiative, at: dt.date) -> int:
    """Action items due before `at` and not done by `at` (done later, or still open)."""
    return ActionItem.objects.for_initiative(initiative).filter(
        Q(done_on__isnull=True) | Q(done_on__gt=at), due_on__lt=at).count()


def action_plan(*, track: Track):
    """Open items first (by due date), then done ones."""
    items = list(ActionItem.objects.filter(track=track).select_related("organisation"))
    return sorted(items, key=lambda i: (i.is_done, i.due_on or dt.date.max, i.pk))


def knowledge_documents(*, initiative):
    return KnowledgeDocument.objects.for_initiative(initiative).annotate(
        version_count=Count("versions")).prefetch_related(
        Prefetch("versions", queryset=KnowledgeVersion.objects.order_by("-number")
                 .select_related("created_by")))


def actions_filtered(*, initiative, track: int | None = None, status: str = "",
                     today: dt.date):
    """Every action item of the initiative's tracks, filtered by track and status (open,
    overdue or done), open ones first by due date."""
    items = ActionItem.objects.for_initiative(initiative).select_related("track", "organisation")
    if track:
        items = items.filter(track=track)
    if status == "done":
        items = items.filter(done_on__isnull=False)
    elif status == "open":
        items = items.filter(done_on__isnull=True)
    elif status == "overdue":
        items = items.filter(done_on__isnull=True, due_on__lt=today)
    return sorted(items, key=lambda i: (i.is_done, i.due_on or dt.date.max, i.track.name, i.pk))
