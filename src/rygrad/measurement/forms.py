"""Forms of the measurement pages: management (secretariat), filters (GET) and answering."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from rygrad.core.forms import UploadField

from .instruments.schema import instrument_problems
from .models import GoalMeasure, Indicator, Instrument, localised

BREAKDOWNS = [
    ("school", _("School")),
    ("grade", _("Grade")),
    ("gender", _("Gender")),
    ("school,grade", _("School and grade")),
    ("grade,gender", _("Grade and gender")),
]


# Python's JSON parser explains itself in English; these are its messages in words for
# the person writing the definition (any other says only where the problem is).
_JSON_PROBLEMS = {
    "Expecting value": _("a value was expected"),
    "Expecting ',' delimiter": _("a comma was expected"),
    "Expecting ':' delimiter": _("a colon was expected"),
    "Expecting property name enclosed in double quotes":
        _("a name in double quotes was expected"),
    "Unterminated string starting at": _("a text is not closed with a double quote"),
    "Extra data": _("there is more after the end of the definition"),
    "Invalid control character at": _("a text holds a line break or tab"),
    "Invalid \\escape": _("a backslash is not followed by a valid escape"),
}


def json_problem(error: json.JSONDecodeError) -> str:
    """The parser's message in the user's language."""
    return str(_JSON_PROBLEMS.get(error.msg, _("the text cannot be read as JSON here")))


class InstrumentForm(forms.Form):
    """An instrument as JSON: upload the shared file, or edit the text directly."""

    json_file = UploadField(label=_("JSON file"), required=False,
                            max_bytes_setting="DATA_UPLOAD_MAX_MEMORY_SIZE", kinds=("text",))
    definition = forms.CharField(
        label=_("Definition (JSON)"), required=False,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
        help_text=_("Used when no file is chosen."),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("json_file")
        raw = upload.read().decode("utf-8", errors="replace") if upload else cleaned.get(
            "definition", "")
        if not raw.strip():
            raise forms.ValidationError(_("Choose a JSON file or write the definition."))
        try:
            definition = json.loads(raw)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(_("Not valid JSON (line %(line)s, column %(col)s): "
                                          "%(msg)s.") % {"line": error.lineno,
                                                         "col": error.colno,
                                                         "msg": json_problem(error)}) from None
        except RecursionError:  # "[[[[…" 100,000 deep: the parser gives up, so do we
            raise forms.ValidationError(_too_deep()) from None
        json_refuse_unstorable(definition)
        problems = instrument_problems(definition)
        if problems:
            raise forms.ValidationError(problems)
        cleaned["parsed"] = definition
        return cleaned


JSON_MAX_DEPTH = 20  # an instrument is four levels deep; PostgreSQL's jsonb allows more


def _too_deep():
    return _("The JSON is nested more than %(max)s levels deep; an instrument needs four.") % {
        "max": JSON_MAX_DEPTH}


def json_refuse_unstorable(value) -> None:
    """Refuse JSON that cannot be stored as it is: nested deeper than JSON_MAX_DEPTH (the
    checks and the database would recurse) or holding a NUL character ("\\u0000", which
    PostgreSQL's jsonb refuses). Walked without recursion."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if depth > JSON_MAX_DEPTH:
            raise forms.ValidationError(_too_deep())
        if isinstance(item, dict):
            pending.extend((key, depth) for key in item)
            pending.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            pending.extend((child, depth + 1) for child in item)
        elif isinstance(item, str) and "\x00" in item:
            raise forms.ValidationError(_(
                "The JSON holds a NUL character (\\u0000), which cannot be stored; remove "
                "it."))


class InstrumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return localised(obj.name) or obj.slug


class WaveForm(forms.Form):
    instrument = InstrumentChoiceField(label=_("Instrument"), queryset=Instrument.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2200)
    period = forms.CharField(label=_("Period (optional)"), max_length=60, required=False)
    is_open = forms.BooleanField(label=_("Open for answers now"), required=False)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Instrument.objects.for_initiative(initiative)


class UploadForm(forms.Form):
    file = UploadField(label=_("File"), max_bytes_setting="RYGRAD_IMPORT_MAX_BYTES",
                       kinds=("text", "xlsx"))


class ImportForm(forms.Form):
    instrument = InstrumentChoiceField(label=_("Instrument"), queryset=Instrument.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2200)
    file = UploadField(
        label=_("Survey file"), max_bytes_setting="RYGRAD_SURVEY_MAX_UPLOAD_BYTES",
        kinds=("text", "xlsx", "parquet"),
        help_text=_("CSV, Excel (one sheet) or Parquet with the columns school, grade, gender "
                    "and one column per item code; leave a cell empty when not answered."),
    )
    replace = forms.BooleanField(
        label=_("Replace the answers already in this wave"), required=False)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Instrument.objects.for_initiative(initiative)


class BreakdownFilter(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    by = forms.ChoiceField(label=_("Break down by"), choices=BREAKDOWNS, required=False)
    indicator = forms.ChoiceField(label=_("Indicator"), required=False)
    school = forms.CharField(label=_("School contains"), required=False, max_length=200)

    def __init__(self, *args, years, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in reversed(years)]
        self.fields["indicator"].choices = indicators


class ChangeFilter(forms.Form):
    year_from = forms.TypedChoiceField(label=_("From year"), coerce=int, required=False)
    year_to = forms.TypedChoiceField(label=_("To year"), coerce=int, required=False)
    by = forms.ChoiceField(label=_("Groups"), required=False,
                           choices=[("", _("All pupils")), *BREAKDOWNS])
    only_significant = forms.BooleanField(label=_("Only statistically supported changes"),
                                          required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(y, y) for y in years]
        self.fields["year_from"].choices = choices
        self.fields["year_to"].choices = choices

    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from and year_to and year_from >= year_to:
            raise forms.ValidationError(_("Choose an earlier “from” year than “to” year."))
        return cleaned


class ClassCodeForm(forms.Form):
    """The code a pupil types: the class code, or the one-time pupil code on their slip."""

    code = forms.CharField(label=_("Your code"), max_length=20,
                           help_text=_("The class code, or the pupil code on your slip."),
                           widget=forms.TextInput(attrs={"autocomplete": "off",
                                                         "autocapitalize": "characters",
                                                         "spellcheck": "false"}))


class PupilSlipsForm(forms.Form):
    """Which class (or every class) of the population to print pupil-code slips for."""

    ALL = "all"

    target = forms.ChoiceField(label=_("Print slips for"))

    def __init__(self, *args, classes: list[tuple[str, int]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(self.ALL, _("Every class in the population")), *[
            (f"{grade}:{school}", _("%(school)s, grade %(grade)s") % {"school": school,
                                                                     "grade": grade})
            for school, grade in classes]]

    def classes(self) -> list[tuple[str, int]] | None:
        """The chosen class as (school, grade) in a list; None for every class."""
        target = self.cleaned_data["target"]
        if target == self.ALL:
            return None
        grade, school = target.split(":", 1)
        return [(school, int(grade))]


GENDERS = [("girl", _("Girl")), ("boy", _("Boy")), ("other", _("Other")),
           ("unsaid", _("I would rather not say"))]


class QuestionnaireForm(forms.Form):
    """The whole questionnaire on one page: gender, then every item as a radio group.

    Every question may be skipped (an empty answer is "not answered"), as in the paper
    survey; indicators only count a pupil who answered at least half of their items.
    """

    gender = forms.ChoiceField(label=_("Are you a girl or a boy?"), choices=GENDERS,
                               widget=forms.RadioSelect, required=False)

    def __init__(self, *args, instrument: Instrument, **kwargs):
        super().__init__(*args, **kwargs)
        labels = instrument.scale_labels()
        values = range(instrument.scale_min, instrument.scale_max + 1)
        choices = [(str(v), label) for v, label in zip(values, labels, strict=True)]
        self.item_codes = instrument.item_codes
        for number, item in enumerate(instrument.items, start=1):
            self.fields[f"item_{item['code']}"] = forms.TypedChoiceField(
                label=f"{number}. {localised(item['text'])}", choices=choices, coerce=int,
                widget=forms.RadioSelect, required=False, empty_value=None,
            )

    def gender_value(self) -> str:
        """The gender as stored: empty when the pupil would rather not say or skipped."""
        value = self.cleaned_data.get("gender") or ""
        return "" if value == "unsaid" else value

    def answers(self) -> dict[str, int | None]:
        return {code: self.cleaned_data.get(f"item_{code}") for code in self.item_codes}


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{localised(obj.instrument.name)}: {localised(obj.name)}"


class IndicatorGoalForm(forms.Form):
    track = forms.ModelChoiceField(label=_("Track"), queryset=None)
    indicator = IndicatorChoiceField(label=_("Indicator"), queryset=None)
    measure = forms.ChoiceField(label=_("Goal"), choices=GoalMeasure.choices)
    target = forms.FloatField(label=_("Target"), help_text=_(
        "A score on the scale for a mean; a share from 0 to 1 (0.05 = 5 %) for a share."))
    baseline_year = forms.IntegerField(label=_("Baseline year"), min_value=1990,
                                       max_value=2200)
    by_year = forms.IntegerField(label=_("By year"), min_value=1990, max_value=2200)

    def __init__(self, *args, initiative, **kwargs):
        from rygrad.agenda.models import Track

        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = Track.objects.for_initiative(initiative)
        self.fields["indicator"].queryset = Indicator.objects.for_initiative(
            initiative).select_related("instrument")

    @staticmethod
    def initial_from(goal) -> dict:
        """The form's values for editing `goal` (the same fields as setting one)."""
        return {name: getattr(goal, name) for name in
                ("track", "indicator", "measure", "target", "baseline_year", "by_year")}
