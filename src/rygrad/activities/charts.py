"""Charts of the activities pages (Altair → SVG on the server) and the tables shown beside
them with the same numbers."""

from __future__ import annotations

import datetime as dt

import altair as alt
from django.template.loader import render_to_string
from django.utils.formats import date_format, number_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rygrad.core.charts import PALETTE, RENDERED_FOR_SECONDS, render_svg_of
from rygrad.core.exports import Table
from rygrad.core.freshness import kept
from rygrad.core.signals import Unit

from .models import Stage

TIMELINE_LIMIT = 150
STAGE_COLOURS = {Stage.PROPOSED: PALETTE[5], Stage.TRIAL: PALETTE[4],
                 Stage.RUNNING: PALETTE[0], Stage.ANCHORED: PALETTE[2],
                 Stage.STOPPED: PALETTE[6]}


def _date_label(at: dt.date) -> str:
    return str(at.year) if (at.month, at.day) == (12, 31) else date_format(at, "SHORT_DATE_FORMAT")


def timeline_table(activities, *, today: dt.date) -> Table:
    rows = [[a.title, a.get_stage_display(), a.starts_on, a.ends_on or today]
            for a in activities]
    return Table(title=_("Timeline"), columns=[_("Activity"), _("Stage"), _("From"), _("To")],
                 rows=rows)


def timeline_table_html(table: Table) -> str:
    """The timeline's table as HTML, written once for the same rows in the same language:
    150 rows of dates are most of the page's work."""
    return mark_safe(kept(  # noqa: S308 - written by the template, which escapes
        "activities.timeline-table", [get_language(), table.title, table.rows],
        lambda: str(render_to_string("activities/_timeline_table.html", {"table": table})),
        seconds=RENDERED_FOR_SECONDS))


def timeline_svg(table: Table, *, start: dt.date, end: dt.date) -> str:
    """One bar per row of the table, cut to the period from `start` to `end`."""
    labels = dict(Stage.choices)
    data = [{"activity": row[0], "stage": str(row[1]),
             "from": max(row[2], start).isoformat(), "to": min(row[3], end).isoformat()}
            for row in table.rows]

    def build():
        domain = [alt.DateTime(year=start.year, month=start.month, date=start.day),
                  alt.DateTime(year=end.year, month=end.month, date=end.day)]
        return alt.Chart(alt.Data(values=data)).mark_bar(height=8).encode(
            x=alt.X("from:T", title=None, scale=alt.Scale(domain=domain)), x2="to:T",
            y=alt.Y("activity:N", sort=None, title=None),
            color=alt.Color("stage:N", title=_("Stage"), scale=alt.Scale(
                domain=[str(labels[s]) for s in STAGE_COLOURS],
                range=list(STAGE_COLOURS.values()))),
        ).properties(width=760, height=max(60, 16 * len(data)))

    shape = ["activities.timeline", get_language(), data, start, end]
    return render_svg_of(shape, build, title=str(table.title), description=_(
        "One bar for each activity, from its start to its end (or today), coloured by its "
        "stage now. The table below holds the same activities with their dates."))


def _display(value) -> str:
    return value.display


def signal_tables(series, dates) -> tuple[Table, Table]:
    """Two tables, one row per date: the share signals (in %) and the other signals."""
    heads = [_date_label(at) for at in dates]
    shares = [(s, values) for s, values in series if s.unit == Unit.SHARE]
    others = [(s, values) for s, values in series if s.unit != Unit.SHARE]

    def table(title, chosen):
        return Table(title=title, columns=[_("Year"), *[str(s.label) for s, _v in chosen]],
                     rows=[[head, *[_display(values[i]) for _s, values in chosen]]
                           for i, head in enumerate(heads)])

    return (table(_("Shares at each year end"), shares),
            table(_("Counts and days at each year end"), others))


def signals_svg(series, dates) -> str:
    """The share signals over time, one line each."""
    data = [{"signal": str(s.label), "at": _date_label(at), "value": v.value * 100}
            for s, values in series if s.unit == Unit.SHARE
            for at, v in zip(dates, values, strict=True) if v.value is not None]

    def build():
        return alt.Chart(alt.Data(values=data)).mark_line(point=True).encode(
            x=alt.X("at:O", title=None, sort=None),
            y=alt.Y("value:Q", title="%", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("signal:N", title=None, scale=alt.Scale(range=PALETTE)),
        ).properties(width=480, height=240)

    return render_svg_of(["activities.signals", get_language(), data], build,
                         title=_("Shares at each year end"), description=_(
        "One line for each share, in per cent at each year end. The table beside the chart "
        "holds the same numbers."))


def commitment_table(rows) -> Table:
    from rygrad.alliance.models import Sector

    sectors = dict(Sector.choices)
    return Table(
        title=_("Commitments by year and sector"),
        columns=[_("Year"), _("Sector"), _("Hours"), _("DKK")],
        rows=[[r["year"], (_("Backbone secretariat") if r["backbone"]
                           else str(sectors.get(r["sector"], r["sector"]))),
               number_format(r["hours"], decimal_pos=0, force_grouping=True),
               number_format(r["money"], decimal_pos=0, force_grouping=True)] for r in rows])


def commitments_svg(rows) -> str:
    from rygrad.alliance.models import Sector

    sectors = dict(Sector.choices)
    data = [{"year": str(r["year"]), "hours": float(r["hours"]),
             "sector": str(_("Backbone secretariat")) if r["backbone"]
             else str(sectors.get(r["sector"], r["sector"]))} for r in rows]

    def build():
        return alt.Chart(alt.Data(values=data)).mark_bar().encode(
            x=alt.X("year:O", title=None), y=alt.Y("sum(hours):Q", title=_("Hours")),
            color=alt.Color("sector:N", title=_("Sector"), scale=alt.Scale(range=PALETTE)),
        ).properties(width=420, height=220)

    return render_svg_of(["activities.commitments", get_language(), data], build,
                         title=_("Committed hours by year and sector"), description=_(
        "Bars of the hours committed each year, stacked by sector. The table beside the "
        "chart holds the same numbers, and the money committed."))
