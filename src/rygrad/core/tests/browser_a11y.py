"""The accessibility sweep: pages as a given role sees them, in Danish and in English,
checked in Debian's Chromium on a 320 px wide screen (the width WCAG 1.4.10 asks pages to
reflow to) for WCAG 2.1 A/AA violations by axe-core, sideways scrolling, requests to
another host and console errors (such as a Content Security Policy refusal).

Used by test_browser_every_page.py (every page of the permission matrix, as each role
allowed to see it, in both languages) and test_browser_demo.py (every kind of page
reachable from the demo's dashboard, as each demo login, in both languages).

Every page is fetched as every role in both languages (Django's test client, signed in as
that role, with the language cookie), and each answer is checked at once: status 200,
`<html lang>` the language asked for, no id used twice (WCAG 4.1.1), no markup inside
`<title>`. Rendering a page in Chromium and running axe-core costs ten times as much, so
that is done once per distinct *form* of a page: every element with its attributes, in
order, and for each text (and each attribute holding words, such as aria-label or alt)
only whether there is any. Left out are what differs on every request (the CSRF token,
the CSP nonce), where links lead, and the words themselves. Axe-core's WCAG rules judge
elements, attributes, whether names are there, styles and colours — never which words a
text holds — so two answers of the same form get the same verdict. The form is kept in
two parts, the `<main>` and the rest (header, navigation, footer), and a page is rendered
when either part is new: the same list seen alike by five roles is rendered once, while
each role's own navigation is rendered at least once. Which language is fetched first
alternates from page to page, so both languages are rendered and checked throughout.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

from rygrad.core.browser import axe_violations, describe_violations

LANGUAGES = ("da", "en")
PHONE = {"width": 320, "height": 640}
HTML_LANG = re.compile(r'<html[^>]*\slang="([^"]*)"')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)

# Attributes whose value differs on every request, whatever the page.
VOLATILE = {"nonce", "integrity"}
# Attributes that hold words (or a language code, or a value sent with a form) rather
# than structure: axe-core asks only whether they are there, so only that counts.
WORDS = {"aria-label", "title", "alt", "placeholder", "content", "aria-valuetext", "label",
         "aria-roledescription", "lang", "summary"}
# Where links and forms lead is not what axe-core judges (a stylesheet's address, which
# decides colours, is kept).
ADDRESSES = {("a", "href"), ("form", "action")}


# Attributes that name elements (ids and references to them, field names): their digits
# are object numbers (row-17, id_form-3-name), so only the rest counts.
NAMES = {"id", "for", "name", "headers", "aria-labelledby", "aria-describedby",
         "aria-controls", "aria-owns", "list", "form"}
DIGITS = re.compile(r"\d+")
# Elements without an end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# Alike siblings (table rows, list items, cards) count up to this many: a list of three
# rows and one of thirty have the same form.
REPEATS = 3


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12).hexdigest()


class _Form(HTMLParser):
    """Reduces HTML to its form: a tree of element signatures, hashed bottom-up, in which
    a run of alike siblings counts at most REPEATS times; the `<main>` is hashed apart
    from the rest."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = [("#document", [])]  # (signature, children's digests)
        self.main = ""
        self.ids = Counter()

    def _add(self, digest: str) -> None:
        children = self.stack[-1][1]
        if children[-REPEATS:] != [digest] * REPEATS:
            children.append(digest)

    def handle_starttag(self, tag, attrs):
        hidden = ("type", "hidden") in attrs
        kept = {}
        for name, value in attrs:
            if name in VOLATILE or (name == "value" and hidden):
                continue
            if name == "id" and value:
                self.ids[value] += 1
            if name in WORDS or (tag, name) in ADDRESSES or name == "value":
                value = bool(value and value.strip())
            elif (name in NAMES or name.startswith("data-")) and value:
                value = DIGITS.sub("0", value)
            kept[name] = value
        signature = f"<{tag} {sorted(kept.items())}>"
        if tag in VOID:
            self._add(_digest(signature))
        else:
            self.stack.append((signature, []))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID or not any(sig.startswith(f"<{tag} ") for sig, _ in self.stack[1:]):
            return  # a stray end tag: the browser ignores it too
        while True:
            signature, children = self.stack.pop()
            digest = _digest(signature, *children)
            if signature.startswith("<main "):
                self.main = digest
                digest = "#main"
            self._add(digest)
            if signature.startswith(f"<{tag} "):
                return

    def handle_data(self, data):
        if data.strip() and self.stack[-1][1][-1:] != ["#text"]:
            self.stack[-1][1].append("#text")

    def close(self):
        super().close()
        while len(self.stack) > 1:
            self.handle_endtag(self.stack[-1][0][1:].split(" ", 1)[0])


