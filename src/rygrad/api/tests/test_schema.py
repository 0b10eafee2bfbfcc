"""The API against its own served OpenAPI schema (Schemathesis, through the WSGI app, as
the secretariat with a token): generated requests to every operation, a bounded number of
examples each; no answer is a server error or outside what the schema says. The docs page
is served from installed files only."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from rygrad.api.services import api_token_create

from . import access

# The schema as the server serves it (fetching it reads no record, so it can be loaded
# while the tests are collected).
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@pytest.fixture
def objects(world):
    return access.setup(world)


@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_within_its_schema(case, world, objects):
    secret = api_token_create(user=world.users["secretariat"], name="Schemathesis")[1]
    if "slug" in case.path_parameters:
        case.path_parameters["slug"] = world.initiative.slug
    # The acceptance's checks: no server error, and nothing answered that the schema does
    # not describe (status, content type, body). Requests with ids that do not exist are
    # generated too; their 400/404 are described refusals.
    case.call_and_validate(headers={"Authorization": f"Bearer {secret}"}, checks=[
        not_a_server_error, status_code_conformance, content_type_conformance,
        response_schema_conformance])


def test_the_docs_page_loads_swagger_ui_from_this_server(client):
    """The docs page's scripts and styles are this server's static files, and its start
    script is a file too (no inline script for the CSP to refuse)."""
    page = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "http" not in page.split("<body>", 1)[1]
    assert "<script>" not in page
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "/api/schema/" in script.content.decode()
    csp = client.get("/api/docs/")["Content-Security-Policy"]
    assert "script-src 'self'" in csp
