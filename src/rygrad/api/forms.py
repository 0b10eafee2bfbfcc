from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100,
                           help_text=_("What the token is for, e.g. “data warehouse”."))


class RevokeForm(forms.Form):
    token = forms.IntegerField(widget=forms.HiddenInput)
