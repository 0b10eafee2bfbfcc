"""Writes of the privacy app: a person's data exported as one zip, a person erased across
every app in one transaction, the retention settings, and the retention run that archives
what is due and only then deletes it.

It knows the capabilities only through `core.personal_data` (each app registers what it
holds, how it erases it and its retention kinds) and the alliance registry's `Person`.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from rygrad.alliance.models import Person
from rygrad.alliance.services import former_member_label
from rygrad.core.models import InitiativeScoped
from rygrad.core.permissions import Actor
from rygrad.core.personal_data import (
    Subject,
    personal_data_providers,
    retention_kind,
    retention_kinds,
)
from rygrad.core.tenancy import tenancy

from .archive import Archive, ZipNames, archive_verify, archive_write, clean_name, copy_into
from .models import MAX_MONTHS, Erasure, RetentionDeletion, RetentionSetting

FORMAT = "rygrad-personal-data/1"
# Tables of many rows whose text no one writes (a school's name, coded answers, signal
# keys): no mention of a person can be in them, so erasure does not scan them.
NO_FREE_TEXT = {"measurement.response", "measurement.pupilcode", "measurement.classcode",
                "measurement.populationcount", "earlywarning.historypoint",
                "earlywarning.signalstanding", "earlywarning.historystate"}

# --- Who -----------------------------------------------------------------------------------


def person_subject(*, person: Person) -> Subject:
    """The subject of a registry person: the person and their login, in their initiative."""
    return Subject(initiative=person.initiative, people=(person,), user=person.user,
                   label=former_member_label(person))


def _initiatives_of(user) -> list:
    """The initiatives where the login has a role or is linked to a registry person."""
    ids = set(user.role_grants.values_list("initiative_id", flat=True))
    ids |= set(Person.objects.filter(user=user).values_list("initiative_id", flat=True))
    return list(tenancy().model.objects.filter(pk__in=ids).order_by("name"))


def account_subjects(*, user) -> list[Subject]:
    """One subject per initiative the login appears in, with its persons there."""
    subjects = []
    for initiative in _initiatives_of(user):
        people = tuple(Person.objects.for_initiative(initiative).filter(user=user)
                       .select_related("organisation"))
        label = former_member_label(people[0]) if people else _("Former user")
        subjects.append(Subject(initiative=initiative, people=people, user=user, label=label,
                                whole_account=True))
    return subjects


# --- Export --------------------------------------------------------------------------------


def _section(provider, subject, names: ZipNames, files: list) -> dict:
    held = provider.export(subject)
    listed = []
    for held_file in held.files:
        member = names.take("files", subject.initiative.slug if subject.initiative
                            else "account", provider.key, held_file.name)
        files.append((member, held_file))
        listed.append(member)
    return {"label": str(provider.label), "records": held.records, "files": listed}


def personal_data_zip(*, subjects: list[Subject], account=None) -> bytes:
    """Everything held about the subjects — each initiative's sections per app, and the
    login's own when `account` is given — as a zip: `data.json` (ISO dates) and the
    person's files under `files/<initiative>/<app>/`."""
    names = ZipNames()
    files: list = []
    document = {
        "format": FORMAT,
        "exported_at": timezone.now().isoformat(),
        "initiatives": [],
        "account": None,
    }
    for subject in subjects:
        document["initiatives"].append({
            "slug": subject.initiative.slug, "name": subject.initiative.name,
            "sections": {provider.key: _section(provider, subject, names, files)
                         for provider in personal_data_providers()}})
    if account is not None:
        subject = Subject(initiative=None, user=account, whole_account=True)
        document["account"] = {"sections": {
            provider.key: _section(provider, subject, names, files)
            for provider in personal_data_providers(account=True)}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(document, ensure_ascii=False, indent=2,
                                                 default=str))
        for member, held_file in files:
            try:
                copy_into(archive, member, held_file.open())
            except FileNotFoundError:
                archive.writestr(member + ".missing.txt",
                                 "The file is recorded but was not found in storage.\n")
    return buffer.getvalue()


def export_filename(*, initiative=None, person=None, user=None) -> str:
    day = timezone.localdate().isoformat()
    if person is not None:
        return clean_name(f"rygrad-{initiative.slug}-person-{person.pk}-{day}.zip")
    return clean_name(f"rygrad-my-data-{day}.zip")


