"""Template helpers for the alliance pages."""

from django import template

register = template.Library()


@register.simple_tag
def can(actor, rule: str, obj=None) -> bool:
    """`{% can actor "alliance.edit" organisation as may_edit %}`: ask the permission chain,
    so a page never shows a link its reader may not follow."""
    return bool(actor and actor.can(rule, obj))
