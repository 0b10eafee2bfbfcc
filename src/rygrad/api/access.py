"""Deny by default: each API view names, per action, the permission rule of the page that
does the same, and `RulePermission` asks the permission chain (core.permissions) with it.

A view declares
    rules = {"list": "activities.view_list", "create": "activities.create", ...}
    object_rules = {"retrieve": "activities.view", "partial_update": "activities.edit"}
An action missing from `rules` is refused to everyone. The initiative comes from the URL's
`slug`: one the actor does not see does not exist for them (404), exactly as on the pages;
objects are only ever looked up inside it, so another initiative's are 404 too.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from rest_framework.permissions import BasePermission

from rygrad.core.permissions import Actor
from rygrad.core.tenancy import tenancy


def actor_for(request, slug: str | None) -> Actor:
    """The actor of this request in the initiative named `slug` (404 when the actor does
    not see it), kept on the request for the view and its serializers."""
    actor = getattr(request, "actor", None)
    if actor is not None and (actor.initiative is None and slug is None or
                              actor.initiative is not None and actor.initiative.slug == slug):
        return actor
    initiative = get_object_or_404(tenancy().model, slug=slug) if slug else None
    actor = Actor(user=request.user, initiative=initiative)
    if not actor.sees_initiative:
        raise Http404
    request.actor = actor
    return actor


class RulePermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        rule = getattr(view, "rules", {}).get(getattr(view, "action", None) or
                                              request.method.lower())
        actor = actor_for(request, view.kwargs.get("slug"))
        if rule is None:
            return False
        return rule is True or actor.can(rule)

    def has_object_permission(self, request, view, obj) -> bool:
        rule = getattr(view, "object_rules", {}).get(view.action)
        if rule is None:
            return True  # the view-level rule alone decides (the page asks no object rule)
        return request.actor.can(rule, view.rule_object(obj))
