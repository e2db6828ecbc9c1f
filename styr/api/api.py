"""The API under /api/v1/ (OpenAPI document at /api/v1/openapi.json)."""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as ModelValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema

from styr.api.accounting import router as accounting_router
from styr.api.agenda import router as agenda_router
from styr.api.allocation import router as allocation_router
from styr.api.analysis import router as analysis_router
from styr.api.assignments import router as assignments_router
from styr.api.auth import CsrfFailed, TokenNoLongerWorks, api_auth
from styr.api.balance import router as balance_router
from styr.api.calendar import router as calendar_router
from styr.api.carry_overs import router as carry_overs_router
from styr.api.citizen_dialogue import router as citizen_dialogue_router
from styr.api.companies import router as companies_router
from styr.api.control_followup import router as control_followup_router
from styr.api.control_oversight import router as control_oversight_router
from styr.api.control_plans import router as control_plans_router
from styr.api.control_risks import router as control_risks_router
from styr.api.development import router as development_router
from styr.api.endings import router as endings_router
from styr.api.financial_goals import router as financial_goals_router
from styr.api.followup_reports import router as followup_reports_router
from styr.api.followup_values import router as followup_values_router
from styr.api.frames import router as frames_router
from styr.api.governing_documents import router as governing_documents_router
from styr.api.group_statements import router as group_statements_router
from styr.api.internal_budget import router as internal_budget_router
from styr.api.investments import router as investments_router
from styr.api.kolada import router as kolada_router
from styr.api.kolada_bindings import router as kolada_bindings_router
from styr.api.long_term import router as long_term_router
from styr.api.milestones import router as milestones_router
from styr.api.mission import router as mission_router
from styr.api.organisation import router as organisation_router
from styr.api.overview import router as overview_router
from styr.api.personnel import router as personnel_router
from styr.api.planning import router as planning_router
from styr.api.plans import router as plans_router
from styr.api.population import router as population_router
from styr.api.projects import router as projects_router
from styr.api.public import router as public_router
from styr.api.schemas import Error
from styr.api.scopes import mark_area
from styr.api.versions import declare_versions, with_etag
from styr.core.errors import NotAllowed, violation_dict, violation_status
from styr.domain.errors import RuleViolation

#: The request the OpenAPI document is being served for: its server is named after it.
_document_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar("styr_openapi_request", default=None)


