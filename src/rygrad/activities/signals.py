"""The activities signals: how much the backbone drives, how far partners carry the
activities, and how many trials become lasting. Registered for the dashboard, the CLI and
the learning report; each accepts `track=<id>` as a filter."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.signals import Condition, Unit, register_signal

from . import measures


def _track(filters) -> int | None:
    track = filters.get("track")
    return int(track) if track else None


@register_signal(
    "activities.backbone_load", label=_("Backbone load"), condition=Condition.BACKBONE,
    unit=Unit.SHARE, threshold=0.5, warn_above=True,
    explanation=_("Share of the running activities that the secretariat drives itself. When "
                  "it is high, the secretariat is doing the work instead of coordinating it: "
                  "find a partner who can take over."),
)
def backbone_load(initiative, at, **filters):
    return measures.backbone_load(initiative=initiative, at=at, track=_track(filters))


@register_signal(
    "activities.cross_sector_share", label=_("Cross-sector activities"),
    condition=Condition.ACTIVITIES, unit=Unit.SHARE, threshold=0.5, warn_above=False,
    explanation=_("Share of the running activities with resources committed by at least two "
                  "sectors besides the secretariat. Mutually reinforcing activities need more "
                  "than one sector at the table."),
)
def cross_sector_share(initiative, at, **filters):
    return measures.cross_sector_share(initiative=initiative, at=at, track=_track(filters))


@register_signal(
    "activities.anchored", label=_("Anchored activities"), condition=Condition.ACTIVITIES,
    unit=Unit.COUNT, threshold=1, warn_above=False,
    explanation=_("Activities taken into an organisation's ordinary operation or budget. Only "
                  "anchored activities last when the initiative ends."),
)
def anchored(initiative, at, **filters):
    return measures.anchored(initiative=initiative, at=at, track=_track(filters))


@register_signal(
    "activities.trials_stopped_share", label=_("Trials that stopped"),
    condition=Condition.ACTIVITIES, unit=Unit.SHARE, threshold=0.75, warn_above=True,
    explanation=_("Of the activities that were tried and have ended, the share that stopped "
                  "without being anchored. Trying and failing is allowed, but when almost "
                  "every trial stops, plan the anchoring from the start."),
)
def trials_stopped_share(initiative, at, **filters):
    return measures.trials_stopped_share(initiative=initiative, at=at, track=_track(filters))


@register_signal(
    "activities.days_to_anchor", label=_("Days from trial to anchoring"),
    condition=Condition.ACTIVITIES, unit=Unit.DAYS, threshold=730, warn_above=True,
    explanation=_("Median days from an activity's first trial to its anchoring. A long road "
                  "means partners need the decision-makers involved earlier."),
)
def days_to_anchor(initiative, at, **filters):
    return measures.days_to_anchor(initiative=initiative, at=at, track=_track(filters))


@register_signal(
    "activities.partner_commitment_share", label=_("Partners' share of commitments"),
    condition=Condition.ACTIVITIES, unit=Unit.SHARE, threshold=0.5, warn_above=False,
    explanation=_("Of the commitments of resources in force, the share made by partners "
                  "rather than the secretariat. Few partner commitments mean few owners."),
)
def partner_commitment_share(initiative, at, **filters):
    return measures.partner_commitment_share(initiative=initiative, at=at,
                                             track=_track(filters))
