"""Forms of the ideas pages. Choices are always limited to the initiative (and, for people
who are not the secretariat, to their own organisations where they act for one)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rygrad.activities.models import Activity
from rygrad.agenda.models import Track
from rygrad.alliance.models import AgeBand, Organisation
from rygrad.core.forms import DATE_INPUT as DATE
from rygrad.core.forms import UploadField
from rygrad.meetings.models import Decision, Meeting

from .models import (
    AnswerRelease,
    AnswerTemplate,
    Idea,
    Moderation,
    Source,
    Status,
    SubmitterGroup,
    Theme,
)
from .permissions import owner_choices_filter
from .selectors import YOUTH
from .services import TRANSITIONS

TITLE_MAX = Idea._meta.get_field("title").max_length
DESCRIPTION_MAX = 4000
NEW_RELEASE = "new"


def _tracks(initiative):
    return Track.objects.for_initiative(initiative)


def _meetings(actor):
    """The meetings and events an idea may come from: those the actor may see."""
    return actor.visible(Meeting.objects.for_initiative(actor.initiative)).order_by(
        "-held_on", "title")


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.meeting.held_on}, {obj.meeting.title}: {obj}"


def _decision_field():
    return DecisionChoiceField(
        queryset=Decision.objects.none(), required=False, label=_("Meeting decision"),
        empty_label=_("No meeting decision"),
        help_text=_("What a meeting decided about the idea, shown in its trail."))


def _decisions(actor):
    return (Decision.objects.for_initiative(actor.initiative).select_related("meeting")
            .order_by("-meeting__held_on", "-pk"))


class PublicIdeaForm(forms.Form):
    """The public form: the idea, who you are in one word, and — if you like — a nickname
    and an age band. Nothing else about the person. `website` is a honeypot: hidden from
    people (and screen readers), filled in only by robots."""

    title = forms.CharField(label=_("Your idea"), max_length=TITLE_MAX,
                            widget=forms.TextInput(attrs={"autocomplete": "off"}),
                            help_text=_("One sentence: what should happen?"))
    description = forms.CharField(
        label=_("Tell us more (you may leave it empty)"), required=False,
        max_length=DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    submitter_group = forms.ChoiceField(label=_("I am"), choices=SubmitterGroup.choices,
                                        widget=forms.RadioSelect)
    age_band = forms.ChoiceField(label=_("My age (you may leave it empty)"), required=False,
                                 choices=[("", _("I'd rather not say")), *AgeBand.choices])
    nickname = forms.CharField(
        label=_("First name or nickname (you may leave it empty)"), required=False,
        max_length=Idea._meta.get_field("nickname").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("Only the secretariat sees it; it is never shown on the public pages."))
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        tracks = _tracks(initiative)
        if tracks.exists():
            self.fields["tracks"] = forms.ModelMultipleChoiceField(
                queryset=tracks, required=False, widget=forms.CheckboxSelectMultiple,
                label=_("What is it about? (you may leave it empty)"))
        self.order_fields(["title", "description", "submitter_group", "age_band", "nickname",
                           "tracks", "website"])

    @property
    def is_robot(self) -> bool:
        """The honeypot was filled in: a robot, whose idea is quietly not stored."""
        return bool(self.is_valid() and self.cleaned_data.get("website"))

    def idea_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("website", None)
        return data


class IdeaForm(forms.Form):
    """Recording an idea when signed in (from a meeting, a workshop, the Youth bus), and
    correcting one."""

    title = forms.CharField(label=_("Idea"), max_length=TITLE_MAX)
    description = forms.CharField(label=_("Description"), required=False,
                                  max_length=DESCRIPTION_MAX, widget=forms.Textarea)
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    submitter_group = forms.ChoiceField(label=_("Submitted by"), choices=SubmitterGroup.choices)
    submitted_on = forms.DateField(label=_("Submitted on"), widget=DATE)
    nickname = forms.CharField(label=_("First name or nickname"), required=False,
                               max_length=Idea._meta.get_field("nickname").max_length)
    age_band = forms.ChoiceField(label=_("Age band"), required=False,
                                 choices=[("", "–"), *AgeBand.choices])

    def __init__(self, *args, actor, with_theme: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        initiative = actor.initiative
        self.fields["event"] = forms.ModelChoiceField(
            queryset=_meetings(actor), required=False, label=_("Meeting or event"),
            empty_label=_("None"),
            help_text=_("The meeting, workshop, Youth-bus visit or hackathon it came from."))
        self.fields["tracks"] = forms.ModelMultipleChoiceField(
            queryset=_tracks(initiative), required=False, widget=forms.CheckboxSelectMultiple,
            label=_("Tracks"))
        self.order_fields(["title", "description", "source", "event", "submitter_group",
                           "submitted_on"])
        if with_theme:
            self.fields["theme"] = forms.ModelChoiceField(
                queryset=Theme.objects.for_initiative(initiative), required=False,
                label=_("Theme"), empty_label=_("No theme"))


def _owners(actor):
    return (Organisation.objects.for_initiative(actor.initiative).offered()
            .filter(owner_choices_filter(actor)))


class AnswerFields(forms.Form):
    """The status and public answer (typed, or from a template) shared by answering one
    idea and answering many."""

    to = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    answer = forms.CharField(
        label=_("Public answer"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In plain words, for the person who sent the idea: it is shown on the "
                    "public pages. Needed when parking or declining."))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        templates = AnswerTemplate.objects.for_initiative(actor.initiative)
        self.fields["template"] = forms.ModelChoiceField(
            queryset=templates, required=False, label=_("Or use an answer template"),
            empty_label=_("No template"),
            help_text=_("Used when the answer above is empty."))
        self.fields["owner"] = forms.ModelChoiceField(
            queryset=_owners(actor), required=False, label=_("Owner (when adopting)"),
            help_text=_("The organisation that carries the idea out."))
        self.fields["decision"] = _decision_field()
        self.fields["decision"].queryset = _decisions(actor)
        self.order_fields(["to", "answer", "template", "owner", "decision"])

    def clean(self):
        data = super().clean()
        template = data.get("template")
        if template is not None and not (data.get("answer") or "").strip():
            data["answer"] = template.text
        return data

    def answer_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("template", None)
        return data


class StatusForm(AnswerFields):
    on = forms.DateField(label=_("Date"), widget=DATE)

    def __init__(self, *args, actor, idea: Idea, **kwargs):
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["to"].choices = [(value, label) for value, label in Status.choices
                                     if value in TRANSITIONS[idea.status]]
        if idea.activity_id is None:
            self.fields["activity"] = forms.ModelChoiceField(
                queryset=actor.visible(Activity.objects.for_initiative(actor.initiative)),
                required=False, label=_("Activity (when realised)"),
                help_text=_("The activity that carries the idea out."))


class BulkAnswerForm(AnswerFields):
    """Many ideas (`ids`, hidden), one status and answer; applied now or held in a
    release."""

    release = forms.ChoiceField(label=_("Publish"), required=False)
    new_release = forms.CharField(label=_("Title of the new release"), required=False,
                                  max_length=200)

    def __init__(self, *args, actor, ideas, **kwargs):
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["ids"] = forms.ModelMultipleChoiceField(
            queryset=ideas, widget=forms.MultipleHiddenInput)
        releases = AnswerRelease.objects.for_initiative(actor.initiative).filter(
            published_on__isnull=True)
        self.fields["release"].choices = [
            ("", _("Now: the answers are public at once")),
            *[(str(r.pk), _("Hold as drafts in “%(title)s”") % {"title": r.title})
              for r in releases],
            (NEW_RELEASE, _("Hold as drafts in a new release"))]
        self.order_fields(["ids", "to", "answer", "template", "owner", "decision",
                           "release", "new_release"])

    def clean(self):
        data = super().clean()
        if data.get("release") == NEW_RELEASE and not (data.get("new_release") or "").strip():
            self.add_error("new_release", _("Give the new release a title."))
        return data


class ToActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea,
                                  required=False)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    answer = forms.CharField(
        label=_("Public answer"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public pages when the idea is adopted by this step."))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.for_initiative(actor.initiative).offered()
        drivers = [o.pk for o in organisations
                   if actor.can("activities.propose_driven_by", o) and actor.can("ideas.own", o)]
        self.fields["driver"] = forms.ModelChoiceField(
            queryset=organisations.filter(pk__in=drivers), label=_("Driver"),
            help_text=_("The organisation that drives the activity; it owns the idea if "
                        "nobody does yet."))
        self.fields["tracks"] = forms.ModelMultipleChoiceField(
            queryset=_tracks(actor.initiative), required=False,
            widget=forms.CheckboxSelectMultiple, label=_("Tracks"))
        self.order_fields(["title", "description", "driver", "starts_on", "tracks", "answer"])


class ReleaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)


class AnswerTemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    status = forms.ChoiceField(label=_("For the status"), required=False,
                               choices=[("", _("Any status")), *Status.choices])
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))


class ThemeNameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)


class ThemeMergeForm(forms.Form):
    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"] = forms.ModelChoiceField(
            queryset=Theme.objects.for_initiative(theme.initiative).exclude(pk=theme.pk),
            label=_("Merge into"))


class IdeaMoveForm(forms.Form):
    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"] = forms.ModelChoiceField(
            queryset=Theme.objects.for_initiative(initiative), required=False,
            label=_("Theme"), empty_label=_("No theme"))


class GroupThemesForm(forms.Form):
    source = forms.ChoiceField(label=_("Ideas from"), required=False,
                               choices=[("", _("All sources")), *Source.choices])
    without_theme = forms.BooleanField(label=_("Only ideas without a theme"), required=False)


class IdeaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.title}"


class MergeForm(forms.Form):
    def __init__(self, *args, idea: Idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"] = IdeaChoiceField(
            queryset=Idea.objects.for_initiative(idea.initiative).filter(
                merged_into__isnull=True, moderation=Moderation.APPROVED).exclude(pk=idea.pk)
            .order_by("number"),
            label=_("Merge into"),
            help_text=_("The idea that stays; this one shows where it went."))


class ImportForm(forms.Form):
    file = UploadField(label=_("Spreadsheet (.csv or .xlsx)"),
                       max_bytes_setting="RYGRAD_IMPORT_MAX_BYTES", kinds=("text", "xlsx"))
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices,
                               help_text=_("For rows without a source."))
    submitter_group = forms.ChoiceField(
        label=_("Submitted by"), required=False, choices=[("", "–"), *SubmitterGroup.choices],
        help_text=_("For rows without a submitter group."))
    submitted_on = forms.DateField(label=_("Submitted on"), widget=DATE,
                                   help_text=_("For rows without a date."))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"] = forms.ModelChoiceField(
            queryset=_meetings(actor), required=False, label=_("Meeting or event"),
            empty_label=_("None"), help_text=_("Where every idea of the file came from."))


class SettingsForm(forms.Form):
    answer_within_days = forms.IntegerField(
        label=_("Answer within (days)"), min_value=1, max_value=365,
        help_text=_("Ideas without a public answer after this many days count as waiting "
                    "too long; the public form promises an answer within it."))


def _group_choices():
    return [("", _("Everyone")), (YOUTH, _("Children and young people")),
            *SubmitterGroup.choices]


class PublicFilterForm(forms.Form):
    """The filters of "you said — we did" (GET)."""

    source = forms.ChoiceField(label=_("Source"), required=False,
                               choices=[("", _("All sources")), *Source.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *Status.choices])
    group = forms.ChoiceField(label=_("Submitted by"), required=False)
    track = forms.ModelChoiceField(queryset=Track.objects.none(), label=_("Track"),
                                   required=False, empty_label=_("All tracks"))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = _group_choices()
        self.fields["track"].queryset = _tracks(initiative)


class FilterForm(PublicFilterForm):
    """The internal list's filters (GET)."""

    q = forms.CharField(label=_("Search"), required=False)
    backbone = forms.BooleanField(label=_("Owned by the secretariat"), required=False)
    waiting = forms.BooleanField(label=_("Waiting too long for an answer"), required=False)

    def __init__(self, *args, initiative, manage: bool, **kwargs):
        super().__init__(*args, initiative=initiative, **kwargs)
        self.fields["theme"] = forms.ModelChoiceField(
            queryset=Theme.objects.for_initiative(initiative), required=False,
            label=_("Theme"), empty_label=_("All themes"))
        self.fields["event"] = forms.ModelChoiceField(
            queryset=Meeting.objects.for_initiative(initiative).filter(ideas__isnull=False)
            .distinct().order_by("-held_on", "title"), required=False,
            label=_("Meeting or event"), empty_label=_("All"))
        if manage:
            self.fields["moderation"] = forms.ChoiceField(
                label=_("Moderation"), required=False,
                choices=[("", _("All")), *Moderation.choices])
        self.order_fields(["q", "source", "event", "status", "group", "track", "theme",
                           "moderation", "backbone", "waiting"])


class SignalFilterForm(forms.Form):
    track = forms.ModelChoiceField(queryset=Track.objects.none(), label=_("Track"),
                                   required=False, empty_label=_("All tracks"))
    at = forms.DateField(label=_("As of"), required=False, widget=DATE)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = _tracks(initiative)
