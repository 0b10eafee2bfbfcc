"""Personal data and retention, registered by the app that holds them (after Decidim's
manifests, like the rule, signal and navigation registries).

Each capability knows what it keeps about a person and for how long; the privacy app
collects it without importing the capabilities. An app registers, in its
`personal_data.py` (autodiscovered by `core/apps.py`):

- a *personal data provider* (`register_personal_data`): what it holds about a person or
  a login in one initiative — records as JSON-able dicts and the files they uploaded — and
  how it erases that: anonymised where history must remain (a seat in the alliance group,
  an attendance, an idea: counts and signals stay), deleted where nothing needs it;
- its *retention kinds* (`register_retention_kind`): a kind of data kept for a number of
  months (each initiative may set its own), which records are due, their rows for the
  archive, and how they are removed once the archive is written and verified.

`rygrad.privacy` builds the export zip, the one erasure action and `rygrad retention` on
these two registries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO

from django.db.models import Min, QuerySet

# --- Personal data ----------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """Whose data, in which initiative. `people` are the initiative's registry persons (the
    alliance's `Person`, opaque to core), `user` their login; either may be missing.
    `label` is what the person becomes where history remains ("Former member, Egelund
    Skole"). `whole_account` is true when the login itself is exported or erased (the
    person's own export, an operator's erasure): then data held about the login outside
    any initiative counts too."""

    initiative: object | None
    people: tuple = ()
    user: object | None = None
    label: str = ""
    whole_account: bool = False

    def login_rows(self, model, field: str):
        """The rows of `model` in this initiative whose `field` is the login (e.g.
        "submitted_by"); none when there is no login."""
        if self.user is None:
            return model.objects.none()
        return model.objects.for_initiative(self.initiative).filter(**{field: self.user})

    @property
    def person_ids(self) -> list[int]:
        return [person.pk for person in self.people]

    @property
    def emails(self) -> list[str]:
        found = [getattr(person, "email", "") for person in self.people]
        if self.user is not None:
            found.append(self.user.email)
        return sorted({email.strip() for email in found if email and email.strip()},
                      key=str.lower)


@dataclass(frozen=True)
class HeldFile:
    """A file held about the person (one they uploaded, a report made for them): its name
    as shown to people and how to open it (binary)."""

    name: str
    open: Callable[[], IO[bytes]]


@dataclass
class Held:
    """What one app holds about a subject: lists of records under names, and files."""

    records: dict[str, list[dict]] = field(default_factory=dict)
    files: list[HeldFile] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(self.records.values()) or bool(self.files)


@dataclass(frozen=True)
class PersonalDataProvider:
    """An app's personal data. `export(subject) -> Held`; `erase(subject) -> int`, the
    number of records anonymised or deleted. Both act inside `subject.initiative` only
    (or on the login alone when `account=True`: data outside every initiative)."""

    key: str
    label: str
    export: Callable[[Subject], Held]
    erase: Callable[[Subject], int]
    account: bool = False


_PROVIDERS: dict[str, PersonalDataProvider] = {}


def register_personal_data(key: str, *, label, export, erase, account: bool = False) -> None:
    """Register what app `key` holds about a person (see the module's docstring)."""
    if key in _PROVIDERS:
        raise ValueError(f"Personal data provider {key!r} is registered twice.")
    _PROVIDERS[key] = PersonalDataProvider(key=key, label=label, export=export, erase=erase,
                                           account=account)


def personal_data_providers(*, account: bool = False) -> list[PersonalDataProvider]:
    """The registered providers of initiatives' data (or of logins' data), in the order of
    registration (which follows the apps' order)."""
    return [p for p in _PROVIDERS.values() if p.account == account]


def day(value) -> str | None:
    """A date or time as ISO text for an export (None stays None)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


# --- Retention ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionKind:
    """A kind of data kept for a number of months.

    - `due(*, initiative, cutoff)`: the records whose retention ran out before `cutoff`
      (a date: today less the initiative's months), as one queryset;
    - `since`: the field (or lookup) whose earliest value is shown as the oldest date due;
    - `rows(queryset)`: the records as JSON-able dicts for the archive (a generator, so
      millions of survey answers are never held at once);
    - `remove(queryset) -> int`: delete (or anonymise, `anonymises=True`) them, returning
      how many — in the caller's transaction, after the archive is verified;
    - `files(queryset)`: files that go into the archive with the records (optional).
    """

    key: str
    label: str
    explanation: str
    default_months: int
    due: Callable[..., QuerySet]
    since: str
    rows: Callable[[QuerySet], Iterable[dict]]
    remove: Callable[[QuerySet], int]
    anonymises: bool = False
    files: Callable[[QuerySet], list[HeldFile]] | None = None

    def oldest(self, queryset: QuerySet):
        value = queryset.aggregate(oldest=Min(self.since))["oldest"]
        return value.date() if isinstance(value, dt.datetime) else value


_KINDS: dict[str, RetentionKind] = {}


def register_retention_kind(key: str, **definition) -> None:
    """Register a kind of data with its retention (see `RetentionKind`)."""
    if key in _KINDS:
        raise ValueError(f"Retention kind {key!r} is registered twice.")
    _KINDS[key] = RetentionKind(key=key, **definition)


def retention_kinds() -> list[RetentionKind]:
    return list(_KINDS.values())


def retention_kind(key: str) -> RetentionKind:
    return _KINDS[key]
