"""The Content Security Policy allows no script or style but the site's own files (and,
where a template asks for one, a per-request nonce): no 'unsafe-inline', no
'unsafe-eval', no 'unsafe-hashes', no wildcard, no data: — on public, signed-in, error,
API and admin pages alike. And since such a policy silently blocks what a page carries
inline, no page carries any: no <script> without a source or nonce, no <style> element,
no style="" attribute, no on…= handler. htmx, the one script, is configured to need
neither eval nor inline styles."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from rygrad.core.tests.test_access_matrix import SETUPS
from rygrad.core.tests.test_pages_in_both_languages import PAGES, viewer

UNSAFE_KEYWORDS = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'",
                   "'wasm-unsafe-eval'", "'unsafe-allow-redirects'", "'strict-dynamic'"}
# Whole schemes: any page on any host (or made up on the spot) could then be loaded.
UNSAFE_SCHEMES = {"data:", "blob:", "http:", "https:", "filesystem:", "javascript:"}
# Directives that decide where script and style may come from (default-src where the
# specific ones are absent).
SCRIPT_AND_STYLE = ("default-src", "script-src", "script-src-elem", "script-src-attr",
                    "style-src", "style-src-elem", "style-src-attr")


def parse_policy(header: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as {directive: [sources]} (names lower-cased)."""
    policy = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            policy.setdefault(words[0].lower(), words[1:])
    return policy


def unsafe_sources(sources: list[str]) -> list[str]:
    """The sources that would let script or style in from anywhere but this site's files
    or a nonce."""
    found = []
    for source in sources:
        lowered = source.lower()
        if (lowered in UNSAFE_KEYWORDS or lowered in UNSAFE_SCHEMES or "*" in lowered
                or (not lowered.startswith("'") and lowered not in {"'self'"})):
            found.append(source)
        elif lowered.startswith("'") and lowered not in {"'self'", "'none'"} and not (
                lowered.startswith("'nonce-") and len(lowered) > len("'nonce-'") + 15):
            found.append(source)  # a hash or any other keyword: not what Rygrad uses
    return found


def _policy_problems(response) -> list[str]:
    header = response.headers.get("Content-Security-Policy")
    if header is None:
        return ["no Content-Security-Policy header"]
    policy = parse_policy(header)
    problems = [f"{d} allows {s}" for d in SCRIPT_AND_STYLE for s in
                unsafe_sources(policy.get(d, []))]
    for directive in ("script-src", "style-src"):
        if directive not in policy:
            problems.append(f"no {directive}")
    if policy.get("object-src") != ["'none'"]:
        problems.append(f"object-src is {policy.get('object-src')}")
    if policy.get("frame-ancestors") != ["'none'"]:
        problems.append(f"frame-ancestors is {policy.get('frame-ancestors')}")
    if policy.get("base-uri") not in (["'self'"], ["'none'"]):
        problems.append(f"base-uri is {policy.get('base-uri')}")
    return problems


# --- The checker itself finds what it must ------------------------------------------------


@pytest.mark.parametrize("header, expected", [
    ("script-src 'self'; style-src 'self' 'unsafe-inline'", ["'unsafe-inline'"]),
    ("script-src 'self' 'unsafe-eval'", ["'unsafe-eval'"]),
    ("script-src 'self'; style-src 'self' 'unsafe-hashes' 'sha256-abc='",
     ["'unsafe-hashes'", "'sha256-abc='"]),
    ("script-src *", ["*"]),
    ("script-src 'self' https://*.example.org", ["https://*.example.org"]),
    ("style-src 'self' data:", ["data:"]),
    ("script-src 'self' https:", ["https:"]),
    ("script-src 'self' cdn.example.org", ["cdn.example.org"]),
    ("script-src 'self' 'nonce-Zm9vYmFyYmF6cXV4cXV1eA=='", []),
    ("script-src 'self'; style-src 'self'", []),
])
def test_the_checker_finds_every_kind_of_unsafe_source(header, expected):
    """Given policies with each kind of unsafe source (and two safe ones), when they are
    parsed and checked, then exactly the unsafe sources are reported."""
    policy = parse_policy(header)
    found = [s for d in SCRIPT_AND_STYLE for s in unsafe_sources(policy.get(d, []))]
    assert found == expected


