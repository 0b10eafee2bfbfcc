"""Disclosure control: no published number rests on fewer than k respondents, and no
suppressed cell can be recovered by subtraction from a total and its published siblings.

Primary suppression hides every group with n < k (no numbers at all, not even n).
Complementary suppression then walks every *margin line* of the table: the cells that
differ only in one grouping column add up to a published parent total (the year, the
school, the grade...). Years are never summed (there is no "all years" total), so year is
never the varying column of a line. A line with exactly one suppressed cell would give that
cell away as "total minus the others", so its smallest other cell (fewest respondents; ties
broken by the group's values in sort order) is hidden too, and the walk repeats until no
line has exactly one suppressed cell.

Limitation (said plainly): a cell that is the *only* cell of some line equals its parent
total, which is published in the coarser table; hiding it here cannot protect it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

LINE_FREE = ("year",)


def _codes(frame: pd.DataFrame, columns: list[str]) -> list[np.ndarray]:
    """Integer codes per column, in the sort order of the column's values."""
    return [pd.factorize(frame[c], sort=True)[0].astype(np.int64) for c in columns]


def _line_ids(codes: list[np.ndarray], size: int) -> np.ndarray:
    """One id per distinct combination of the given code columns."""
    if not codes:
        return np.zeros(size, dtype=np.int64)
    key = np.zeros(size, dtype=np.int64)
    for column in codes:
        key = key * (int(column.max()) + 1 if column.size else 1) + column
    return pd.factorize(key)[0]


def suppress(frame: pd.DataFrame, *, by: list[str], k: int,
             line_keys: tuple[str, ...] = ("indicator",)) -> np.ndarray:
    """Boolean mask of the rows of `frame` to suppress.

    `frame` has the `by` columns, the `line_keys` columns (tables stacked side by side
    that are never summed together, e.g. the indicator) and `n`.
    """
    n = frame["n"].to_numpy()
    hidden = n < k
    varying = [column for column in by if column not in LINE_FREE]
    if not varying or len(frame) == 0:
        return hidden
    by_codes = dict(zip(by, _codes(frame, by), strict=True))
    key_codes = _codes(frame, list(line_keys))
    # Smallest first; ties by the group's values in sort order (lexsort: last key first).
    order = np.lexsort([*(by_codes[c] for c in reversed(by)), n])
    rank = np.empty(len(frame), dtype=np.int64)
    rank[order] = np.arange(len(frame))
    lines = []
    for column in varying:
        ids = _line_ids([*key_codes, *(by_codes[c] for c in by if c != column)], len(frame))
        lines.append((ids, np.bincount(ids)))
    changed = True
    while changed:
        changed = False
        for ids, sizes in lines:
            hidden_count = np.bincount(ids, weights=hidden, minlength=sizes.size)
            needs = (hidden_count == 1) & (sizes >= 2)
            if not needs.any():
                continue
            candidates = np.nonzero(needs[ids] & ~hidden)[0]
            candidates = candidates[np.lexsort((rank[candidates], ids[candidates]))]
            _unique, first = np.unique(ids[candidates], return_index=True)
            hidden[candidates[first]] = True
            changed = True
    return hidden
