from django import forms
from django.utils.translation import gettext_lazy as _

from .periods import EVERY


class EveryForm(forms.Form):
    """How often a history is shown: each month end or each quarter end (GET)."""

    every = forms.ChoiceField(label=_("Show"), required=False, choices=[
        (EVERY[0], _("every month end")), (EVERY[1], _("every quarter end"))])


class NoticeSettingForm(forms.Form):
    muted = forms.BooleanField(
        label=_("Send me no notices about warnings in this initiative"), required=False)
    email = forms.BooleanField(
        label=_("Email me the new notices, at most once a day"), required=False,
        help_text=_("Without email, the notices are only in the list on this page."))