@dataclass(frozen=True)
class PageForm:
    """A page's form: digests of its `<main>` and of the rest, and the ids used twice."""

    main: str
    chrome: str
    duplicate_ids: tuple[str, ...]


def page_form(html: str) -> PageForm:
    """The form of a page (see the module's docstring)."""
    parser = _Form()
    parser.feed(html)
    parser.close()
    return PageForm(parser.main, _digest(*parser.stack[0][1]),
                    tuple(sorted(i for i, n in parser.ids.items() if n > 1)))


def answer_problems(html: str, language: str) -> list[str]:
    """What is wrong in a page's HTML as it comes from the server, whatever its form."""
    problems = []
    lang = HTML_LANG.search(html)
    if not lang or lang.group(1) != language:
        problems.append(f"<html lang> is {lang.group(1) if lang else 'missing'!r}")
    title = TITLE.search(html)
    if not title or not title.group(1).strip():
        problems.append("no <title> (WCAG 2.4.2)")
    elif "<" in title.group(1):
        problems.append(f"markup inside <title> (WCAG 2.4.2): {title.group(1)[:80]!r}")
    duplicates = page_form(html).duplicate_ids
    if duplicates:
        problems.append(f"ids used more than once (WCAG 4.1.1): {', '.join(duplicates)}")
    return problems


@dataclass
class Sweep:
    """Checks pages as (role, language). `users` maps a role to its user (None for
    someone not signed in). Problems are collected as "role/language url: problem" lines
    in `problems`; `counts` says how many answers were fetched and how many pages
    rendered, and `seconds` how long that took."""

    new_page: object
    login: object
    live_server: object
    users: dict
    viewport: dict = field(default_factory=lambda: dict(PHONE))
    problems: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    _clients: dict = field(default_factory=dict)
    _pages: dict = field(default_factory=dict)
    _mains: set = field(default_factory=set)
    _chromes: set = field(default_factory=set)
    _downloads: set = field(default_factory=set)

    def client(self, role: str) -> Client:
        """Django's test client, signed in as the role (made on first use)."""
        if role not in self._clients:
            self._clients[role] = Client()
            if self.users[role] is not None:
                self._clients[role].force_login(self.users[role])
        return self._clients[role]

    def page(self, role: str, language: str):
        """The browser page of this role in this language: one context per pair, opened
        on first use and reused for every page."""
        if (role, language) not in self._pages:
            page = self.new_page(viewport=self.viewport,
                                 locale="da-DK" if language == "da" else "en-GB")
            page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME,
                                       "value": language, "url": self.live_server.url}])
            if self.users[role] is not None:
                self.login(page, self.users[role])
            self._pages[role, language] = page
        return self._pages[role, language]

    def fetch(self, role: str, language: str, url: str) -> str | None:
        """The page's HTML as the role sees it in the language, or None for a download
        (or an error, which is a problem)."""
        client = self.client(role)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        with translation.override(translation.get_language()):  # as the test had it
            response = client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE=language)
        self.counts["fetched"] += 1
        if response.status_code != 200 or any(
                "/accounts/login/" in to for to, _status in response.redirect_chain):
            self.problems.append(f"{role}/{language} {url}: answered {response.status_code}"
                                 f" after {response.redirect_chain}")
            return None
        if not response["Content-Type"].startswith("text/html"):
            self._downloads.add(url)
            return None
        return response.content.decode()

    def check(self, role: str, url: str) -> str | None:
        """Check the page at `url` as `role` in both languages, rendering it in Chromium
        only where its form is new. Returns its HTML (None for a download) so that a
        crawler can follow its links."""
        started = time.monotonic()
        self.counts["pairs"] += 1
        first = None
        try:
            languages = LANGUAGES if self.counts["pairs"] % 2 else LANGUAGES[::-1]
            for language in languages:
                if url in self._downloads:
                    return None
                html = self.fetch(role, language, url)
                if html is None:
                    continue
                first = first or html
                where = f"{role}/{language} {url}"
                self.problems += [f"{where}: {p}" for p in answer_problems(html, language)]
                form = page_form(html)
                if form.main in self._mains and form.chrome in self._chromes:
                    continue
                self._mains.add(form.main)
                self._chromes.add(form.chrome)
                self.counts["rendered"] += 1
                self.problems += [f"{where}: {problem}" for problem in page_problems(
                    self.page(role, language), self.live_server, url)]
            return first
        finally:
            self.seconds += time.monotonic() - started

    def report(self) -> str:
        return (f"{self.counts['pairs']} pages by role, {self.counts['fetched']} answers, "
                f"{self.counts['rendered']} rendered and checked by axe-core, "
                f"{self.seconds:.1f} s")


