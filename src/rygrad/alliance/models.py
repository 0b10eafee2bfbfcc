"""The alliance registry: organisations, the people who represent them, memberships of the
alliance group over time, and explicit partnerships between organisations."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rygrad.core.models import InitiativeScoped, InitiativeScopedQuerySet


class Sector(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    SCHOOL = "school", _("School")
    DAYCARE = "daycare", _("Day-care")
    ASSOCIATION = "association", _("Association or club")
    BUSINESS = "business", _("Business")
    YOUTH = "youth", _("Youth")
    NATIONAL = "national", _("Regional or national organisation")
    RESEARCH = "research", _("Research")
    OTHER = "other", _("Other")


class OrganisationQuerySet(InitiativeScopedQuerySet):
    def offered(self, *, keep: int | None = None):
        """The organisations a form offers: not archived — plus `keep`, the one a record
        being edited already names, so editing it never fails on an archived choice."""
        return self.filter(Q(archived_on__isnull=True) | Q(pk=keep))


class Organisation(InitiativeScoped):
    """An organisation taking part in (or around) the alliance. The backbone secretariat is
    an organisation too, marked `is_backbone`, so activities can name it as their driver.

    An organisation other records point to (activities it drove, seats, commitments) is
    archived rather than deleted: `archived_on` keeps it in the history and out of lists
    and forms."""

    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children",
        verbose_name=_("parent organisation"),
    )
    is_backbone = models.BooleanField(_("backbone secretariat"), default=False)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    archived_on = models.DateField(_("archived on"), null=True, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "name"], name="organisation_name_unique"),
            models.UniqueConstraint(
                fields=["initiative"], condition=Q(is_backbone=True), name="one_backbone",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AgeBand(models.TextChoices):
    UNDER_13 = "u13", _("under 13")
    AGE_13_15 = "13-15", _("13–15")
    AGE_16_18 = "16-18", _("16–18")
    AGE_19_24 = "19-24", _("19–24")
    ADULT = "adult", _("adult")


class Person(InitiativeScoped):
    """A person in the registry, with as little data as their role needs. Young people give
    only a first name or nickname and an age band."""

    name = models.CharField(_("name"), max_length=150,
                            help_text=_("For young people: a first name or nickname."))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices,
                                default=AgeBand.ADULT)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="people", verbose_name=_("login"),
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_youth(self) -> bool:
        return self.age_band != AgeBand.ADULT


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")
    YOUTH = "youth", _("Youth representative")
    SECRETARIAT = "secretariat", _("Secretariat")
    OBSERVER = "observer", _("Observer")


class Membership(InitiativeScoped):
    """A seat in the alliance group from `started_on` to `ended_on` (inclusive; open when
    empty). A person who leaves and comes back has two memberships."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships",
                               verbose_name=_("person"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships",
        verbose_name=_("organisation represented"),
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices,
                            default=MembershipRole.MEMBER)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["started_on", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.organisation})"


class Partnership(InitiativeScoped):
    """An explicit, agreed partnership between two organisations (an early change)."""

    organisation_a = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                       related_name="+", verbose_name=_("organisation"))
    organisation_b = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                       related_name="+", verbose_name=_("partner organisation"))
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    description = models.TextField(_("what the partnership is about"), blank=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["started_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(organisation_a=models.F("organisation_b")),
                name="partnership_two_organisations",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_a} – {self.organisation_b}"


# Who changed what and when (django-auditlog; shown in the admin).
auditlog.register(Organisation)
auditlog.register(Membership)
auditlog.register(Partnership)
# A person's name, email and title stay out of the log, so erasing a person erases them.
auditlog.register(Person, exclude_fields=["name", "email", "title"])
