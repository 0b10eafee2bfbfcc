"""The privacy app's records: each initiative's retention per kind of data, every deletion
under those rules (the national archive rules forbid silent deletion), and every erasure
of a person — none of them naming the person erased."""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rygrad.core.models import InitiativeScoped

MAX_MONTHS = 1200


class RetentionSetting(InitiativeScoped):
    """How many months the initiative keeps one kind of data (a key of
    `core.personal_data.retention_kinds()`); without a row, the kind's default."""

    kind = models.CharField(_("kind of data"), max_length=100)
    months = models.PositiveSmallIntegerField(
        _("months"), validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)])

    class Meta:
        verbose_name = _("retention setting")
        verbose_name_plural = _("retention settings")
        constraints = [models.UniqueConstraint(fields=["initiative", "kind"],
                                               name="one_retention_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.months}"


class RetentionDeletion(InitiativeScoped):
    """Records of one kind deleted (or anonymised) when their retention ran out: how many,
    the oldest, the archive they were written to first (with its SHA-256), when, and by
    whom or by which command."""

    kind = models.CharField(_("kind of data"), max_length=100)
    count = models.PositiveIntegerField(_("records"))
    anonymised = models.BooleanField(_("anonymised rather than deleted"), default=False)
    oldest = models.DateField(_("oldest"), null=True, blank=True)
    cutoff = models.DateField(_("older than"))
    archive = models.CharField(_("archive file"), max_length=300)
    checksum = models.CharField(_("SHA-256 of the archive"), max_length=64)
    deleted_at = models.DateTimeField(_("deleted"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           blank=True, related_name="+", verbose_name=_("by"))
    command = models.CharField(_("command"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("deletion under the retention rules")
        verbose_name_plural = _("deletions under the retention rules")
        ordering = ["-deleted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.count} ({self.archive})"


class Erasure(InitiativeScoped):
    """A person erased: what they became where history remains (`label`), how many records
    each app anonymised or deleted, and whether their login went too. The name and address
    erased are not kept anywhere, here included."""

    label = models.CharField(_("now shown as"), max_length=300)
    counts = models.JSONField(_("records anonymised or deleted"), default=dict)
    login_erased = models.BooleanField(_("login erased"), default=False)
    login_kept = models.BooleanField(_("login kept (it has roles elsewhere)"), default=False)
    erased_at = models.DateTimeField(_("erased"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           blank=True, related_name="+", verbose_name=_("by"))

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-erased_at", "-pk"]

    def __str__(self) -> str:
        return self.label


# In the audit log: who changed a retention, every deletion and every erasure.
auditlog.register(RetentionSetting)
auditlog.register(RetentionDeletion)
auditlog.register(Erasure)
