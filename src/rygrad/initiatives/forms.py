from django import forms
from django.utils.translation import gettext_lazy as _

from rygrad.core.forms import DATE_INPUT

from .models import Initiative, Role

GRANTABLE_ROLES = [(r.value, r.label) for r in Role if r != Role.PUBLIC]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    name = forms.CharField(label=_("Name"), max_length=150,
                           help_text=_("For young people: a first name or nickname."))
    role = forms.TypedChoiceField(label=_("Role"), choices=GRANTABLE_ROLES, coerce=int)


class RoleChangeForm(forms.Form):
    role = forms.TypedChoiceField(label=_("Role"), choices=GRANTABLE_ROLES, coerce=int)


class InitiativeSettingsForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["name", "municipality", "problem_summary", "started_on", "is_public",
                  "min_group_size"]
        widgets = {"started_on": DATE_INPUT}
