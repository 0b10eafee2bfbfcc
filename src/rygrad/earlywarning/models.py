"""The early-warning tables: every signal's value at each month end (the history the app
fills and keeps up to date), the crossings of thresholds it found, and who was told.

None of them is registered with the audit log: they are derived from the records that are,
so writing them must not move the data version (`core.freshness`) they are keyed to.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rygrad.core.models import InitiativeScoped


class HistoryState(InitiativeScoped):
    """How far one initiative's history is up to date.

    `version` is the data version (the latest audit-log entry) whose changes have been
    taken in; `dirty` says, per signal key, from which date on its stored points may be
    wrong (a change reached back to it) and must be computed again; `reads` is what each
    signal read when it was last computed (table -> columns, `*` for any), which decides
    whether a change can concern it at all. Points cover the month ends from `start` to
    `through`."""

    version = models.BigIntegerField(default=0)
    start = models.DateField(null=True)
    through = models.DateField(null=True)
    dirty = models.JSONField(default=dict)
    reads = models.JSONField(default=dict)
    # What a page last asked the background worker to bring up to date ("version:through"),
    # so that many page views ask once.
    requested = models.CharField(max_length=40, blank=True)
    refreshed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative"],
                                               name="one_history_state_per_initiative")]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.start}–{self.through} @ {self.version}"


class HistoryPoint(InitiativeScoped):
    """One signal's value at one month end (None: nothing to count then)."""

    key = models.CharField(max_length=100)
    on = models.DateField()
    value = models.FloatField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "key", "on"],
                                               name="one_point_per_signal_and_month")]

    def __str__(self) -> str:
        return f"{self.key} {self.on}: {self.value}"


class SignalStanding(InitiativeScoped):
    """Whether a signal was in warning when `rygrad signals_check` last looked, and since
    when: what the next check compares with to find a crossing."""

    key = models.CharField(max_length=100)
    warning = models.BooleanField()
    checked_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "key"],
                                               name="one_standing_per_signal")]

    def __str__(self) -> str:
        return f"{self.key}: {'warning' if self.warning else 'within'} ({self.checked_on})"


class Crossing(InitiativeScoped):
    """A signal entered (`entered`) or left its warning, found by the daily check on
    `found_on`. One crossing is told once: one notification per person."""

    key = models.CharField(max_length=100)
    entered = models.BooleanField()
    found_on = models.DateField()
    value = models.FloatField(null=True)
    threshold = models.FloatField(null=True)

    class Meta:
        ordering = ["-found_on", "key"]
        constraints = [models.UniqueConstraint(
            fields=["initiative", "key", "found_on", "entered"],
            name="one_crossing_per_signal_day_and_direction")]

    def __str__(self) -> str:
        return f"{self.key} {'entered' if self.entered else 'left'} warning {self.found_on}"


class Notification(InitiativeScoped):
    """A crossing told to one person: shown in their list, and mailed in the day's digest
    unless they asked for no email."""

    crossing = models.ForeignKey(Crossing, on_delete=models.CASCADE,
                                 related_name="notifications")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["crossing", "user"],
                                               name="one_notification_per_crossing_and_user")]

    def __str__(self) -> str:
        return f"{self.crossing} → {self.user_id}"


class NotificationSetting(InitiativeScoped):
    """One person's choice for one initiative: no notices at all (`muted`), or notices in
    the list only (`email` off). Without a row: notices and a daily email."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    muted = models.BooleanField(_("no notices about warnings"), default=False)
    email = models.BooleanField(_("a daily email with the new notices"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "user"],
                                               name="one_notification_setting_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id}: muted={self.muted} email={self.email}"


class Digest(models.Model):
    """The one email a person got on one day: the guard against a second one."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    sent_on = models.DateField()
    notices = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "sent_on"],
                                               name="one_digest_per_user_and_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.sent_on}"
