"""The measurement app's signals: is the survey reaching the pupils, which changes are
real, and how many children are in the lowest band."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from rygrad.core.signals import Condition, SignalLink, Unit, register_signal

from .models import Wave

# The selectors (pandas, pyarrow) are imported inside the signals: every process loads
# this module at start-up (`rygrad help` included) and most never evaluate one. The
# signals read what each release stored when it was published: no statistic, and no
# DuckDB, per dashboard.


def _latest_waves(initiative, at: dt.date):
    """Published waves up to the year of `at`, newest first (drafts count nowhere)."""
    return list(Wave.objects.for_initiative(initiative).select_related("instrument")
                .filter(year__lte=at.year).exclude(release_token="")
                .order_by("-year", "pk"))


@register_signal(
    "measurement.response_rate", label=_("Response rate of the latest survey wave"),
    condition=Condition.MEASUREMENT, unit=Unit.SHARE, threshold=0.8, warn_above=False,
    link=SignalLink("measurement:overview", "measurement.view"),
    explanation=_("Share of the pupils in the registered population who answered the latest "
                  "wave. Below 80 %, the results may not speak for all children."),
)
def response_rate(initiative, at, **filters):
    # The latest published wave only: an older wave's rate would speak for the wrong year.
    # Its rate is shown only when every answering class is registered (a partial sum
    # could give a hidden class's count away).
    from .selectors import wave_response_rate

    for wave in _latest_waves(initiative, at)[:1]:
        rate = wave_response_rate(wave=wave, released=True)
        return None if rate is None else round(rate, 4)
    return None


@register_signal(
    "measurement.significant_changes",
    label=_("Indicators with a statistically supported change since the previous wave"),
    condition=Condition.POPULATION, unit=Unit.COUNT, settable=False,  # up or down alike
    link=SignalLink("measurement:overview", "measurement.view"),
    explanation=_("Indicators (all pupils together) whose mean or share of low scores changed "
                  "between the two latest waves, up or down, with a Benjamini-Hochberg "
                  "q-value below 0.05. Other differences may be chance."),
)
def significant_changes(initiative, at, **filters):
    from .selectors import change_table

    years: dict[int, list[int]] = {}
    instruments = {}
    for wave in _latest_waves(initiative, at):
        years.setdefault(wave.instrument_id, []).append(wave.year)
        instruments[wave.instrument_id] = wave.instrument
    compared = [(instruments[pk], ys) for pk, ys in years.items() if len(ys) >= 2]
    if not compared:
        return None
    count = 0
    for instrument, ys in compared:
        table = change_table(initiative=initiative, instrument=instrument, year_from=ys[1],
                             year_to=ys[0], by=[])
        count += int((table["significant"] | table["share_significant"]).sum())
    return count


@register_signal(
    "measurement.lowest_band_share",
    label=_("Pupils in the lowest band (1.0–2.0) of at least one indicator"),
    condition=Condition.POPULATION, unit=Unit.SHARE, threshold=0.10,
    link=SignalLink("measurement:overview", "measurement.view"),
    explanation=_("Share of pupils in the latest wave of a 1–5 scale whose score on at least "
                  "one indicator is 2.0 or lower: the children the alliance most needs to "
                  "reach."),
)
def lowest_band_share(initiative, at, **filters):
    # Counted when the wave was published (selectors.lowest_band), never per request.
    from .selectors import lowest_band, min_group_size

    for wave in _latest_waves(initiative, at):
        definition = wave.instrument.definition
        if (definition["scale"]["min"], definition["scale"]["max"]) != (1, 5):
            continue
        counts = lowest_band(wave=wave)
        if counts is None or counts["scored"] < min_group_size(initiative):
            return None
        return round(counts["low"] / counts["scored"], 4)
    return None
