"""Forms of the agenda pages; the services do the validating that matters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rygrad.alliance.models import Organisation
from rygrad.core.forms import DATE_INPUT as DATE

from .models import Track


class OrganisationChoice(forms.ModelChoiceField):
    """An organisation of the initiative that is not archived (or `keep`, the one the
    record already names)."""

    def __init__(self, initiative, keep: int | None = None, **kwargs):
        super().__init__(Organisation.objects.for_initiative(initiative).offered(keep=keep),
                         **kwargs)


class VisionForm(forms.Form):
    problem = forms.CharField(label=_("Problem statement"), widget=forms.Textarea, required=False)
    vision = forms.CharField(label=_("Vision"), widget=forms.Textarea, required=False)
    adopted_on = forms.DateField(label=_("Adopted on"), required=False, widget=DATE)


class EndorsementForm(forms.Form):
    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = OrganisationChoice(initiative, label=_("Organisation"))
        self.order_fields(["organisation", "endorsed_on", "note"])

    endorsed_on = forms.DateField(label=_("Endorsed on"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=300,
                           help_text=_("For example the meeting or decision where it happened."))


class KnowledgeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}), required=False,
        help_text=_("Written in Markdown: an empty line starts a new paragraph, a line "
                    "starting with “- ” is a list item and one starting with “## ” a "
                    "heading, **bold** is bold and [text](https://…) is a link. HTML is "
                    "shown as text. Preview shows the result without saving."))
    file = forms.FileField(label=_("File"), required=False,
                           help_text=_("PDF, Word, Excel, OpenDocument, text or Markdown; "
                                       "at most 20 MB."))
    sources = forms.CharField(label=_("Sources"), widget=forms.Textarea(attrs={"rows": 4}),
                              required=False,
                              help_text=_("One source per line: a reference or a web address."))
    change_note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class TrackForm(forms.ModelForm):
    class Meta:
        model = Track
        fields = ["name", "goal", "is_cross_cutting", "order"]


class ActionItemForm(forms.Form):
    what = forms.CharField(label=_("What"), max_length=300)
    who = forms.CharField(label=_("Who"), max_length=150, required=False)
    due_on = forms.DateField(label=_("By when"), required=False, widget=DATE)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        named = getattr(self.initial.get("organisation"), "pk", None)  # when editing
        self.fields["organisation"] = OrganisationChoice(
            initiative, keep=named, label=_("Responsible organisation"), required=False)
        self.order_fields(["what", "organisation", "who", "due_on"])


class ActionFilterForm(forms.Form):
    """The filters of the list of all actions (GET)."""

    STATUSES = [("", _("All")), ("open", _("Open")), ("overdue", _("Overdue")),
                ("done", _("Done"))]
    track = forms.ModelChoiceField(queryset=Track.objects.none(), label=_("Track"),
                                   required=False, empty_label=_("All tracks"))
    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, required=False)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = Track.objects.for_initiative(initiative)
