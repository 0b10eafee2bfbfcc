"""The ideas lists as tables — the same rows on the page and in the CSV and Excel files
(core.exports makes text such as ``=HYPERLINK(...)`` safe there)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from rygrad.core.exports import Table

from .models import StatusChange


def with_trail(ideas):
    """`ideas` with their published changes (`published`, oldest first), so each row's
    last answer and trail need no query of their own."""
    return ideas.prefetch_related(Prefetch(
        "changes", to_attr="published",
        queryset=StatusChange.objects.filter(changed_on__isnull=False)
        .select_related("owner", "decision__meeting").order_by("changed_on", "pk")))


def last_answer(idea) -> StatusChange | None:
    answered = [c for c in getattr(idea, "published", []) if c.answer]
    return answered[-1] if answered else None


def last_decision(idea) -> StatusChange | None:
    decided = [c for c in getattr(idea, "published", []) if c.decision_id]
    return decided[-1] if decided else None


def with_last_answers(ideas) -> list:
    """The ideas (of a page), each with its `last_answer` and `last_decision` (the latest
    change a meeting decided)."""
    ideas = list(ideas)
    for idea in ideas:
        idea.last_answer = last_answer(idea)
        idea.last_decision = last_decision(idea)
    return ideas


def _groups(idea) -> str:
    labels = [idea.get_submitter_group_display(),
              *(i.get_submitter_group_display() for i in idea.merged_from.all())]
    return ", ".join(dict.fromkeys(str(label) for label in labels))


def _sources(idea) -> str:
    labels = [idea.get_source_display(), *(i.get_source_display() for i in idea.merged_from.all())]
    return ", ".join(dict.fromkeys(str(label) for label in labels))


def public_table(ideas, *, url_of) -> Table:
    """What "you said — we did" shows, for everyone: no nickname, no age."""
    columns = [_("Number"), _("Idea"), _("Status"), _("Owner"), _("Public answer"),
               _("Answered on"), _("Source"), _("Submitted by"), _("Submitted on"),
               _("Tracks"), _("Meeting decision"), _("Decided at"), _("Decided on"),
               _("Activity"), _("Stage today"), _("Supports"), _("Address")]
    rows = []
    for idea in ideas:
        answer, decided = last_answer(idea), last_decision(idea)
        decision = decided.decision if decided else None
        rows.append([
            idea.number, idea.title, idea.get_status_display(),
            idea.owner.name if idea.owner else None, answer.answer if answer else None,
            answer.changed_on if answer else None, _sources(idea), _groups(idea),
            idea.submitted_on, ", ".join(t.name for t in idea.tracks.all()),
            decision.text if decision else None,
            decision.meeting.title if decision else None,
            decision.meeting.held_on if decision else None,
            idea.activity.title if idea.activity else None,
            idea.activity.get_stage_display() if idea.activity else None,
            idea.support_count, url_of(idea)])
    return Table(title=_("You said – we did"), columns=columns, rows=rows)


def internal_table(ideas, *, manage: bool) -> Table:
    """The internal list; the secretariat's has the moderation and the nickname too."""
    columns = [_("Number"), _("Idea"), _("Description"), _("Status"), _("Owner"),
               _("Owned by the secretariat"), _("Public answer"), _("Source"),
               _("Submitted by"), _("Submitted on"), _("Tracks"), _("Theme"),
               _("Activity"), _("Supports")]
    if manage:
        columns += [_("Moderation"), _("First name or nickname"), _("Age band")]
    rows = []
    for idea in ideas:
        answer = last_answer(idea)
        row = [idea.number, idea.title, idea.description, idea.get_status_display(),
               idea.owner.name if idea.owner else None,
               bool(idea.owner and idea.owner.is_backbone),
               answer.answer if answer else None, _sources(idea), _groups(idea),
               idea.submitted_on, ", ".join(t.name for t in idea.tracks.all()),
               idea.theme.name if idea.theme else None,
               idea.activity.title if idea.activity else None, idea.support_count]
        if manage:
            row += [idea.get_moderation_display(), idea.nickname or None,
                    idea.get_age_band_display() or None]
        rows.append(row)
    return Table(title=_("Ideas"), columns=columns, rows=rows)
