"""Meetings of the alliance and with its young people: alliance meetings, youth meetings,
workshops, hackathons and public events, each with its date, place, agenda, attendance,
minutes, decisions and action items.

Two records carry the seed's lessons. An alliance meeting's agenda item may carry a short
*youth briefing* in plain language — young members need preparation to have a real say in
abstract talks. Attendance counts young people, by name (an `alliance.Person` with an age
band) or as a number per group, so the share of young people at the table can be followed.
Text is stored exactly as typed and always shown escaped; it is never rendered as HTML.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rygrad.core.models import InitiativeScoped
from rygrad.initiatives.models import Role


class Kind(models.TextChoices):
    ALLIANCE = "alliance", _("Alliance meeting")
    YOUTH = "youth", _("Youth meeting")
    WORKSHOP = "workshop", _("Workshop")
    HACKATHON = "hackathon", _("Hackathon")
    PUBLIC = "public", _("Public event")


# Who may see a meeting of each kind: the least role (see permissions.py). Alliance
# meetings, workshops and hackathons are the alliance's internal work (names, minutes,
# decisions); youth meetings are also the young people's; public events are public.
KIND_AUDIENCE = {
    Kind.ALLIANCE: Role.MEMBER,
    Kind.WORKSHOP: Role.MEMBER,
    Kind.HACKATHON: Role.MEMBER,
    Kind.YOUTH: Role.YOUTH,
    Kind.PUBLIC: Role.PUBLIC,
}


class Meeting(InitiativeScoped):
    """One meeting or event on `held_on`, from `starts_at` to `ends_at` (local time; a
    meeting without times is a whole-day event in the calendar)."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices,
                            default=Kind.ALLIANCE)
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(
        _("what it is about"), blank=True,
        help_text=_("Shown to everyone who may see the meeting, also in the calendar."))
    minutes = models.TextField(_("minutes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-starts_at", "-pk"]
        indexes = [models.Index(fields=["initiative", "kind", "held_on"],
                                name="meeting_kind_date_idx"),
                   models.Index(fields=["initiative", "held_on"], name="meeting_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__isnull=True)
                | Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"

    @property
    def audience(self) -> Role:
        return KIND_AUDIENCE[self.kind]


# A youth briefing is short: a few sentences a young member reads before the meeting.
BRIEFING_MAX_LENGTH = 1200


class AgendaItem(InitiativeScoped):
    """A point on a meeting's agenda, in order. `youth_briefing` explains it in plain
    language for the young members, before the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items",
                                verbose_name=_("meeting"))
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("agenda item"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    youth_briefing = models.TextField(
        _("youth briefing"), blank=True, max_length=BRIEFING_MAX_LENGTH,
        help_text=_("A few sentences in plain language for the young members: what the "
                    "item is about, what will be decided, and what they could say."))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def has_briefing(self) -> bool:
        return bool(self.youth_briefing.strip())


class Group(models.TextChoices):
    """Who came, for attendance by count (and the group a named person is counted in)."""

    CHILDREN = "children", _("Children (under 13)")
    YOUNG_PEOPLE = "young_people", _("Young people (13–24)")
    PARENTS = "parents", _("Parents")
    PROFESSIONALS = "professionals", _("Professionals")
    VOLUNTEERS = "volunteers", _("Volunteers")
    POLITICIANS = "politicians", _("Politicians")
    CITIZENS = "citizens", _("Other citizens")


# The groups the youth signals count as young.
YOUTH_GROUPS = (Group.CHILDREN, Group.YOUNG_PEOPLE)


class Attendance(InitiativeScoped):
    """Who came: either one named person of the registry (with the organisation they came
    for; `count` is 1) or a number of people of a group without names. A named young
    person is counted in a young group, from their age band."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE,
                                related_name="attendance", verbose_name=_("meeting"))
    person = models.ForeignKey("alliance.Person", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="meeting_attendance",
                               verbose_name=_("person"))
    organisation = models.ForeignKey("alliance.Organisation", on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("organisation"))
    group = models.CharField(_("group"), max_length=14, choices=Group.choices)
    count = models.PositiveIntegerField(_("number of people"), default=1)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "person__name", "group", "pk"]
        indexes = [models.Index(fields=["meeting", "group", "count"],
                                name="attendance_group_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="attendance_count_positive"),
            models.CheckConstraint(condition=Q(person__isnull=True) | Q(count=1),
                                   name="attendance_named_is_one"),
            models.UniqueConstraint(fields=["meeting", "person"],
                                    condition=Q(person__isnull=False),
                                    name="attendance_person_once"),
            models.UniqueConstraint(fields=["meeting", "group"],
                                    condition=Q(person__isnull=True),
                                    name="attendance_group_count_once"),
        ]

    def __str__(self) -> str:
        if self.person_id:
            return str(self.person)
        return f"{self.get_group_display()}: {self.count}"

    @property
    def is_youth(self) -> bool:
        return self.group in YOUTH_GROUPS


class Decision(InitiativeScoped):
    """What the meeting decided (under one of its agenda items, when given), and the
    activity it started or changed. Ideas name the decision taken on them from their side."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions",
                                verbose_name=_("meeting"))
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="decisions",
                                    verbose_name=_("agenda item"))
    text = models.TextField(_("decision"))
    activity = models.ForeignKey("activities.Activity", on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="meeting_decisions",
                                 verbose_name=_("activity"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else f"{text[:79]}…"


class MeetingAction(InitiativeScoped):
    """An action item from a meeting: what, who (a person of the registry, with their
    organisation), by when, and when it was done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions",
                                verbose_name=_("meeting"))
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="actions", verbose_name=_("decision"))
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey("alliance.Person", on_delete=models.PROTECT,
                              related_name="meeting_actions",
                              verbose_name=pgettext_lazy("action item", "owner"))
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["initiative", "due_on", "done_on"],
                                name="meetingaction_due_idx")]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, at) -> bool:
        """Due before `at` and not done by then."""
        return self.due_on < at and (self.done_on is None or self.done_on > at)


class CalendarFeed(InitiativeScoped):
    """A person's secret calendar address for the initiative's meetings. Only a hash of
    the secret is kept; the address is shown once, when it is made, and making a new one
    ends the old. The feed shows what its holder's role lets them see at each fetch."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("user"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")
        constraints = [models.UniqueConstraint(fields=["initiative", "user"],
                                               name="calendar_feed_once")]

    def __str__(self) -> str:
        return str(self.user)


# Who changed what and when (django-auditlog). Signals read meetings, agenda items,
# attendance and action items, so each is registered (core/freshness.py). A calendar
# address is a secret, not a record of the initiative's work: it stays out of the log.
auditlog.register(Meeting)
auditlog.register(AgendaItem)
auditlog.register(Attendance)
auditlog.register(Decision)
auditlog.register(MeetingAction)
