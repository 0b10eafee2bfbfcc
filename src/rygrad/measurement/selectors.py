"""Reads of the measurement app. Every number about children goes through
`group_table`/`change_table`: the disclosure-controlled tables each release stored when
it was published (see `stored`); nothing here computes a statistic."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.db.models import Count, Exists, Max, OuterRef, Q, Sum

from rygrad.core.freshness import data_version, kept

from .analytics.changes import CHANGE_COLUMNS, check_years
from .analytics.cube import GROUP_DIMENSIONS
from .analytics.groups import EXTRA_COLUMNS, GROUP_COLUMNS, check_by, check_table_by
from .models import (
    ClassCode,
    Indicator,
    Instrument,
    PopulationCount,
    PupilCode,
    Response,
    Wave,
    normalised_code,
    pupil_code_fingerprint,
)
from .snapshots import release_counts
from .stored import release_changes, release_summary, release_table

ABSOLUTE_MIN_GROUP_SIZE = 3


def min_group_size(initiative) -> int:
    """k of the initiative's disclosure control; never below 3 whatever is stored."""
    return max(ABSOLUTE_MIN_GROUP_SIZE, int(initiative.min_group_size or 0))


def instruments_for(*, initiative):
    return Instrument.objects.for_initiative(initiative).prefetch_related("indicators")


def waves_for(*, initiative, instrument: Instrument | None = None):
    waves = Wave.objects.for_initiative(initiative).select_related("instrument")
    if instrument is not None:
        waves = waves.filter(instrument=instrument)
    return waves.order_by("instrument__slug", "year")


def published_waves(*, initiative, instrument: Instrument | None = None):
    """Waves with a release: the only ones whose numbers anyone but the secretariat's
    review page sees."""
    return waves_for(initiative=initiative, instrument=instrument).exclude(release_token="")


def years_with_answers(*, initiative, instrument: Instrument) -> list[int]:
    """The years whose wave is published (drafts have no numbers outside the review)."""
    return list(published_waves(initiative=initiative, instrument=instrument)
                .values_list("year", flat=True))


def release_tokens(*, initiative, instrument: Instrument,
                    years: list[int] | None = None) -> list[tuple[int, str]]:
    """(year, release token) of the published waves, oldest first."""
    waves = published_waves(initiative=initiative, instrument=instrument)
    if years is not None:
        waves = waves.filter(year__in=years)
    return list(waves.order_by("year").values_list("year", "release_token"))


def _ordered(table: pd.DataFrame, by: list[str], stored_order: list[str],
             columns: list[str]) -> pd.DataFrame:
    """`columns` of a stored table (a new frame), its rows sorted by `by` as asked when
    that is not the order they are stored in (rows of one group keep their order)."""
    if by != stored_order:
        table = table.sort_values(by, kind="mergesort")
    return table[columns].reset_index(drop=True)


def group_table(*, initiative, instrument: Instrument, by: list[str],
                years: list[int] | None = None) -> pd.DataFrame:
    """The disclosure-controlled indicator table of an instrument by `by` (always with the
    year: PooledYears otherwise), from the published releases; `years` limits the waves.
    Every table of a year is a slice of the same protected cube, so limiting years or
    changing the grouping never changes which groups are hidden."""
    by = check_table_by(by)
    columns = [*by, *GROUP_COLUMNS, *EXTRA_COLUMNS]
    tables = [release_table(token, by) for _year, token in
              release_tokens(initiative=initiative, instrument=instrument, years=years)]
    if not tables:
        return pd.DataFrame(columns=columns)
    table = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
    return _ordered(table, by, ["year", *(d for d in GROUP_DIMENSIONS if d in by)], columns)


