"""The activity overview's filters and its table — the same rows on the page, in the CSV,
the Excel file and the Word document."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rygrad.core.exports import Table

from .forms import NO_TRACK, FilterForm
from .models import Recurrence, Setting, Stage, TargetAge
from .selectors import ActivityFilter, overview_rows


def parse_filters(request) -> tuple[FilterForm, ActivityFilter]:
    """Read the GET filters. A value that is not valid is shown on the form and not
    applied; the other filters still are."""
    form = FilterForm(request.GET or None, initiative=request.initiative)
    if not form.is_bound:
        return form, ActivityFilter()
    form.is_valid()
    data = form.cleaned_data
    track = data.get("track") or ""
    return form, ActivityFilter(
        track=int(track) if track.isdigit() else None, no_track=track == NO_TRACK,
        stage=data.get("stage") or "",
        driver=data["driver"].pk if data.get("driver") else None,
        backbone=bool(data.get("backbone")),
        q=(data.get("q") or "").strip())


def filter_description(form: FilterForm) -> str:
    """The filters in words, for the page and the Word document."""
    if not form.is_bound:
        return _("All activities.")
    form.is_valid()
    data = form.cleaned_data
    parts = []
    if data.get("track"):
        parts.append(_("track: %(value)s") % {"value": dict(form.fields["track"].choices)[
            data["track"]]})
    if data.get("stage"):
        parts.append(_("stage: %(value)s") % {"value": dict(form.fields["stage"].choices)[
            data["stage"]]})
    if data.get("driver"):
        parts.append(_("driver: %(value)s") % {"value": data["driver"]})
    if data.get("backbone"):
        parts.append(_("driven by the secretariat"))
    if data.get("q"):
        parts.append(_("search: “%(value)s”") % {"value": data["q"]})
    if not parts:
        return _("All activities.")
    return _("Activities with %(filters)s.") % {"filters": "; ".join(str(p) for p in parts)}


def overview_table(activities) -> Table:
    """`activities`: the filtered queryset; every row of it is exported. Labels are looked
    up once, not per row, so 20,000 rows take seconds."""
    columns = [_("Title"), _("Tracks"), _("Stage"), _("Driver"), _("Partners"),
               _("Starts on"), _("Ends on"), _("Recurrence"), _("Age groups"),
               pgettext("where an activity takes place", "Settings")]
    stages, recurrences, ages, places = (
        {value: str(label) for value, label in choices.choices}
        for choices in (Stage, Recurrence, TargetAge, Setting))
    rows = [[
        a["title"], ", ".join(a["track_names"]), stages[a["stage"]], a["driver__name"],
        ", ".join(a["partner_names"]), a["starts_on"], a["ends_on"],
        recurrences[a["recurrence"]], ", ".join(ages.get(v, v) for v in a["age_groups"]),
        ", ".join(places.get(v, v) for v in a["settings"]),
    ] for a in overview_rows(activities)]
    return Table(title=_("Activity overview"), columns=columns, rows=rows)
