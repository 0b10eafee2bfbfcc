"""Forms of communication; each hands its cleaned data to a service."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from rygrad.activities.models import Activity
from rygrad.alliance.models import Sector
from rygrad.core.forms import UploadField

from .attachments import ACCEPTED
from .models import AgeBand, NewsPost, Resource, ResourceKind, Segment, Setting
from .selectors import public_activities

CONSENT_TEXT = _("I want to receive the newsletter by email. I can unsubscribe at any time "
                 "with the link in every newsletter.")


class NewsForm(forms.ModelForm):
    image = forms.FileField(label=_("Image"), required=False,
                            help_text=_("JPEG, PNG or WebP; it is resized and its camera "
                                        "data (EXIF) removed."),
                            widget=forms.FileInput(attrs={
                                "accept": "image/jpeg,image/png,image/webp"}))

    class Meta:
        model = NewsPost
        fields = ["title", "summary", "body", "image_alt"]


class NewsletterForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    intro = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea,
                            help_text=_("Markdown, shown above the news."))
    news = forms.ModelMultipleChoiceField(label=_("News"), queryset=NewsPost.objects.none(),
                                          required=False, widget=forms.CheckboxSelectMultiple)
    activities = forms.ModelMultipleChoiceField(
        label=_("Activities"), queryset=Activity.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Running and anchored activities, told in the issue."))
    segments = forms.MultipleChoiceField(
        label=_("Send to these groups"), choices=Segment.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    sectors = forms.MultipleChoiceField(
        label=_("… and to people working in these sectors"), choices=Sector.choices,
        required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("A sector is the one subscribers gave, or their organisation's in the "
                    "alliance registry. Everybody in at least one chosen group or sector "
                    "gets the issue, once."))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["news"].queryset = (NewsPost.objects.for_initiative(initiative)
                                        .filter(published_at__isnull=False)
                                        .order_by("-published_at"))
        self.fields["activities"].queryset = public_activities(initiative=initiative)


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    name = forms.CharField(label=_("Name (optional)"), max_length=150, required=False)
    segment = forms.ChoiceField(label=_("I am mostly"), choices=Segment.choices)
    sector = forms.ChoiceField(label=_("I work in (optional)"), required=False,
                               choices=[("", _("Not stated")), *Sector.choices])
    consent = forms.BooleanField(label=CONSENT_TEXT)


class ResourceForm(forms.ModelForm):
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    attachment = UploadField(
        label=_("Attach a file"), required=False,
        max_bytes_setting="RYGRAD_ATTACHMENT_MAX_BYTES",
        help_text=format_lazy(_("Optional: {types}. The file's content is checked, not its "
                                "name."), types=ACCEPTED))

    class Meta:
        model = Resource
        fields = ["kind", "title", "description", "setting", "age_band", "themes", "link",
                  "provider", "provider_kind", "audience", "how_to_join", "contact",
                  "is_published"]


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("All kinds")), *ResourceKind.choices])
    setting = forms.ChoiceField(label=_("Setting"), required=False,
                                choices=[("", _("All settings")), *Setting.choices])
    age_band = forms.ChoiceField(label=_("Age"), required=False,
                                 choices=[("", _("All ages")), *AgeBand.choices[1:]])