def page_problems(page, live_server, url) -> list[str]:
    """What is wrong with the page at `url` as opened in `page`: WCAG 2.1 A/AA violations
    found by axe-core, sideways scrolling, requests to another host and console errors."""
    foreign, errors = [], []

    def on_request(request):
        if not request.url.startswith((live_server.url, "data:", "about:")):
            foreign.append(request.url)

    def on_console(message):
        if message.type == "error":
            errors.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    try:
        response = page.goto(url)
        if response.status != 200:
            return [f"answered {response.status} in the browser"]
        violations = axe_violations(page)
        width, screen = page.evaluate("() => [document.documentElement.scrollWidth, "
                                      "document.documentElement.clientWidth]")
    finally:
        page.remove_listener("request", on_request)
        page.remove_listener("console", on_console)
    problems = [describe_violations(violations)] if violations else []
    if width > screen:
        problems.append(
            f"scrolls sideways: {width} px wide on a {screen} px screen (WCAG 1.4.10); wrap "
            'wide tables in <div class="table-scroll" tabindex="0" role="region" '
            'aria-label="..."> as core/chart.html does')
    problems += [f"loaded from another host: {u}" for u in foreign]
    problems += [f"console error: {e}" for e in errors]
    return problems


LINK = re.compile(r"<a\s[^>]*?href=\"([^\"#]*)[^\"]*\"[^>]*>", re.S)


def page_kind(url: str) -> str | None:
    """What kind of page a URL opens: the name of its URL pattern, so /activities/7/,
    /activities/9/ and /activities/?stage=anchored are one kind each (None if none)."""
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


def links(html: str, within: str) -> list[str]:
    """The addresses of this site under `within` that a page links to (downloads aside)."""
    found = []
    for tag in LINK.finditer(html):
        if " download" in tag.group(0):
            continue
        url = unescape(tag.group(1))
        if url.startswith(within) and url not in found:
            found.append(url)
    return found


def crawl(sweep: Sweep, start: str, role: str, *, within: str, limit: int) -> list[str]:
    """Check, as `role`, every kind of page reachable by links from `start` without
    leaving `within` (at most `limit` kinds), breadth first; returns the kinds seen."""
    kinds, queue = [], deque([start])
    while queue and len(kinds) < limit:
        url = queue.popleft()
        kind = page_kind(url)
        if kind is None or kind in kinds:
            continue
        kinds.append(kind)
        html = sweep.check(role, url)
        if html:
            queue.extend(links(html, within))
    return kinds
