"""Who may see and change activities.

Members see every activity; a partner sees the activities their organisation drives or has
committed resources to. Members propose activities their own organisation drives, the
secretariat activities any organisation drives. The secretariat and the people of the
driving organisation change an activity (and its stage); an organisation's own people
change its commitments.
Young people and the public see nothing here.
"""

from django.db.models import Q

from rygrad.core.permissions import min_role_rule, rule, scope
from rygrad.initiatives.models import Role

from .models import Commitment

# Partners see the overview too, narrowed to the activities they take part in (the scope
# below, which every page listing or counting activities applies through actor.visible).
min_role_rule("activities.view_list", Role.PARTNER)
min_role_rule("activities.create", Role.MEMBER)
min_role_rule("activities.view_signals", Role.MEMBER)
min_role_rule("activities.delete", Role.SECRETARIAT)


def _takes_part(actor, activity) -> bool:
    """The actor's organisation drives the activity or has a commitment in it."""
    orgs = actor.organisation_ids
    if not orgs:
        return False
    if activity.driver_id in orgs:
        return True
    return Commitment.objects.filter(activity=activity, organisation_id__in=orgs).exists()


@rule("activities.propose_driven_by")
def can_propose_driven_by(actor, obj=None) -> bool:
    """Propose an activity that `obj` (an Organisation) drives: the secretariat for any
    organisation, a member only for an organisation they represent. Asked by the form that
    offers the drivers and checked by `services.activity_create`."""
    if actor.role >= Role.SECRETARIAT:
        return True
    if actor.role < Role.MEMBER:
        return False
    return obj is None or obj.pk in actor.organisation_ids


@scope("activities.Activity")
def visible_activities(actor, activities):
    """The many-activities form of `activities.view`: everything for members and up; for a
    partner only the activities their organisation drives or has committed resources to;
    nothing for young people and the public."""
    if actor.role >= Role.MEMBER:
        return activities
    if actor.role < Role.PARTNER:
        return activities.none()
    orgs = actor.organisation_ids
    return activities.filter(
        Q(driver_id__in=orgs) | Q(pk__in=Commitment.objects.filter(
            organisation_id__in=orgs).values("activity_id")))


@rule("activities.view")
def can_view(actor, obj=None) -> bool:
    if actor.role >= Role.MEMBER:
        return True
    if actor.role < Role.PARTNER:
        return False
    return obj is None or _takes_part(actor, obj)


@rule("activities.edit")
def can_edit(actor, obj=None) -> bool:
    """Edit an activity and move its stage or driver: the secretariat, or a member of the
    organisation that drives it."""
    if actor.role >= Role.SECRETARIAT:
        return True
    if actor.role < Role.MEMBER:
        return False
    return obj is None or obj.driver_id in actor.organisation_ids


@rule("activities.contribute")
def can_contribute(actor, obj=None) -> bool:
    """Record reach and learning notes: whoever may edit, and the organisations taking part."""
    if can_edit(actor, obj):
        return True
    if actor.role < Role.PARTNER:
        return False
    return obj is None or _takes_part(actor, obj)


@rule("activities.commit")
def can_commit(actor, obj=None) -> bool:
    """Make or change a commitment (`obj` is the Commitment): the secretariat, or people of
    the committing organisation (partner or member)."""
    if actor.role >= Role.SECRETARIAT:
        return True
    if actor.role < Role.PARTNER:
        return False
    return obj is None or obj.organisation_id in actor.organisation_ids
