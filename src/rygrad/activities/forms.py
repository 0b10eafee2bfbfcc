"""Forms of the activities pages. Choices are always limited to the initiative (and, for
people who are not the secretariat, to their own organisations where they act for one)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rygrad.agenda.models import Track
from rygrad.alliance.models import Organisation
from rygrad.core.forms import DATE_INPUT as DATE
from rygrad.initiatives.models import Role

from .models import (
    CommitmentKind,
    CommitmentUnit,
    ReachGroup,
    Recurrence,
    Setting,
    Stage,
    TargetAge,
)
from .services import TRANSITIONS


def _organisations(actor, *, own_only: bool):
    organisations = Organisation.objects.for_initiative(actor.initiative).offered()
    if own_only and actor.role < Role.SECRETARIAT:
        organisations = organisations.filter(pk__in=actor.organisation_ids)
    return organisations


NO_TRACK = "none"


class FilterForm(forms.Form):
    """The overview's filters (GET)."""

    q = forms.CharField(label=_("Search"), required=False)
    # A track's id, or NO_TRACK for the activities on no track (the dashboard's signal
    # "activities on no track" links here).
    track = forms.ChoiceField(label=_("Track"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False,
                              choices=[("", _("All stages")), *Stage.choices])
    driver = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Driver"),
                                    required=False, empty_label=_("All drivers"))
    backbone = forms.BooleanField(label=_("Driven by the secretariat"), required=False)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].choices = [
            ("", _("All tracks")), (NO_TRACK, _("No track")),
            *[(str(track.pk), track.name) for track in Track.objects.for_initiative(initiative)]]
        self.fields["driver"].queryset = Organisation.objects.for_initiative(initiative)


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    tracks = forms.ModelMultipleChoiceField(queryset=Track.objects.none(), label=_("Tracks"),
                                            required=False,
                                            widget=forms.CheckboxSelectMultiple)
    age_groups = forms.MultipleChoiceField(label=_("Age groups"), choices=TargetAge.choices,
                                           required=False, widget=forms.CheckboxSelectMultiple)
    settings = forms.MultipleChoiceField(label=pgettext_lazy("where an activity takes place",
                                                             "Settings"),
                                         choices=Setting.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=DATE)
    recurrence = forms.ChoiceField(label=_("Recurrence"), choices=Recurrence.choices)
    is_public = forms.BooleanField(
        label=_("Show on the public site"), required=False,
        help_text=_("Title, stage, dates, tracks and the public story below; never the "
                    "description, the partners or their people."))
    public_story = forms.CharField(
        label=_("Public story"), widget=forms.Textarea, required=False,
        help_text=_("Markdown. Written for everyone: what the activity is and what it has "
                    "done. Keep internal notes in the description."))

    def __init__(self, *args, actor, with_driver: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tracks"].queryset = Track.objects.for_initiative(actor.initiative)
        if with_driver:
            organisations = _organisations(actor, own_only=False)
            drivers = [o.pk for o in organisations
                       if actor.can("activities.propose_driven_by", o)]
            self.fields["driver"] = forms.ModelChoiceField(
                queryset=organisations.filter(pk__in=drivers), label=_("Driver"),
                help_text=_("The organisation that drives the activity (or the secretariat)."))


class StageForm(forms.Form):
    to = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)
    on = forms.DateField(label=_("Date"), widget=DATE)
    decision = forms.CharField(label=_("Decision (when anchoring)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    decided_by = forms.CharField(label=_("Decided by (when anchoring)"), required=False,
                                 max_length=200)
    reason = forms.CharField(label=_("Reason (when stopping)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(label=_("Note (required when re-opening)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, actor, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the moves allowed from the current stage are offered.
        self.fields["to"].choices = [(value, label) for value, label in Stage.choices
                                     if value in TRANSITIONS[current]]
        self.fields["anchored_in"] = forms.ModelChoiceField(
            queryset=_organisations(actor, own_only=False), required=False,
            label=_("Anchored in (when anchoring)"),
            help_text=_("The organisation whose ordinary operation or budget takes it over."))
        self.order_fields(["to", "on", "decision", "decided_by", "anchored_in", "reason",
                           "note"])


class DriverForm(forms.Form):
    on = forms.DateField(label=_("From"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = forms.ModelChoiceField(
            queryset=_organisations(actor, own_only=False), label=_("New driver"))
        self.order_fields(["organisation", "on", "note"])


class CommitmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CommitmentKind.choices)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=12, decimal_places=2)
    unit = forms.ChoiceField(label=_("Unit"), choices=CommitmentUnit.choices,
                             help_text=_("Staff hours in hours, money in DKK."))
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, actor, with_organisation: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_organisation:
            self.fields["organisation"] = forms.ModelChoiceField(
                queryset=_organisations(actor, own_only=True), label=_("Organisation"))
            self.order_fields(["organisation", "kind", "amount", "unit", "starts_on",
                               "ends_on", "note"])


class ReachForm(forms.Form):
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    group = forms.ChoiceField(label=_("Group"), choices=ReachGroup.choices)
    participants = forms.IntegerField(label=_("Participants"), min_value=0)


class LearningNoteForm(forms.Form):
    written_on = forms.DateField(label=_("Date"), widget=DATE)
    tried = forms.CharField(label=_("What we tried"), widget=forms.Textarea(attrs={"rows": 4}))
    learned = forms.CharField(label=_("What we learned"),
                              widget=forms.Textarea(attrs={"rows": 4}))


class SignalFilterForm(forms.Form):
    track = forms.ModelChoiceField(queryset=Track.objects.none(), label=_("Track"),
                                   required=False, empty_label=_("All tracks"))
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int,
                                  empty_value=None)

    def __init__(self, *args, initiative, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = Track.objects.for_initiative(initiative)
        self.fields["year"].choices = [("", _("Today")),
                                       *[(year, str(year)) for year in reversed(years)]]

