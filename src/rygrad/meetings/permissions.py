"""Who may see and change meetings.

Who sees a meeting depends on its kind (`models.KIND_AUDIENCE`): alliance meetings,
workshops and hackathons are internal — members and the secretariat; youth meetings also
young people and partners; public events everybody who sees the initiative (on a public
initiative, anonymous visitors too). Inside a meeting, what names people or records the
alliance's internal work — attendance by name, minutes, action items with their owners —
is for members and up; the others see the date, place, description, agenda (with its
youth briefings), decisions and the number who came by group.

Young people see, besides, the youth briefings of the coming alliance meetings (their
preparation for the meetings where they sit as youth members), without the minutes or the
names. The secretariat writes; a member may tick off an action item owned by someone of
their own organisation.
"""

from rygrad.core.permissions import min_role_rule, rule, scope
from rygrad.initiatives.models import Role

from .models import KIND_AUDIENCE

min_role_rule("meetings.view_list", Role.PUBLIC)
min_role_rule("meetings.view_internal", Role.MEMBER)
min_role_rule("meetings.view_actions", Role.MEMBER)
min_role_rule("meetings.view_briefings", Role.YOUTH)
min_role_rule("meetings.calendar_address", Role.YOUTH)
min_role_rule("meetings.manage", Role.SECRETARIAT)


def kinds_for(role: Role) -> list[str]:
    """The kinds of meeting a role may see."""
    return [kind for kind, audience in KIND_AUDIENCE.items() if role >= audience]


@rule("meetings.view")
def can_view(actor, obj=None) -> bool:
    """See a meeting (`obj`): by its kind's audience. Without an object: whether any
    meeting at all is visible to the actor (everybody sees public events)."""
    if obj is None:
        return True
    return actor.role >= KIND_AUDIENCE[obj.kind]


@scope("meetings.Meeting")
def visible_meetings(actor, meetings):
    """The many-meetings form of `meetings.view`: the kinds the actor's role may see."""
    return meetings.filter(kind__in=kinds_for(actor.role))


@rule("meetings.complete_action")
def can_complete_action(actor, obj=None) -> bool:
    """Tick off an action item (`obj`, a MeetingAction): the secretariat, or a member of
    the organisation its owner represents."""
    if actor.role >= Role.SECRETARIAT:
        return True
    if actor.role < Role.MEMBER:
        return False
    if obj is None:
        return True
    return obj.owner.organisation_id is not None and (
        obj.owner.organisation_id in actor.organisation_ids)
