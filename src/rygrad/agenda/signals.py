"""The common agenda's signal: activities on no track are activities the shared strategy
does not cover — either the strategy misses something, or the activity drifts from it."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.signals import Condition, Unit, register_signal


@register_signal(
    "agenda.activities_without_track", label=_("Activities on no track"),
    condition=Condition.AGENDA, unit=Unit.COUNT, threshold=0, warn_above=True,
    explanation=_("Proposed, trial and running activities that belong to no strategic track. "
                  "Place each on a track, or ask whether the tracks still describe the work."),
)
def activities_without_track(initiative, at, **filters):
    from rygrad.activities import measures  # activities build on the agenda, not vice versa

    return measures.without_track(initiative=initiative, at=at)
