from django import forms
from django.utils.translation import gettext_lazy as _

from rygrad.core.accounts import registry_people
from rygrad.core.forms import DATE_INPUT

from .models import Initiative, Role
from .services import NO_REGISTRY_PERSON

GRANTABLE_ROLES = [(r.value, r.label) for r in Role if r != Role.PUBLIC]


class InviteForm(forms.Form):
    """Who to invite. When the registry has people with the email posted, the form offers
    them (`person`), so the secretariat can choose whom the login belongs to when the
    service cannot tell by itself."""

    email = forms.EmailField(label=_("Email"))
    name = forms.CharField(label=_("Name"), max_length=150,
                           help_text=_("For young people: a first name or nickname."))
    role = forms.TypedChoiceField(label=_("Role"), choices=GRANTABLE_ROLES, coerce=int)
    person = forms.ChoiceField(
        label=_("Person in the registry"), required=False, widget=forms.RadioSelect,
        help_text=_("The login represents this person's organisation."))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        email = (self.data.get("email") or "").strip() if self.is_bound else ""
        people = registry_people(initiative=initiative, email=email) if email else []
        if not people:
            del self.fields["person"]
            return
        self.fields["person"].choices = [
            *[(p.key, _registry_label(p)) for p in people],
            (NO_REGISTRY_PERSON, _("Nobody in the registry")),
        ]


def _registry_label(person) -> str:
    if person.login:
        return _("%(person)s (now linked to the login %(login)s)") % {
            "person": person, "login": person.login}
    return str(person)


class RoleChangeForm(forms.Form):
    role = forms.TypedChoiceField(label=_("Role"), choices=GRANTABLE_ROLES, coerce=int)


class InitiativeSettingsForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["name", "municipality", "problem_summary", "started_on", "is_public",
                  "min_group_size", "require_two_factor"]
        widgets = {"started_on": DATE_INPUT}
