"""The common agenda's own signals: how many organisations stand behind the vision, and
how many items of the action plans are overdue.

The agenda's other signal, activities on no track, counts activities, so it is computed
by the activities app (`activities/signals.py`), which builds on the agenda; the agenda
never imports the activities app."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.signals import Condition, SignalLink, Unit, register_signal

from . import selectors


@register_signal(
    "agenda.vision_endorsements", label=_("Organisations behind the vision"),
    condition=Condition.AGENDA, unit=Unit.COUNT, warn_above=False, settable=True,
    link=SignalLink("agenda:overview", "agenda.view"),
    explanation=_("Organisations that have formally endorsed the shared vision. A vision only "
                  "a few partners have endorsed is not yet a common agenda."),
)
def vision_endorsements(initiative, at, **filters):
    return selectors.endorsements_at(initiative=initiative, at=at)


@register_signal(
    "agenda.overdue_actions", label=_("Overdue actions"),
    condition=Condition.AGENDA, unit=Unit.COUNT, threshold=0, warn_above=True,
    link=SignalLink("agenda:action_list", "agenda.view",
                    lambda initiative: {"status": "overdue"}),
    explanation=_("Items of the tracks' action plans that were due before the date and were "
                  "not done by then. An action plan only works when someone follows up: ask "
                  "the responsible organisation, or move the date with a reason."),
)
def overdue_actions(initiative, at, **filters):
    return selectors.overdue_actions_at(initiative=initiative, at=at)