# --- Erasure -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasureResult:
    erasure: Erasure
    login_erased: bool
    login_kept: bool


def _strings(values) -> list[str]:
    return sorted({value.strip() for value in values if value and len(value.strip()) >= 2},
                  key=len, reverse=True)


def _pattern(strings: list[str]) -> re.Pattern:
    """Whole words only, any case: "Ali" is replaced in "Ali said", not in "Alice"."""
    return re.compile("|".join(rf"(?<!\w){re.escape(s)}(?!\w)" for s in strings),
                      re.IGNORECASE)


def _text_fields(model) -> list[str]:
    return [field.name for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField) and not field.choices
            and not field.primary_key]


def _mentions_replace(*, initiative, strings: list[str], label: str) -> int:
    """Replace every mention of the erased strings in the initiative's free text (minutes,
    notes, "who" fields) with the label; saved one by one, so the audit log and the data
    version see the change."""
    if not strings:
        return 0
    pattern = _pattern(strings)
    changed = 0
    for model in apps.get_models():
        if not issubclass(model, InitiativeScoped) or model._meta.label_lower in NO_FREE_TEXT:
            continue
        fields = _text_fields(model)
        if not fields:
            continue
        match = Q()
        for field in fields:
            for text in strings:
                match |= Q(**{f"{field}__icontains": text})
        for record in model._base_manager.filter(initiative=initiative).filter(match):
            touched = []
            for field in fields:
                value = getattr(record, field)
                if value and pattern.search(value):
                    setattr(record, field, pattern.sub(label, value)[
                        : model._meta.get_field(field).max_length or None])
                    touched.append(field)
            if touched:
                record.save(update_fields=touched)
                changed += 1
    return changed


def _replace_in(value, pattern, label):
    if isinstance(value, str):
        return pattern.sub(label, value)
    if isinstance(value, list):
        return [_replace_in(item, pattern, label) for item in value]
    if isinstance(value, dict):
        return {_replace_in(k, pattern, label): _replace_in(v, pattern, label)
                for k, v in value.items()}
    return value


def _audit_log_scrub(*, strings: list[str], label: str) -> int:
    """The audit log keeps what changed, not who was erased: every entry that names an
    erased string (in its object's name, its change text or data, or as the actor's
    address) has it replaced by the label."""
    from auditlog.models import LogEntry

    if not strings:
        return 0
    pattern = _pattern(strings)
    match = Q()
    json_fields = ["changes", "serialized_data", "additional_data"]
    entries = LogEntry.objects.annotate(**{
        f"{name}_as_text": Cast(name, models.TextField()) for name in json_fields})
    for text in strings:
        escaped = json.dumps(text)[1:-1]  # how JSON stores it where non-ASCII is escaped
        match |= Q(object_repr__icontains=text) | Q(changes_text__icontains=text) | Q(
            actor_email__iexact=text)
        for name in json_fields:
            match |= Q(**{f"{name}_as_text__icontains": text}) | Q(
                **{f"{name}_as_text__icontains": escaped})
    count = 0
    for entry in entries.filter(match):
        LogEntry.objects.filter(pk=entry.pk).update(
            object_repr=pattern.sub(label, entry.object_repr),
            changes_text=pattern.sub(label, entry.changes_text),
            actor_email="" if pattern.fullmatch(entry.actor_email or "") else entry.actor_email,
            **{name: _replace_in(getattr(entry, name), pattern, label)
               for name in json_fields})
        count += 1
    return count


def _erase_in(subject: Subject) -> dict[str, int]:
    counts = {}
    for provider in personal_data_providers():
        counts[provider.key] = provider.erase(subject)
    return counts


def login_held_elsewhere(user, initiative) -> bool:
    """Whether the login has a role or a registry person in another initiative, or is an
    operator: then erasing a person here keeps it."""
    return (user.is_superuser
            or user.role_grants.exclude(initiative=initiative).exists()
            or Person.objects.filter(user=user).exclude(initiative=initiative).exists())


