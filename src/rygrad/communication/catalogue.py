"""The inspiration catalogue's Danish search: each resource keeps the Danish Snowball
stems of its words (`Resource.search_stems`, written by the service), and a query matches
a resource holding every stem of the query's words. So "fællesskab" finds
"fællesskaber" and "leg" finds "legende", the same on SQLite and PostgreSQL (the column
is plain text, matched with LIKE)."""

from __future__ import annotations

import re

import snowballstemmer

_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("danish")


def stems(text: str) -> list[str]:
    """The Danish stems of the words in `text`, lower-cased, in order, without repeats."""
    words = [word.lower() for word in _WORD.findall(text or "")]
    seen: dict[str, None] = {}
    for stem in _STEMMER.stemWords(words):
        seen.setdefault(stem, None)
    return list(seen)


def stem_column(*texts: str) -> str:
    """What `Resource.search_stems` holds: the stems between spaces, so a LIKE on
    ' stem ' matches whole stems only."""
    return " " + " ".join(stems(" ".join(texts))) + " "
