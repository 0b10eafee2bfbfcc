"""Who may see and change the common agenda: partners and up read it (a shared agenda is
only shared when the partners can read it); the secretariat writes it. The people of an
organisation responsible for an action item may check it off."""

from rygrad.core.permissions import min_role_rule, rule
from rygrad.initiatives.models import Role

min_role_rule("agenda.view", Role.PARTNER)
min_role_rule("agenda.edit", Role.SECRETARIAT)


@rule("agenda.check_action")
def can_check_action(actor, obj=None) -> bool:
    if actor.role >= Role.SECRETARIAT:
        return True
    if actor.role < Role.PARTNER:
        return False
    return obj is None or (obj.organisation_id is not None
                           and obj.organisation_id in actor.organisation_ids)
