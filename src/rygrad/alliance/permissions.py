"""Who may see and change the alliance registry.

The registry is about people, so it is internal: members and the secretariat see it;
partners, young people and the public do not (young people see nothing about other
people). The secretariat keeps the registry; a member may edit the page of the
organisation they represent. Personal data (a person's export and erasure) and imports are
the secretariat's alone.
"""

from django.db.models import Q
from django.utils import timezone

from rygrad.core.permissions import min_role_rule, organisation_provider, rule
from rygrad.core.signals import warning_recipient_provider
from rygrad.initiatives.models import Role

from .models import Membership, MembershipRole, Organisation, Person

min_role_rule("alliance.view", Role.MEMBER)
min_role_rule("alliance.import", Role.SECRETARIAT)
min_role_rule("alliance.personal_data", Role.SECRETARIAT)
min_role_rule("alliance.delete", Role.SECRETARIAT)


@rule("alliance.edit")
def can_edit(actor, obj=None) -> bool:
    """The secretariat edits everything; a member edits only their own organisation's page
    (name, sector, description...), never people or memberships."""
    if actor.role >= Role.SECRETARIAT:
        return True
    if actor.role < Role.MEMBER or not isinstance(obj, Organisation):
        return False
    return obj.pk in actor.organisation_ids


@organisation_provider
def organisations_represented(actor) -> set[int]:
    """The organisations whose registry person is linked to the actor's login, in one query."""
    return set(
        Person.objects.for_initiative(actor.initiative)
        .filter(user=actor.user, organisation__isnull=False)
        .values_list("organisation_id", flat=True)
    )


@warning_recipient_provider
def alliance_chair(initiative) -> set[int]:
    """The chair of the alliance group today, when their registry person has a login: they
    hear, with the secretariat, when a signal enters or leaves warning (early warning)."""
    today = timezone.localdate()
    return set(Membership.objects.for_initiative(initiative)
               .filter(role=MembershipRole.CHAIR, started_on__lte=today,
                       person__user__isnull=False)
               .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
               .values_list("person__user_id", flat=True))
