"""Helpers shared by the measurement views."""

from __future__ import annotations

import pandas as pd
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from rygrad.core.exports import Table, table_response
from rygrad.measurement.models import Instrument, localised
from rygrad.measurement.output import frame_rows


def instrument_or_404(request, pk: int) -> Instrument:
    return get_object_or_404(Instrument.objects.for_initiative(request.initiative), pk=pk)


def indicator_names(instrument: Instrument) -> dict[str, str]:
    return {ind["slug"]: localised(ind["name"]) for ind in instrument.definition["indicators"]}


def scale_domain(instrument: Instrument) -> tuple[float, float]:
    return float(instrument.scale_min), float(instrument.scale_max)


def export(frame: pd.DataFrame, columns: list[str], *, title: str, fmt: str):
    """The page's rows as CSV or Excel, with the same columns as the CLI writes."""
    return table_response(Table(title=title, columns=columns, rows=frame_rows(frame, columns)),
                          fmt)


def records(frame: pd.DataFrame, names: dict[str, str]) -> list[dict]:
    """Rows for templates, each with the indicator's name in the current language."""
    rows = frame.to_dict("records")
    for row in rows:
        row["indicator_name"] = names.get(row.get("indicator"), row.get("indicator"))
    return rows


def q_text(q) -> str:
    """A q-value to three decimals; "< 0.001" below that, never "0.000"."""
    from django.utils.formats import number_format

    if q is None or q != q:
        return "–"
    if q < 0.001:
        return f"< {number_format(0.001, decimal_pos=3)}"
    return number_format(q, decimal_pos=3)


def change_sentence(row: dict, names: dict[str, str]) -> str:
    """Plain words for one change: only a supported change is called a change."""
    from django.utils.formats import number_format

    q = row["q_value"]
    values = {"indicator": names.get(row["indicator"], row["indicator"]),
              "before": number_format(row["mean_from"], decimal_pos=2),
              "after": number_format(row["mean_to"], decimal_pos=2),
              "q": q_text(q)}
    if row["significant"]:
        if row["diff"] > 0:
            return _("%(indicator)s rose from %(before)s to %(after)s: a statistically "
                     "supported change (q = %(q)s).") % values
        return _("%(indicator)s fell from %(before)s to %(after)s: a statistically "
                 "supported change (q = %(q)s).") % values
    return _("%(indicator)s: %(before)s and %(after)s – no statistically supported change; "
             "the difference may be chance (q = %(q)s).") % values


def chart_table(rows: list[dict], *, group: str, group_label: str, caption: str,
                name_key: str | None = None) -> Table:
    """The numbers of a chart, for the table beside it (suppressed groups say so)."""
    from django.utils.formats import number_format

    def fmt(value):
        return "–" if value is None or value != value else number_format(value, decimal_pos=2)

    columns = [group_label, *([_("Indicator")] if name_key else []), _("Respondents"),
               _("Mean"), _("95% interval")]
    table_rows = []
    for row in rows:
        label = row[group] if row[group] not in ("", None) else "–"
        extra = [row[name_key]] if name_key else []
        if row["suppressed"]:
            table_rows.append([label, *extra, _("hidden"), _("hidden"), _("hidden")])
        else:
            table_rows.append([label, *extra, row["n"], fmt(row["mean"]),
                               f"{fmt(row['ci_low'])}–{fmt(row['ci_high'])}"])
    return Table(title=caption, columns=columns, rows=table_rows)


def withheld_text(reason: str, initiative) -> str:
    """Why a response count is not shown, in words."""
    from rygrad.measurement.selectors import (
        FEWER_THAN_K,
        HIDDEN,
        NOT_PUBLISHED,
        min_group_size,
    )

    if reason == FEWER_THAN_K:
        return _("fewer than %(k)s") % {"k": min_group_size(initiative)}
    if reason == HIDDEN:
        return _("hidden")
    if reason == NOT_PUBLISHED:
        return _("not published yet")
    return ""
