"""The API's areas, which a personal token can be limited to (TOKEN-002).

Each router module under ``styr/api/`` belongs to one area. The area of a call is the area of
the operation it resolves to: ``mark_area`` is a django-ninja "view" decorator added to the whole
API (``api.add_decorator``), so when django-ninja binds each router's operations it hands us the
operation, whose handler's module names its area. The request carries the area into the
authentication (``TokenAuth``), which refuses a token whose areas do not include it. There is no
list of URL prefixes to keep in step: a new router gets its area here, and
``tests/api/test_token_scopes.py`` fails for a router registered in ``api.py`` without one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

#: The areas, in the order the account page lists them.
AREAS: dict[str, Any] = {
    "organisation": _("Organisation"),
    "plan": _("Plans and goals"),
    "followup": _("Follow-up"),
    "economy": _("Economy"),
    "control": _("Internal control"),
    "kolada": _("Kolada"),
    "public": _("Public data"),
}

#: What each area covers, for the OpenAPI document (English, like the document).
AREA_CONTENTS: dict[str, str] = {
    "organisation": "the municipal group, its organisation tree and roles",
    "plan": "plans, goals and indicators, core mission and quality, development areas, analyses, assignments and activities, Agenda 2030",
    "followup": "the planning calendar, periods and deadlines, values, assessments, reports and KS's overview",
    "economy": "frames, accounting, resource allocation, budgets, investments, financial goals, the balance requirement, population",
    "control": "internal control (risks, plans, follow-up, oversight) and the companies' owner directives",
    "kolada": "Kolada's catalogue, settings and syncs, and indicators bound to Kolada",
    "public": "the public, open data (needs no token at all)",
}

#: Each router module (``styr/api/<module>.py``) and its area.
ROUTER_AREAS: dict[str, str] = {
    "organisation": "organisation",
    "mission": "plan",
    "analysis": "plan",
    "citizen_dialogue": "plan",
    "development": "plan",
    "planning": "plan",
    "assignments": "plan",
    "plans": "plan",
    "agenda": "plan",
    "financial_goals": "economy",
    "accounting": "economy",
    "group_statements": "economy",
    "population": "economy",
    "internal_budget": "economy",
    "personnel": "economy",
    "allocation": "economy",
    "frames": "economy",
    "long_term": "economy",
    "investments": "economy",
    "balance": "economy",
    "carry_overs": "economy",
    "milestones": "followup",
    "companies": "control",
    "control_followup": "control",
    "control_risks": "control",
    "control_oversight": "control",
    "control_plans": "control",
    # issue 13's routers, written in parallel
    "calendar": "followup",
    "overview": "followup",
    "followup_values": "followup",
    "followup_reports": "followup",
    "kolada": "kolada",
    "kolada_bindings": "kolada",
    "public": "public",
    "endings": "plan",
    # issue 15's routers
    "governing_documents": "organisation",
    "projects": "plan",
}

#: Methods a read-only token may use (TOKEN-001).
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_REQUEST_AREA = "_styr_api_area"


def area_of_module(module: str) -> str | None:
    """``styr.api.frames`` → ``economy``; None for a module that has no area (yet)."""
    package, _dot, name = module.rpartition(".")
    return ROUTER_AREAS.get(name) if package == "styr.api" else None


def area_of_handler(handler: Callable[..., Any] | None) -> str | None:
    return area_of_module(getattr(handler, "__module__", "") or "")


def mark_area(run: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap an operation's ``run`` so the request knows the area of the operation it resolved
    to before authentication runs. django-ninja applies the API's "view" decorators first, to
    the operation's own bound ``run``, whose ``__self__`` is the operation."""
    operation = getattr(run, "__self__", None)
    area = area_of_handler(getattr(operation, "view_func", None))
    if operation is not None and area is not None:
        # the OpenAPI document names each operation's area (``x-styr-area``)
        operation.openapi_extra = {**(getattr(operation, "openapi_extra", None) or {}), "x-styr-area": area}

    @functools.wraps(run)
    def marked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        setattr(request, _REQUEST_AREA, area)
        return run(request, *args, **kwargs)

    return marked


def request_area(request: HttpRequest) -> str | None:
    """The area of the operation the request resolved to (None when unknown)."""
    area = getattr(request, _REQUEST_AREA, None)
    return area if isinstance(area, str) else None


def openapi_description() -> str:
    """The bearer scheme's description in the OpenAPI document: the scopes a token can carry
    (each operation names its area in ``x-styr-area``)."""
    areas = "\n".join(f"- `{area}`: {AREA_CONTENTS[area]}" for area in AREAS)
    return (
        "A personal API token, sent as `Authorization: Bearer styr_…`. Make one on the account page "
        "(`/konto/`) or with `manage.py create_api_token`. A token acts as its user, within the "
        "user's roles, and carries scopes:\n\n"
        "- **read only** (TOKEN-001): only GET, HEAD and OPTIONS; any other method answers 403 TOKEN-001.\n"
        "- **areas** (TOKEN-002): no areas is every area; otherwise an operation outside the "
        "token's areas answers 403 TOKEN-002. Each operation names its area in `x-styr-area`. The areas:\n\n"
        f"{areas}\n\n"
        "- **expiry** (TOKEN-003): every token expires; an expired token answers 401 AUTH-001.\n\n"
        "A token stops working when its user's password changes (TOKEN-004, 401 AUTH-001), when "
        "the user is deactivated, and when it is revoked."
    )