def _remember_request[V: Callable[..., HttpResponse]](view: V) -> V:
    @functools.wraps(view)
    def serve(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = _document_request.set(request)
        try:
            return view(request, *args, **kwargs)
        finally:
            _document_request.reset(token)

    return serve  # type: ignore[return-value]


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


#: Answers any operation may give, declared on each (INPUT-001); those that need a login (the
#: operation has ``security``; the public ones, ``auth=None``, have none) also AUTH-001 and 403 (PERM-001, TOKEN-001, TOKEN-002); those
#: with a body also a missing CSRF token (AUTH-002, or PERM-001) and a body over the limit.
EVERY_OPERATION = {
    "422": "INPUT-001 or a rule of the governance model: the request is not valid",
}
WITH_A_LOGIN = {
    "401": "AUTH-001: no valid login (a session, or a valid personal token as Authorization: Bearer)",
    "403": "PERM-001: no permission; TOKEN-001: a write with a read-only token; TOKEN-002: an operation outside the token's areas",
}
WITH_A_BODY = {
    "403": (
        "PERM-001: no permission; AUTH-002: a session write without its CSRF token; "
        "TOKEN-001: a write with a read-only token; TOKEN-002: an operation outside the token's areas"
    ),
    "413": "TOO-LARGE: the request body is over the limit",
}


class StyrAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None) -> OpenAPISchema:
        """The document names its server (the address it was fetched from), so a generated
        client's base URL works, and declares the error answers every operation may give."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        request = _document_request.get()
        schema["servers"] = [{"url": request.build_absolute_uri("/").rstrip("/") if request is not None else "/", "description": "Styr"}]
        schema.setdefault("components", {}).setdefault("schemas", {}).setdefault("Error", Error.json_schema())
        for item in schema["paths"].values():
            for operation in item.values():
                responses = operation.setdefault("responses", {})
                declared = (WITH_A_LOGIN if operation.get("security") else {}) | EVERY_OPERATION | (WITH_A_BODY if "requestBody" in operation else {})
                for status, description in declared.items():
                    responses.setdefault(status, _error_response(description))
        declare_versions(schema)  # If-Match, 409 EDIT-001 and ETag (issue 14 §1)
        return schema


api = StyrAPI(
    title="Styr API",
    version="1",
    description="Planning and follow-up for Swedish municipal groups. Errors: {code, message, detail}.",
    auth=api_auth,
    urls_namespace="api",
    docs_decorator=_remember_request,
)
api.add_router("/", organisation_router)
api.add_router("/", governing_documents_router)
api.add_router("/", mission_router)
api.add_router("/", analysis_router)
api.add_router("/", citizen_dialogue_router)
api.add_router("/", development_router)
api.add_router("/", planning_router)
api.add_router("/", assignments_router)
api.add_router("/", projects_router)
api.add_router("/", financial_goals_router)
api.add_router("/", plans_router)
api.add_router("/", agenda_router)
api.add_router("/", accounting_router)
api.add_router("/", group_statements_router)
api.add_router("/", milestones_router)
api.add_router("/", population_router)
api.add_router("/", internal_budget_router)
api.add_router("/", personnel_router)
api.add_router("/", allocation_router)
api.add_router("/", frames_router)
api.add_router("/", long_term_router)
api.add_router("/", investments_router)
api.add_router("/", balance_router)
api.add_router("/", carry_overs_router)
api.add_router("/", companies_router)
api.add_router("/", control_followup_router)
api.add_router("/", control_risks_router)
api.add_router("/", control_oversight_router)
api.add_router("/", control_plans_router)
api.add_router("/", calendar_router)
api.add_router("/", overview_router)
api.add_router("/", public_router)
api.add_router("/", followup_values_router)
api.add_router("/", followup_reports_router)
api.add_router("/", kolada_router)
api.add_router("/", kolada_bindings_router)
api.add_router("/", endings_router)


def _error(request: HttpRequest, status: int, code: str, message: str, detail: dict[str, object] | None = None) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, "detail": detail or {}}, status=status)


@api.exception_handler(RuleViolation)
def on_rule_violation(request: HttpRequest, exc: RuleViolation) -> HttpResponse:
    body = violation_dict(exc)
    return api.create_response(request, body, status=violation_status(exc))


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    if isinstance(exc, NotAllowed):
        return api.create_response(request, exc.as_dict(), status=403)
    return _error(request, 403, "PERM-001", _("You do not have permission for this."))


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "NOT-FOUND", _("Not found."))


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "AUTH-001", _("Log in, or send a personal API token as Authorization: Bearer."))


@api.exception_handler(CsrfFailed)
def on_csrf_failed(request: HttpRequest, exc: CsrfFailed) -> HttpResponse:
    return _error(request, 403, "AUTH-002", _("A write with a session login must send the CSRF token (or use a personal API token)."))


@api.exception_handler(RequestDataTooBig)
def on_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE (Django raises it when the body is read)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return _error(request, 413, "TOO-LARGE", _("The request is too large (at most %(limit)s bytes).") % {"limit": limit}, {"limit_bytes": limit})


def _field_name(loc: list[object] | tuple[object, ...]) -> str:
    """``["body", "payload", "citizen_change"]`` → ``citizen_change``; ``["query", "year"]`` → ``year``."""
    parts = [str(part) for part in loc]
    return ".".join(parts[2:] if parts[:1] == ["body"] and len(parts) > 2 else parts[1:]) or ".".join(parts)


@api.exception_handler(ValidationError)
def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """INPUT-001, naming every field that did not hold (an unknown one, a wrong type, too long a text)."""
    fields = list(dict.fromkeys(_field_name(error.get("loc", ())) for error in exc.errors if isinstance(error, dict)))
    message = (
        _("The request's parameters are not valid: %(fields)s.") % {"fields": ", ".join(fields)} if fields else _("The request's parameters are not valid.")
    )
    return _error(request, 422, "INPUT-001", message, {"errors": exc.errors, "fields": fields})


@api.exception_handler(ModelValidationError)
def on_model_validation(request: HttpRequest, exc: ModelValidationError) -> HttpResponse:
    """A value the model refuses on ``full_clean`` (a length, a choice, a check constraint)."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return _error(request, 422, "INPUT-001", _("The request's parameters are not valid."), {"errors": errors})


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """A body that is not JSON is INPUT-001 like any other invalid input (django-ninja raises 400)."""
    if exc.status_code == 400:
        errors = [{"type": "json_invalid", "loc": ["body"], "msg": str(exc)}]
        return _error(request, 422, "INPUT-001", _("The request's parameters are not valid."), {"errors": errors})
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(TokenNoLongerWorks)
def on_token_no_longer_works(request: HttpRequest, exc: TokenNoLongerWorks) -> HttpResponse:
    """AUTH-001 for a token that was revoked, expired (TOKEN-003) or outlived its user's password (TOKEN-004)."""
    return api.create_response(request, exc.as_dict(), status=401)


#: Each call knows the area of the operation it resolved to, for a token's areas (TOKEN-002).
api.add_decorator(mark_area, mode="view")

#: A 200/201 answer that is one versioned entity carries its ETag (issue 14 §1, EDIT-001).
api.add_decorator(with_etag, mode="view")
