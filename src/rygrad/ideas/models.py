"""Ideas from children, young people, parents and partners, and what became of each.

An idea keeps where it came from (source, event, submitter group), its pipeline as a
history of status changes, each with its date, the role of who decided and a public answer
in plain words, and the trail to what carries it out (the owning organisation, the
meeting decision, the activity). Text is stored exactly as typed and always shown escaped;
it is never rendered as HTML.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rygrad.alliance.models import AgeBand
from rygrad.core.models import InitiativeScoped
from rygrad.initiatives.models import Role


class Source(models.TextChoices):
    HACKATHON = "hackathon", _("Hackathon")
    YOUTH_MEETING = "youth_meeting", _("Youth meeting")
    YOUTH_BUS = "youth_bus", _("Youth-bus visit")
    ALLIANCE_MEETING = "alliance_meeting", _("Alliance meeting")
    WORKSHOP = "workshop", _("Workshop")
    WEB = "web", _("Web")
    OTHER = "other", _("Other")


class SubmitterGroup(models.TextChoices):
    CHILD = "child", _("Child")
    YOUNG_PERSON = "young_person", _("Young person")
    PARENT = "parent", _("Parent")
    PROFESSIONAL = "professional", _("Professional")
    VOLUNTEER = "volunteer", _("Volunteer")
    POLITICIAN = "politician", _("Politician")
    OTHER = "other", _("Other")


# Children and young people: whose ideas the youth signals count.
YOUTH_GROUPS = frozenset({SubmitterGroup.CHILD, SubmitterGroup.YOUNG_PERSON})


class Status(models.TextChoices):
    NEW = "new", _("New")
    UNDER_REVIEW = "under_review", _("Under review")
    ADOPTED = "adopted", _("Adopted")
    REALISED = "realised", _("Realised")
    PARKED = "parked", _("Parked")
    DECLINED = "declined", _("Declined")


class Moderation(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Theme(InitiativeScoped):
    """A group of similar ideas, found by `themes.themes_group` and then named, merged and
    changed by the secretariat. `top_words` are the words that set it apart."""

    name = models.CharField(_("name"), max_length=150)
    top_words = models.JSONField(_("top words"), default=list, blank=True)
    created_on = models.DateField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Idea(InitiativeScoped):
    """One idea, and the meeting or event it came from (`event`: a workshop, the Youth
    bus's visit, a hackathon). `number` is its stable public number in the initiative (its
    public URL);
    `status`, `owner` and `activity` are the current values for fast lists, the history is
    in StatusChange. An idea sent without an account waits for moderation before anyone
    but the secretariat sees it."""

    number = models.PositiveIntegerField(_("number"), editable=False)
    title = models.CharField(_("idea"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices,
                              default=Source.WEB)
    submitter_group = models.CharField(_("submitted by"), max_length=14,
                                       choices=SubmitterGroup.choices)
    event = models.ForeignKey("meetings.Meeting", on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="ideas",
                              verbose_name=_("meeting or event"))
    tracks = models.ManyToManyField("agenda.Track", blank=True, related_name="ideas",
                                    verbose_name=_("tracks"))
    nickname = models.CharField(_("first name or nickname"), max_length=40, blank=True)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices,
                                blank=True)
    submitted_on = models.DateField(_("submitted on"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("recorded by"))
    moderation = models.CharField(_("moderation"), max_length=10, choices=Moderation.choices,
                                  default=Moderation.APPROVED)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.NEW, editable=False)
    owner = models.ForeignKey("alliance.Organisation", on_delete=models.PROTECT, null=True,
                              blank=True, related_name="owned_ideas",
                              verbose_name=_("owner"))
    activity = models.ForeignKey("activities.Activity", on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="ideas",
                                 verbose_name=_("activity"))
    theme = models.ForeignKey(Theme, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="ideas", verbose_name=_("theme"))
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="merged_from", editable=False,
                                    verbose_name=_("merged into"))
    merged_on = models.DateField(_("merged on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-number"]
        indexes = [models.Index(fields=["initiative", "moderation", "status"]),
                   models.Index(fields=["initiative", "submitted_on"])]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "number"], name="idea_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def is_youth(self) -> bool:
        return self.submitter_group in YOUTH_GROUPS

    @property
    def is_public(self) -> bool:
        """Shown on the public pages: approved (ideas sent without an account are
        approved by the secretariat first)."""
        return self.moderation == Moderation.APPROVED


class AnswerRelease(InitiativeScoped):
    """Answers held as drafts and published together, all at once (`answers.py`)."""

    title = models.CharField(_("title"), max_length=200)
    created_on = models.DateField(_("created"), auto_now_add=True)
    published_on = models.DateField(_("published on"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     editable=False, verbose_name=_("published by"))

    class Meta:
        verbose_name = _("release of answers")
        verbose_name_plural = _("releases of answers")
        ordering = ["-created_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_on is not None


class StatusChange(InitiativeScoped):
    """The idea went to `status` on `changed_on`, decided by someone of `decided_role`
    (at a meeting, when `decision` names what the meeting decided), with the public
    `answer`. A change held in an unpublished release is a draft: it has
    no date yet and changes nothing until the release is published."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="changes",
                             verbose_name=_("idea"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    changed_on = models.DateField(_("date"), null=True, blank=True)
    answer = models.TextField(_("public answer"), blank=True)
    owner = models.ForeignKey("alliance.Organisation", on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+", verbose_name=_("owner"))
    decided_role = models.PositiveSmallIntegerField(_("decided by"), choices=Role.choices,
                                                    default=Role.SECRETARIAT)
    decision = models.ForeignKey("meetings.Decision", on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="idea_changes",
                                 verbose_name=_("meeting decision"))
    release = models.ForeignKey(AnswerRelease, on_delete=models.CASCADE, null=True,
                                blank=True, related_name="changes",
                                verbose_name=_("release"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["idea", "changed_on", "pk"]
        indexes = [models.Index(fields=["initiative", "changed_on", "status"],
                                name="ideachange_date_idx")]

    def __str__(self) -> str:
        return f"{self.idea}: {self.get_status_display()} ({self.changed_on or '-'})"

    @property
    def is_draft(self) -> bool:
        return self.changed_on is None


class Support(InitiativeScoped):
    """Someone supports the idea: a signed-in person once (`user`), or a visitor without
    an account (no user; limited per browser session, and nothing about them kept)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports",
                             verbose_name=_("idea"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+", verbose_name=_("supporter"))
    supported_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(
            fields=["idea", "user"], condition=Q(user__isnull=False),
            name="support_once_per_user")]

    def __str__(self) -> str:
        return f"{self.idea} ({self.supported_on})"


class AnswerTemplate(InitiativeScoped):
    """A reusable public answer, offered when answering one idea or many."""

    name = models.CharField(_("name"), max_length=100)
    status = models.CharField(_("for the status"), max_length=12, choices=Status.choices,
                              blank=True)
    text = models.TextField(_("answer"))

    class Meta:
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["initiative", "name"],
                                               name="answer_template_name_unique")]

    def __str__(self) -> str:
        return self.name


class IdeasSettings(InitiativeScoped):
    """The initiative's promise to answer: an idea without a public answer after
    `answer_within_days` counts as waiting too long (`ideas.awaiting_answer`), and the
    public form tells people when to expect an answer."""

    answer_within_days = models.PositiveSmallIntegerField(
        _("answer within (days)"), default=30,
        help_text=_("Ideas without a public answer after this many days count as waiting "
                    "too long; the public form promises an answer within it."))

    class Meta:
        verbose_name = _("settings for ideas")
        verbose_name_plural = _("settings for ideas")
        constraints = [models.UniqueConstraint(fields=["initiative"],
                                               name="ideas_settings_once")]

    def __str__(self) -> str:
        return str(self.answer_within_days)


# Who changed what and when. A nickname stays out of the log, so deleting an idea
# removes it.
auditlog.register(Idea, exclude_fields=["nickname"], m2m_fields={"tracks"})
auditlog.register(StatusChange)
auditlog.register(Support)
auditlog.register(Theme)
auditlog.register(AnswerRelease)
auditlog.register(AnswerTemplate)
auditlog.register(IdeasSettings)