@transaction.atomic
def person_erase(*, person: Person, by: Actor, erase_login: bool = False) -> ErasureResult:
    """Erase a registry person in their initiative: every app anonymises what history
    needs (the person becomes "Former member no. 12, Egelund Skole"; their seats,
    attendance and ideas stay, so every count and signal is unchanged) and deletes the
    rest; mentions of their name or address in the initiative's text are replaced by that
    label, and so are they in the audit log.

    Their login goes too when it holds nothing elsewhere. A login with roles in other
    initiatives is kept (only this initiative's role and data go) unless an operator asks
    to erase the login (`erase_login`): then its data in every initiative and the login
    itself are erased. One transaction: all of it or nothing."""
    if not by.can("privacy.personal_data"):
        raise ValidationError(_("You may not erase people in this initiative."))
    if person.initiative_id != by.initiative.pk:
        raise ValidationError(_("The person belongs to another initiative."))
    if person.anonymised_at is not None:
        raise ValidationError(_("This person has already been erased."))
    user = person.user
    if erase_login:
        if not by.user.is_operator:
            raise ValidationError({"erase_login": _("Only an operator may erase a login "
                                                    "that has roles in other initiatives.")})
        if user is not None and user.pk == by.user.pk:
            raise ValidationError({"erase_login": _("You cannot erase your own login.")})
    from auditlog.context import set_actor

    # Every change below is in the audit log under who erased (the CLI and tests run
    # outside the request that names them).
    with set_actor(by.user):
        return _person_erase(person=person, user=user, by=by, erase_login=erase_login)


def _person_erase(*, person, user, by, erase_login) -> ErasureResult:
    subject = person_subject(person=person)
    label = subject.label
    names = [person.name]
    emails = [person.email]
    counts = _erase_in(subject)
    login_erased = login_kept = False
    if user is not None:
        if erase_login or not login_held_elsewhere(user, person.initiative):
            for other in account_subjects(user=user):
                other = Subject(initiative=other.initiative, people=other.people, user=user,
                                label=label, whole_account=True)
                names += [p.name for p in other.people]
                emails += [p.email for p in other.people]
                for key, count in _erase_in(other).items():
                    counts[key] = counts.get(key, 0) + count
                _mentions_replace(initiative=other.initiative,
                                  strings=_strings(names + emails + [user.email]),
                                  label=label)
            account = Subject(initiative=None, user=user, label=label, whole_account=True)
            for provider in personal_data_providers(account=True):
                counts[provider.key] = provider.erase(account)
            names.append(user.display_name)
            emails.append(user.email)
            get_user_model().objects.filter(pk=user.pk).delete()
            login_erased = True
        else:
            login_kept = True
    strings = _strings(names + (emails if login_erased else
                                [e for e in emails if user is None
                                 or e.lower() != user.email.lower()]))
    counts["mentions"] = _mentions_replace(initiative=person.initiative, strings=strings,
                                           label=label)
    erasure = Erasure.objects.create(initiative=person.initiative, label=label,
                                     counts=counts, login_erased=login_erased,
                                     login_kept=login_kept, by=by.user)
    counts["audit_log"] = _audit_log_scrub(strings=strings, label=label)
    Erasure.objects.filter(pk=erasure.pk).update(counts=counts)
    return ErasureResult(erasure=erasure, login_erased=login_erased, login_kept=login_kept)


# --- Retention -----------------------------------------------------------------------------


def retention_months(*, initiative) -> dict[str, int]:
    """Months per kind for the initiative: its settings over the kinds' defaults."""
    months = {kind.key: kind.default_months for kind in retention_kinds()}
    months.update({row.kind: row.months for row in RetentionSetting.objects.for_initiative(
        initiative) if row.kind in months})
    return months


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    import calendar

    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def retention_set(*, initiative, months: dict[str, int], by: Actor) -> int:
    """Save the initiative's months per kind; a value outside 1–MAX_MONTHS is refused on
    the field of its kind. Returns how many changed."""
    if not by.can("privacy.retention"):
        raise ValidationError(_("You may not change the retention rules."))
    known = {kind.key: kind for kind in retention_kinds()}
    errors = {}
    for key, value in months.items():
        if key not in known:
            errors[None] = _("Unknown kind of data: %(kind)s.") % {"kind": key}
        elif not isinstance(value, int) or not 1 <= value <= MAX_MONTHS:
            errors[field_name(key)] = _("%(kind)s: keep for 1 to %(max)s months.") % {
                "kind": known[key].label, "max": MAX_MONTHS}
    if errors:
        raise ValidationError(errors)
    saved = {row.kind: row for row in RetentionSetting.objects.for_initiative(initiative)}
    changed = 0
    for key, value in months.items():
        row = saved.get(key)
        if row is None and value == known[key].default_months:
            continue  # the default stays a default (a later change of it applies)
        if row is None:
            row = RetentionSetting(initiative=initiative, kind=key, months=value)
            row.full_clean()
            row.save()
            changed += 1
        elif row.months != value:
            row.months = value
            row.full_clean()
            row.save(update_fields=["months"])
            changed += 1
    return changed


