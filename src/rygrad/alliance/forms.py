"""Forms of the alliance registry. They parse and validate input; the writes happen in
services. Every choice of a related record is limited to the current initiative."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from rygrad.core.forms import UploadField

from .importing import COLUMNS
from .models import Membership, MembershipRole, Organisation, Partnership, Person, Sector


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ServiceModelForm(forms.ModelForm):
    """A model form that only parses input: it leaves its instance untouched, so the
    service sees what changed, and the service's `full_clean` does the model checks."""

    def _post_clean(self):
        pass


def _organisations(initiative, keep: int | None = None):
    """The organisations a form offers: archived ones only where the record already
    names one (`keep`)."""
    return Organisation.objects.for_initiative(initiative).offered(keep=keep).order_by("name")


def _https_by_default(field, **kwargs):
    """A website typed without a scheme is taken as https:// (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OrganisationForm(ServiceModelForm):
    class Meta:
        model = Organisation
        formfield_callback = _https_by_default
        fields = ["name", "sector", "parent", "is_backbone", "description", "website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, initiative, may_mark_backbone: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        parents = _organisations(initiative, keep=self.instance.parent_id)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        if not may_mark_backbone:
            del self.fields["is_backbone"]


class PersonForm(ServiceModelForm):
    class Meta:
        model = Person
        fields = ["name", "organisation", "title", "email", "age_band", "user"]

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations(
            initiative, keep=self.instance.organisation_id)
        self.fields["user"].queryset = get_user_model().objects.filter(
            role_grants__initiative=initiative).order_by("email")
        self.fields["user"].help_text = _("Link the person to a login so they can edit their "
                                          "organisation's page.")


class MembershipForm(ServiceModelForm):
    class Meta:
        model = Membership
        fields = ["organisation", "role", "started_on", "ended_on", "end_reason"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations(
            initiative, keep=self.instance.organisation_id)

    def clean(self):
        data = super().clean()
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("The end date is before the start date."))
        return data


class MembershipEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Last day of membership"), widget=DateInput())
    end_reason = forms.CharField(label=_("Reason for leaving"), max_length=200, required=False)

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_ended_on(self):
        ended_on = self.cleaned_data["ended_on"]
        if ended_on < self.membership.started_on:
            raise forms.ValidationError(_("The end date is before the start date."))
        return ended_on


class PartnershipForm(ServiceModelForm):
    class Meta:
        model = Partnership
        fields = ["organisation_a", "organisation_b", "started_on", "ended_on", "description"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput(),
                   "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_a"].queryset = _organisations(
            initiative, keep=self.instance.organisation_a_id)
        self.fields["organisation_b"].queryset = _organisations(
            initiative, keep=self.instance.organisation_b_id)

    def clean(self):
        data = super().clean()
        a, b = data.get("organisation_a"), data.get("organisation_b")
        if a and b and a == b:
            self.add_error("organisation_b", _("A partnership needs two different "
                                               "organisations."))
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("The end date is before the start date."))
        return data


class ImportForm(forms.Form):
    KIND_CHOICES = [
        ("", _("Detect from the columns")),
        ("organisations", _("Organisations")),
        ("people", _("People and their seats")),
    ]
    file = UploadField(label=_("Spreadsheet (.csv or .xlsx)"),
                       max_bytes_setting="RYGRAD_IMPORT_MAX_BYTES", kinds=("text", "xlsx"))
    kind = forms.ChoiceField(label=_("The file holds"), choices=KIND_CHOICES, required=False)

    columns = COLUMNS


class OverviewFilterForm(forms.Form):
    """The GET filters of the alliance overview; invalid values are simply ignored."""

    sector = forms.ChoiceField(label=_("Sector"), required=False,
                               choices=[("", _("All sectors")), *Sector.choices])
    role = forms.ChoiceField(label=_("Role"), required=False,
                             choices=[("", _("All roles")), *MembershipRole.choices])


class OrganisationFilterForm(forms.Form):
    sector = forms.ChoiceField(label=_("Sector"), required=False,
                               choices=[("", _("All sectors")), *Sector.choices])
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    archived = forms.BooleanField(label=_("Archived organisations"), required=False)


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    organisation = forms.ModelChoiceField(label=_("Organisation"), required=False,
                                          queryset=Organisation.objects.none(),
                                          empty_label=_("All organisations"))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.for_initiative(
            initiative).order_by("name")  # people of archived organisations can be found

