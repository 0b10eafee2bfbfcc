"""The inspiration catalogue's Danish search. On PostgreSQL, the database's own `danish`
text-search configuration matches the title, description, themes, and an offer's
provider and audience. Elsewhere (SQLite),
each resource keeps the Danish Snowball stems of its words (`Resource.search_stems`,
written by the service; the same Snowball stemmer PostgreSQL's configuration uses), and
a query matches a resource holding every stem of the query's words. Either way
"fællesskab" finds "fællesskaber" and "leg" finds "legende"."""

from __future__ import annotations

import re

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchVector

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


def postgres_match(entries, query: str):
    """The entries whose title, description, themes, provider or audience hold every
    word of `query` in a Danish form (PostgreSQL's `danish` configuration; its stop
    words are left out)."""
    vector = SearchVector("title", "description", "themes", "provider", "audience",
                          config="danish")
    return entries.annotate(danish=vector).filter(
        danish=SearchQuery(query, config="danish", search_type="plain"))
