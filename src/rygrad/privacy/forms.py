from django import forms
from django.utils.translation import gettext_lazy as _

from rygrad.core.personal_data import retention_kinds

from .models import MAX_MONTHS
from .services import field_name


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that the erasure cannot be undone"), required=True,
        error_messages={"required": _("Tick the box to confirm the erasure.")})
    erase_login = forms.BooleanField(
        label=_("Erase the login too, with its data in every initiative"), required=False,
        help_text=_("Only for operators: the login has roles in other initiatives."))

    def __init__(self, *args, offer_login: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not offer_login:
            del self.fields["erase_login"]


class RetentionForm(forms.Form):
    """One number of months per kind of data; each field is named by its kind, so an
    error stands beside the kind it is about."""

    def __init__(self, *args, months: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in retention_kinds():
            self.fields[field_name(kind.key)] = forms.IntegerField(
                label=kind.label, help_text=kind.explanation, min_value=1,
                max_value=MAX_MONTHS, initial=months[kind.key],
                error_messages={
                    "required": _("Give the months to keep “%(kind)s”.") % {
                        "kind": kind.label},
                    "invalid": _("“%(kind)s”: write a whole number of months.") % {
                        "kind": kind.label},
                    "min_value": _("“%(kind)s”: keep for at least 1 month.") % {
                        "kind": kind.label},
                    "max_value": _("“%(kind)s”: keep for at most %(max)s months.") % {
                        "kind": kind.label, "max": MAX_MONTHS},
                })

    def months(self) -> dict[str, int]:
        return {kind.key: self.cleaned_data[field_name(kind.key)]
                for kind in retention_kinds()}
