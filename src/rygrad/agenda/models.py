"""The common agenda: the problem and vision (with who endorsed it), the knowledge base,
strategic and cross-cutting tracks with goals, and an action plan per track."""

import re
import uuid
from pathlib import PurePosixPath

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from rygrad.core.markdown import clean_html, render_markdown
from rygrad.core.markdown_from_html import markdown_from_html
from rygrad.core.models import InitiativeScoped


class Vision(InitiativeScoped):
    """The shared problem statement and vision; one per initiative. In +DIG a written
    problem statement was what finally let municipal and civil-society actors agree."""

    problem = models.TextField(_("problem statement"), blank=True)
    vision = models.TextField(_("vision"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("vision")
        verbose_name_plural = _("visions")
        constraints = [
            models.UniqueConstraint(fields=["initiative"], name="one_vision_per_initiative"),
        ]

    def __str__(self) -> str:
        return self.vision[:60] or str(_("vision"))


class Endorsement(InitiativeScoped):
    """An organisation that stood behind the vision, and when."""

    organisation = models.ForeignKey(
        "alliance.Organisation", on_delete=models.PROTECT, related_name="endorsements",
        verbose_name=_("organisation"),
    )
    endorsed_on = models.DateField(_("endorsed on"))
    note = models.CharField(_("note"), max_length=300, blank=True,
                            help_text=_("For example the meeting or decision where it happened."))

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["endorsed_on", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "organisation"],
                                    name="one_endorsement_per_organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.endorsed_on})"


class KnowledgeDocument(InitiativeScoped):
    """A document in the knowledge base. Its content lives in versions: every edit adds a
    version, so the alliance can see how the shared understanding grew."""

    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("knowledge base document")
        verbose_name_plural = _("knowledge base documents")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


def knowledge_upload_to(instance: "KnowledgeVersion", filename: str) -> str:
    """Where a knowledge base file is stored: under its initiative, by a random name. The
    name the person gave the file (kept in `file_name`) could say what is in it, and a
    guessable path is one step from a file anyone can fetch; the extension stays so the
    web server knows the type."""
    extension = PurePosixPath(filename).suffix.lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,8}", extension):
        extension = ""
    return f"{instance.initiative_id}/knowledge/{uuid.uuid4().hex}{extension}"


class TextFormat(models.TextChoices):
    """How a version's text is written: Markdown, or (versions from before Markdown)
    HTML that was sanitised when it was saved."""

    MARKDOWN = "markdown", "Markdown"
    HTML = "html", "HTML"


class KnowledgeVersion(InitiativeScoped):
    """One version of a knowledge base document: its text as written (Markdown), an
    optional file and its sources. Versions are never edited, only added."""

    document = models.ForeignKey(KnowledgeDocument, on_delete=models.CASCADE,
                                 related_name="versions", verbose_name=_("document"))
    number = models.PositiveIntegerField(_("version"))
    body = models.TextField(_("text"), blank=True)
    body_format = models.CharField(_("text format"), max_length=10, choices=TextFormat.choices,
                                   default=TextFormat.MARKDOWN)
    file = models.FileField(_("file"), upload_to=knowledge_upload_to, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True,
                                 help_text=_("The name the file had when it was uploaded; "
                                             "downloads get this name."))
    sources = models.TextField(_("sources"), blank=True,
                               help_text=_("One source per line: a reference or a web address."))
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("written by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_number_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def source_lines(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]

    @property
    def body_html(self) -> SafeString:
        """The text for the page: Markdown rendered and sanitised (core.markdown)."""
        if self.body_format == TextFormat.HTML:
            return clean_html(self.body)
        return render_markdown(self.body)

    @property
    def body_markdown(self) -> str:
        """The text as Markdown, to start the next version from (an HTML version is
        turned into the Markdown that reads the same)."""
        if self.body_format == TextFormat.HTML:
            return markdown_from_html(self.body)
        return self.body


class Track(InitiativeScoped):
    """A strategic track ("spor") with its goal, or a cross-cutting track that runs through
    all of them (such as "Young people show the way")."""

    name = models.CharField(_("name"), max_length=150)
    goal = models.TextField(_("goal"), blank=True)
    is_cross_cutting = models.BooleanField(_("cross-cutting"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["is_cross_cutting", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "name"], name="track_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ActionItem(InitiativeScoped):
    """One line of a track's action plan: what, who, by when; checked off when done."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="action_items",
                              verbose_name=_("track"))
    what = models.CharField(_("what"), max_length=300)
    organisation = models.ForeignKey(
        "alliance.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="action_items", verbose_name=_("responsible organisation"),
    )
    who = models.CharField(_("who"), max_length=150, blank=True,
                           help_text=_("The person or group responsible."))
    due_on = models.DateField(_("by when"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.what

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


# Who changed what and when (django-auditlog; shown in the admin).
auditlog.register(Vision)
auditlog.register(Endorsement)
auditlog.register(Track)
auditlog.register(ActionItem)