# --- Every kind of page carries the strict policy ----------------------------------------


def _pages(client, world):
    """(what, response) for a public page, signed-in pages, error pages, the API's
    reference and the admin."""
    slug = {"slug": world.initiative.slug}
    yield "front page", client.get(reverse("front_page"))
    yield "login page", client.get(reverse("account_login"))
    yield "not found (anonymous)", client.get("/no-such-page/")
    yield "API reference", client.get(reverse("api:docs"))
    client.force_login(world.users["secretariat"])
    yield "dashboard", client.get(reverse("initiatives:dashboard", kwargs=slug))
    yield "settings", client.get(reverse("initiatives:settings", kwargs=slug))
    yield "two-factor set-up", client.get(reverse("mfa_index"))
    yield "not found (signed in)", client.get("/i/no-such-initiative/")
    client.force_login(world.users["youth"])
    yield "forbidden", client.get(reverse("initiatives:settings", kwargs=slug))
    client.force_login(world.users["operator"])
    yield "admin", client.get("/admin/")
    yield "admin list", client.get("/admin/initiatives/initiative/")


def test_every_kind_of_page_has_a_policy_without_unsafe_sources(client, world):
    """Given a public page, the login, signed-in pages, a 404 and a 403, the API reference
    and the admin, when each is fetched, then its Content-Security-Policy allows script and
    style only from this site (or a nonce), never inline, eval, hashes, wildcards or data:,
    and forbids plugins, framing and a foreign <base>."""
    report, statuses = [], {}
    for what, response in _pages(client, world):
        statuses[what] = response.status_code
        report += [f"{what}: {problem}" for problem in _policy_problems(response)]
    assert statuses["not found (anonymous)"] == statuses["not found (signed in)"] == 404
    assert statuses["forbidden"] == 403
    assert statuses["admin"] == statuses["dashboard"] == statuses["API reference"] == 200
    assert not report, "\n".join(report)


def test_the_policy_is_enforced_not_only_reported(client, db):
    """Given a page, when it is fetched, then the policy is sent as
    Content-Security-Policy (enforced), not only as ...-Report-Only."""
    response = client.get(reverse("front_page"))
    assert "Content-Security-Policy" in response.headers
    assert "Content-Security-Policy-Report-Only" not in response.headers


# --- Nothing inline that the policy would block -------------------------------------------

JSON_TYPES = {"application/json", "application/ld+json", "importmap"}


class InlineFinder(HTMLParser):
    """Collects what a strict policy blocks: inline script without a nonce, <style>
    elements, style attributes and event-handler attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        for name, value in attrs:
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            elif re.fullmatch(r"on[a-z]+", name):
                self.found.append(f"<{tag} {name}=…>")
            elif (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")
        if tag == "style" and "nonce" not in names:
            self.found.append("<style> element")
        if (tag == "script" and "src" not in names and "nonce" not in names
                and names.get("type") not in JSON_TYPES):
            self.found.append("<script> without src or nonce")

    handle_startendtag = handle_starttag


def inline_problems(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


def test_the_inline_finder_finds_each_kind():
    """Given HTML with each thing a strict policy blocks, when it is searched, then each is
    found, and a script with a source, a nonce'd one and a JSON data block are not."""
    html = ('<p style="color:red">x</p><button onclick="go()">b</button>'
            '<a href="javascript:go()">l</a><style>p{}</style><script>go()</script>'
            '<svg><rect style="fill:red"/></svg>'
            '<script src="/static/a.js"></script><script nonce="abc">ok()</script>'
            '<script type="application/json">{}</script>')
    assert inline_problems(html) == [
        '<p style="color:red">', "<button onclick=…>", "<a href=javascript:…>",
        "<style> element", "<script> without src or nonce", '<rect style="fill:red">']


def _html(response) -> str | None:
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    return response.content.decode(response.charset or "utf-8")


APPS = sorted({app for app, _case in PAGES})


