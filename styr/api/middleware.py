"""Answers under /api/ that Django gives before or around the API (a path that does not exist,
a method the path does not take) in the one error shape, instead of an HTML page (which, with
debug on, lists the URL patterns)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


class ApiErrorShapeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path_info.startswith(API_PREFIX) or response.status_code not in (404, 405):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        if response.status_code == 405:
            allowed = [m.strip() for m in response.get("Allow", "").split(",") if m.strip()]
            message = _("This address does not take the method %(method)s.") % {"method": request.method}
            shaped = JsonResponse({"code": "METHOD-NOT-ALLOWED", "message": message, "detail": {"allowed": allowed}}, status=405)
            shaped["Allow"] = ", ".join(allowed)
            return shaped
        return JsonResponse({"code": "NOT-FOUND", "message": _("Not found."), "detail": {}}, status=404)
