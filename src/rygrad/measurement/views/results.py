"""Results pages for alliance members: overview, trends, breakdowns and changes.

Every number comes from `selectors.group_table`/`change_table`, so pages, charts and
exports show the same disclosure-controlled rows.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from rygrad.core.exports import requested_format
from rygrad.core.views import initiative_view
from rygrad.measurement import charts, selectors
from rygrad.measurement.analytics import CHANGE_COLUMNS, GROUP_COLUMNS
from rygrad.measurement.forms import BREAKDOWNS, BreakdownFilter, ChangeFilter
from rygrad.measurement.models import localised
from rygrad.measurement.statements import lead_statements

from .common import (
    change_sentence,
    chart_table,
    export,
    indicator_names,
    instrument_or_404,
    records,
    scale_domain,
)

LABELS = dict(BREAKDOWNS)


def _summary(initiative, instrument, years):
    """The overall change between the two latest years, in words."""
    if len(years) < 2:
        return []
    table = selectors.change_table(initiative=initiative, instrument=instrument,
                                   year_from=years[-2], year_to=years[-1], by=[])
    names = indicator_names(instrument)
    return [{"text": change_sentence(row, names), "row": row}
            for row in table.to_dict("records")]


@initiative_view("measurement.view")
def overview(request, slug):
    """Instruments, their waves with response rates, and what changed lately."""
    initiative = request.initiative
    can_manage = request.actor.can("measurement.manage")
    waves = list(selectors.waves_for(initiative=initiative))
    rates = selectors.wave_rates(initiative=initiative) if can_manage else {}
    released = {} if can_manage else selectors.released_rates(initiative=initiative,
                                                              waves=waves)
    instruments = []
    for instrument in selectors.instruments_for(initiative=initiative):
        own = [w for w in waves if w.instrument_id == instrument.pk]
        years = [w.year for w in own if w.release_token]
        rows = []
        for wave in reversed(own):
            if can_manage:  # the live counts, to follow up with classes
                rows.append({"wave": wave, "count": wave.response_count,
                             "rate": rates.get(wave.pk)})
            else:
                count, rate = released[wave.pk]
                rows.append({"wave": wave, "count": count, "rate": rate})
        instruments.append({
            "instrument": instrument, "waves": rows, "years": years,
            "summary": _summary(initiative, instrument, years),
        })
    return render(request, "measurement/overview.html", {
        "instruments": instruments, "can_manage": can_manage,
        "k": selectors.min_group_size(initiative),
    })


@initiative_view("measurement.view")
def trends(request, slug, pk):
    """Each indicator over the years: mean with its 95% interval, share low, bands."""
    instrument = instrument_or_404(request, pk)
    table = selectors.group_table(initiative=request.initiative, instrument=instrument,
                                  by=["year"])
    fmt = requested_format(request)
    if fmt:
        return export(table, ["year", *GROUP_COLUMNS], title=f"{instrument.slug}-trends",
                      fmt=fmt, names=indicator_names(instrument))
    names = indicator_names(instrument)
    table["indicator_name"] = table["indicator"].map(names)
    years = selectors.years_with_answers(initiative=request.initiative, instrument=instrument)
    title = _("Indicators of %(instrument)s by year") % {"instrument": instrument}
    rows = records(table, names)
    return render(request, "measurement/trends.html", {
        "instrument": instrument, "rows": rows,
        "chart_table": chart_table(rows, group="year", group_label=_("Year"), caption=title,
                                   name_key="indicator_name"),
        "chart": charts.trend_svg(table, title=title, y_title=_("Mean score"),
                                  domain=scale_domain(instrument)),
        "chart_title": title, "summary": _summary(request.initiative, instrument, years),
        "has_bands": (instrument.scale_min, instrument.scale_max) == (1, 5),
        "k": selectors.min_group_size(request.initiative),
        "group_keys": ["year"], "group_labels": [_("Year")],
    })


@initiative_view("measurement.view")
def breakdown(request, slug, pk):
    """One year broken down by school, grade and/or gender, with a chart of one indicator."""
    instrument = instrument_or_404(request, pk)
    names = indicator_names(instrument)
    years = selectors.years_with_answers(initiative=request.initiative, instrument=instrument)
    form = BreakdownFilter(request.GET or None, years=years, indicators=list(names.items()))
    valid = form.is_valid() if request.GET else False
    data = form.cleaned_data if valid else {}
    year = data.get("year") or (years[-1] if years else None)
    by = (data.get("by") or "school").split(",")
    indicator = data.get("indicator") or next(iter(names), None)
    table = selectors.group_table(initiative=request.initiative, instrument=instrument,
                                  by=["year", *by], years=[year] if year else [])
    if data.get("school") and "school" in by:
        table = table[table["school"].str.contains(data["school"], case=False, regex=False)]
    fmt = requested_format(request)
    if fmt:
        return export(table, ["year", *by, *GROUP_COLUMNS],
                      title=f"{instrument.slug}-{year}-{'-'.join(by)}", fmt=fmt, names=names)
    chart = None
    title = ""
    if len(by) == 1 and indicator:
        title = _("%(indicator)s by %(group)s, %(year)s") % {
            "indicator": names.get(indicator, indicator), "group": dict(
                form.fields["by"].choices).get(by[0], by[0]).lower(), "year": year}
        chart = charts.breakdown_svg(table[table["indicator"] == indicator], group=by[0],
                                     title=title, x_title=_("Mean score"),
                                     domain=scale_domain(instrument))
    rows = records(table, names)
    if chart:
        chart_rows = [r for r in rows if r["indicator"] == indicator]
        chart = {"svg": chart, "table": chart_table(
            chart_rows, group=by[0], group_label=dict(BREAKDOWNS).get(by[0], by[0]),
            caption=title)}
    if not request.GET:
        form = BreakdownFilter(initial={"year": year, "by": ",".join(by),
                                        "indicator": indicator},
                               years=years, indicators=list(names.items()))
    return render(request, "measurement/breakdown.html", {
        "instrument": instrument, "form": form, "by": by, "year": year,
        "rows": rows, "chart": chart, "chart_title": title,
        "query": request.GET.urlencode(), "k": selectors.min_group_size(request.initiative),
        "has_bands": (instrument.scale_min, instrument.scale_max) == (1, 5),
        "invalid": bool(request.GET) and not valid,
        "group_keys": by, "group_labels": [LABELS.get(b, b) for b in by],
    })


@initiative_view("measurement.view")
def changes(request, slug, pk):
    """Change between two years per group, with q-values; only supported changes are
    coloured or called changes."""
    instrument = instrument_or_404(request, pk)
    names = indicator_names(instrument)
    years = selectors.years_with_answers(initiative=request.initiative, instrument=instrument)
    form = ChangeFilter(request.GET or None, years=years)
    valid = form.is_valid() if request.GET else False
    data = form.cleaned_data if valid else {}
    year_to = data.get("year_to") or (years[-1] if years else None)
    year_from = data.get("year_from") or (years[-2] if len(years) >= 2 else None)
    by = [part for part in (data.get("by") or "").split(",") if part]
    rows, table = [], None
    if year_from and year_to and year_from < year_to:
        table = selectors.change_table(initiative=request.initiative, instrument=instrument,
                                       year_from=year_from, year_to=year_to, by=by)
        if data.get("only_significant"):
            table = table[table["significant"] | table["share_significant"]]
        fmt = requested_format(request)
        if fmt:
            return export(table, [*by, *CHANGE_COLUMNS],
                          title=f"{instrument.slug}-{year_from}-{year_to}", fmt=fmt,
                          names=names)
        rows = records(table, names)
        for row in rows:
            row["sentence"] = change_sentence(row, names)
    if not request.GET:
        form = ChangeFilter(initial={"year_from": year_from, "year_to": year_to}, years=years)
    return render(request, "measurement/changes.html", {
        "instrument": instrument, "form": form, "by": by, "rows": rows,
        "year_from": year_from, "year_to": year_to, "query": request.GET.urlencode(),
        "invalid": bool(request.GET) and not valid, "enough_years": len(years) >= 2,
        "group_keys": by, "group_labels": [LABELS.get(b, b) for b in by],
        "instrument_name": localised(instrument.name),
    })


@initiative_view("measurement.view_public")
def public_results(request, slug):
    """For everyone: a plain statement per indicator about the latest year and its change
    (no q-values: those are on the detailed pages), then each indicator by year."""
    sections = []
    for instrument in selectors.instruments_for(initiative=request.initiative):
        years = selectors.years_with_answers(initiative=request.initiative,
                                             instrument=instrument)
        if not years:
            continue
        table = selectors.group_table(initiative=request.initiative, instrument=instrument,
                                      by=["year"])
        names = indicator_names(instrument)
        table["indicator_name"] = table["indicator"].map(names)
        rows = records(table, names)
        title = _("Indicators of %(instrument)s by year") % {"instrument": instrument}
        sections.append({
            "instrument": instrument, "title": title,
            "chart": charts.trend_svg(table, title=title, y_title=_("Mean score"),
                                      domain=scale_domain(instrument)),
            "table": chart_table(rows, group="year", group_label=_("Year"), caption=title,
                                 name_key="indicator_name"),
            "statements": lead_statements(initiative=request.initiative,
                                          instrument=instrument, years=years),
            "years": years,
        })
    return render(request, "measurement/public.html", {
        "sections": sections, "k": selectors.min_group_size(request.initiative)})
