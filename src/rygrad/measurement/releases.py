"""Publishing a wave: one workflow object with `check()` and `execute()`.

A wave's numbers are a draft until the secretariat publishes them. Publishing freezes the
responses as they are and protects every grouping of the year as one linked set (see
`analytics.protection`); the pages then show that release, and nothing in between, so no
one can difference the results before and after an answer.

A new release of a wave that is already published must not let anyone difference the two:
- a group published in both releases must have changed by 0 or at least k respondents
  (counted exactly: the responses that left it plus those that came), else the release is
  refused and says which groups;
- a group hidden before stays hidden while fewer than k of its respondents changed;
- a group published before and unchanged is known to everyone, so it cannot hide another.

Publishing also computes, once, everything the pages show of the release and stores it
(see `stored`): the indicator table of every grouping, the year's lowest-band count, and
the change tables between this release and the current release of every other published
year of the instrument. Pages, signals, exports and the CLI read only those files.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .analytics import ProtectionError, cube_build, indicator_changes, indicator_table, protect
from .analytics.cube import GROUP_DIMENSIONS, column, grouping_name
from .analytics.scores import connect, quote, scores_sql
from .models import Instrument, Release, Wave
from .snapshots import (
    release_cube,
    release_paths,
    release_write,
    snapshot_sweep,
    wave_snapshot_path,
)
from .stored import (
    GROUPINGS,
    changes_stored,
    changes_write,
    release_table,
    tables_path,
    tables_write,
)


def cell_keys(cube: pd.DataFrame) -> pd.Series:
    """One text key per group of a cube ("school,grade|Egelund|5|" …), to match releases."""
    parts = [cube["grouping"].astype(str)]
    for dimension in GROUP_DIMENSIONS:
        parts.append(cube[dimension].map(lambda v: "\x00" if v is pd.NA or v is None
                                         else str(v)))
    return parts[0].str.cat(parts[1:], sep="|")


def changed_respondents(*, old, new, codes: list[str]) -> pd.DataFrame:
    """Per group (every grouping), how many responses differ between two sets of files:
    those in one and not the other, counting duplicates (EXCEPT ALL both ways)."""
    items = ", ".join(quote(c) for c in codes)
    frames = []
    for size in range(len(GROUP_DIMENSIONS), -1, -1):
        for by in itertools.combinations(GROUP_DIMENSIONS, size):
            keys = ", ".join(by)
            select = f"{keys + ', ' if by else ''}{items}"
            sql = (f"WITH a AS (SELECT {select} FROM read_parquet('{old}')), "
                   f"b AS (SELECT {select} FROM read_parquet('{new}')), "
                   f"d AS ((SELECT * FROM a EXCEPT ALL SELECT * FROM b) UNION ALL "
                   f"(SELECT * FROM b EXCEPT ALL SELECT * FROM a)) "
                   f"SELECT {keys + ', ' if by else ''}count(*) AS changed FROM d"
                   + (f" GROUP BY {keys}" if by else ""))
            with connect() as con:
                frame = con.sql(sql).df()
            for dimension in GROUP_DIMENSIONS:
                if dimension not in by:
                    frame[dimension] = pd.NA
                else:
                    frame[dimension] = frame[dimension].astype(object)
            frame["grouping"] = grouping_name(by)
            frames.append(frame)
    changed = pd.concat(frames, ignore_index=True)
    return pd.DataFrame({"key": cell_keys(changed), "changed": changed["changed"]})


def _indicators_in(definition: dict, slugs) -> dict:
    """The definition with only the indicators in `slugs`: a release keeps the indicators
    it was published with, whatever the instrument has gained since."""
    slugs = set(slugs)
    return {**definition,
            "indicators": [ind for ind in definition["indicators"] if ind["slug"] in slugs]}


def release_tables_build(*, cube: pd.DataFrame, definition: dict) -> dict[tuple, pd.DataFrame]:
    """The indicator table of every grouping of a protected cube, keyed by the grouping's
    dimensions besides the year: what the pages show of the release."""
    spec = _indicators_in(definition, [ind["slug"] for ind in definition["indicators"]
                                       if column(ind["slug"], "n") in cube.columns])
    return {by: indicator_table(cube=cube, definition=spec, by=["year", *by])
            for by in GROUPINGS}


def release_summary_build(*, responses, definition: dict) -> dict:
    """What the tables cannot give: how many of the year's pupils have a score, and how
    many are in the lowest band (2.0 or lower) of at least one indicator, on a 1-5 scale
    (the signal `measurement.lowest_band_share`)."""
    indicators = definition["indicators"]
    if (definition["scale"]["min"], definition["scale"]["max"]) != (1, 5) or not indicators:
        return {"lowest_band": None}
    slugs = [quote(ind["slug"]) for ind in indicators]
    scored = " OR ".join(f"{s} IS NOT NULL" for s in slugs)
    low = " OR ".join(f"{s} <= 2.0" for s in slugs)
    scores = scores_sql(paths=[responses], indicators=indicators, items=definition["items"],
                        scale_min=1, scale_max=5)
    with connect() as con:
        scored_count, low_count = con.sql(
            f"SELECT count(*) FILTER (WHERE {scored}), count(*) FILTER (WHERE {low}) "
            f"FROM ({scores})").fetchall()[0]
    return {"lowest_band": {"scored": int(scored_count), "low": int(low_count)}}


def release_changes_build(*, earlier: dict[tuple, pd.DataFrame],
                          later: dict[tuple, pd.DataFrame], year_from: int, year_to: int,
                          definition: dict) -> dict[tuple, pd.DataFrame]:
    """The change tables of every grouping between two releases' indicator tables."""
    changes = {}
    for by in GROUPINGS:
        table = pd.concat([earlier[by], later[by]], ignore_index=True)
        spec = _indicators_in(definition, table["indicator"].astype(object).unique())
        table = table[table["indicator"].isin([ind["slug"] for ind in spec["indicators"]])]
        changes[by] = indicator_changes(definition=spec, year_from=year_from,
                                        year_to=year_to, by=list(by), table=table)
    return changes


