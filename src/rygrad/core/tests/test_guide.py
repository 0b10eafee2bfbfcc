"""The secretariat's guide inside the app: every page of docs/guide renders at /guide/,
its headings have anchors, links between its pages lead to a page and section of the app,
nothing outside the guide can be opened through its URL, a reader gets their language
where the guide is translated, and every page of the app links to the guide's part that
explains it."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import get_resolver, reverse
from django.utils import translation

from rygrad.core import guide
from rygrad.core.markdown import heading_slug

LINK = re.compile(r'href="([^"]*)"')
IDS = re.compile(r'\sid="([^"]+)"')


@pytest.fixture(autouse=True)
def _language_restored():
    """A request in English leaves English active in the thread; later tests expect the
    project's language."""
    language = translation.get_language()
    yield
    translation.activate(language)


def _guide(html: str) -> str:
    """The guide's own text on a page (not the layout's links)."""
    return html.split('<div class="guide"', 1)[1].split("</main>", 1)[0]


def _get(client, url, language="en"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url)


def test_the_guide_is_found_where_the_setting_says():
    """Given the repository's settings, when the guide's pages are listed, then they are
    the Markdown files of docs/guide, the first page first (so the checks below are not
    vacuous)."""
    names = guide.page_names()
    assert names[0] == "index"
    assert {"dashboard", "alliance", "agenda", "activities", "measurement"} <= set(names)


@pytest.mark.parametrize("name", guide.page_names())
def test_every_guide_page_renders_with_an_anchor_on_each_heading(client, db, name):
    """Given a page of the guide, when it is opened, then it answers 200 with the page's
    one h1, and every heading of its Markdown file has an id made from its text."""
    response = _get(client, guide.page_url(name))
    assert response.status_code == 200
    text = _guide(response.content.decode())
    assert text.count("<h1") == 1
    source = (guide.guide_dir() / f"{name}.md").read_text(encoding="utf-8")
    headings = re.findall(r"^#{1,6} (.+)$", source, re.MULTILINE)
    ids = set(IDS.findall(text))
    missing = [h for h in headings if heading_slug(re.sub(r"[`*]", "", h)) not in ids]
    assert not missing, f"headings of {name}.md without an anchor: {missing}"


def test_every_link_between_guide_pages_leads_to_a_page_and_its_section(client, db):
    """Given every page of the guide, when each link to another guide page is followed,
    then that page answers 200 and has the section the link names; no link still points
    at a Markdown file."""
    pages = {name: _guide(_get(client, guide.page_url(name)).content.decode())
             for name in guide.page_names()}
    by_url = {guide.page_url(name): text for name, text in pages.items()}
    followed, broken = 0, []
    for name, text in pages.items():
        for href in LINK.findall(text):
            assert ".md" not in href, f"{name}: a link to a Markdown file is left: {href}"
            parts = urlsplit(href)
            if parts.scheme or not parts.path.startswith("/guide/"):
                continue
            followed += 1
            target = by_url.get(parts.path)
            if target is None or (parts.fragment and parts.fragment not in IDS.findall(target)):
                broken.append(f"{name}: {href}")
    assert followed >= 5 and not broken, f"links that lead nowhere: {broken}"


def test_a_link_to_a_file_outside_the_guide_is_shown_as_its_text(client, db):
    """Given the first page, which points operators to ../deploy.md, when it is opened,
    then the file's name is there as text, not a link the app cannot serve."""
    text = _guide(_get(client, reverse("core:guide")).content.decode())
    assert "../deploy.md" in text
    assert 'href="../deploy.md"' not in text


def test_the_guide_first_page_has_one_address(client, db):
    """Given the first page, when /guide/index/ is asked for, then it leads to /guide/."""
    response = client.get(reverse("core:guide_page", kwargs={"page": "index"}))
    assert response.status_code == 301
    assert response["Location"] == reverse("core:guide")


@pytest.mark.parametrize("path", [
    "/guide/no-such-page/", "/guide/deploy/", "/guide/architecture/", "/guide/../deploy/",
    "/guide/..%2fdeploy/", "/guide/%2e%2e/", "/guide/%2e%2e%2fdeploy/", "/guide/..%5cdeploy/",
    "/guide/index.md/", "/guide/da/", "/guide/%252e%252e%252fdeploy/",
])
def test_an_unknown_page_or_a_path_out_of_the_guide_is_not_found(client, db, path):
    """Given a page name that is not a page of the guide — one that climbs out of its
    folder, plainly or encoded, or names a file beside it — when it is asked for, then the
    answer is 404 and no file is read."""
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("name", ["../deploy", "..", "../../README", "/etc/passwd", "da/index",
                                  "index.md", "..%2fdeploy"])
def test_a_page_name_is_looked_up_never_joined_to_a_path(name):
    """Given names that would lead out of the guide's folder if joined to it, when the
    guide is asked for them directly, then it has no such page."""
    assert guide.guide_page(name) is None


