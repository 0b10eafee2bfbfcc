"""The meetings signals: whether young people are at the alliance's table and prepared to
have a say there, and whether what the meetings decide is followed up. Registered for the
dashboard, the CLI and the learning report; the track filter other signals take does not
apply to meetings and is ignored."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.signals import (
    Condition,
    Drilldown,
    DrilldownRow,
    SignalLink,
    Unit,
    register_signal,
)

from . import measures
from .models import Kind

ALLIANCE_MEETINGS = SignalLink("meetings:list", "meetings.view_internal",
                               lambda initiative: {"kind": Kind.ALLIANCE})
OVERDUE = SignalLink("meetings:actions", "meetings.view_actions",
                     lambda initiative: {"status": "overdue"})


def _overdue_rows(actor, limit):
    """The action items overdue today, each with its owner and the way to tick it off for
    those who may."""
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.formats import date_format

    from .selectors import overdue_actions

    if not actor.can("meetings.view_actions"):
        return [], 0
    actions = overdue_actions(initiative=actor.initiative, today=timezone.localdate())
    slug = actor.initiative.slug
    rows = []
    for action in actions[:limit]:
        may = actor.can("meetings.complete_action", action)
        rows.append(DrilldownRow(
            label=action.title,
            url=reverse("meetings:detail", kwargs={"slug": slug, "pk": action.meeting_id}),
            detail=_("%(owner)s, due %(date)s") % {
                "owner": action.owner, "date": date_format(action.due_on, "DATE_FORMAT")},
            action=str(_("Mark as done")) if may else "",
            action_url=reverse("meetings:action_done", kwargs={"slug": slug, "pk": action.pk})
            if may else ""))
    return rows, actions.count()


@register_signal(
    "meetings.youth_attendance_share", label=_("Young people at alliance meetings"),
    condition=Condition.INVOLVEMENT, unit=Unit.SHARE, threshold=0.15, warn_above=False,
    link=ALLIANCE_MEETINGS,
    explanation=_("Of everybody who came to the alliance meetings in the last 12 months, the "
                  "share who were children or young people. Young people at the table is "
                  "where user involvement starts: invite the youth members to every meeting, "
                  "and hold meetings at times and places they can come to."),
)
def youth_attendance_share(initiative, at, **filters):
    return measures.youth_attendance_share(initiative=initiative, at=at)


@register_signal(
    "meetings.youth_briefed_share", label=_("Alliance agenda items with a youth briefing"),
    condition=Condition.INVOLVEMENT, unit=Unit.SHARE, threshold=0.5, warn_above=False,
    link=ALLIANCE_MEETINGS,
    explanation=_("Of the agenda items of the alliance meetings in the last 12 months, the "
                  "share that carried a short briefing in plain language for the young "
                  "members. Young members struggle in abstract talks unless they are "
                  "prepared: write a few sentences per item on what it is about and what "
                  "will be decided."),
)
def youth_briefed_share(initiative, at, **filters):
    return measures.youth_briefed_share(initiative=initiative, at=at)


@register_signal(
    "meetings.overdue_actions", label=_("Overdue action items from meetings"),
    condition=Condition.BACKBONE, unit=Unit.COUNT, threshold=0, warn_above=True,
    link=OVERDUE,
    drilldown=Drilldown(_("Action items overdue today"), _overdue_rows),
    explanation=_("Action items from the meetings that were due before the date and were not "
                  "done by then. Following up on what the alliance decided is the backbone's "
                  "job: ask the owner, or agree a new date at the next meeting."),
)
def overdue_actions(initiative, at, **filters):
    return measures.overdue_actions_at(initiative=initiative, at=at)
