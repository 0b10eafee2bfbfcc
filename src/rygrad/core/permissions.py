"""The permission chain, in one place: object, then initiative, then installation.

Every page, export, API endpoint and CLI command asks `actor.can(rule, obj)`; there is no
second copy of these decisions anywhere. A rule is a plain function registered by name:

    @rule("alliance.edit")
    def _(actor, obj=None):
        return actor.role >= Role.SECRETARIAT

The chain:
1. *installation*: an inactive account may do nothing; an operator (installation
   administrator) is treated as the secretariat of every initiative;
2. *initiative*: the actor's role in this initiative (a stranger from another initiative is
   simply PUBLIC here);
3. *object*: the rule function sees the object and may deny (a partner may only see the
   activities they take part in). A denial anywhere wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth.models import AnonymousUser

from rygrad.initiatives.models import Initiative, Role
from rygrad.initiatives.selectors import role_of

RuleFunction = Callable[["Actor", object], bool]
_RULES: dict[str, RuleFunction] = {}
_ORGANISATION_PROVIDERS: list[Callable[[Actor], set[int]]] = []


def rule(name: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register a permission rule under `name` (``"<app>.<verb>"``)."""

    def register(function: RuleFunction) -> RuleFunction:
        if name in _RULES and _RULES[name] is not function:
            raise ValueError(f"Permission rule {name!r} is registered twice.")
        _RULES[name] = function
        return function

    return register


def min_role_rule(name: str, role: Role) -> RuleFunction:
    """Register the common rule "at least this role in the initiative"."""

    def check(actor: Actor, obj=None) -> bool:
        return actor.role >= role

    check.__doc__ = f"At least {role.label}."
    return rule(name)(check)


def organisation_provider(function: Callable[[Actor], set[int]]):
    """Register how to find the organisations an actor represents (the alliance app does)."""
    _ORGANISATION_PROVIDERS.append(function)
    return function


def registered_rules() -> dict[str, RuleFunction]:
    return dict(_RULES)


@dataclass
class Actor:
    """Who is asking, inside which initiative."""

    user: object
    initiative: Initiative | None
    _role: Role | None = field(default=None, repr=False)

    @classmethod
    def anonymous(cls, initiative: Initiative | None) -> Actor:
        return cls(user=AnonymousUser(), initiative=initiative, _role=Role.PUBLIC)

    @cached_property
    def role(self) -> Role:
        if self._role is not None:
            return self._role
        if not getattr(self.user, "is_active", False):
            return Role.PUBLIC
        if getattr(self.user, "is_operator", False):
            return Role.SECRETARIAT
        if self.initiative is None:
            return Role.PUBLIC
        return role_of(user=self.user, initiative=self.initiative)

    @property
    def is_operator(self) -> bool:
        return bool(getattr(self.user, "is_operator", False))

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    @cached_property
    def organisation_ids(self) -> frozenset[int]:
        """Organisations this actor represents in the initiative (via the alliance registry)."""
        ids: set[int] = set()
        if self.is_authenticated and self.initiative is not None:
            for provider in _ORGANISATION_PROVIDERS:
                ids |= provider(self)
        return frozenset(ids)

    def can(self, name: str, obj=None) -> bool:
        try:
            check = _RULES[name]
        except KeyError:
            raise KeyError(f"No permission rule named {name!r}; register it with @rule.") from None
        private = self.initiative is not None and not self.initiative.is_public
        if private and self.role == Role.PUBLIC:
            return False
        return bool(check(self, obj))


min_role_rule("initiative.view", Role.PUBLIC)
min_role_rule("initiative.view_internal", Role.PARTNER)
min_role_rule("initiative.manage", Role.SECRETARIAT)
