"""A request id for every request, carried into audit events."""

from __future__ import annotations

import contextvars
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("styr_request_id", default="")
#: The id a client (a proxy, a load balancer, an integration) sent in ``X-Request-Id``, when plain.
current_client_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("styr_client_request_id", default="")
#: A client's id is kept only when it is short and plain: letters, digits, ``.``, ``_`` and ``-``.
PLAIN_CLIENT_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def client_request_id(value: str) -> str:
    """The client's ``X-Request-Id`` when short and plain, else empty: never stored as given."""
    return value if PLAIN_CLIENT_ID.fullmatch(value) else ""


#: Values computed once per request (the permission grants); None outside a request.
request_cache: contextvars.ContextVar[dict[Any, Any] | None] = contextvars.ContextVar("styr_request_cache", default=None)


class RequestIdMiddleware:
    """Every request gets an id of ours, answered in ``X-Request-Id`` and written into each audit
    event; a client's own id goes beside it (``AuditEvent.client_request_id``), only when plain."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4().hex
        token = current_request_id.set(request_id)
        client_token = current_client_request_id.set(client_request_id(request.headers.get("X-Request-Id", "")))
        cache_token = request_cache.set({})
        try:
            response = self.get_response(request)
        finally:
            request_cache.reset(cache_token)
            current_client_request_id.reset(client_token)
            current_request_id.reset(token)
        response["X-Request-Id"] = request_id
        return response


class RuleViolationMiddleware:
    """A rule broken outside a form (a second click on "adopt", say) gets a page that names
    the rule, with 409 for locked data and 422 otherwise, instead of a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.shortcuts import render

        from styr.core.errors import violation_message, violation_status
        from styr.domain.errors import RuleViolation

        if not isinstance(exception, RuleViolation):
            return None
        return render(
            request,
            "core/rule_violation.html",
            {"code": exception.code, "message": violation_message(exception)},
            status=violation_status(exception),
        )
