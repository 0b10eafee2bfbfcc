"""The API against its own served OpenAPI schema (Schemathesis, through the WSGI app, as
the secretariat with a token): generated requests to every operation, a bounded number of
examples each; no answer is a server error or outside what the schema says. (The reference
page made from the schema: test_reference.py.)"""

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


@pytest.fixture(autouse=True)
def connection_kept():
    """Requests go to the WSGI app, not Django's test client, so Django would close the
    database connection after each (`close_old_connections`) — on PostgreSQL that ends the
    test's transaction. The test client keeps it open the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


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