def field_name(key: str) -> str:
    """The form field of a retention kind (its key with the dot replaced)."""
    return key.replace(".", "__")


@dataclass(frozen=True)
class Due:
    kind: object
    months: int
    cutoff: dt.date
    count: int
    oldest: dt.date | None


def retention_due(*, initiative, today: dt.date | None = None) -> list[Due]:
    """Per kind: the months kept, the cutoff date, how many records are due and the
    oldest of them."""
    today = today or timezone.localdate()
    months = retention_months(initiative=initiative)
    found = []
    for kind in retention_kinds():
        cutoff = months_before(today, months[kind.key])
        queryset = kind.due(initiative=initiative, cutoff=cutoff)
        count = queryset.count()
        found.append(Due(kind=kind, months=months[kind.key], cutoff=cutoff, count=count,
                         oldest=kind.oldest(queryset) if count else None))
    return found


class RetentionRefused(Exception):
    """Nothing was deleted: the archive failed, or fewer or more records would go than it
    holds."""


def archive_dir():
    return settings.RYGRAD_ARCHIVE_DIR


def retention_apply_kind(*, initiative, key: str, today: dt.date | None = None,
                         by=None, command: str = "") -> RetentionDeletion | None:
    """Archive what of one kind is due, read the archive back, and only then delete (or
    anonymise) it and record the deletion — in one transaction: a failure anywhere
    (the archive cannot be written, does not read back, the counts differ) deletes
    nothing and raises RetentionRefused. None when nothing is due."""
    today = today or timezone.localdate()
    kind = retention_kind(key)
    months = retention_months(initiative=initiative)[key]
    cutoff = months_before(today, months)
    archive: Archive | None = None
    try:
        with transaction.atomic():
            queryset = kind.due(initiative=initiative, cutoff=cutoff)
            count = queryset.count()
            if not count:
                return None
            oldest = kind.oldest(queryset)
            stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
            archive = archive_write(
                directory=archive_dir() / clean_name(initiative.slug),
                name=f"{initiative.slug}-{key}-{stamp}.zip",
                manifest={"initiative": initiative.slug, "kind": key,
                          "label": str(kind.label), "months": months,
                          "cutoff": cutoff.isoformat(),
                          "oldest": oldest.isoformat() if oldest else None,
                          "written_at": timezone.now().isoformat(),
                          "by": command or (by.email if by else "")},
                rows=kind.rows(queryset),
                files=kind.files(queryset) if kind.files else ())
            archive_verify(archive)
            if archive.count != count:
                raise RetentionRefused(_("%(kind)s: %(archived)s records archived, %(due)s "
                                         "due; nothing was deleted.") % {
                    "kind": kind.label, "archived": archive.count, "due": count})
            removed = kind.remove(kind.due(initiative=initiative, cutoff=cutoff))
            if removed != count:
                raise RetentionRefused(_("%(kind)s: %(removed)s records would go, %(due)s "
                                         "were archived; nothing was deleted.") % {
                    "kind": kind.label, "removed": removed, "due": count})
            return RetentionDeletion.objects.create(
                initiative=initiative, kind=key, count=count, anonymised=kind.anonymises,
                oldest=oldest, cutoff=cutoff, archive=str(archive.path.relative_to(
                    archive_dir())), checksum=archive.checksum, by=by, command=command)
    except RetentionRefused:
        _archive_discard(archive)
        raise
    except Exception as error:
        _archive_discard(archive)
        raise RetentionRefused(_("%(kind)s: the archive could not be written or read back "
                                 "(%(error)s); nothing was deleted.") % {
            "kind": kind.label, "error": error}) from error


def _archive_discard(archive: Archive | None) -> None:
    """An archive of a deletion that was rolled back is not an archive of anything."""
    if archive is not None:
        archive.path.unlink(missing_ok=True)
        archive.path.with_name(archive.path.name + ".sha256").unlink(missing_ok=True)
