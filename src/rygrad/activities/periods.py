"""The period the timeline covers: the years chosen in the address (`?year_from=&year_to=`,
a plain GET form), by default the initiative's active years — from the year it started
(or its first activity) to this year, or to the last year an activity is planned to start
in if that is later."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.db.models import Max, Min, Q
from django.utils.translation import gettext_lazy as _

from .models import Activity


@dataclass(frozen=True)
class Period:
    first: int
    last: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.first, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.last, 12, 31)


class PeriodForm(forms.Form):
    year_from = forms.TypedChoiceField(label=_("From year"), coerce=int)
    year_to = forms.TypedChoiceField(label=_("To year"), coerce=int)

    def __init__(self, *args, years: range, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(year, str(year)) for year in years]
        self.fields["year_from"].choices = choices
        self.fields["year_to"].choices = choices

    def clean(self):
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None and first > last:
            self.add_error("year_to", _("The last year is before the first year."))
        return data


def timeline_period(*, initiative, query, today: dt.date) -> tuple[PeriodForm, Period]:
    """The form as the page shows it and the period to draw. A year left out of `query`
    is the default's; a year that is not valid is named on the form and the default's
    is used instead."""
    span = Activity.objects.for_initiative(initiative).aggregate(
        first=Min("starts_on"), last_start=Max("starts_on"), last_end=Max("ends_on"))
    first_activity = span["first"].year if span["first"] else today.year
    started = initiative.started_on.year if initiative.started_on else first_activity
    default = Period(first=started,
                     last=max(today.year, span["last_start"].year if span["last_start"]
                              else today.year))
    years = range(min(started, first_activity),
                  max(default.last, span["last_end"].year if span["last_end"] else 0) + 1)
    data = {"year_from": query.get("year_from") or str(default.first),
            "year_to": query.get("year_to") or str(default.last)}
    form = PeriodForm(data, years=years)
    form.is_valid()
    chosen = form.cleaned_data
    period = Period(first=chosen.get("year_from", default.first),
                    last=chosen.get("year_to", default.last))
    if period.first > period.last:
        period = default
    return form, period


def activities_within(activities, period: Period):
    """The activities that run at some time in the period."""
    return activities.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period.start),
                             starts_on__lte=period.end)
