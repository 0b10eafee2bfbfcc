"""The permission chain, in one place: installation, then initiative, then the rule.

Every page and export asks `actor.can(rule, obj)` (views through `core.views`, templates
through ``{% if can.<app>.<verb> %}``, services through the `by` actor they are given);
there is no second copy of these decisions anywhere. CLI commands do not ask: whoever runs
`rygrad` has the installation's shell and database, so commands act as the operator. A rule
is a plain function registered by name in the app's ``permissions.py``:

    @rule("alliance.edit")
    def _(actor, obj=None):
        return actor.role >= Role.SECRETARIAT

`actor.can` walks the chain in this order and stops at the first denial:
1. *installation* (`Actor.role`): an inactive account counts as the public; an operator
   (installation administrator) is treated as the secretariat of every initiative;
2. *initiative* (`Actor.sees_initiative`): the actor's role in this initiative (a stranger
   from another initiative is simply PUBLIC here); an initiative that is not public does
   not exist for the public, so every rule is denied to them;
3. *rule and object*: the rule function decides from the role, and from the object when
   one is given (a partner may only see the activities they take part in).

Lists, counts and exports ask the same chain for many objects at once: an app registers,
beside its object rule, a *scope* for the model (`@scope("activities.Activity")`) that
narrows a queryset to what the actor may see, and every page of every app that lists or
counts such objects passes its queryset through `actor.visible(queryset)` — so the agenda
lists a track's activities under the activities app's rule without importing it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from .tenancy import Role, Tenant, tenancy

RuleFunction = Callable[["Actor", object], bool]
ScopeFunction = Callable[["Actor", QuerySet], QuerySet]
_RULES: dict[str, RuleFunction] = {}
_SCOPES: dict[str, ScopeFunction] = {}
_ORGANISATION_PROVIDERS: list[Callable[[Actor], set[int]]] = []


def rule(name: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register a permission rule under `name` (``"<app>.<verb>"``)."""

    def register(function: RuleFunction) -> RuleFunction:
        if name in _RULES and _RULES[name] is not function:
            raise ValueError(f"Permission rule {name!r} is registered twice.")
        _RULES[name] = function
        return function

    return register


def scope(model_label: str) -> Callable[[ScopeFunction], ScopeFunction]:
    """Register how to narrow a queryset of `model_label` (``"<app>.<Model>"``) to the
    objects an actor may see — the many-objects form of the model's view rule, which it
    must agree with (the permission matrix's listing cases check both)."""

    def register(function: ScopeFunction) -> ScopeFunction:
        if model_label in _SCOPES and _SCOPES[model_label] is not function:
            raise ValueError(f"A scope for {model_label!r} is registered twice.")
        _SCOPES[model_label] = function
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
    """Who is asking (`user`, possibly anonymous), inside which initiative (None outside
    one, e.g. a respondent answering a survey by link); built once per request by
    `core.views.initiative_view` as ``request.actor``."""

    user: object
    initiative: Tenant | None
    _role: Role | None = field(default=None, repr=False)

    @classmethod
    def anonymous(cls, initiative: Tenant | None) -> Actor:
        return cls(user=AnonymousUser(), initiative=initiative, _role=Role.PUBLIC)

    @cached_property
    def role(self) -> Role:
        """The installation and initiative levels: the role the chain's rules see."""
        if self._role is not None:
            return self._role
        if not getattr(self.user, "is_active", False):
            return Role.PUBLIC
        if getattr(self.user, "is_operator", False):
            return Role.SECRETARIAT
        if self.initiative is None:
            return Role.PUBLIC
        return tenancy().role_of(user=self.user, initiative=self.initiative)

    @property
    def sees_initiative(self) -> bool:
        """Whether the initiative exists for this actor: a private one only for those who
        hold a role in it (and operators); a public one, or none, for everybody."""
        if self.initiative is None or self.initiative.is_public:
            return True
        return self.role > Role.PUBLIC

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
        """Whether this actor may do what the rule `name` covers (on `obj`, when given).

        The whole chain (see the module docstring): the installation and initiative levels
        first — nothing in a private initiative for those who do not see it — then the rule.
        An unknown rule name is an error, never a silent allow or deny.
        """
        try:
            check = _RULES[name]
        except KeyError:
            raise KeyError(f"No permission rule named {name!r}; register it with @rule.") from None
        if not self.sees_initiative:
            return False
        return bool(check(self, obj))

    def visible(self, queryset: QuerySet) -> QuerySet:
        """`queryset` narrowed to the objects this actor may see, by the scope its model's
        app registered (see `scope`); nothing for those who do not see the initiative. A
        model without a registered scope is an error, never a silent allow."""
        label = queryset.model._meta.label
        try:
            narrow = _SCOPES[label]
        except KeyError:
            raise KeyError(f"No scope registered for {label!r}; register one with @scope."
                           ) from None
        if not self.sees_initiative:
            return queryset.none()
        return narrow(self, queryset)
