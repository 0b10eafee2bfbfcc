"""The path of change: the six conditions and the three stages side by side over the
years, each year's cell counting the signals that were in warning at its end."""

from __future__ import annotations

from dataclasses import dataclass

from rygrad.core.signals import Condition, Signal

from .stories import Story


@dataclass(frozen=True)
class Cell:
    """One condition in one year: which of its signals were in warning at the year's
    last point, of how many that had a value; `known` is False while the history of one
    of them is being brought up to date."""

    year: int
    warning: list[Signal]
    measured: int
    known: bool = True
    # Whether the signals in warning differ from the year before (the page names them
    # then, and only for screen readers when they are the same).
    changed: bool = True

    @property
    def level(self) -> int:
        """0 none, 1 one, 2 two, 3 three or more signals in warning."""
        return min(len(self.warning), 3)


@dataclass(frozen=True)
class Row:
    condition: Condition
    signals: int
    cells: list[Cell]


def path_of_change(stories: list[Story]) -> tuple[list[int], list[Row]]:
    """The years of the history and a row per condition and stage, in their order."""
    if not stories:
        return [], []
    first = min(story.points[0].on.year for story in stories)
    years = list(range(first, stories[0].at.year + 1))
    rows = []
    for condition in Condition:
        mine = [story for story in stories if story.signal.condition == condition]
        cells = []
        for year in years:
            warning, measured, known = [], 0, True
            for story in mine:
                if not story.complete:
                    known = False
                    continue
                last = [point for point in story.points if point.on.year == year]
                if not last or last[-1].value is None:
                    continue
                measured += 1
                if last[-1].warning:
                    warning.append(story.signal)
            changed = not cells or [s.key for s in cells[-1].warning] != [s.key for s in warning]
            cells.append(Cell(year=year, warning=warning, measured=measured, known=known,
                              changed=changed))
        rows.append(Row(condition=condition, signals=len(mine), cells=cells))
    return years, rows
