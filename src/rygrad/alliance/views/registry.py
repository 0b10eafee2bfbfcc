"""The alliance as a whole: who is in it on a date, members by sector over time, imports."""

from __future__ import annotations

import altair as alt
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rygrad.core.charts import PALETTE, render_svg
from rygrad.core.exports import Table, query_without_format
from rygrad.core.views import initiative_view
from rygrad.initiatives.views import as_of_date

from .. import selectors
from ..forms import ImportForm, OverviewFilterForm
from ..importing import alliance_import
from ..models import Sector
from .common import export_or_none

SECTOR_COLOURS = [*PALETTE, "#2f6f6f", "#6b4c2a"]


@initiative_view("alliance.view")
def overview(request, slug):
    """The alliance group as of a date (default today), grouped by sector, with filters."""
    at, date_error = as_of_date(request)
    form = OverviewFilterForm(request.GET or None)
    form.is_valid()  # a bad value in the address is ignored; the valid filters still apply
    filters = getattr(form, "cleaned_data", {})
    seats = list(selectors.memberships_at(
        initiative=request.initiative, at=at, sector=filters.get("sector", ""),
        role=filters.get("role", "")))

    def table():
        return Table(
            title=_("Alliance %(date)s") % {"date": at.isoformat()},
            columns=[_("Sector"), _("Organisation"), _("Person"), _("Role"), _("From"),
                     _("To")],
            rows=[[s.organisation.get_sector_display(), s.organisation.name, s.person.name,
                   s.get_role_display(), s.started_on, s.ended_on] for s in seats],
        )

    export = export_or_none(request, table)
    if export:
        return export
    people = {s.person_id for s in seats}
    return render(request, "alliance/overview.html", {
        "at": at, "date_error": date_error, "form": form, "seats": seats,
        "people_count": len(people),
        "sector_count": len({s.organisation.sector for s in seats}),
        "is_today": at == timezone.localdate(), "query": query_without_format(request),
    })


@initiative_view("alliance.view")
def over_time(request, slug):
    """Members per sector at every year end, as a stacked bar chart and the same table."""
    today = timezone.localdate()
    years = selectors.members_by_sector_over_time(initiative=request.initiative, until=today)
    sectors = [(value, str(label)) for value, label in Sector.choices]
    shown = [(v, label) for v, label in sectors if any(y.by_sector[v] for y in years)]

    def table():
        return Table(
            title=_("Members by sector"),
            columns=[_("Date"), *[label for _v, label in shown], _("Members in all")],
            rows=[[y.on, *[y.by_sector[v] for v, _l in shown], y.total] for y in years],
        )

    export = export_or_none(request, table)
    if export:
        return export
    svg = _chart(years, shown) if years else ""
    return render(request, "alliance/over_time.html", {
        "years": years, "shown": shown, "svg": svg,
        "rows": [(y, [y.by_sector[v] for v, _l in shown]) for y in years],
    })


def _chart(years, shown) -> str:
    labels = [label for _v, label in shown]
    values = [
        {"date": date_format(y.on, "SHORT_DATE_FORMAT"), "order": index, "sector": label,
         "stack": position, "members": y.by_sector[value]}
        for index, y in enumerate(years) for position, (value, label) in enumerate(shown)
    ]
    title = _("Members of the alliance group by sector, at each year end")
    chart = (
        alt.Chart(alt.Data(values=values), title=title)
        .mark_bar()
        .encode(
            x=alt.X("date:O", title=_("Date"), sort=alt.SortField("order")),
            y=alt.Y("members:Q", title=_("Members"), stack="zero"),
            color=alt.Color("sector:N", title=_("Sector"),
                            scale=alt.Scale(domain=labels, range=SECTOR_COLOURS[:len(labels)]),
                            legend=alt.Legend(labelLimit=320)),
            # Stack in the legend's order, the first sector at the bottom.
            order=alt.Order("stack:Q"),
        )
        .properties(width=480, height=280)
    )
    return render_svg(chart, title=title, description=_(
        "Bars of the members at each year end, stacked by sector. The table beside the chart "
        "holds the same numbers."))


@initiative_view("alliance.import")
def import_spreadsheet(request, slug):
    """Upload organisations or people; all or nothing, with every problem named."""
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = alliance_import(initiative=request.initiative, data=upload.read(),
                                 filename=upload.name, kind=form.cleaned_data["kind"])
        if result.ok:
            messages.success(request, _(
                "Imported: %(created)s created, %(updated)s updated, %(memberships)s memberships "
                "added or changed.") % {"created": result.created, "updated": result.updated,
                                        "memberships": result.memberships})
            return redirect("alliance:import", slug=slug)
    return render(request, "alliance/import.html", {
        "form": form, "result": result, "sectors": Sector.choices})
