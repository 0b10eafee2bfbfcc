"""Communication's records: news posts, newsletter subscribers with their consent, issues
of the newsletter, and one delivery per subscriber and issue (what makes sending resumable
without sending anyone an issue twice)."""

import secrets

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from rygrad.alliance.models import Sector
from rygrad.core.models import InitiativeScoped


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Segment(models.TextChoices):
    """Who a subscriber is (their role), so an issue can go to some of them only."""

    PUBLIC = "public", _("Citizens and parents")
    PARTNER = "partner", _("Partners and alliance")
    STAFF = "staff", _("Staff in day-care and schools")


# A newsletter's segments are role values and sectors written "sector:<sector>".
SECTOR_PREFIX = "sector:"


def segment_label(value: str) -> str:
    """The name of a segment for people: a role, or a sector."""
    if value.startswith(SECTOR_PREFIX):
        sector = value.removeprefix(SECTOR_PREFIX)
        return str(Sector(sector).label) if sector in Sector.values else sector
    return str(Segment(value).label) if value in Segment.values else value


class NewsPost(InitiativeScoped):
    """A piece of news: a draft until the secretariat publishes it. The body is Markdown,
    rendered safe by core.markdown on its way to the page."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True,
                               help_text=_("One or two sentences for lists, the feed and "
                                           "the newsletter."))
    body = models.TextField(_("text"), help_text=_("Markdown: **bold**, *italic*, lists, "
                                                   "[links](https://example.org)."))
    # Stored re-encoded by communication.images; served only by the news_image view.
    image = models.FileField(_("image"), upload_to="communication/news/", blank=True,
                             editable=False)
    image_alt = models.CharField(_("image description (alt text)"), max_length=300,
                                 blank=True, help_text=_("What the image shows, for people "
                                                         "who cannot see it. Required with "
                                                         "an image."))
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["initiative", "published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Subscriber(InitiativeScoped):
    """A newsletter subscriber. Double opt-in: the consent as given (its text and time)
    and its confirmation from the address are kept as the record; an unsubscribed address
    keeps the record with the time it left, and gets nothing more."""

    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    segment = models.CharField(_("segment"), max_length=10, choices=Segment.choices,
                               default=Segment.PUBLIC)
    # The sector the subscriber says they work in; a subscriber who is also a person of
    # the alliance registry belongs to their organisation's sector as well.
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices,
                              blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    consent_text = models.TextField(_("consent given"), editable=False)
    consented_at = models.DateTimeField(_("consent given at"), editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True,
                                           editable=False)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(fields=["initiative", "email"],
                                               name="one_subscription_per_address")]

    def __str__(self) -> str:
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Newsletter(InitiativeScoped):
    """An issue of the newsletter: chosen news and free text, to chosen segments (roles
    and sectors; a subscriber in any of them gets the issue once)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=200)
    intro = models.TextField(_("text"), blank=True, help_text=_("Markdown, shown above the news."))
    news = models.ManyToManyField(NewsPost, blank=True, related_name="newsletters",
                                  verbose_name=_("news"))
    activities = models.ManyToManyField("activities.Activity", blank=True, related_name="+",
                                        verbose_name=_("activities"))
    segments = models.JSONField(_("segments"), default=list)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.DRAFT, editable=False)
    # The site's address when sending began, for the links in the emails (the task runs
    # outside any request).
    base_url = models.CharField(max_length=200, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-sent_at", "-created_at"]

    def __str__(self) -> str:
        return self.subject


class Delivery(InitiativeScoped):
    """One issue to one subscriber. `claimed_at` is written (and committed) before the
    email is handed to the mail server and `sent_at` after: a crash between the two leaves
    a claimed delivery that a resumed send never repeats."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE,
                                   related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE,
                                   related_name="deliveries")
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["newsletter", "subscriber"],
                                               name="one_delivery_per_subscriber")]


auditlog.register(NewsPost)
auditlog.register(Newsletter)
# Addresses are personal data: the audit log keeps that a subscription changed, not to whom.
auditlog.register(Subscriber, exclude_fields=["email", "name", "token"])


class ResourceKind(models.TextChoices):
    METHOD = "method", _("Method")
    EXERCISE = "exercise", _("Exercise")
    GUIDE = "guide", _("Guide")
    FILM = "film", _("Film")
    OFFER = "offer", _("Offer")
    ACTION_GUIDE = "action_guide", _("Action guide for staff")


class Setting(models.TextChoices):
    DAYCARE = "daycare", _("Day-care")
    SCHOOL = "school", _("School")
    CLUB = "club", _("Club and association")
    HOME = "home", _("Home")


class AgeBand(models.TextChoices):
    ALL = "all", _("All ages")
    SMALL = "0-5", _("0-5 years")
    CHILDREN = "6-12", _("6-12 years")
    YOUTH = "13-18", _("13-18 years")


class ProviderKind(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal unit")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Other provider")


class Resource(InitiativeScoped):
    """An entry of the inspiration catalogue: a method, exercise, guide or film for staff
    and volunteers; an offer of a municipal unit or an association (what, for whom, how
    to join, contact); or an action guide (what to do, step by step, when you notice early
    signs of poor well-being). Published entries are public."""

    kind = models.CharField(_("kind"), max_length=12, choices=ResourceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), help_text=_("Markdown."))
    setting = models.CharField(_("setting"), max_length=8, choices=Setting.choices)
    age_band = models.CharField(_("age band"), max_length=6, choices=AgeBand.choices,
                                default=AgeBand.ALL)
    themes = models.CharField(_("themes"), max_length=200, blank=True,
                              help_text=_("Words separated by commas."))
    link = models.URLField(_("link"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True,
                               help_text=_("Who to contact: a name, phone or email."))
    # An offer's overview (the offers page): who provides it, for whom, how to take part.
    provider = models.CharField(_("provider"), max_length=200, blank=True,
                                help_text=_("For offers: the municipal unit or association "
                                            "behind it."))
    provider_kind = models.CharField(_("kind of provider"), max_length=12, blank=True,
                                     choices=ProviderKind.choices)
    audience = models.CharField(_("for whom"), max_length=300, blank=True,
                                help_text=_("For offers: the children, young people, "
                                            "families or staff it is for."))
    how_to_join = models.TextField(_("how to refer or join"), blank=True,
                                   help_text=_("For offers: how staff refer a child, or how "
                                               "a child or family joins."))
    is_published = models.BooleanField(_("published"), default=True)
    search_stems = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.kind == ResourceKind.OFFER and not (self.provider.strip()
                                                    and self.provider_kind):
            raise ValidationError({"provider": _(
                "An offer needs its provider and the kind of provider, so the offers page "
                "can list it.")})


def attachment_upload_to(instance, filename: str) -> str:
    # The name is made by communication.attachments (random, with the extension of the
    # type the content was found to be); the person's own name is kept in `name`.
    return f"communication/attachments/{filename}"


class ResourceAttachment(InitiativeScoped):
    """A file attached to a catalogue entry (a PDF, a Word document, an image...). Only
    types recognised by their content are stored (communication.attachments); the file
    is served only by the attachment view, as a download, never as a page."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE,
                                 related_name="attachments")
    file = models.FileField(upload_to=attachment_upload_to, editable=False)
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=10, editable=False)
    size = models.PositiveIntegerField(_("size"), editable=False)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class ResourceUse(InitiativeScoped):
    """How often an entry was opened, and its attachments downloaded, on a day: counts
    only, with no cookie, address or person behind them."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="uses")
    on = models.DateField()
    views = models.PositiveIntegerField(default=0)
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["resource", "on"],
                                               name="one_use_count_per_day")]


auditlog.register(Resource, exclude_fields=["search_stems"])
auditlog.register(ResourceAttachment)
# The catalogue's use is a signal: its counts move the data version like any other record.
auditlog.register(ResourceUse)
