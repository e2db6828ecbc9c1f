"""Schemathesis walks the follow-up operations of issue 13 §4 (values, the bulk write, assessments,
reports and their state changes, comments, and the goal list that carries the latest value only):
no server error, and every answer as the document describes it. The same check as
``test_schemathesis.py``, narrowed to these operations and with data they can act on."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from styr.config.wsgi import application
from styr.core.services import api_token_create
from styr.followup import services
from styr.followup.models import ReportingPeriod
from styr.planning.services import goal_create, indicator_create
from tests.conftest import YEAR, World

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex=r"^/api/v1/(values|assessments|reports.*|org-units/\{unit_id\}/values/\{period\}|goals|goals/\{goal_id\}/comments)$"
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """As in ``test_schemathesis.py``: calling the WSGI app directly would close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(world: World) -> str:
    unit = world.unit("Utbildningsnämnden")
    goal = goal_create(actor=None, org_unit=unit, title="Mål", start_year=YEAR, end_year=YEAR)
    indicator = indicator_create(actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78))
    services.measurement_record(actor=None, indicator=indicator, period=date(YEAR, 1, 1), value=Decimal(80))
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    period = ReportingPeriod.objects.filter(calendar=calendar).first()
    assert period is not None
    services.report_create(actor=None, org_unit=unit, period=period)
    _token, raw = api_token_create(actor=None, user=world.users["ks_controller"])
    return raw


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_the_follow_up_operations_have_no_server_errors(case: Any, token: str) -> None:
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, response.text
    case.validate_response(response, checks=[schemathesis.checks.not_a_server_error, schemathesis.checks.response_schema_conformance])
