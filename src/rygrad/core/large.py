"""Large data for load and scale tests: `rygrad generate_large --scale N`.

Like the demo (`core/demo.py`), every capability adds its own part: `build_large(initiative,
rng, scale)` in each Rygrad app's `large.py`, called in the order of settings.RYGRAD_APPS
(the alliance's organisations before the activities that they drive), and then each
`finish_large(initiative)`, in the same order. Core names no app: it makes the initiatives,
their two logins and the random generators, and counts what was made by reading every
initiative-scoped table.

The scale runs from 1 to 100. At 100 there are 50 initiatives, each a "full" municipality
(100 organisations, 1,000 activities, 10,000 ideas, 40,000 survey responses): 5,000
organisations, 50,000 activities, 500,000 ideas and 2,000,000 responses in all. A smaller
scale makes proportionally less: `Scale.initiatives` initiatives, each `Scale.share` of a
full one (scale 1: one initiative at half size, for a test in seconds).

The data are seeded (one generator per initiative, seeded with the initiative's number),
so every machine builds the same rows. Apps write with `bulk_create` in batches where the
services would write one row at a time, and through their bulk services where they have one
(the survey's import); nothing is an invented aggregate: survey responses are raw rows, and
whatever the pages show of them is computed from those rows by the real services.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from .accounts import email_mark_verified
from .models import InitiativeScoped
from .tenancy import Role, Tenant, tenancy

MAX_SCALE = 100
INITIATIVES_AT_MAX = 50
SLUG_PREFIX = "large-"
PASSWORD = "rygrad-large"
SEED = 2026

# Fictional municipalities: a first part and an ending, combined.
_FIRST = ["Ege", "Bakke", "Fjord", "Lyng", "Skov", "Mose", "Hede", "Strand", "Dal", "Aske",
          "Birke", "Kilde", "Lunde", "Rønne", "Tjørne"]
_ENDING = ["lund", "by", "rup", "sted", "holm", "bjerg", "havn", "løse", "vig", "sø"]


@dataclass(frozen=True)
class Scale:
    """How much to make: `n` from 1 to MAX_SCALE."""

    n: int

    def __post_init__(self):
        if not 1 <= self.n <= MAX_SCALE:
            raise ValueError(f"The scale runs from 1 to {MAX_SCALE}, not {self.n}.")

    @property
    def initiatives(self) -> int:
        return math.ceil(INITIATIVES_AT_MAX * self.n / MAX_SCALE)

    @property
    def share(self) -> float:
        """The part of a full initiative each initiative gets (0.5 to 1)."""
        return INITIATIVES_AT_MAX * self.n / MAX_SCALE / self.initiatives

    def count(self, full: int) -> int:
        """How many of something a full initiative has `full` of this initiative gets."""
        return max(1, round(full * self.share))


@dataclass(frozen=True)
class LargeLogin:
    email: str
    role: Role


@dataclass
class LargeResult:
    initiatives: list[Tenant]
    logins: dict[str, list[LargeLogin]]  # slug -> its logins
    counts: dict[str, int]  # table (verbose plural) -> rows made
    seconds: float


def large_slugs(scale: Scale) -> list[str]:
    return [f"{SLUG_PREFIX}{number:02d}" for number in range(1, scale.initiatives + 1)]


def municipality(number: int) -> str:
    """The fictional municipality of the `number`th initiative (1-based; the same on every
    machine)."""
    rng = random.Random(SEED)
    names = [first + ending for first in _FIRST for ending in _ENDING]
    rng.shuffle(names)
    return names[(number - 1) % len(names)]


def large_build(*, scale: int, progress: Callable[[str], None] = lambda text: None
                ) -> LargeResult:
    """(Re)build the large initiatives `large-01` … of `scale`; the ones of an earlier run
    are deleted first, each with everything recorded in it."""
    chosen = Scale(scale)
    started = time.perf_counter()
    tenant = tenancy()
    old = tenant.model.objects.filter(slug__startswith=SLUG_PREFIX)
    for initiative in old:
        progress(f"Deleting the earlier {initiative.slug}…")
        tenant.tenant_delete(initiative=initiative)
    modules = [module for module in map(_large_module, settings.RYGRAD_APPS)
               if module is not None]
    password = make_password(PASSWORD)  # hashed once: the hash is deliberately slow
    made, logins = [], {}
    for number, slug in enumerate(large_slugs(chosen), start=1):
        begun = time.perf_counter()
        with transaction.atomic():
            initiative, logins[slug] = _initiative(tenant, number, slug, password)
            rng = random.Random(SEED * 1000 + number)
            for module in modules:
                if hasattr(module, "build_large"):
                    module.build_large(initiative, rng, chosen)
        for module in modules:
            if hasattr(module, "finish_large"):
                module.finish_large(initiative)
        made.append(initiative)
        progress(f"{slug} ({initiative.name}): {time.perf_counter() - begun:.1f} s")
    return LargeResult(initiatives=made, logins=logins, counts=large_counts(made),
                       seconds=time.perf_counter() - started)


def large_counts(initiatives) -> dict[str, int]:
    """Rows of every initiative-scoped table in `initiatives`, by table, largest first."""
    counts = {}
    for model in apps.get_models():
        if issubclass(model, InitiativeScoped) or _has_initiative(model):
            rows = model._default_manager.filter(initiative__in=initiatives).count()
            if rows:
                counts[str(model._meta.verbose_name_plural)] = rows
    return dict(sorted(counts.items(), key=lambda item: -item[1]))


def _has_initiative(model) -> bool:
    try:
        field = model._meta.get_field("initiative")
    except Exception:  # noqa: BLE001 - FieldDoesNotExist
        return False
    return field.is_relation and field.related_model is tenancy().model


def _initiative(tenant, number: int, slug: str, password: str):
    place = municipality(number)
    initiative = tenant.model.objects.create(
        slug=slug, name=f"Fællesskab for alle børn i {place}",
        municipality=f"{place} Kommune", started_on=dt.date(2014 + number % 6, 9, 1),
        problem_summary=(f"For mange børn og unge i {place} Kommune mistrives eller står uden "
                         "for fællesskaberne. Alliancen arbejder for at alle hører til."))
    User = get_user_model()
    logins = []
    for who, role in (("sekretariat", Role.SECRETARIAT), ("medlem", Role.MEMBER)):
        email = f"{who}@{slug}.rygrad.example"
        user, _created = User.objects.get_or_create(email=email)
        user.display_name = f"{who.capitalize()} {place}"
        user.password = password
        user.save()
        email_mark_verified(user=user)
        tenant.role_grant(initiative=initiative, user=user, role=role)
        logins.append(LargeLogin(email=email, role=role))
    return initiative, logins


def _large_module(app: str):
    """The app's `large` module, or None for an app without one."""
    try:
        return importlib.import_module(f"{app}.large")
    except ModuleNotFoundError as error:
        if error.name != f"{app}.large":
            raise
        return None
