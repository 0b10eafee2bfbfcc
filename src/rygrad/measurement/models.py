"""Survey instruments, waves, the population per school and grade, class codes, and the raw
anonymous responses.

A response row carries no identity: school, grade and gender as given, the day it came in,
and its answers packed in one short text column (one character per item), so a national
school year is 600,000 short rows written by one bulk insert, never a save per row.
"""

from __future__ import annotations

import secrets

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
    item_codes = models.JSONField(_("items"), default=list)
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


def new_class_code() -> str:
    """Eight characters without look-alikes (no 0/O, 1/I/L), easy to type on a phone."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


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


class Source(models.TextChoices):
    IMPORT = "import", _("Imported file")
    ONLINE = "online", _("Answered online")


class Response(InitiativeScoped):
    """One pupil's anonymous answers. No name, login, IP address or time finer than the day."""

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
        indexes = [models.Index(fields=["wave", "school", "grade"])]