@pytest.fixture
def small_guide(tmp_path):
    """A guide of two pages in a temporary folder; `page` is translated to Danish."""
    (tmp_path / "index.md").write_text(
        "# The guide\n\nSee [the page](page.md#second-part).\n", encoding="utf-8")
    (tmp_path / "page.md").write_text(
        "# The page\n\n## Second part\n\nIn English.\n", encoding="utf-8")
    (tmp_path / "da").mkdir()
    (tmp_path / "da" / "page.md").write_text(
        "# Siden\n\n## Anden del\n\nPå dansk. Tilbage til [vejledningen](../index.md).\n",
        encoding="utf-8")
    with override_settings(RYGRAD_GUIDE_DIR=tmp_path):
        yield tmp_path


def test_a_translated_page_is_shown_in_the_readers_language(client, db, small_guide):
    """Given a page with a Danish translation, when a Danish reader opens it, then the
    Danish text is shown, marked as Danish, without a notice, and its links lead to the
    app's pages."""
    html = _get(client, "/guide/page/", "da").content.decode()
    assert "På dansk." in html and "In English." not in html
    assert '<div class="guide" lang="da">' in html
    assert "skrevet på engelsk" not in html
    assert 'href="/guide/"' in _guide(html)


def test_an_untranslated_page_is_shown_in_english_with_a_notice_in_danish(client, db,
                                                                         small_guide):
    """Given a page only in English, when a Danish reader opens it, then the English text
    is shown, marked as English, with a notice in Danish that the guide is in English; an
    English reader gets no notice."""
    html = _get(client, "/guide/", "da").content.decode()
    assert "Vejledningen er skrevet på engelsk" in html
    assert '<div class="guide" lang="en">' in html
    assert 'href="/guide/page/#second-part"' in html
    english = _get(client, "/guide/page/", "en").content.decode()
    assert "In English." in english and "written in English" not in english


def test_the_guide_warns_the_operator_when_it_is_not_found(tmp_path):
    """Given RYGRAD_GUIDE_DIR pointing at a folder without the guide (an installation from
    a wheel that holds no docs/), when Django's checks run, then they warn and name the
    setting; with the repository's guide they say nothing."""
    assert guide.check_guide_found() == []
    with override_settings(RYGRAD_GUIDE_DIR=tmp_path / "missing"):
        warnings = guide.check_guide_found()
    assert [w.id for w in warnings] == ["rygrad.W001"]
    assert "RYGRAD_GUIDE_DIR" in warnings[0].hint


def _help_href(html: str) -> str:
    footer = html.split('<footer', 1)[1]
    return re.search(r'<a href="([^"]*)">(?:Help|Hjælp)</a>', footer).group(1)


@pytest.mark.parametrize(("url_name", "expected"), [
    ("initiatives:dashboard", "/guide/dashboard/"),
    ("initiatives:thresholds", "/guide/dashboard/#warnings-and-thresholds"),
    ("alliance:overview", "/guide/alliance/"),
    ("agenda:overview", "/guide/agenda/"),
    ("agenda:knowledge_create", "/guide/agenda/#writing-the-agenda-secretariat"),
    ("activities:list", "/guide/activities/"),
    ("measurement:overview", "/guide/measurement/"),
])
def test_each_page_links_to_the_guide_part_that_explains_it(world, client_as, url_name,
                                                            expected):
    """Given a page of an app, when the secretariat opens it, then the layout's Help link
    leads to that app's page of the guide (or the section the app registered)."""
    html = client_as("secretariat").get(
        reverse(url_name, kwargs={"slug": world.initiative.slug})).content.decode()
    assert _help_href(html) == expected


def test_a_page_outside_the_initiatives_links_to_the_guide_first_page(client, db):
    """Given the accessibility statement, when it is opened, then Help leads to /guide/."""
    assert _help_href(client.get(reverse("core:accessibility")).content.decode()) == "/guide/"


def _namespaces() -> dict:
    return get_resolver().namespace_dict


def test_every_registered_help_names_a_real_page_and_section(client, db):
    """Given what the apps registered with `register_help`, when each is checked, then it
    names a URL namespace or URL name of the project, and a page of the guide with a
    section that page has."""
    namespaces = _namespaces()
    registered = guide.registered_help()
    assert registered, "no app registers help (the check would be vacuous)"
    for view, target in registered.items():
        namespace, _colon, name = view.partition(":")
        assert namespace in namespaces, f"{view}: no such URL namespace"
        if name:
            assert name in namespaces[namespace][1].reverse_dict, f"{view}: no such URL"
        page, _hash, anchor = target.partition("#")
        assert page in guide.page_names(), f"{view}: the guide has no page {page!r}"
        if anchor:
            text = _guide(_get(client, guide.page_url(page)).content.decode())
            assert anchor in IDS.findall(text), f"{view}: {page} has no section {anchor!r}"


@pytest.mark.parametrize("namespace", ["initiatives", "alliance", "agenda", "activities",
                                       "measurement"])
def test_every_app_of_an_initiative_has_its_part_of_the_guide(namespace):
    """Given an app whose pages live inside an initiative, when its Help link is worked
    out, then it is a page of the guide other than the first one."""
    target = guide.help_target(namespace=namespace)
    assert target.partition("#")[0] in set(guide.page_names()) - {"index"}

