"""Who may do what with ideas.

Everybody — without an account too — may send an idea, support one, and read "you said —
we did": every approved idea with its status, owner, answers and trail, never a nickname.
Signed-in people with a role record ideas with the fuller form. Inside, members see every
approved idea; a partner sees the ideas their organisation owns. A member adopts an idea
for their own organisation and moves the ideas it owns; the secretariat does everything:
moderation, answers one by one or in bulk, releases, templates, themes, merges, imports.
"""

from django.db.models import Q

from rygrad.core.permissions import min_role_rule, rule, scope
from rygrad.initiatives.models import Role

from .models import Moderation

min_role_rule("ideas.view_public", Role.PUBLIC)
min_role_rule("ideas.submit", Role.PUBLIC)
min_role_rule("ideas.support", Role.PUBLIC)
min_role_rule("ideas.record", Role.YOUTH)
min_role_rule("ideas.view_list", Role.PARTNER)
min_role_rule("ideas.view_signals", Role.MEMBER)
min_role_rule("ideas.view_themes", Role.MEMBER)
min_role_rule("ideas.manage", Role.SECRETARIAT)


@rule("ideas.public_nav")
def public_nav(actor, obj=None) -> bool:
    """"You said — we did" in the menu of those who do not see the ideas inside."""
    return actor.role < Role.PARTNER


@scope("ideas.Idea")
def visible_ideas(actor, ideas):
    """The many-ideas form of `ideas.view`: everything for the secretariat (ideas waiting
    for moderation too); the approved ideas for members; for a partner the approved ideas
    their organisation owns; nothing for young people and the public (they read the
    public pages)."""
    if actor.role >= Role.SECRETARIAT:
        return ideas
    if actor.role >= Role.MEMBER:
        return ideas.filter(moderation=Moderation.APPROVED)
    if actor.role < Role.PARTNER:
        return ideas.none()
    return ideas.filter(moderation=Moderation.APPROVED, owner_id__in=actor.organisation_ids)


@rule("ideas.view")
def can_view(actor, obj=None) -> bool:
    if actor.role >= Role.SECRETARIAT:
        return True
    if actor.role < Role.PARTNER:
        return False
    if obj is None:
        return True
    if obj.moderation != Moderation.APPROVED:
        return False
    return actor.role >= Role.MEMBER or obj.owner_id in actor.organisation_ids


@rule("ideas.decide")
def can_decide(actor, obj=None) -> bool:
    """Change an idea's status: the secretariat any idea; a member an approved idea that
    nobody owns yet (to adopt it for their organisation) or that their organisation owns."""
    if actor.role >= Role.SECRETARIAT:
        return True
    if actor.role < Role.MEMBER or not actor.organisation_ids:
        return False
    if obj is None:
        return True
    return (obj.moderation == Moderation.APPROVED and obj.merged_into_id is None
            and (obj.owner_id is None or obj.owner_id in actor.organisation_ids))


@rule("ideas.own")
def can_own(actor, obj=None) -> bool:
    """Make `obj` (an Organisation) the owner of an idea: the secretariat any
    organisation, a member only one they represent."""
    if actor.role >= Role.SECRETARIAT:
        return True
    if actor.role < Role.MEMBER:
        return False
    return obj is None or obj.pk in actor.organisation_ids


@rule("ideas.to_activity")
def can_turn_into_activity(actor, obj=None) -> bool:
    """Turn an idea into a new activity: who may propose activities and decide the idea."""
    return actor.can("activities.create") and can_decide(actor, obj)


def owner_choices_filter(actor) -> Q:
    """The organisations `actor` may make owners, as a filter on Organisation."""
    if actor.role >= Role.SECRETARIAT:
        return Q()
    return Q(pk__in=actor.organisation_ids)
