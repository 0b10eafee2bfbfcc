"""Disclosure control of a year's tables as one linked set: the hypercube method.

Every published table of a year is a margin of year x school x grade x gender, so the year
is one three-dimensional table (school x grade x gender) *with all its margins*: each
dimension gets one more category, "total". An attacker who collects every published table
has one linear equation per published cell (a total equals the sum of its parts).

Primary suppression hides every group in which any indicator rests on fewer than k
respondents. Secondary suppression follows the hypercube method of tau-ARGUS (GHMITER,
Repsilber): every primary cell is made a corner of a hypercube — two categories in each of
the three dimensions, either of which may be the "total" — whose eight corners are all
hidden. Adding +d to the corners of one sign and -d to the others changes no published
number, so no combination of published cells determines any corner: not its n, not its
sum, not its share. A hidden cell that is a corner of such a cube needs nothing more, so
only primaries are searched for. The cheapest hypercube is taken (cost: the respondents of
the cells it newly hides), which keeps totals over many pupils visible where it can.

Cells with no respondents are known zeros to everyone, so they are never corners; cells an
earlier release published unchanged are known too (see `services.wave_publish`). One
suppression pattern serves every indicator and the response counts alike, so no number of
one measure gives away another's. Years are never summed, so each year is protected alone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .cube import GROUP_DIMENSIONS


class ProtectionError(ValueError):
    """No hypercube can hide a cell (only possible when `known` forbids every one)."""

    def __init__(self, cell: dict):
        self.cell = cell
        super().__init__(f"No way to hide {cell} without revealing it.")


def primary(cube: pd.DataFrame, *, k: int) -> np.ndarray:
    """Groups in which some indicator rests on fewer than k respondents."""
    return cube["min_n"].to_numpy() < k


def protect(cube: pd.DataFrame, *, k: int, hidden: np.ndarray | None = None,
            known: np.ndarray | None = None) -> np.ndarray:
    """The rows of `cube` to hide: primaries and their hypercubes, year by year.

    `hidden` forces rows hidden (and protected) in addition to the primaries; `known`
    marks rows whose numbers are public already and so can hide nothing.
    """
    size = len(cube)
    mask = primary(cube, k=k)
    if hidden is not None:
        mask |= hidden
    known = np.zeros(size, dtype=bool) if known is None else known & ~mask
    years = cube["year"].to_numpy()
    for year in np.unique(years):
        rows = np.nonzero(years == year)[0]
        mask[rows] = _protect_year(cube.iloc[rows], mask[rows].copy(), known[rows])
    return mask


def _axes(cube: pd.DataFrame) -> tuple[list[np.ndarray], tuple[int, ...]]:
    """Each row's index along school, grade, gender; the last index of each is "total"."""
    indices, shape = [], []
    for dimension in GROUP_DIMENSIONS:
        values = cube[dimension]
        total = values.isna().to_numpy()
        codes, uniques = pd.factorize(values[~total], sort=True)
        index = np.full(len(cube), len(uniques), dtype=np.int64)
        index[~total] = codes
        indices.append(index)
        shape.append(len(uniques) + 1)
    return indices, tuple(shape)


def _protect_year(cube: pd.DataFrame, hidden: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Hypercubes for every primary of one year, searched in vectorised rounds.

    Each round finds, for every still unprotected target at once, its cheapest hypercube
    given what is hidden at the start of the round (targets sharing a grade and gender
    share the partner-school search). The cubes are then taken smallest target first; a
    target already covered by a cube taken earlier needs none, and one whose own or partner
    school changed in this round waits for the next round, where its costs are fresh.
    """
    (si, gi, xi), shape = _axes(cube)
    respondents = cube["respondents"].to_numpy(dtype=float)
    # cost[s, g, x]: what hiding the cell costs; inf where it cannot be a corner.
    cost = np.full(shape, np.inf)
    cost[si, gi, xi] = np.where(known, np.inf, respondents)
    state = np.zeros(shape, dtype=bool)
    state[si, gi, xi] = hidden
    cost[state] = 0.0
    protected = np.zeros(shape, dtype=bool)
    targets = np.nonzero(hidden)[0]
    # Smallest groups first: their cubes usually cover the margins above them too.
    pending = targets[np.lexsort((xi[targets], gi[targets], si[targets],
                                  respondents[targets]))]
    while pending.size:
        pending = pending[~protected[si[pending], gi[pending], xi[pending]]]
        if not pending.size:
            break
        partners = _cheapest_hypercubes(cost, si[pending], gi[pending], xi[pending])
        touched = np.zeros(shape[0], dtype=bool)
        waiting = []
        for position, row in enumerate(pending):
            s, g, x = si[row], gi[row], xi[row]
            if protected[s, g, x]:
                continue
            s2, g2, x2 = partners[:, position]
            if s2 < 0:
                raise ProtectionError({d: cube.iloc[row][d] for d in GROUP_DIMENSIONS})
            if touched[s]:
                waiting.append(row)
                continue
            corners = np.ix_((s, s2), (g, g2), (x, x2))
            state[corners] = True
            protected[corners] = True
            cost[corners] = 0.0
            touched[[s, s2]] = True
        pending = np.array(waiting, dtype=np.int64)
    return state[si, gi, xi]


def _cheapest_hypercubes(cost: np.ndarray, s: np.ndarray, g: np.ndarray,
                         x: np.ndarray) -> np.ndarray:
    """For each target (s, g, x), the other category in each dimension (s', g', x') whose
    hypercube hides it most cheaply; -1s where none is possible.

    The eight corners' costs are sums of slices of `cost`: four corners in the target's own
    school (depending on g', x') and four in the partner school s' (on s', g', x'). For the
    partner, only the cheapest and second cheapest school per (g', x') matter (the second
    when the cheapest is the target's own school).
    """
    result = np.full((3, len(s)), -1, dtype=np.int64)
    classes = g * cost.shape[2] + x
    for key in np.unique(classes):
        members = np.nonzero(classes == key)[0]
        cg, cx = int(g[members[0]]), int(x[members[0]])
        partner = (cost[:, cg, cx][:, None, None] + cost[:, :, cx][:, :, None]
                   + cost[:, cg, :][:, None, :] + cost)
        partner[:, cg, :] = np.inf
        partner[:, :, cx] = np.inf
        if partner.shape[0] > 2:
            order = np.argpartition(partner, 1, axis=0)[:2]
        else:
            order = np.argsort(partner, axis=0, kind="stable")
        values = np.take_along_axis(partner, order, axis=0)
        swap = values[1] < values[0]  # argpartition leaves the two in no particular order
        order = np.where(swap[None], order[::-1], order)
        values = np.where(swap[None], values[::-1], values)
        first = values[0]
        second = values[1] if len(values) > 1 else np.full(first.shape, np.inf)
        second_school = order[1] if len(order) > 1 else order[0]
        ss = s[members]
        own = (cost[ss, :, cx][:, :, None] + cost[ss, cg, :][:, None, :] + cost[ss])
        clash = order[0][None, :, :] == ss[:, None, None]
        total = own + np.where(clash, second[None], first[None])
        flat = total.reshape(len(members), -1)
        best = np.argmin(flat, axis=1)
        ok = np.isfinite(flat[np.arange(len(members)), best])
        g2, x2 = np.unravel_index(best, total.shape[1:])
        s2 = np.where(clash[np.arange(len(members)), g2, x2], second_school[g2, x2],
                      order[0][g2, x2])
        result[:, members[ok]] = np.vstack([s2, g2, x2])[:, ok]
    return result
