"""The common agenda's signal: activities on no track are activities the shared strategy
does not cover — either the strategy misses something, or the activity drifts from it."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.signals import Condition, Unit, register_signal

from . import selectors


@register_signal(
    "agenda.activities_without_track", label=_("Activities on no track"),
    condition=Condition.AGENDA, unit=Unit.COUNT, threshold=0, warn_above=True,
    explanation=_("Proposed, trial and running activities that belong to no strategic track. "
                  "Place each on a track, or ask whether the tracks still describe the work."),
)
def activities_without_track(initiative, at, **filters):
    from rygrad.activities import measures  # activities build on the agenda, not vice versa

    return measures.without_track(initiative=initiative, at=at)


@register_signal(
    "agenda.vision_endorsements", label=_("Organisations behind the vision"),
    condition=Condition.AGENDA, unit=Unit.COUNT, warn_above=False,
    explanation=_("Organisations that have formally endorsed the shared vision. A vision only "
                  "a few partners have endorsed is not yet a common agenda."),
)
def vision_endorsements(initiative, at, **filters):
    return selectors.endorsements_at(initiative=initiative, at=at)
