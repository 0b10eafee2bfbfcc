"""Forms of the evaluation pages; the services do the validating that matters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rygrad.core.forms import DATE_INPUT as DATE

from .models import CONDITION_CHOICES, BackboneRole, Score


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
