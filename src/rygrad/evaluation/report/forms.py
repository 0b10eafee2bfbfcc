"""The form that chooses a learning report: its period, language and format."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rygrad.core.forms import DATE_INPUT

from .models import ReportFormat

LANGUAGE_CHOICES = [("da", _("Danish")), ("en", _("English"))]


class ReportForm(forms.Form):
    period_from = forms.DateField(label=_("From"), widget=DATE_INPUT)
    period_to = forms.DateField(label=_("To"), widget=DATE_INPUT)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES,
                                 widget=forms.RadioSelect)
    format = forms.ChoiceField(label=_("Format"), choices=ReportFormat.choices,
                               widget=forms.RadioSelect, initial=ReportFormat.HTML)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            self.add_error("period_to", _("The end of the period must not be before its "
                                          "start."))
        return data