def change_table(*, initiative, instrument: Instrument, year_from: int, year_to: int,
                 by: list[str]) -> pd.DataFrame:
    """Change per published group from an earlier to a later year (see analytics.changes),
    as stored when the later of the two releases was published; YearsOutOfOrder for the
    same year twice or years reversed. Empty unless both years are published."""
    check_years(year_from, year_to)
    by = check_by(by, allowed=GROUP_DIMENSIONS)
    columns = [*by, *CHANGE_COLUMNS]
    tokens = dict(release_tokens(initiative=initiative, instrument=instrument,
                                  years=[year_from, year_to]))
    if len(tokens) < 2:
        return pd.DataFrame(columns=columns)
    table = release_changes(tokens[year_from], tokens[year_to], by)
    return _ordered(table, by, [d for d in GROUP_DIMENSIONS if d in by], columns)


def lowest_band(*, wave: Wave) -> dict | None:
    """How many of the wave's released pupils have a score, and how many are in the lowest
    band of at least one indicator ({"scored", "low"}; None for a draft or a scale other
    than 1-5)."""
    if not wave.release_token:
        return None
    return release_summary(wave.release_token)["lowest_band"]


FEWER_THAN_K = "fewer"  # the group has fewer than k respondents
HIDDEN = "hidden"  # hidden so that a small group elsewhere cannot be worked out
NOT_PUBLISHED = "draft"  # the wave has no release yet


@dataclass(frozen=True)
class RateRow:
    school: str
    grade: int | None
    pupils: int | None
    responses: int | None
    withheld: str = ""  # FEWER_THAN_K, HIDDEN or NOT_PUBLISHED when responses is None

    @property
    def rate(self) -> float | None:
        if not self.pupils or self.responses is None:
            return None
        return self.responses / self.pupils


def _released_counts(*, wave: Wave, keys: list[str], k: int) -> dict[tuple, tuple]:
    """(respondents or None, why withheld) per group of the wave's release: the counts
    follow the release's protection pattern, so no count gives away a hidden group."""
    if not wave.release_token:
        return {}
    cube = release_counts(wave.release_token)
    rows = cube[cube["grouping"] == ",".join(keys)]
    counts = {}
    for row in rows[[*keys, "respondents", "suppressed"]].itertuples(index=False):
        key = tuple(int(v) if c == "grade" else v for c, v in zip(keys, row[:len(keys)],
                                                                   strict=True))
        if not row.suppressed:
            counts[key] = (int(row.respondents), "")
        else:
            counts[key] = (None, FEWER_THAN_K if row.respondents < k else HIDDEN)
    return counts


def response_rates(*, wave: Wave, by_grade: bool = True,
                   released: bool = False) -> list[RateRow]:
    """Responses against the population per school (and grade).

    The secretariat follows up with classes on the live counts (`released=False`).
    Everyone else sees the counts of the wave's release only, with the release's
    disclosure control: a group under k says "fewer than k", a group hidden to protect
    another says so, and a draft wave shows none — never broken down by gender.
    """
    keys = ["school", "grade"] if by_grade else ["school"]
    pupils = {tuple(r[k] for k in keys): r["p"] for r in
              PopulationCount.objects.filter(wave=wave).values(*keys).annotate(p=Sum("pupils"))}
    if released:
        counts = _released_counts(wave=wave, keys=keys,
                                  k=min_group_size(wave.initiative))
        default = (None, NOT_PUBLISHED if not wave.release_token else "")
    else:
        counts = {tuple(r[k] for k in keys): (r["c"], "") for r in
                  Response.objects.filter(wave=wave).values(*keys).annotate(c=Count("id"))}
        default = (0, "")
    rows = []
    for key in sorted(set(counts) | set(pupils)):
        responses, withheld = counts.get(key, default)
        if released and wave.release_token and key not in counts:
            responses = 0
        rows.append(RateRow(school=key[0], grade=key[1] if by_grade else None,
                            pupils=pupils.get(key), responses=responses, withheld=withheld))
    return rows


