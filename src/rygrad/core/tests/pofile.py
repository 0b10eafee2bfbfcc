"""A small reader for gettext .po catalogues, so the translation checks run on any machine
(no msgfmt, no polib): entries with their context, plural forms, flags and line number."""

from __future__ import annotations

import ast
import gettext
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str
    line: int
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())

    def __str__(self) -> str:
        context = f" (context {self.msgctxt!r})" if self.msgctxt else ""
        return f"line {self.line}: {self.msgid!r}{context}"


def _unquote(text: str) -> str:
    # A .po string is a C string literal; Python's literal syntax reads the same escapes.
    return ast.literal_eval(text.strip())


def parse_po(text: str) -> list[Entry]:
    """Every active (not obsolete ``#~``) entry of a .po file, header included."""
    entries: list[Entry] = []
    flags: set[str] = set()
    target: tuple[str, int | None] | None = None
    fields: dict = {}
    start = 0

    def finish():
        nonlocal fields, flags
        if "msgid" in fields:
            entry = Entry(msgid=fields["msgid"], line=start, msgctxt=fields.get("msgctxt"),
                          msgid_plural=fields.get("msgid_plural"), msgstr=fields.get("msgstr", {}),
                          flags=flags)
            entries.append(entry)
        fields, flags = {}, set()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            target = None
            continue
        if line.startswith("#,"):
            if "msgid" in fields:
                finish()
            flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            if target is None:
                raise ValueError(f"line {number}: string without a keyword")
            key, index = target
            if key == "msgstr":
                fields["msgstr"][index] += _unquote(line)
            else:
                fields[key] += _unquote(line)
            continue
        keyword, _space, value = line.partition(" ")
        if keyword in {"msgctxt", "msgid"} and "msgid" in fields and (
            keyword == "msgctxt" or "msgstr" in fields
        ):
            finish()
        if not fields:
            start = number
        if keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            fields.setdefault("msgstr", {})[index] = _unquote(value)
            target = ("msgstr", index)
        elif keyword in {"msgctxt", "msgid", "msgid_plural"}:
            fields[keyword] = _unquote(value)
            target = (keyword, None)
        else:
            raise ValueError(f"line {number}: unknown keyword {keyword!r}")
    finish()
    return entries


def read_po(path: Path) -> list[Entry]:
    return parse_po(path.read_text(encoding="utf-8"))


def expected_catalog(entries: list[Entry]) -> dict:
    """What a correct .mo compiled from these entries holds, keyed as Python's gettext
    keys it: msgid, or (msgid, n) for plurals, with ``context\\x04`` in front when there
    is a context. Fuzzy and untranslated entries are left out, as msgfmt does."""
    catalog = {}
    for entry in entries:
        if entry.is_header or entry.fuzzy or not entry.translated:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            catalog[key] = entry.msgstr[0]
        else:
            for index, text in entry.msgstr.items():
                catalog[(key, index)] = text
    return catalog


def read_mo(path: Path) -> dict:
    """The messages of a compiled .mo file, without its header."""
    with path.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    return {key: value for key, value in translations._catalog.items() if key != ""}
