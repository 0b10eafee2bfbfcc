"""The API reference at /api/docs/: Rygrad's own page made from the OpenAPI schema (no
Swagger UI), so it reads without JavaScript. Every operation the served schema has is on
it with its parameters, body fields and responses, in the reader's language."""

import json
import re
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.conf import settings
from drf_spectacular.generators import SchemaGenerator

from rygrad.api import reference
from rygrad.core.testing import ROLES

HEADINGS = re.compile(r'<h3 id="([^"]+)">([A-Z]+) <code>([^<]+)</code></h3>')


class _Sections(HTMLParser):
    """Each operation's section of the page: its heading's text and the text of its table
    header cells and row header cells, table by table."""

    def __init__(self):
        super().__init__()
        self.sections, self._cell, self._text = [], None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("class") == "api-operation":
            self.sections.append({"heading": "", "tables": []})
        elif not self.sections:
            return
        elif tag == "h3":
            self._cell, self._text = "heading", []
        elif tag == "table":
            self.sections[-1]["tables"].append({"columns": [], "rows": []})
        elif tag == "th":
            self._cell = "columns" if attrs.get("scope") == "col" else "rows"
            self._text = []

    def handle_data(self, data):
        if self._cell:
            self._text.append(data)

    def handle_endtag(self, tag):
        text = " ".join("".join(self._text).split())
        if tag == "h3" and self._cell == "heading":
            self.sections[-1]["heading"], self._cell = text, None
        elif tag == "th" and self._cell:
            self.sections[-1]["tables"][-1][self._cell].append(text)
            self._cell = None


def _page(client, language="en"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/api/docs/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _served_schema(client):
    return json.loads(client.get("/api/schema/?format=json").content)


def _operations(schema):
    return [(method.upper(), path, operation) for path, item in schema["paths"].items()
            for method, operation in item.items()]


def test_every_operation_of_the_served_schema_is_on_the_page_and_in_its_contents(client):
    """Given the schema /api/schema/ serves, when the reference page is opened, then each
    of its operations has a heading with its method and path, and the contents at the top
    link to each heading — and the page has no operation the schema lacks."""
    schema, page = _served_schema(client), _page(client)
    served = {(method, path) for method, path, _op in _operations(schema)}
    headings = HEADINGS.findall(page)
    assert {(method, path) for _id, method, path in headings} == served
    assert len(headings) == len(served) > 20
    contents = page.split('<nav aria-labelledby="contents">', 1)[1].split("</nav>", 1)[0]
    for anchor, _method, _path in headings:
        assert f'href="#{anchor}"' in contents


def test_each_operation_lists_its_parameters_body_fields_and_responses(client):
    """Given the served schema, when the page is read operation by operation, then the
    parameters are a table headed name, in, type, required, description with a row per
    parameter; a body's fields and every response status are rows of their own tables."""
    schema, page = _served_schema(client), _page(client)
    parser = _Sections()
    parser.feed(page)
    sections = {section["heading"]: section["tables"] for section in parser.sections}
    components = schema["components"]["schemas"]
    for method, path, operation in _operations(schema):
        tables = list(sections[f"{method} {path}"])
        if operation.get("parameters"):
            parameters = tables.pop(0)
            assert parameters["columns"] == ["Name", "In", "Type", "Required", "Description"]
            assert parameters["rows"] == [p["name"] for p in operation["parameters"]]
        if body := operation.get("requestBody"):
            ref = next(iter(body["content"].values()))["schema"]["$ref"]
            fields = tables.pop(0)
            assert fields["columns"] == ["Field", "Type", "Required", "Description"]
            assert fields["rows"] == list(components[ref.rsplit("/", 1)[1]]["properties"])
        (responses,) = tables
        assert responses["columns"] == ["Status", "Meaning", "Body"]
        assert responses["rows"] == sorted(operation["responses"])


def test_the_page_explains_tokens_and_rates_and_links_the_raw_schema(client, world):
    """Given the configured rates, when the page is opened, then it links the token page
    and the schema as YAML and JSON, and states each rate; it loads no Swagger UI."""
    page = _page(client)
    assert 'href="/api/tokens/"' in page
    assert 'href="/api/schema/"' in page and 'href="/api/schema/?format=json"' in page
    for rate in settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].values():
        assert f"{rate.split('/')[0]} requests an hour" in page
    assert "swagger" not in page.lower() and "sidecar" not in page


@pytest.mark.parametrize("role", ROLES)
def test_the_page_is_the_same_reference_for_everyone(role, api_as, world):
    """Given any role, or none, when the page is opened, then it answers with every
    operation: the reference describes the API, not what the reader may see of it."""
    client = api_as(role)
    page = _page(client)
    expected = len(_operations(_served_schema(client)))
    assert len(HEADINGS.findall(page)) == expected


def test_the_page_speaks_the_readers_language_schema_texts_included(client):
    """Given Danish and then English chosen, when the page is opened, then its own words
    and the schema's choice labels are in that language."""
    danish, english = _page(client, "da"), _page(client, "en")
    assert '<html lang="da">' in danish and "<th scope=\"col\">Påkrævet</th>" in danish
    assert "API-reference" in danish and "Foreslået" in danish
    assert '<html lang="en">' in english and "<th scope=\"col\">Required</th>" in english
    assert "Proposed" in english and "Foreslået" not in english


def test_the_schema_is_built_once_per_language(client):
    """Given no reference built yet, when the page is opened three times in English and
    once in Danish, then the schema is generated twice: once per language."""
    reference._schema.cache_clear()
    reference._reference.cache_clear()
    generate = SchemaGenerator.get_schema
    with mock.patch.object(SchemaGenerator, "get_schema", autospec=True,
                           side_effect=generate) as generated:
        for language in ("en", "en", "da", "en"):
            _page(client, language)
    assert generated.call_count == 2