@pytest.mark.parametrize("app", APPS, ids=lambda app: app.rsplit(".", 1)[-1])
def test_no_page_of_the_app_carries_inline_script_or_style(app, client, world):
    """Given every page of an app in the permission matrix, opened by someone allowed to
    see it, when its HTML is parsed, then it has no inline script without a nonce, no
    <style> element, no style attribute and no on…= handler (each would be blocked)."""
    objects = SETUPS[app](world)
    report = []
    for _app, case in (item for item in PAGES if item[0] == app):
        kwargs = {"slug": world.initiative.slug} if case.in_initiative else {}
        if case.kwargs:
            kwargs.update(case.kwargs(world, objects))
        url = reverse(case.url_name, kwargs=kwargs) + (f"?{case.query}" if case.query else "")
        client.logout()
        if world.users[viewer(case)] is not None:
            client.force_login(world.users[viewer(case)])
        html = _html(client.get(url))
        if html is not None:
            report += [f"{url}: {problem}" for problem in inline_problems(html)]
    assert not report, "\n".join(report)


def test_account_error_and_admin_pages_carry_no_inline_script_or_style(client, world):
    """Given the pages outside the matrix — login, password reset, the two-factor pages,
    the error pages and the admin — when their HTML is parsed, then none carries anything
    inline that the policy blocks."""
    report = []
    urls = [reverse("account_login"), reverse("account_reset_password"), "/no-such-page/"]
    for url in urls:
        report += [f"{url}: {p}" for p in inline_problems(_html(client.get(url)))]
    client.post(reverse("account_login"), {"login": "secretariat@example.org",
                                           "password": "pw"})
    client.post(reverse("account_reauthenticate"), {"password": "pw"})
    for url in [reverse("mfa_index"), reverse("mfa_activate_totp"),
                reverse("account_change_password"), reverse("account_email")]:
        response = client.get(url)
        assert response.status_code == 200, url
        report += [f"{url}: {p}" for p in inline_problems(_html(response))]
    TOTP.activate(world.users["operator"], generate_totp_secret())
    client.force_login(world.users["operator"])
    for url in ["/admin/", "/admin/initiatives/initiative/",
                f"/admin/initiatives/initiative/{world.initiative.pk}/change/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        report += [f"{url}: {p}" for p in inline_problems(_html(response))]
    assert not report, "\n".join(report)


# --- htmx needs neither eval nor inline style ---------------------------------------------

HTMX_CONFIG = re.compile(r"""<meta name="htmx-config" content='([^']*)'>""")


@pytest.mark.parametrize("who", ["anonymous", "secretariat"])
def test_htmx_is_configured_for_the_policy(client, world, who):
    """Given a page (public and signed in), when its head is read, then htmx is configured
    to inject no indicator styles, evaluate nothing (no hx-on, js: or event filters), run
    no <script> from an answer, call only this site and keep no page in localStorage — and
    htmx's script is loaded from this site, before nothing that could configure it again."""
    if who != "anonymous":
        client.force_login(world.users[who])
    html = client.get(reverse("front_page")).content.decode()
    found = HTMX_CONFIG.findall(html)
    assert len(found) == 1, found
    config = json.loads(found[0])
    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
    assert config["selfRequestsOnly"] is True
    assert config["historyCacheSize"] == 0
    assert "style" not in config["attributesToSettle"]
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts and all(src.startswith("/static/") for src in scripts), scripts


def test_the_vendored_htmx_knows_every_option_the_page_sets(client, db):
    """Given the htmx that django-htmx ships (the one base.html loads), when its default
    configuration is read from its source, then every option base.html sets exists in it
    (a misspelt option would be silently ignored, leaving eval on)."""
    from django.contrib.staticfiles import finders

    html = client.get(reverse("front_page")).content.decode()
    config = json.loads(HTMX_CONFIG.search(html).group(1))
    src = re.search(r'<script[^>]*src="/static/([^"]+)"', html).group(1)
    source = Path(finders.find(src)).read_text(encoding="utf-8")
    defaults = source[source.index("config:{") if "config:{" in source
                      else source.index("config: {"):][:4000]
    for option in config:
        assert re.search(rf"\b{option}\s*:", defaults), f"htmx has no option {option}"