def released_response_count(*, wave: Wave) -> int | None:
    """All respondents of the wave's release (None for a draft, or when under k)."""
    if not wave.release_token:
        return None
    cube = release_counts(wave.release_token)
    total = cube[cube["grouping"] == ""]
    if total.empty or bool(total["suppressed"].iloc[0]):
        return None
    return int(total["respondents"].iloc[0])


def released_rates(*, initiative, waves) -> dict[int, tuple[int | None, float | None]]:
    """(released count, released rate) of every wave, in one query (for list pages).

    The rules of `wave_response_rate(released=True)`: the release's total over the
    registered pupils, only when every answering school and grade is registered.
    """
    pupils: dict[int, dict[tuple, int]] = {}
    for row in PopulationCount.objects.for_initiative(initiative).values(
            "wave_id", "school", "grade", "pupils"):
        pupils.setdefault(row["wave_id"], {})[(row["school"], row["grade"])] = row["pupils"]
    result = {}
    for wave in waves:
        total = released_response_count(wave=wave)
        registered = pupils.get(wave.pk, {})
        answering = set(_released_counts(wave=wave, keys=["school", "grade"], k=0)) \
            if wave.release_token else set()
        rate = None
        if total is not None and registered and answering <= set(registered):
            rate = total / sum(registered.values())
        result[wave.pk] = (total, rate)
    return result


def wave_response_rate(*, wave: Wave, released: bool = False) -> float | None:
    """Responses over pupils in the population, where the population is known.

    Live (the secretariat's): only schools and grades with a population count are
    counted on both sides, so a partly registered population does not inflate the rate.
    Released: the release's total over the registered pupils, and only when every
    answering school and grade is registered (a partial sum could give a hidden group
    away).
    """
    if released:
        rows = response_rates(wave=wave, released=True)
        total = released_response_count(wave=wave)
        pupils = sum(r.pupils or 0 for r in rows)
        if total is None or not pupils or any(r.pupils is None for r in rows):
            return None
        return total / pupils
    rows = [r for r in response_rates(wave=wave) if r.pupils]
    pupils = sum(r.pupils for r in rows)
    return sum(r.responses for r in rows) / pupils if pupils else None


def class_codes_for(*, wave: Wave):
    return ClassCode.objects.filter(wave=wave).order_by("school", "grade")


def class_code_find(*, code: str) -> ClassCode | None:
    """The class code typed by a pupil (case, spaces and dashes forgiven)."""
    cleaned = normalised_code(code)
    if not cleaned:
        return None
    return ClassCode.objects.select_related("wave__instrument", "initiative").filter(
        code=cleaned).first()


def survey_code_find(*, code: str) -> ClassCode | PupilCode | None:
    """The class code or pupil code a pupil typed (a pupil code is found by its
    fingerprint; its row says the wave, school and grade, as a class code does)."""
    class_code = class_code_find(code=code)
    if class_code is not None or not normalised_code(code):
        return class_code
    return PupilCode.objects.select_related("wave__instrument", "initiative").filter(
        code_hash=pupil_code_fingerprint(code)).first()


def class_is_full(*, wave: Wave, school: str, grade: int) -> bool:
    """Whether a class has answered as often as it has registered pupils (never, without a
    registered population): class codes are then refused, pupil codes still work."""
    pupils = PopulationCount.objects.filter(wave=wave, school=school, grade=grade).values_list(
        "pupils", flat=True).first()
    return pupils is not None and Response.objects.filter(
        wave=wave, school=school, grade=grade).count() >= pupils


@dataclass(frozen=True)
class ClassPupilCodes:
    school: str
    grade: int
    pupils: int
    unused: int
    used: int


