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
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .analytics import ProtectionError, cube_build, protect
from .analytics.cube import GROUP_DIMENSIONS, grouping_name
from .analytics.scores import connect, quote
from .models import Release, Wave
from .snapshots import (
    release_cube,
    release_paths,
    release_write,
    snapshot_sweep,
    wave_snapshot_path,
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
    con = connect()
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

    @transaction.atomic
    def execute(self, *, by=None) -> Release:
        """Freeze and publish; refused (ValueError) while `check()` lists refusals."""
        if not self._checked:
            self.check()
        if self.refusals:
            raise ValueError("; ".join(str(r) for r in self.refusals))
        wave = Wave.objects.select_for_update().get(pk=self.wave.pk)
        number = (self.previous.number + 1) if self.previous else 1
        token = release_write(responses=self._path, cube=self.cube)
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
