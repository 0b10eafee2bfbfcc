"""Helpers shared by the measurement views."""

from __future__ import annotations

import pandas as pd
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from rygrad.core.exports import Table, table_response
from rygrad.measurement.models import Instrument, localised
from rygrad.measurement.output import frame_rows, plain


def instrument_or_404(request, pk: int) -> Instrument:
    return get_object_or_404(Instrument.objects.for_initiative(request.initiative), pk=pk)


def indicator_names(instrument: Instrument) -> dict[str, str]:
    return {ind["slug"]: localised(ind["name"]) for ind in instrument.definition["indicators"]}


def scale_domain(instrument: Instrument) -> tuple[float, float]:
    return float(instrument.scale_min), float(instrument.scale_max)


def _headers() -> dict[str, str]:
    """Column headers of the measurement exports, in the user's language."""
    return {
        "year": _("Year"), "school": _("School"), "grade": _("Grade"), "gender": _("Gender"),
        "indicator": _("Indicator"), "n": _("Respondents"), "mean": _("Mean"),
        "ci_low": _("95% interval, low"), "ci_high": _("95% interval, high"),
        "share_low": _("Share low (%)"), "share_low_ci_low": _("Share low, interval low (%)"),
        "share_low_ci_high": _("Share low, interval high (%)"), "suppressed": _("Hidden"),
        "n_from": _("Respondents before"), "n_to": _("Respondents after"),
        "mean_from": _("Mean before"), "mean_to": _("Mean after"), "diff": _("Difference"),
        "p_value": _("p-value"), "q_value": _("q-value"),
        "significant": _("Supported change of mean"),
        "share_low_from": _("Share low before (%)"), "share_low_to": _("Share low after (%)"),
        "share_p_value": _("p-value of share"), "share_q_value": _("q-value of share"),
        "share_significant": _("Supported change of share"),
    }


MEANS = {"mean", "ci_low", "ci_high", "mean_from", "mean_to", "diff"}
SHARES = {"share_low", "share_low_ci_low", "share_low_ci_high", "share_low_from",
          "share_low_to"}
TESTS = {"p_value", "q_value", "share_p_value", "share_q_value"}


def _report_value(column: str, value, names: dict[str, str]):
    """A number rounded to what the statistics support: means to 2 decimals, shares as
    per cent to 1, p- and q-values to 3 (never 0: below 0.001 stays 0.001 or less). A
    yes/no value stays a bool: the writer says it in words (core.exports)."""
    value = plain(value)
    if value is None:
        return None
    if column == "indicator":
        return names.get(value, value)
    if column in MEANS:
        return round(float(value), 2)
    if column in SHARES:
        return round(float(value) * 100, 1)
    if column in TESTS:
        return round(float(value), 3) if value >= 0.001 else float(f"{value:.1e}")
    if column == "gender" and value == "":
        return _("not given")
    return value


def export(frame: pd.DataFrame, columns: list[str], *, title: str, fmt: str,
           names: dict[str, str] | None = None):
    """The page's rows as CSV or Excel for a report: headers and indicator names in the
    user's language, numbers rounded (the CLI keeps the machine format)."""
    headers = _headers()
    rows = [[_report_value(c, v, names or {}) for c, v in zip(columns, row, strict=True)]
            for row in frame_rows(frame, columns)]
    return table_response(Table(title=title, columns=[headers.get(c, c) for c in columns],
                                rows=rows), fmt)


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