def _stored_tables(token: str) -> dict[tuple, pd.DataFrame]:
    return {by: release_table(token, by) for by in GROUPINGS}


def release_changes_store(*, token: str, year: int, others: list[tuple[int, str]],
                          definition: dict,
                          tables: dict[tuple, pd.DataFrame] | None = None) -> int:
    """Store the change tables between the release `token` of `year` and each of `others`
    (year, token) not stored yet (the earlier year first); returns how many were new."""
    made = 0
    for other_year, other in others:
        if other_year == year:
            continue
        earlier, later = sorted([(year, token), (other_year, other)])
        if changes_stored(earlier[1], later[1]):
            continue
        own = tables if tables is not None else _stored_tables(token)
        theirs = _stored_tables(other)
        first, second = (theirs, own) if other_year < year else (own, theirs)
        changes_write(earlier[1], later[1], release_changes_build(
            earlier=first, later=second, year_from=earlier[0], year_to=later[0],
            definition=definition))
        made += 1
    return made


def _published_others(wave: Wave) -> list[tuple[int, str]]:
    """(year, current release token) of the instrument's other published waves."""
    return list(Wave.objects.filter(instrument_id=wave.instrument_id).exclude(pk=wave.pk)
                .exclude(release_token="").order_by("year")
                .values_list("year", "release_token"))


def stored_results_complete(*, published: list[tuple[int, int, str, dict]]) -> int:
    """Store what current releases should have stored and have not — releases published
    before Rygrad stored its results (run by migration 0008); `published` holds
    (instrument id, year, release token, definition) of every published wave. A release
    whose files are gone is left out. Returns how many folders were written."""
    made = 0
    present = []
    for instrument_id, year, token, definition in published:
        frozen, cube_path = release_paths(token)
        if not tables_path(token).is_dir():
            if not (frozen.exists() and cube_path.exists()):
                continue
            tables_write(token, release_tables_build(cube=release_cube(token),
                                                     definition=definition),
                         summary=release_summary_build(responses=frozen,
                                                       definition=definition))
            made += 1
        present.append((instrument_id, year, token, definition))
    for instrument_id, year, token, definition in present:
        others = [(y, t) for i, y, t, _d in present if i == instrument_id and y < year]
        made += release_changes_store(token=token, year=year, others=others,
                                      definition=definition)
    return made


@dataclass
class Refusal:
    """A group whose numbers would give away fewer than k respondents' answers."""

    grouping: str
    school: object
    grade: object
    gender: object
    changed: int

    def __str__(self) -> str:
        parts = []
        if self.school is not pd.NA:
            parts.append(_("school %(school)s") % {"school": self.school})
        if self.grade is not pd.NA:
            parts.append(_("grade %(grade)s") % {"grade": self.grade})
        if self.gender is not pd.NA:
            parts.append(_("gender “%(gender)s”") % {"gender": self.gender or _("not given")})
        group = ", ".join(parts) or _("all pupils")
        if not self.changed:
            return _("%(group)s: cannot be hidden without revealing numbers of the last "
                     "release") % {"group": group}
        return _("%(group)s: only %(count)s respondents changed since the last release; "
                 "publishing would let anyone work out their answers") % {
            "group": group, "count": self.changed}


