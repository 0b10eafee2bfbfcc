"""The common agenda's own signal: how many organisations stand behind the vision.

The agenda's other signal, activities on no track, counts activities, so it is computed
by the activities app (`activities/signals.py`), which builds on the agenda; the agenda
never imports the activities app."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.signals import Condition, Unit, register_signal

from . import selectors


@register_signal(
    "agenda.vision_endorsements", label=_("Organisations behind the vision"),
    condition=Condition.AGENDA, unit=Unit.COUNT, warn_above=False, settable=True,
    explanation=_("Organisations that have formally endorsed the shared vision. A vision only "
                  "a few partners have endorsed is not yet a common agenda."),
)
def vision_endorsements(initiative, at, **filters):
    return selectors.endorsements_at(initiative=initiative, at=at)
