"""Forms of the meetings pages. Choices are always limited to the initiative (people,
organisations, activities) and to the meeting (agenda items, decisions)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rygrad.activities.models import Activity
from rygrad.alliance.models import Organisation, Person
from rygrad.core.forms import DATE_INPUT as DATE

from .models import BRIEFING_MAX_LENGTH, YOUTH_GROUPS, AgendaItem, Decision, Group, Kind
from .permissions import kinds_for

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PersonChoiceField(forms.ModelChoiceField):
    """A person of the registry, shown with their organisation."""

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.organisation})" if obj.organisation_id else obj.name


def _people(initiative):
    return (Person.objects.for_initiative(initiative).filter(anonymised_at__isnull=True)
            .select_related("organisation").order_by("name", "pk"))


PERIODS = [("", _("All dates")), ("upcoming", _("Upcoming")), ("past", _("Held"))]


class FilterForm(forms.Form):
    """The meeting list's filters (GET)."""

    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    period = forms.ChoiceField(label=_("When"), required=False, choices=PERIODS)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int,
                                  empty_value=None)

    def __init__(self, *args, actor, years, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = kinds_for(actor.role)
        self.fields["kind"].choices = [("", _("All kinds")),
                                       *[(k, label) for k, label in Kind.choices if k in kinds]]
        self.fields["year"].choices = [("", _("All years")), *[(y, y) for y in years]]


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, help_text=_(
        "Alliance meetings, workshops and hackathons are seen by members; youth meetings also "
        "by young people and partners; public events by everyone."))
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    starts_at = forms.TimeField(label=_("Starts at"), required=False, widget=TIME)
    ends_at = forms.TimeField(label=_("Ends at"), required=False, widget=TIME)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What it is about"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to everyone who may see the meeting, also in the calendar."))
    minutes = forms.CharField(label=_("Minutes"), required=False,
                              widget=forms.Textarea(attrs={"rows": 10}),
                              help_text=_("Members and the secretariat read the minutes."))


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    youth_briefing = forms.CharField(
        label=_("Youth briefing"), required=False, max_length=BRIEFING_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences in plain language for the young members: what the item "
                    "is about, what will be decided, and what they could say."))
    position = forms.IntegerField(label=_("Position"), min_value=1, required=False,
                                  help_text=_("Empty: last on the agenda."))


_ADULT_GROUPS = [(value, label) for value, label in Group.choices if value not in YOUTH_GROUPS]


class PersonAttendanceForm(forms.Form):
    person = PersonChoiceField(queryset=Person.objects.none(), label=_("Person"))
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Came for"), required=False,
        empty_label=_("Their own organisation"))
    group = forms.ChoiceField(
        label=_("Group"), required=False,
        choices=[("", _("From the registry (young people by age band)")), *_ADULT_GROUPS],
        help_text=_("Young people are counted as young from their age band in the registry; "
                    "for adults choose a group (professionals when empty)."))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people(initiative)
        self.fields["organisation"].queryset = (
            Organisation.objects.for_initiative(initiative).offered())


class CountsForm(forms.Form):
    """How many came without names, one number per group."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Group.choices:
            self.fields[value] = forms.IntegerField(label=label, min_value=0, required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    agenda_item = forms.ModelChoiceField(queryset=AgendaItem.objects.none(),
                                         label=_("Agenda item"), required=False,
                                         empty_label=_("None"))
    activity = forms.ModelChoiceField(
        queryset=Activity.objects.none(), label=_("Activity"), required=False,
        empty_label=_("None"),
        help_text=_("The activity the decision started or changed, if any."))

    def __init__(self, *args, meeting, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting)
        self.fields["activity"].queryset = actor.visible(
            Activity.objects.for_initiative(meeting.initiative_id).order_by("title"))


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = PersonChoiceField(queryset=Person.objects.none(),
                              label=pgettext_lazy("action item", "Owner"),
                              help_text=_("Who sees to it, with their organisation."))
    due_on = forms.DateField(label=_("Due"), widget=DATE)
    decision = forms.ModelChoiceField(queryset=Decision.objects.none(), label=_("Decision"),
                                      required=False, empty_label=_("None"))

    def __init__(self, *args, meeting, with_done: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people(meeting.initiative_id)
        self.fields["decision"].queryset = Decision.objects.filter(meeting=meeting)
        if with_done:
            self.fields["done_on"] = forms.DateField(
                label=_("Done on"), required=False, widget=DATE,
                help_text=_("Empty while the action item is open."))


class ActionDoneForm(forms.Form):
    on = forms.DateField(label=_("Done on"), widget=DATE)


STATUSES = [("", _("All")), ("open", _("Open")), ("overdue", _("Overdue")), ("done", _("Done"))]


class ActionFilterForm(forms.Form):
    """The action items' filters (GET)."""

    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, required=False)
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          label=_("Owner's organisation"), required=False,
                                          empty_label=_("All organisations"))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.for_initiative(initiative)