@dataclass
class WavePublication:
    """Publish the current answers of `wave` as its next release."""

    wave: Wave
    k: int
    cube: pd.DataFrame = field(init=False)
    refusals: list[Refusal] = field(init=False, default_factory=list)
    previous: Release | None = field(init=False, default=None)

    def __post_init__(self):
        self.previous = self.wave.releases.order_by("-number").first()
        self._path = wave_snapshot_path(wave=self.wave)
        self.cube = cube_build(paths=[self._path], definition=self.wave.instrument.definition)
        self.refusals = []
        self._checked = False

    def check(self) -> list[Refusal]:
        """Protect the new cube against everything published before; list the refusals."""
        hidden = known = None
        if self.previous is not None:
            old = release_cube(self.previous.token).assign(key=lambda f: cell_keys(f))
            changed = changed_respondents(old=release_paths(self.previous.token)[0],
                                          new=self._path,
                                          codes=self.wave.instrument.item_codes)
            keys = cell_keys(self.cube)
            merged = pd.DataFrame({"key": keys}).merge(
                old[["key", "suppressed"]], on="key", how="left").merge(
                changed, on="key", how="left")
            was_hidden = merged["suppressed"].astype("boolean").to_numpy(
                dtype=bool, na_value=False)
            was_published = merged["suppressed"].notna().to_numpy() & ~was_hidden
            count = merged["changed"].fillna(0).to_numpy(dtype=np.int64)
            hidden = was_hidden & (count < self.k)
            known = was_published & (count == 0)
            self._risky = was_published & (count > 0) & (count < self.k)
            self._count = count
        try:
            mask = protect(self.cube, k=self.k, hidden=hidden, known=known)
        except ProtectionError as error:
            cell = error.cell
            self.refusals = [Refusal(grouping="", school=cell["school"], grade=cell["grade"],
                                     gender=cell["gender"], changed=0)]
            mask = None
        if mask is not None and self.previous is not None:
            risky = np.nonzero(self._risky & ~mask)[0]
            self.refusals = [
                Refusal(grouping=self.cube.iloc[i]["grouping"], school=self.cube.iloc[i]["school"],
                        grade=self.cube.iloc[i]["grade"], gender=self.cube.iloc[i]["gender"],
                        changed=int(self._count[i])) for i in risky]
        if mask is not None:
            self.cube["suppressed"] = mask
        self._checked = True
        return self.refusals

    def execute(self, *, by=None) -> Release:
        """Freeze and publish; refused (ValueError) while `check()` lists refusals.

        Everything the pages will read is computed and stored first, outside the
        transaction (on SQLite it would hold the write lock pupils' answers wait for);
        the transaction then switches the wave to the new release.
        """
        if not self._checked:
            self.check()
        if self.refusals:
            raise ValueError("; ".join(str(r) for r in self.refusals))
        definition = self.wave.instrument.definition
        token = release_write(responses=self._path, cube=self.cube)
        tables = release_tables_build(cube=self.cube, definition=definition)
        tables_write(token, tables, summary=release_summary_build(
            responses=release_paths(token)[0], definition=definition))
        release_changes_store(token=token, year=self.wave.year, definition=definition,
                              others=_published_others(self.wave), tables=tables)
        return self._record(token, tables, by)

    @transaction.atomic
    def _record(self, token: str, tables: dict, by) -> Release:
        # Publications of one instrument take turns here (on PostgreSQL; SQLite's write
        # lock does the same), so each sees the releases the others made: a year published
        # meanwhile gets its change tables now, and the pair is never left without them.
        Instrument.objects.select_for_update().filter(pk=self.wave.instrument_id).first()
        wave = Wave.objects.select_for_update().get(pk=self.wave.pk)
        release_changes_store(token=token, year=wave.year, tables=tables,
                              definition=self.wave.instrument.definition,
                              others=_published_others(wave))
        number = (self.previous.number + 1) if self.previous else 1
        count = int(self.cube.loc[self.cube["grouping"] == "", "respondents"].sum())
        hidden = int(self.cube["suppressed"].sum())
        release = Release.objects.create(
            initiative=wave.initiative, wave=wave, number=number, token=token,
            published_at=timezone.now(), published_by=by, response_count=count,
            cells_published=len(self.cube) - hidden, cells_suppressed=hidden)
        wave.release_token = token
        wave.save(update_fields=["release_token"])
        self.wave.release_token = token
        transaction.on_commit(snapshot_sweep)
        return release
