"""The initiative (the tenant) and the roles people hold in it."""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The roles are plain Python that core's permission chain needs, so they live in core;
# re-exported here beside RoleGrant, whose `role` holds their values.
from rygrad.core.tenancy import Role

__all__ = ["Initiative", "Role", "RoleGrant"]


def two_factor_default() -> bool:
    """A new initiative requires a second factor of its secretariat where the installation
    requires one of staff and operators (RYGRAD_REQUIRE_TWO_FACTOR: on in production)."""
    return bool(settings.RYGRAD_REQUIRE_TWO_FACTOR)


class Initiative(models.Model):
    """One collective impact initiative; every internal record belongs to one."""

    slug = models.SlugField(_("slug"), unique=True, max_length=60)
    name = models.CharField(_("name"), max_length=200)
    municipality = models.CharField(_("municipality"), max_length=120, blank=True)
    problem_summary = models.TextField(
        _("problem in one paragraph"), blank=True,
        help_text=_("Shown on the public page of the initiative."),
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public page visible"), default=True,
        help_text=_("When off, only people with a role see the initiative at all."),
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("smallest published group of respondents"), default=5,
        validators=[MinValueValidator(3)],
        help_text=_(
            "Disclosure control: no survey number rests on fewer respondents (at least 3)."
        ),
    )
    require_two_factor = models.BooleanField(
        _("two-factor login required of the secretariat"), default=two_factor_default,
        # A row written without it (an older migration's model) does not require it.
        db_default=False,
        help_text=_(
            "When on, a member of the secretariat must turn on two-factor login (a code from "
            "an authenticator app) before they can use any page; whoever has not is asked "
            "to at their next page."),
    )
    signal_thresholds = models.JSONField(
        _("signal warning thresholds"), default=dict, blank=True,
        help_text=_("Overrides of the default warning threshold per signal key."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoleGrant(models.Model):
    """A user's role in one initiative. A user may hold different roles in different ones."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="role_grants",
        verbose_name=_("initiative"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants",
        verbose_name=_("user"),
    )
    role = models.PositiveSmallIntegerField(_("role"), choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="one_role_per_initiative")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.initiative})"


# Who changed what and when (django-auditlog; shown in the admin).
auditlog.register(Initiative)
auditlog.register(RoleGrant)