def pupil_code_counts(*, wave: Wave) -> list[ClassPupilCodes]:
    """Per class of the population: its pupils and how many of its pupil codes are unused
    and used (counts only: the codes themselves are not kept). Two queries."""
    counts = {(r["school"], r["grade"]): r for r in PupilCode.objects.filter(wave=wave).values(
        "school", "grade").annotate(unused=Count("id", filter=Q(used=False)),
                                    used_=Count("id", filter=Q(used=True)))}
    return [ClassPupilCodes(school=school, grade=grade, pupils=pupils,
                            unused=counts.get((school, grade), {}).get("unused", 0),
                            used=counts.get((school, grade), {}).get("used_", 0))
            for school, grade, pupils in PopulationCount.objects.filter(wave=wave).order_by(
                "school", "grade").values_list("school", "grade", "pupils")]


def class_codes_without_population(*, wave: Wave) -> list[ClassCode]:
    """Class codes of classes with no registered population: their answers are not limited,
    so the wave page warns about them."""
    registered = PopulationCount.objects.filter(wave=wave, school=OuterRef("school"),
                                                grade=OuterRef("grade"))
    return list(class_codes_for(wave=wave).exclude(Exists(registered)))


def indicators_for(*, initiative):
    """Every indicator of the initiative (for linking goals on the agenda to one)."""
    return Indicator.objects.for_initiative(initiative).select_related("instrument")


def indicator_headline(*, indicator: Indicator) -> dict | None:
    """The indicator overall in its latest two years: for goals on the agenda and the
    evaluation's population changes. None when it has no published number yet."""
    instrument = indicator.instrument
    years = years_with_answers(initiative=indicator.initiative, instrument=instrument)
    if not years:
        return None
    table = group_table(initiative=indicator.initiative, instrument=instrument, by=["year"],
                        years=years[-2:])
    rows = table[(table["indicator"] == indicator.slug) & ~table["suppressed"]]
    if rows.empty:
        return None
    latest = rows.iloc[-1]
    result = {"year": int(latest["year"]), "n": int(latest["n"]), "mean": float(latest["mean"]),
              "ci_low": float(latest["ci_low"]), "ci_high": float(latest["ci_high"]),
              "share_low": float(latest["share_low"]), "change": None}
    if len(years) >= 2:
        change = change_table(initiative=indicator.initiative, instrument=instrument,
                              year_from=years[-2], year_to=years[-1], by=[])
        change = change[change["indicator"] == indicator.slug]
        if not change.empty:
            row = change.iloc[0]
            result["change"] = {"year_from": years[-2], "diff": float(row["diff"]),
                                "q_value": float(row["q_value"]),
                                "significant": bool(row["significant"])}
    return result


def wave_rates(*, initiative) -> dict[int, float]:
    """Response rate of every wave with a population (for list pages), counted once per
    change: of the data (a population replaced, a wave deleted) or of the answers (which
    are not in the audit log, so the newest answer's id says when they change).

    As in `wave_response_rate`, only schools and grades with a population count count.
    """
    newest_answer = Response.objects.aggregate(newest=Max("id"))["newest"]
    return kept("measurement.wave-rates", [initiative.pk, data_version(), newest_answer],
                lambda: _wave_rates(initiative), seconds=24 * 3600)


def _wave_rates(initiative) -> dict[int, float]:
    pupils: dict[tuple, int] = {}
    for row in PopulationCount.objects.for_initiative(initiative).values(
            "wave_id", "school", "grade", "pupils"):
        pupils[(row["wave_id"], row["school"], row["grade"])] = row["pupils"]
    answered: dict[int, int] = {}
    totals: dict[int, int] = {}
    for (wave_id, _school, _grade), count in pupils.items():
        totals[wave_id] = totals.get(wave_id, 0) + count
    for row in Response.objects.for_initiative(initiative).values(
            "wave_id", "school", "grade").annotate(c=Count("id")):
        if (row["wave_id"], row["school"], row["grade"]) in pupils:
            answered[row["wave_id"]] = answered.get(row["wave_id"], 0) + row["c"]
    return {wave_id: answered.get(wave_id, 0) / total for wave_id, total in totals.items()
            if total}
