"""What a learning report is made of, apart from how it is drawn: sections with headings
and blocks (paragraphs, tables, charts, quotes). `html`, `pdf` and `docx` each draw the
same `Report`, so the three formats never say different things."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import formats


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind = "paragraph"


@dataclass(frozen=True)
class Table:
    """A table with a header row; the first column names the row."""

    caption: str
    columns: list[str]
    rows: list[list[str]]
    kind = "table"


@dataclass
class Chart:
    """A Vega-Lite chart (`spec`, a dict) with its accessible name and a description in
    words; its numbers are always in a `Table` beside it too. `markup` is what a
    renderer drew of it (inline SVG, or an image)."""

    title: str
    description: str
    spec: dict
    markup: str = ""
    kind = "chart"


@dataclass(frozen=True)
class Quote:
    """A quote or observation, with the role of its source: never a name."""

    text: str
    role: str
    date: str
    direction: str
    kind = "quote"


@dataclass
class Section:
    key: str
    title: str
    blocks: list = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    # What is said when a section has nothing for the period ("no data" in words).
    no_data: str = ""

    def add(self, *blocks) -> Section:
        self.blocks.extend(b for b in blocks if b is not None)
        return self

    def headings(self) -> list[str]:
        return [self.title, *(h for s in self.subsections for h in s.headings())]


@dataclass
class Report:
    title: str
    initiative: str
    language: str
    period_from: dt.date
    period_to: dt.date
    made_on: dt.date
    lead: str
    sections: list[Section]

    def headings(self) -> list[str]:
        return [h for s in self.sections for h in s.headings()]

    def charts(self) -> list[Chart]:
        def walk(section):
            yield from (b for b in section.blocks if isinstance(b, Chart))
            for sub in section.subsections:
                yield from walk(sub)
        return [c for s in self.sections for c in walk(s)]


def number(value, decimals: int = 0) -> str:
    """A number as the active language writes it (a decimal comma in Danish)."""
    if value is None:
        return "–"
    if decimals:
        return formats.number_format(float(value), decimal_pos=decimals)
    return formats.number_format(int(round(float(value))), force_grouping=True)


def percent(value) -> str:
    return "–" if value is None else f"{number(float(value) * 100)} %"


def date(value: dt.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def short_date(value: dt.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")
