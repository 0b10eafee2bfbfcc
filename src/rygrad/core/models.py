"""Shared base models: the user account and the initiative-scoped base every capability uses."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountManager(UserManager):
    """Accounts log in by email; the username is kept equal to it for Django's admin."""

    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        return super()._create_user(email, email, password, **extra_fields)

    def create_user(self, email=None, password=None, **extra_fields):
        return super().create_user(email, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        return super().create_superuser(email, email, password, **extra_fields)


class User(AbstractUser):
    """A login. Roles are held per initiative (initiatives.RoleGrant), not here.

    An *operator* (municipal IT or a hosting NGO) is a superuser: they administer the
    installation and create initiatives.
    """

    email = models.EmailField(_("email"), unique=True)
    display_name = models.CharField(_("name"), max_length=150, blank=True)

    objects = AccountManager()
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email

    def save(self, *args, **kwargs):
        self.username = self.email
        super().save(*args, **kwargs)

    @property
    def is_operator(self) -> bool:
        return self.is_active and self.is_superuser


class InitiativeScopedQuerySet(models.QuerySet):
    def for_initiative(self, initiative):
        return self.filter(initiative=initiative)


class InitiativeScoped(models.Model):
    """Base for every internal record: it belongs to exactly one initiative (tenant).

    Queries go through `Model.objects.for_initiative(initiative)` so that one initiative's
    data never leaks into another's pages.
    """

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+",
        verbose_name=_("initiative"),
    )

    objects = InitiativeScopedQuerySet.as_manager()

    class Meta:
        abstract = True
