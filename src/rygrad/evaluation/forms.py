"""Forms of the evaluation pages; the services do the validating that matters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rygrad.activities.models import Activity
from rygrad.alliance.models import Organisation
from rygrad.core.forms import DATE_INPUT as DATE
from rygrad.core.signals import Condition
from rygrad.ideas.models import Idea
from rygrad.meetings.models import Meeting

from .models import (
    CONDITION_CHOICES,
    BackboneRole,
    Direction,
    Evidence,
    Kind,
    Score,
    Stage,
    Strength,
)


class StatementForm(forms.Form):
    condition = forms.ChoiceField(label=_("Condition"), choices=CONDITION_CHOICES)
    text = forms.CharField(label=_("Statement"), max_length=300)
    backbone_role = forms.ChoiceField(
        label=_("Backbone role"), required=False,
        choices=[("", "—"), *BackboneRole.choices],
        help_text=_("Only for statements about the backbone secretariat."))
    position = forms.IntegerField(label=_("Position"), min_value=0, initial=0)
    active = forms.BooleanField(label=_("In use in new rounds"), required=False, initial=True)


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(
        label=_("Closes on"), widget=DATE,
        help_text=_("The results are shown the day after; then the dates are fixed."))


class AnswerForm(forms.Form):
    """One required rating per statement of the round (radio buttons, so the page works
    without JavaScript and by keyboard) and an optional comment per condition."""

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        labels = dict(CONDITION_CHOICES)
        for condition, _label in CONDITION_CHOICES:
            names = []
            for statement in statements:
                if statement.condition != condition:
                    continue
                name = f"s{statement.pk}"
                self.fields[name] = forms.TypedChoiceField(
                    label=statement.text, choices=Score.choices, coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose how far this has come.")})
                names.append(name)
            if names:
                comment = f"c_{condition}"
                self.fields[comment] = forms.CharField(
                    label=_("Comments on this condition (optional)"), required=False,
                    max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
                self.groups.append((labels[condition], [self[n] for n in names],
                                    self[comment]))

    def scores(self) -> dict[int, int]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()
                if name.startswith("s")}

    def comments(self) -> dict[str, str]:
        return {name[2:]: value for name, value in self.cleaned_data.items()
                if name.startswith("c_") and value}


class EvidenceForm(forms.Form):
    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"] = forms.ModelMultipleChoiceField(
            Activity.objects.for_initiative(initiative).order_by("title"), required=False,
            label=_("Activities"))
        self.fields["meetings"] = forms.ModelMultipleChoiceField(
            Meeting.objects.for_initiative(initiative).order_by("-held_on", "-pk"),
            required=False, label=_("Meetings"))
        self.fields["ideas"] = forms.ModelMultipleChoiceField(
            Idea.objects.for_initiative(initiative).order_by("-number"), required=False,
            label=_("Ideas"))
        self.fields["ideas"].label_from_instance = lambda idea: f"#{idea.number} {idea.title}"

    text = forms.CharField(label=_("Quote or observation"), widget=forms.Textarea)
    source_role = forms.CharField(
        label=_("Source's role"), max_length=100,
        help_text=_("For example municipal leader, association volunteer, young person. "
                    "Never a name."))
    observed_on = forms.DateField(label=_("Date"), widget=DATE)
    condition = forms.ChoiceField(label=_("Condition or stage"), choices=Condition.choices)
    direction = forms.ChoiceField(label=_("Promoted or hindered"), choices=Direction.choices)
    tags = forms.CharField(label=_("Tags"), max_length=200, required=False)


class ChangeForm(forms.Form):
    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"] = forms.ModelMultipleChoiceField(
            Organisation.objects.for_initiative(initiative).order_by("name"), required=False,
            label=_("Organisations involved"))
        self.fields["activities"] = forms.ModelMultipleChoiceField(
            Activity.objects.for_initiative(initiative).order_by("title"), required=False,
            label=_("Activities"))
        self.fields["evidence"] = forms.ModelMultipleChoiceField(
            Evidence.objects.for_initiative(initiative), required=False, label=_("Evidence"))

    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea,
                                  required=False)
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    contribution_claim = forms.CharField(
        label=_("Contribution claim"), widget=forms.Textarea,
        help_text=_("How the initiative contributed to the change."))
    rival_explanations = forms.CharField(
        label=_("Rival explanations considered"), widget=forms.Textarea,
        help_text=_("What else could explain the change, and why it does or does not."))
    strength = forms.ChoiceField(label=_("Strength of evidence"), choices=Strength.choices)
    strength_reason = forms.CharField(label=_("What makes it so"), widget=forms.Textarea)
    formally_anchored = forms.BooleanField(
        label=_("Formally anchored (a decision by the council or a committee)"),
        required=False)
    anchored_by = forms.CharField(label=_("Anchoring decision"), max_length=200,
                                  required=False)
