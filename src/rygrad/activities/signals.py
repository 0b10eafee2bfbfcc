"""The activities signals: how much the backbone drives, how far partners carry the
activities, and how many trials become lasting. Registered for the dashboard, the CLI and
the learning report; each accepts `track=<id>` as a filter.

The common agenda's "activities on no track" is registered here too: it counts activities,
and activities build on the agenda (never the other way round). It keeps its key
`agenda.activities_without_track`, under which initiatives have stored its threshold and
scripts read it from `rygrad signals`.
"""

from django.utils.translation import gettext_lazy as _

from rygrad.core.signals import (
    Condition,
    Drilldown,
    DrilldownRow,
    Signal,
    SignalLink,
    Unit,
    all_signals,
    register_signal,
)

from . import measures
from .forms import NO_TRACK
from .models import Stage


def _list(**query) -> SignalLink:
    """The activity overview, filtered."""
    return SignalLink("activities:list", "activities.view_list", lambda initiative: query)


SIGNALS_PAGE = SignalLink("activities:signals", "activities.view_signals")


def _backbone_driven(actor, limit):
    """The running activities the secretariat drives today, each with the way to hand it
    over to a partner (the driver change) for those who may."""
    from django.urls import reverse
    from django.utils.formats import date_format

    from .selectors import ActivityFilter, activity_list

    activities = actor.visible(activity_list(
        initiative=actor.initiative, filters=ActivityFilter(backbone=True, stage=Stage.RUNNING)))
    slug = actor.initiative.slug
    rows = [DrilldownRow(
        label=activity.title,
        detail=_("started %(date)s") % {"date": date_format(activity.starts_on, "DATE_FORMAT")},
        url=reverse("activities:detail", kwargs={"slug": slug, "pk": activity.pk}),
        action=str(_("Hand over to a partner")) if actor.can("activities.edit", activity) else "",
        action_url=(reverse("activities:driver_change", kwargs={"slug": slug, "pk": activity.pk})
                    if actor.can("activities.edit", activity) else ""))
        for activity in activities[:limit]]
    return rows, activities.count()


def _track(filters) -> int | None:
    track = filters.get("track")
    return int(track) if track else None


@register_signal(
    "activities.backbone_load", label=_("Backbone load"), condition=Condition.BACKBONE,
    unit=Unit.SHARE, threshold=0.5, warn_above=True,
    link=_list(backbone="on", stage=Stage.RUNNING),
    drilldown=Drilldown(_("Running activities the secretariat drives"), _backbone_driven),
    explanation=_("Share of the running activities that the secretariat drives itself. When "
                  "it is high, the secretariat is doing the work instead of coordinating it: "
                  "find a partner who can take over."),
)
def backbone_load(initiative, at, **filters):
    return measures.backbone_load(initiative=initiative, at=at, track=_track(filters))


@register_signal(
    "activities.cross_sector_share", label=_("Cross-sector activities"),
    condition=Condition.ACTIVITIES, unit=Unit.SHARE, threshold=0.5, warn_above=False,
    link=SIGNALS_PAGE,
    explanation=_("Share of the running activities with resources committed by at least two "
                  "sectors besides the secretariat. Mutually reinforcing activities need more "
                  "than one sector at the table."),
)
def cross_sector_share(initiative, at, **filters):
    return measures.cross_sector_share(initiative=initiative, at=at, track=_track(filters))


@register_signal(
    "activities.anchored", label=_("Anchored activities"), condition=Condition.ACTIVITIES,
    unit=Unit.COUNT, threshold=1, warn_above=False,
    link=_list(stage=Stage.ANCHORED),
    explanation=_("Activities taken into an organisation's ordinary operation or budget. Only "
                  "anchored activities last when the initiative ends."),
)
def anchored(initiative, at, **filters):
    return measures.anchored(initiative=initiative, at=at, track=_track(filters))


@register_signal(
    "activities.trials_stopped_share", label=_("Trials that stopped"),
    condition=Condition.ACTIVITIES, unit=Unit.SHARE, threshold=0.75, warn_above=True,
    link=_list(stage=Stage.STOPPED),
    explanation=_("Of the activities that were tried and have ended, the share that stopped "
                  "without being anchored. Trying and failing is allowed, but when almost "
                  "every trial stops, plan the anchoring from the start."),
)
def trials_stopped_share(initiative, at, **filters):
    return measures.trials_stopped_share(initiative=initiative, at=at, track=_track(filters))


@register_signal(
    "activities.days_to_anchor", label=_("Days from trial to anchoring"),
    condition=Condition.ACTIVITIES, unit=Unit.DAYS, threshold=730, warn_above=True,
    link=SIGNALS_PAGE,
    explanation=_("Median days from an activity's first trial to its anchoring. A long road "
                  "means partners need the decision-makers involved earlier."),
)
def days_to_anchor(initiative, at, **filters):
    return measures.days_to_anchor(initiative=initiative, at=at, track=_track(filters))


@register_signal(
    "activities.partner_commitment_share", label=_("Partners' share of commitments"),
    condition=Condition.ACTIVITIES, unit=Unit.SHARE, threshold=0.5, warn_above=False,
    link=SIGNALS_PAGE,
    explanation=_("Of the commitments of resources in force, the share made by partners "
                  "rather than the secretariat. Few partner commitments mean few owners."),
)
def partner_commitment_share(initiative, at, **filters):
    return measures.partner_commitment_share(initiative=initiative, at=at,
                                             track=_track(filters))


@register_signal(
    "agenda.activities_without_track", label=_("Activities on no track"),
    condition=Condition.AGENDA, unit=Unit.COUNT, threshold=0, warn_above=True,
    link=_list(track=NO_TRACK),
    explanation=_("Proposed, trial and running activities that belong to no strategic track. "
                  "Place each on a track, or ask whether the tracks still describe the work."),
)
def activities_without_track(initiative, at, **filters):
    # The filter by track is ignored: an activity on a track is never on no track.
    return measures.without_track(initiative=initiative, at=at)


def page_signals() -> list[Signal]:
    """The signals registered in this module, in order: the activities signals page shows
    each of them over time."""
    return [signal for signal in all_signals() if signal.compute.__module__ == __name__]
