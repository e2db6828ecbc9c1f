"""A request id for every request, carried into audit events."""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("styr_request_id", default="")
#: Values computed once per request (the permission grants); None outside a request.
request_cache: contextvars.ContextVar[dict[Any, Any] | None] = contextvars.ContextVar("styr_request_cache", default=None)


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request.headers.get("X-Request-Id", "")[:64] or uuid.uuid4().hex
        token = current_request_id.set(request_id)
        cache_token = request_cache.set({})
        try:
            response = self.get_response(request)
        finally:
            request_cache.reset(cache_token)
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
