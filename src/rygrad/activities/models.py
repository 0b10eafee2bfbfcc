"""Activities: what the alliance does together, who drives it, who commits what, whom it
reaches, what was learned, and how far it came (proposed, trial, running, anchored or
stopped). Stage and driver keep their full history as dated spans, so every signal can
be computed as of any date with a few aggregate queries."""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rygrad.core.models import InitiativeScoped


class Stage(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    TRIAL = "trial", _("Trial")
    RUNNING = "running", _("Running")
    ANCHORED = "anchored", _("Anchored")
    STOPPED = "stopped", _("Stopped")


class Setting(models.TextChoices):
    DAYCARE = "daycare", _("Day-care")
    SCHOOL = "school", _("School")
    LEISURE = "leisure", _("Leisure")
    HOME = "home", _("Home")


class TargetAge(models.TextChoices):
    AGE_0_5 = "0-5", _("0–5 years")
    AGE_6_12 = "6-12", _("6–12 years")
    AGE_13_17 = "13-17", _("13–17 years")
    AGE_18_24 = "18-24", _("18–24 years")
    ADULTS = "adults", _("Parents and adults")


class Recurrence(models.TextChoices):
    ONCE = "once", _("Once")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    YEARLY = "yearly", _("Yearly")
    IRREGULAR = "irregular", _("Irregular")


class Activity(InitiativeScoped):
    """An activity of the alliance. `stage` and `driver` hold the current values for fast
    lists; the truth over time is in StageChange and DriverChange."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    tracks = models.ManyToManyField("agenda.Track", blank=True, related_name="activities",
                                    verbose_name=_("tracks"))
    age_groups = models.JSONField(_("age groups"), default=list, blank=True)
    settings = models.JSONField(pgettext_lazy("where an activity takes place", "settings"),
                                default=list, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    recurrence = models.CharField(_("recurrence"), max_length=12, choices=Recurrence.choices,
                                  default=Recurrence.ONCE)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices,
                             default=Stage.PROPOSED, editable=False)
    driver = models.ForeignKey("alliance.Organisation", on_delete=models.PROTECT,
                               related_name="driven_activities", verbose_name=_("driver"))
    # Opt-in: the description may hold internal notes, so the public site shows only
    # activities marked public, and only their public story (communication's site).
    is_public = models.BooleanField(_("shown on the public site"), default=False)
    public_story = models.TextField(
        _("public story"), blank=True,
        help_text=_("Markdown. What the public site tells about the activity; the "
                    "description stays internal."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["initiative", "stage"]),
                   models.Index(fields=["initiative", "starts_on"]),
                   models.Index(fields=["initiative", "is_public"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.is_public and not self.public_story.strip():
            raise ValidationError({"public_story": _(
                "Write the public story before showing the activity on the public site.")})

    def get_age_groups_display(self) -> list[str]:
        labels = dict(TargetAge.choices)
        return [str(labels.get(value, value)) for value in self.age_groups]

    def get_settings_display(self) -> list[str]:
        labels = dict(Setting.choices)
        return [str(labels.get(value, value)) for value in self.settings]


class StageChange(InitiativeScoped):
    """The activity entered `stage` on `changed_on` and stayed there until `until` (the
    date of the next change; open while current). Anchoring records the decision; stopping
    records the reason; re-opening records a note."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE,
                                 related_name="stage_changes", verbose_name=_("activity"))
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    changed_on = models.DateField(_("date"))
    until = models.DateField(_("until"), null=True, blank=True, editable=False)
    note = models.TextField(_("note"), blank=True)
    decision = models.TextField(_("decision"), blank=True,
                                help_text=_("The decision that anchored the activity."))
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    anchored_in = models.ForeignKey(
        "alliance.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("anchored in"),
        help_text=_("The organisation whose ordinary operation or budget took it over."),
    )
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["activity", "changed_on", "pk"]
        # Covering indexes: the as-of queries of the signals read only these columns, so
        # SQLite answers them from the index (measured in bench/activities.py).
        indexes = [
            models.Index(fields=["initiative", "stage", "changed_on", "until", "activity"],
                         name="stagechange_span_idx"),
            models.Index(fields=["activity", "stage", "changed_on"],
                         name="stagechange_activity_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.get_stage_display()} ({self.changed_on})"


class DriverChange(InitiativeScoped):
    """From `from_on` until `until`, `organisation` drove the activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE,
                                 related_name="driver_changes", verbose_name=_("activity"))
    organisation = models.ForeignKey("alliance.Organisation", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("driver"))
    from_on = models.DateField(_("from"))
    until = models.DateField(_("until"), null=True, blank=True, editable=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("recorded by"))

    class Meta:
        verbose_name = _("driver change")
        verbose_name_plural = _("driver changes")
        ordering = ["activity", "from_on", "pk"]
        indexes = [models.Index(fields=["activity", "from_on", "until", "organisation"],
                                name="driverchange_span_idx")]

    def __str__(self) -> str:
        return f"{self.activity}: {self.organisation} ({self.from_on})"


class CommitmentKind(models.TextChoices):
    STAFF_HOURS = "staff_hours", _("Staff hours")
    MONEY = "money", _("Money")
    VENUE = "venue", _("Venue")
    VOLUNTEERS = "volunteers", _("Volunteers")
    MATERIALS = "materials", _("Materials")
    EXPERTISE = "expertise", _("Expertise")


class CommitmentUnit(models.TextChoices):
    HOURS = "hours", _("hours")
    DKK = "dkk", _("DKK")
    DAYS = "days", _("days")
    PERSONS = "persons", _("persons")
    ITEMS = "items", _("items")


class Commitment(InitiativeScoped):
    """A partner's binding commitment of resources to an activity for a period."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE,
                                 related_name="commitments", verbose_name=_("activity"))
    organisation = models.ForeignKey("alliance.Organisation", on_delete=models.PROTECT,
                                     related_name="commitments", verbose_name=_("organisation"))
    kind = models.CharField(_("kind"), max_length=12, choices=CommitmentKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=8, choices=CommitmentUnit.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(
            fields=["initiative", "starts_on", "ends_on", "organisation", "activity"],
            name="commitment_period_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="commitment_amount_positive"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="commitment_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.amount} {self.get_unit_display()}"


class ReachGroup(models.TextChoices):
    CHILDREN = "children", _("Children (0–12)")
    YOUTH = "youth", _("Young people (13–24)")
    PARENTS = "parents", _("Parents")
    PROFESSIONALS = "professionals", _("Professionals")
    VOLUNTEERS = "volunteers", _("Volunteers")


class Reach(InitiativeScoped):
    """How many took part in one occurrence of the activity, by group."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="reach",
                                 verbose_name=_("activity"))
    occurred_on = models.DateField(_("date"))
    group = models.CharField(_("group"), max_length=14, choices=ReachGroup.choices)
    participants = models.PositiveIntegerField(_("participants"))

    class Meta:
        verbose_name = _("reach")
        verbose_name_plural = _("reach")
        ordering = ["-occurred_on", "group"]

    def __str__(self) -> str:
        return f"{self.activity} {self.occurred_on}: {self.participants}"


class LearningNote(InitiativeScoped):
    """What we tried, what we learned. Trying and failing is allowed, and worth writing down."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE,
                                 related_name="learning_notes", verbose_name=_("activity"))
    written_on = models.DateField(_("date"))
    tried = models.TextField(_("what we tried"))
    learned = models.TextField(_("what we learned"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+", verbose_name=_("written by"))

    class Meta:
        verbose_name = _("learning note")
        verbose_name_plural = _("learning notes")
        ordering = ["-written_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.activity} ({self.written_on})"


# Who changed what and when (django-auditlog; shown in the admin).
auditlog.register(Activity, m2m_fields={"tracks"})
auditlog.register(Commitment)
auditlog.register(StageChange)
auditlog.register(DriverChange)
