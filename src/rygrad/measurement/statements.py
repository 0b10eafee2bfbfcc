"""Plain statements for the public results page: one per indicator, true under the
statistics.

The public reads the first sentence and stops, so that sentence must say only what the
published numbers support: the share in the lowest band with its 95 % interval, for the
grades that answered, and whether it changed since the previous published wave — "no
statistically supported change" unless the share's change test (with the Benjamini-Hochberg
q-value behind it) says otherwise. q-values themselves stay on the detailed pages. Every
number comes from the released tables (`group_table`/`change_table`), so a hidden group is
never described, and a whole year below k says so instead of giving a number.

Rygrad's indicators are scored so that a higher score is better (items that point the other
way are reverse-coded in the instrument), and the lowest band is the pupils at or below the
indicator's threshold; the statements say both in words.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from rygrad.core.freshness import kept

from .models import Instrument, localised
from .selectors import change_table, group_table, release_tokens


@dataclass(frozen=True)
class Statement:
    indicator: str
    name: str
    lead: str  # the share in the lowest band and its change, or why there is no number
    mean: str  # the mean score, the scale and its direction
    change: int | None = None  # +1 supported rise of the share, -1 fall, 0 none, None n/a


def _pct(value: float) -> str:
    return number_format(round(float(value) * 100), decimal_pos=0)


def _dec(value: float) -> str:
    return number_format(float(value), decimal_pos=2)


def grades_text(grades: list[int]) -> str:
    """"grades 4–9", "grade 5" or "" when no grade was given."""
    grades = sorted(set(grades))
    if not grades:
        return ""
    if len(grades) == 1:
        return _("in grade %(grade)s") % {"grade": grades[0]}
    return _("in grades %(first)s–%(last)s") % {"first": grades[0], "last": grades[-1]}


def _share_change(row: pd.Series | None, year_from: int | None) -> tuple[str, int | None]:
    if year_from is None:
        return "", None
    if row is None:
        return (_("no comparison with %(year)s can be published") % {"year": year_from},
                None)
    before = {"before": _pct(row["share_low_from"]), "year": year_from}
    if bool(row["share_significant"]):
        if row["share_low_to"] > row["share_low_from"]:
            return _("a statistically supported rise from %(before)s %% in %(year)s") \
                % before, 1
        return _("a statistically supported fall from %(before)s %% in %(year)s") \
            % before, -1
    return (_("no statistically supported change since %(year)s (%(before)s %%)") % before,
            0)


def _mean_change(row: pd.Series | None, year_from: int | None) -> str:
    if year_from is None or row is None:
        return ""
    values = {"before": _dec(row["mean_from"]), "year": year_from}
    if bool(row["significant"]):
        if row["diff"] > 0:
            return _("a statistically supported rise from %(before)s in %(year)s") % values
        return _("a statistically supported fall from %(before)s in %(year)s") % values
    return _("no statistically supported change since %(year)s (%(before)s)") % values


def lead_statements(*, initiative, instrument: Instrument, years: list[int]) -> list[Statement]:
    """One statement per indicator about the latest published year (`years`, ascending),
    compared with the year before it; [] when nothing is published. Written once per
    release and language: kept in the shared cache under the two years' release tokens."""
    if not years:
        return []
    tokens = release_tokens(initiative=initiative, instrument=instrument, years=years[-2:])
    return kept("lead-statements", [instrument.pk, tokens, get_language()],
                lambda: _lead_statements(initiative=initiative, instrument=instrument,
                                         years=years),
                seconds=STATEMENTS_FOR_SECONDS)


# A day bounds what statements of an old release occupy in the cache.
STATEMENTS_FOR_SECONDS = 24 * 60 * 60


def _lead_statements(*, initiative, instrument: Instrument,
                     years: list[int]) -> list[Statement]:
    year = years[-1]
    year_from = years[-2] if len(years) >= 2 else None
    table = group_table(initiative=initiative, instrument=instrument, by=["year"],
                        years=[year])
    by_grade = group_table(initiative=initiative, instrument=instrument,
                           by=["year", "grade"], years=[year])
    grades = grades_text([int(g) for g in by_grade["grade"].dropna().unique()])
    changes = None
    if year_from is not None:
        changes = change_table(initiative=initiative, instrument=instrument,
                               year_from=year_from, year_to=year, by=[])
    scale = {"low": instrument.scale_min, "high": instrument.scale_max}
    statements = []
    for indicator in instrument.definition["indicators"]:
        slug, name = indicator["slug"], localised(indicator["name"])
        rows = table[table["indicator"] == slug]
        if rows.empty or bool(rows.iloc[0]["suppressed"]):
            statements.append(Statement(
                indicator=slug, name=name, mean="", lead=_(
                    "In %(year)s too few pupils answered on %(indicator)s to publish a "
                    "number.") % {"year": year, "indicator": name}))
            continue
        row = rows.iloc[0]
        change_row = None
        if changes is not None:
            found = changes[changes["indicator"] == slug]
            change_row = None if found.empty else found.iloc[0]
        share_change, direction = _share_change(change_row, year_from)
        values = {
            "year": year, "share": _pct(row["share_low"]),
            "low": _pct(row["share_low_ci_low"]), "high": _pct(row["share_low_ci_high"]),
            "pupils": ngettext("the %(n)s pupil", "the %(n)s pupils", int(row["n"]))
            % {"n": number_format(int(row["n"]), force_grouping=True)},
            "grades": f" {grades}" if grades else "", "indicator": name,
            "threshold": _dec(indicator["low_threshold"]),
        }
        lead = _("In %(year)s, %(share)s %% (95 %% interval %(low)s–%(high)s %%) of "
                 "%(pupils)s who answered%(grades)s were in the lowest band on "
                 "%(indicator)s (a score of %(threshold)s or below)") % values
        lead = f"{lead}; {share_change}." if share_change else f"{lead}."
        mean = _("The mean score was %(mean)s (95 %% interval %(ci_low)s–%(ci_high)s) on "
                 "the scale from %(low)s to %(high)s, where a higher score is better") % {
            **scale, "mean": _dec(row["mean"]), "ci_low": _dec(row["ci_low"]),
            "ci_high": _dec(row["ci_high"])}
        mean_change = _mean_change(change_row, year_from)
        mean = f"{mean}; {mean_change}." if mean_change else f"{mean}."
        statements.append(Statement(indicator=slug, name=name, lead=lead, mean=mean,
                                    change=direction))
    return statements
