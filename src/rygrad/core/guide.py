"""The secretariat's guide inside the app, at /guide/: the same Markdown files as
docs/guide in the repository (the folder is the setting RYGRAD_GUIDE_DIR), rendered with
core.markdown. Headings get anchors from their text, as on GitHub, and a link to another
page of the guide (`dashboard.md#warnings-and-thresholds`) becomes that page's address
in the app (`/guide/dashboard/#warnings-and-thresholds`).

A page is shown in the reader's language when the guide has it translated
(`<RYGRAD_GUIDE_DIR>/<language>/<page>.md`), and otherwise in English, the language the
guide is written in. Only the English files name the pages, so a URL can only ever open
one of them: the page name in the URL is looked up among the files, never joined to a
path.

Every page of the app links to the part of the guide that explains it (the *Help* link
of the layout, `core/templatetags/guide.py`). Which part: what the app registered with
`register_help` in its navigation module, or else the guide page named like the app's
URL namespace (docs/guide/<app>.md), or else the guide's first page.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.core import checks
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString

from .markdown import render_markdown

INDEX = "index"
PAGE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
SOURCE_LANGUAGE = "en"
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)
_TITLE = re.compile(r"^# +(.+?) *#* *$", re.MULTILINE)


@dataclass(frozen=True)
class GuidePage:
    name: str
    title: str
    html: SafeString
    language: str  # the language the text is written in


def guide_dir() -> Path:
    return Path(settings.RYGRAD_GUIDE_DIR)


def page_names() -> list[str]:
    """The guide's pages, named by its English files; the index first."""
    folder = guide_dir()
    if not folder.is_dir():
        return []
    names = sorted(path.stem for path in folder.glob("*.md")
                   if path.is_file() and PAGE_NAME.fullmatch(path.stem))
    return sorted(names, key=lambda name: name != INDEX)


def page_url(name: str) -> str:
    if name == INDEX:
        return reverse("core:guide")
    return reverse("core:guide_page", kwargs={"page": name})


def _language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _source(name: str, language: str) -> tuple[Path, str]:
    """The file of page `name` in `language`, or in English when it is not translated."""
    if language != SOURCE_LANGUAGE:
        translated = guide_dir() / language / f"{name}.md"
        if translated.is_file():
            return translated, language
    return guide_dir() / f"{name}.md", SOURCE_LANGUAGE


def guide_page(name: str) -> GuidePage | None:
    """Page `name` in the reader's language (English when it is not translated), or None
    when the guide has no such page."""
    if name not in page_names():
        return None
    path, language = _source(name, _language())
    return _rendered(path, path.stat().st_mtime_ns, name, language, _language())


def contents() -> list[dict]:
    """Every page of the guide with its title and address, for the guide's own menu."""
    items = []
    for name in page_names():
        path, language = _source(name, _language())
        items.append({"name": name, "url": page_url(name), "language": language,
                      "title": _title(path, path.stat().st_mtime_ns) or name})
    return items


@functools.lru_cache(maxsize=64)
def _title(path: Path, mtime_ns: int) -> str:
    match = _TITLE.search(path.read_text(encoding="utf-8"))
    return match.group(1) if match else ""


@functools.lru_cache(maxsize=64)
def _rendered(path: Path, mtime_ns: int, name: str, language: str,
              reader_language: str) -> GuidePage:
    # Cached per file version (its modification time) and per reader's language (the
    # labels the renderer adds are translated).
    source = path.read_text(encoding="utf-8")
    match = _TITLE.search(source)
    html = render_markdown(source, breaks=False, heading_ids=True,
                           rewrite_link=_link_in_app(path.parent))
    return GuidePage(name=name, title=match.group(1) if match else name, html=html,
                     language=language)


def _link_in_app(folder: Path):
    """Turn a link between guide pages into the page's address in the app; a link to
    another file of the repository (docs/deploy.md) becomes its text, since the app does
    not serve it. Web and mail addresses and anchors on the same page stay."""
    root = guide_dir().resolve()
    pages = set(page_names())

    def rewrite(href: str) -> str | None:
        if not href or href.startswith("#") or _SCHEME.match(href):
            return href
        path, _hash, anchor = href.partition("#")
        target = (folder / unquote(path)).resolve()
        inside = target.parent == root or target.parent.parent == root  # or a translation
        if target.suffix != ".md" or not inside or target.stem not in pages:
            return None
        return page_url(target.stem) + (f"#{anchor}" if anchor else "")

    return rewrite


_HELP: dict[str, str] = {}


def register_help(*, view: str, page: str) -> None:
    """Say which part of the guide explains the pages of `view` — a URL namespace
    ("initiatives") or one URL name ("initiatives:thresholds") — as a page name with an
    optional section: "dashboard#warnings-and-thresholds". Registered twice is an error,
    as in the other registries."""
    if view in _HELP:
        raise ValueError(f"Help for {view!r} is registered twice.")
    _HELP[view] = page


def registered_help() -> dict[str, str]:
    return dict(_HELP)


def help_target(*, view_name: str = "", namespace: str = "") -> str:
    """The guide page (and section) for a page of the app, as "page#section"."""
    for key in (view_name, namespace):
        if key and key in _HELP:
            return _HELP[key]
    if namespace and namespace in page_names():
        return namespace
    return INDEX


def help_url(resolver_match) -> str:
    """The address of the guide's part for the page `resolver_match` resolved."""
    target = help_target(view_name=getattr(resolver_match, "view_name", "") or "",
                         namespace=getattr(resolver_match, "namespace", "") or "")
    page, _hash, anchor = target.partition("#")
    return page_url(page) + (f"#{anchor}" if anchor else "")


@checks.register()
def check_guide_found(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Warn when the guide is not where RYGRAD_GUIDE_DIR says (an installation from a
    wheel, which holds no docs/): /guide/ would answer 404 and every Help link with it."""
    if (guide_dir() / f"{INDEX}.md").is_file():
        return []
    return [checks.Warning(
        f"The guide (docs/guide) is not found: {guide_dir()} has no {INDEX}.md.",
        hint="Set RYGRAD_GUIDE_DIR to the docs/guide folder of the checkout Rygrad was "
             "installed from (docs/deploy.md).",
        id="rygrad.W001")]
