"""The ideas signals: whether ideas get answered, taken up and realised — especially the
ideas of children and young people — and whether they all land on the secretariat.
Registered for the dashboard, the CLI and the learning report; each accepts `track=<id>`
as a filter. The funnel per source and submitter group is on the ideas' signals page."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.signals import Condition, Signal, SignalLink, Unit, all_signals, register_signal

from . import measures
from .models import Status
from .services import ideas_settings

FUNNEL = SignalLink("ideas:signals", "ideas.view_signals")


def _list(**query) -> SignalLink:
    """The ideas list, filtered."""
    return SignalLink("ideas:list", "ideas.view_list", lambda initiative: query)


def _track(filters) -> int | None:
    track = filters.get("track")
    return int(track) if track else None


@register_signal(
    "ideas.realised_share", label=_("Ideas realised"), condition=Condition.INVOLVEMENT,
    unit=Unit.SHARE, threshold=0.1, warn_above=False, link=FUNNEL,
    explanation=_("Share of the ideas sent in that have been realised by an activity. The "
                  "funnel on the ideas' signals page shows where ideas stop, by source and "
                  "by who sent them."),
)
def realised_share(initiative, at, **filters):
    return measures.realised_share(initiative=initiative, at=at, track=_track(filters))


@register_signal(
    "ideas.days_to_answer", label=_("Days to a public answer"),
    condition=Condition.INVOLVEMENT, unit=Unit.DAYS, threshold=30, warn_above=True,
    link=FUNNEL,
    explanation=_("Median days from an idea coming in to its first public answer. People "
                  "who are never answered stop sending ideas: answer, even with “not now”."),
)
def days_to_answer(initiative, at, **filters):
    return measures.days_to_answer(initiative=initiative, at=at, track=_track(filters))


@register_signal(
    "ideas.backbone_owned_share", label=_("Adopted ideas the secretariat owns"),
    condition=Condition.BACKBONE, unit=Unit.SHARE, threshold=0.5, warn_above=True,
    link=_list(backbone="on", status=Status.ADOPTED),
    explanation=_("Of the adopted and realised ideas, the share whose owner is the "
                  "secretariat. When most ideas land on the secretariat, it drives instead "
                  "of coordinating: ask the alliance who will own each idea."),
)
def backbone_owned_share(initiative, at, **filters):
    return measures.backbone_owned_share(initiative=initiative, at=at, track=_track(filters))


@register_signal(
    "ideas.awaiting_answer", label=_("Ideas waiting too long for an answer"),
    condition=Condition.INVOLVEMENT, unit=Unit.COUNT, threshold=0, warn_above=True,
    link=_list(waiting="on"),
    explanation=_("Ideas without a public answer after more days than the initiative "
                  "promises (30 unless the secretariat sets it on the ideas' settings "
                  "page). Answer them, or publish a release of answers."),
)
def awaiting_answer(initiative, at, **filters):
    days = ideas_settings(initiative).answer_within_days
    return measures.awaiting_answer(initiative=initiative, at=at, days=days,
                                    track=_track(filters))


@register_signal(
    "ideas.youth_share", label=_("Ideas from children and young people"),
    condition=Condition.INVOLVEMENT, unit=Unit.SHARE, threshold=0.25, warn_above=False,
    link=FUNNEL,
    explanation=_("Share of the ideas sent by children and young people. When it is low, "
                  "go where they are: the Youth bus, youth meetings, a hackathon."),
)
def youth_share(initiative, at, **filters):
    return measures.youth_share(initiative=initiative, at=at, track=_track(filters))


@register_signal(
    "ideas.youth_realised", label=_("Youth ideas realised"), condition=Condition.INVOLVEMENT,
    unit=Unit.SHARE, threshold=0.1, warn_above=False,
    link=_list(group="youth", status=Status.REALISED),
    explanation=_("Of the ideas from children and young people, the share realised. Young "
                  "people who see their ideas become real keep taking part."),
)
def youth_realised(initiative, at, **filters):
    return measures.youth_realised(initiative=initiative, at=at, track=_track(filters))


def page_signals() -> list[Signal]:
    """The signals registered in this module, in order (the ideas' signals page)."""
    return [signal for signal in all_signals() if signal.compute.__module__ == __name__]
