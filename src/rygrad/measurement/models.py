"""Survey instruments, waves, the population per school and grade, class and pupil codes,
and the raw anonymous responses.

A response row carries no identity: school, grade and gender as given, the day it came in,
and its answers packed in one short text column (one character per item), so a national
school year is 600,000 short rows written by one bulk insert, never a save per row.
"""

from __future__ import annotations

import hashlib
import secrets

from auditlog.registry import auditlog
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rygrad.core.models import InitiativeScoped

# Packed answers: one character per item, base 36 ("0"-"9", "a"-"z"); MISSING = not answered.
MISSING = "-"
MAX_SCALE_VALUE = 35


def localised(texts: dict | str | None) -> str:
    """Pick the current language's text of a {"da": ..., "en": ...} mapping (Danish first)."""
    if not isinstance(texts, dict):
        return texts or ""
    language = (get_language() or "da")[:2]
    return texts.get(language) or texts.get("da") or texts.get("en") or ""


class Instrument(InitiativeScoped):
    """A questionnaire as data: its scale, items and indicators (see `instruments.schema`).

    The whole definition is kept as the JSON a secretariat shares; the indicators are also
    rows (`Indicator`) so that goals on the agenda can point at one.
    """

    slug = models.SlugField(_("slug"), max_length=60)
    name = models.JSONField(_("name"), default=dict)
    definition = models.JSONField(_("definition"), default=dict)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("survey instrument")
        verbose_name_plural = _("survey instruments")
        ordering = ["slug"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "slug"], name="instrument_slug_unique"),
        ]

    def __str__(self) -> str:
        return localised(self.name) or self.slug

    @property
    def scale_min(self) -> int:
        return int(self.definition["scale"]["min"])

    @property
    def scale_max(self) -> int:
        return int(self.definition["scale"]["max"])

    @property
    def items(self) -> list[dict]:
        return list(self.definition.get("items", []))

    @property
    def item_codes(self) -> list[str]:
        return [item["code"] for item in self.items]

    def scale_labels(self) -> list[str]:
        labels = self.definition["scale"].get("labels") or {}
        chosen = localised(labels) if isinstance(labels, dict) else labels
        values = range(self.scale_min, self.scale_max + 1)
        if not chosen or len(chosen) != len(values):
            return [str(v) for v in values]
        return list(chosen)


class Indicator(InitiativeScoped):
    """An indicator of an instrument: the mean of some items, with a 'low' threshold."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="indicators",
        verbose_name=_("instrument"),
    )
    slug = models.SlugField(_("slug"), max_length=60)
    name = models.JSONField(_("name"), default=dict)
    item_codes = models.JSONField(_("item codes"), default=list)
    low_threshold = models.FloatField(_("low threshold"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["instrument", "position"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "slug"], name="indicator_slug_unique"),
        ]

    def __str__(self) -> str:
        return localised(self.name) or self.slug


class Wave(InitiativeScoped):
    """One round of a survey: an instrument in one school year (a period is only a label).

    `snapshot_token` names the wave's columnar Parquet snapshot; it is cleared whenever the
    responses change, and the analytics rebuild the snapshot when they find it empty.
    """

    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="waves", verbose_name=_("instrument"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2200)],
    )
    period = models.CharField(_("period"), max_length=60, blank=True,
                              help_text=_("Optional label, e.g. “spring”."))
    is_open = models.BooleanField(
        _("open for answers"), default=False,
        help_text=_("Pupils can answer online with a class code only while the wave is open."),
    )
    snapshot_token = models.CharField(max_length=40, blank=True, editable=False)
    response_count = models.PositiveIntegerField(_("responses"), default=0, editable=False)
    # Bumped by every change to the responses, so a snapshot built from an older state
    # can never be stored as the current one (see snapshots.wave_snapshot_path).
    response_version = models.PositiveIntegerField(default=0, editable=False)
    # The token of the current release (empty while the wave is a draft): every page,
    # export and signal outside the secretariat's review reads only released numbers.
    release_token = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        ordering = ["instrument", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "year"], name="wave_year_unique"),
        ]

    def __str__(self) -> str:
        label = f"{self.instrument} {self.year}"
        return f"{label} ({self.period})" if self.period else label


class Release(InitiativeScoped):
    """One publication of a wave's numbers, frozen: a copy of the responses as they were
    and the disclosure-protected table of every grouping (files named by `token`).

    A published wave changes only by a new release; the pages never see the responses
    between two releases, so nobody can difference the results before and after an answer.
    """

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="releases",
                             verbose_name=_("wave"))
    number = models.PositiveSmallIntegerField(_("release"))
    token = models.CharField(max_length=40, editable=False)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+",
                                     verbose_name=_("published by"))
    response_count = models.PositiveIntegerField(_("responses"))
    cells_published = models.PositiveIntegerField(_("published groups"), default=0)
    cells_suppressed = models.PositiveIntegerField(_("hidden groups"), default=0)

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["wave", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "number"], name="release_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.wave} #{self.number}"


class PopulationCount(InitiativeScoped):
    """How many pupils a school has in a grade in a wave: the denominator of response rates."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="population",
                             verbose_name=_("wave"))
    school = models.CharField(_("school"), max_length=200)
    grade = models.PositiveSmallIntegerField(_("grade"), validators=[MaxValueValidator(13)])
    pupils = models.PositiveIntegerField(_("pupils"))

    class Meta:
        verbose_name = _("population count")
        verbose_name_plural = _("population counts")
        ordering = ["school", "grade"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "school", "grade"], name="population_unique"),
        ]


CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_class_code() -> str:
    """Eight characters without look-alikes (no 0/O, 1/I/L), easy to type on a phone."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def new_pupil_code() -> str:
    """Ten characters of the same alphabet (about 50 bits): one pupil's one-time code,
    unguessable even by someone who has seen every other slip of the class."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def normalised_code(typed: str) -> str:
    """A code as typed by a pupil, with case, spaces and the slip's dash forgiven."""
    return "".join(typed.split()).replace("-", "").upper()


def pupil_code_fingerprint(code: str) -> str:
    """SHA-256 of the normalised code: all that is kept of a pupil code, so the table
    alone cannot be turned into working codes."""
    return hashlib.sha256(f"rygrad-pupil-code:{normalised_code(code)}".encode()).hexdigest()


def random_response_id() -> int:
    """A random 63-bit id, so the ids of the responses say nothing about their order."""
    return secrets.randbits(63) or 1


class ClassCode(InitiativeScoped):
    """The code a class types to answer: it names the wave, the school and the grade only."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="class_codes",
                             verbose_name=_("wave"))
    code = models.CharField(_("code"), max_length=12, unique=True, default=new_class_code)
    school = models.CharField(_("school"), max_length=200)
    grade = models.PositiveSmallIntegerField(_("grade"), validators=[MaxValueValidator(13)])

    class Meta:
        verbose_name = _("class code")
        verbose_name_plural = _("class codes")
        ordering = ["school", "grade"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "school", "grade"], name="class_code_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class PupilCode(InitiativeScoped):
    """A one-time code printed on a slip for one pupil of a class (wave, school, grade).

    Only the code's fingerprint is stored, and the response it is used for never refers to
    it: the code is consumed (`used`), not kept with the answer. There is no time on the
    row and it is not audit-logged, so nothing ties a slip to when, or what, it answered.
    """

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="pupil_codes",
                             verbose_name=_("wave"))
    school = models.CharField(_("school"), max_length=200)
    grade = models.PositiveSmallIntegerField(_("grade"), validators=[MaxValueValidator(13)])
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    used = models.BooleanField(_("used"), default=False)

    class Meta:
        verbose_name = _("pupil code")
        verbose_name_plural = _("pupil codes")
        indexes = [models.Index(fields=["wave", "school", "grade"],
                                name="pupil_code_class_idx")]


class Source(models.TextChoices):
    IMPORT = "import", _("Imported file")
    ONLINE = "online", _("Answered online")


class Response(InitiativeScoped):
    """One pupil's anonymous answers. No name, login, IP address or time finer than the day.

    The id is random (not a counter), so neither the ids nor their order tell which answer
    came in first; nothing orders responses by id.
    """

    id = models.BigIntegerField(primary_key=True, default=random_response_id, editable=False)
    # A response's initiative is always its wave's (both writers, in services, take it from
    # the wave), and the wave's key holds each response to an existing wave of an
    # existing initiative; so the database checks only that key. A national import writes
    # 600,000 rows, and PostgreSQL checks a foreign key row by row (about 2 s per key).
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+",
        verbose_name=_("initiative"), db_constraint=False,
    )
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses",
                             verbose_name=_("wave"))
    school = models.CharField(_("school"), max_length=200)
    grade = models.PositiveSmallIntegerField(_("grade"))
    gender = models.CharField(_("gender"), max_length=40, blank=True)
    answers = models.CharField(_("answers"), max_length=400)
    submitted_on = models.DateField(_("day submitted"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")


class GoalMeasure(models.TextChoices):
    MEAN = "mean", _("Mean score at least")
    SHARE_LOW = "share_low", _("Share with a low score at most")


class IndicatorGoal(InitiativeScoped):
    """A measurable goal of a strategic track, set on an indicator: "social well-being at
    least 4.0 by 2022", or "at most 5 % with a low score". It ties the common agenda to the
    population changes the survey can show."""

    track = models.ForeignKey("agenda.Track", on_delete=models.CASCADE,
                              related_name="indicator_goals", verbose_name=_("track"))
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="goals",
                                  verbose_name=_("indicator"))
    measure = models.CharField(_("measure"), max_length=10, choices=GoalMeasure.choices)
    target = models.FloatField(_("target"), help_text=_(
        "A score on the scale for a mean; a share from 0 to 1 (0.05 = 5 %) for a share."))
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), help_text=_("The year the change is measured from."))
    by_year = models.PositiveSmallIntegerField(_("by year"))

    class Meta:
        verbose_name = _("indicator goal")
        verbose_name_plural = _("indicator goals")
        ordering = ["track", "indicator", "by_year"]

    def __str__(self) -> str:
        return f"{self.track}: {self.indicator}"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.measure == GoalMeasure.SHARE_LOW and not 0 <= self.target <= 1:
            errors["target"] = _("A share is a number from 0 to 1 (0.05 = 5 %).")
        if self.measure == GoalMeasure.MEAN and self.indicator_id:
            instrument = self.indicator.instrument
            if not instrument.scale_min <= self.target <= instrument.scale_max:
                errors["target"] = _("The target must be on the scale %(min)s–%(max)s.") % {
                    "min": instrument.scale_min, "max": instrument.scale_max}
        if self.by_year is not None and self.baseline_year is not None \
                and self.by_year <= self.baseline_year:
            errors["by_year"] = _("The goal's year must come after the baseline year.")
        if self.track_id and self.track.initiative_id != self.initiative_id:
            errors["track"] = _("The track belongs to another initiative.")
        if errors:
            raise ValidationError(errors)


# Who changed what and when (django-auditlog; shown in the admin).
# Survey responses and pupil codes are never logged: they are anonymous and carry no actor
# or address (a logged "code used" would tie a slip to a time and an IP address).
auditlog.register(Instrument)
auditlog.register(Indicator)
auditlog.register(Wave)
auditlog.register(ClassCode)
auditlog.register(Release)
auditlog.register(IndicatorGoal)
