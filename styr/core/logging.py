"""Structured logs: one JSON object a line, carrying the request id the answer's ``X-Request-Id`` shows,
so a line in the log, an audit event and a user's report of a failed page can be matched (issue 14 §5).

``JsonFormatter`` is the ``json`` formatter of ``LOGGING`` (``STYR_LOG_FORMAT=json``, the default with debug
off); ``RequestLogMiddleware`` writes one line per request (logger ``styr.request``)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

from styr.core.middleware import current_client_request_id, current_request_id

#: attributes every LogRecord has; anything else on a record came through ``extra=`` and is written out
_RECORD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}

request_logger = logging.getLogger("styr.request")


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "message", "request_id", …}``: the time in UTC (ISO 8601, milliseconds),
    the request id of the request being served (empty outside one: the task worker, commands), the fields a
    caller passed in ``extra`` (``path``, ``status``, ``duration_ms``, ``user_id``…), and a traceback as
    ``exc_info`` when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or current_request_id.get(),
        }
        client_id = getattr(record, "client_request_id", None) or current_client_request_id.get()
        if client_id:
            line["client_request_id"] = client_id
        for key, value in record.__dict__.items():
            if key not in _RECORD_ATTRIBUTES and key not in line and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def _user_id(request: HttpRequest) -> int | None:
    """The signed-in user's id, when the request already looked the user up (never a query of its own)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    """One line per request: method, path, status, duration in milliseconds and the user's id, at INFO
    (WARNING for 4xx other than 404, ERROR for 5xx). It sits inside ``RequestIdMiddleware``, so the line
    carries the request id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        status = response.status_code
        level = logging.ERROR if status >= 500 else logging.WARNING if status >= 400 and status != 404 else logging.INFO
        # the ids go on the record itself, so a handler that formats later (a queue) still has them
        extra: dict[str, Any] = {"request_id": current_request_id.get(), "method": request.method, "path": request.path, "status": status}
        extra |= {"duration_ms": duration_ms, "user_id": _user_id(request)}
        if client_id := current_client_request_id.get():
            extra["client_request_id"] = client_id
        request_logger.log(level, "%s %s %s", request.method, request.path, status, extra=extra)
        return response
