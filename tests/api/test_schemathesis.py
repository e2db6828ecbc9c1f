"""Schemathesis walks every operation of the OpenAPI document: no server error, answers as declared.

Twenty examples per operation (derandomized, so each run sends the same): 276 operations make about
5,500 requests, a few minutes of one process; the follow-up and the versioned operations have their
own walks with more (test_api_values_schemathesis.py, test_versions_schemathesis.py)."""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from styr.config.wsgi import application
from styr.core.services import api_token_create
from styr.planning.services import goal_create
from tests.conftest import YEAR, World

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Calling the WSGI app directly would close the test's database connection at the end
    of each request (Django's test client disconnects the same signal)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(world: World) -> str:
    goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Mål", start_year=YEAR, end_year=YEAR)
    _token, raw = api_token_create(actor=None, user=world.users["committee_politician"])
    return raw


@schema.parametrize()
@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_api_has_no_server_errors(case: Any, token: str) -> None:
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, response.text
    case.validate_response(response, checks=[schemathesis.checks.not_a_server_error, schemathesis.checks.response_schema_conformance])
