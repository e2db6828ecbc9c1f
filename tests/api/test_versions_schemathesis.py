"""Schemathesis on the goal operations that read and write one versioned entity (issue 14 §1):
whatever ``If-Match`` it sends (an ETag, garbage, ``*``, none), no server error, and every answer
(200 with ``ETag``, 409 EDIT-001, 422 INPUT-001) as the OpenAPI document declares it."""

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tests.api.test_schemathesis import _keep_the_test_connection, schema, token

__all__ = ["_keep_the_test_connection", "token"]

versioned = schema.include(path_regex=r"^/api/v1/goals/\{goal_id\}$")


@versioned.parametrize()
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_the_versioned_goal_operations_have_no_server_errors_and_answer_as_declared(case: Any, token: str) -> None:
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, response.text
    case.validate_response(response, checks=[schemathesis.checks.not_a_server_error, schemathesis.checks.response_schema_conformance])
    if response.status_code == 200 and case.method in {"GET", "PATCH"}:
        headers = {name.lower(): value for name, value in response.headers.items()}
        etag = headers["etag"]
        assert (etag[0] if isinstance(etag, list) else etag) == f'"{response.json()["version"]}"'
