"""Sign-in throttling and the security headers every answer carries (issue 14 §4).

* ``LoginThrottleBackend``: django-axes' backend, first in ``AUTHENTICATION_BACKENDS``. It refuses
  a login while the account or the address is locked out (AUTH-003): Styr's login page, the
  admin's and any other password form that calls ``authenticate(request, ...)`` pass through it.
* ``lockout_response``: the page a locked-out sign-in gets (HTTP 429, in Swedish, naming AUTH-003).
* ``login_lockout_record``: the service that writes the lock-out to the audit log
  (``auth.locked_out``), once, when the limit is reached.
* ``RequestLimitMiddleware``: a request body over the limits is answered 413 in Swedish, naming
  SIZE-001 (the whole body), SIZE-002 (the form's fields or a JSON body) or SIZE-003 (too many
  fields or files), before any view reads it.
* ``SecurityHeadersMiddleware``: ``Permissions-Policy`` on every answer (Django's own
  ``SecurityMiddleware`` sends ``Referrer-Policy``, ``X-Content-Type-Options`` and HSTS, its CSP
  middleware the ``Content-Security-Policy``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from axes.backends import AxesStandaloneBackend  # type: ignore[import-untyped]
from axes.helpers import get_cool_off, get_failure_limit  # type: ignore[import-untyped]
from axes.signals import user_locked_out  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from styr.core import audit

#: The lock-out's rule (docs/rules/AUTH-003.md).
LOCKOUT_RULE = "AUTH-003"
#: What the browser may use: nothing of the camera, microphone, position, payment or USB, and
#: fullscreen only for our own pages (a chart can be shown full screen).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), fullscreen=(self), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), interest-cohort=()"
)


class LoginThrottleBackend(AxesStandaloneBackend):  # type: ignore[misc]
    """django-axes' check before any password is looked at. A call without a request is not a
    sign-in from outside (the test client's ``login()``, the shell): it is let through to the
    next backend, as every form a visitor can reach (Styr's login, the admin's) passes its request."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any) -> None:
        if request is None:
            return None
        super().authenticate(request, username=username, password=password, **kwargs)
        return None


def cool_off_minutes(request: HttpRequest | None = None) -> int:
    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds() // 60) if cool_off else 0


def lockout_message(request: HttpRequest | None = None) -> str:
    return _(
        "Too many failed logins for this account or from this address. Try again in %(minutes)s minutes, or ask your administrator to unlock the account."
    ) % {"minutes": cool_off_minutes(request)}


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a page that says what happened and when to try again (429)."""
    context = {"message": lockout_message(request), "code": LOCKOUT_RULE, "minutes": cool_off_minutes(request)}
    return render(request, "registration/locked_out.html", context, status=429)


@transaction.atomic
def login_lockout_record(*, username: str, ip_address: str, failures: int) -> None:
    """The lock-out in the audit log: done by the system, about the account when there is one
    (its group is then the group it has roles in; an unknown name is logged without a group)."""
    user = get_user_model().objects.filter(username=username).first() if username else None
    group = None
    if user is not None:
        from styr.organisation.selectors import group_list

        group = group_list(user).first()
    audit.record(
        actor=None,
        action="auth.locked_out",
        obj=user,
        group=group,
        after={"username": username, "ip_address": ip_address, "failures": failures, "cool_off_minutes": cool_off_minutes(), "rule": LOCKOUT_RULE},
    )


@receiver(user_locked_out, dispatch_uid="styr.core.security.on_user_locked_out")
def on_user_locked_out(sender: Any, request: HttpRequest, username: str | None = None, ip_address: str | None = None, **kwargs: Any) -> None:
    """axes signals every refused attempt while locked out; only the one that reached the limit
    is a lock-out of its own (the later ones are already told by the page)."""
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None or failures != get_failure_limit(request, getattr(request, "axes_credentials", None)):
        return
    login_lockout_record(username=username or "", ip_address=ip_address or "", failures=failures)


class SecurityHeadersMiddleware:
    """``Permissions-Policy`` on every answer (kept when a view set its own)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", getattr(settings, "STYR_PERMISSIONS_POLICY", PERMISSIONS_POLICY))
        return response


#: The answers of the request limits: (rule, message); the message names the limit in MB.
SIZE_MESSAGES = {
    "SIZE-001": gettext_noop("The request is larger than %(limit)s MB, the most Styr takes in one request."),
    "SIZE-002": gettext_noop("The form's fields (or the request's JSON) are larger than %(limit)s MB; send less at a time."),
    "SIZE-003": gettext_noop("The request has more than %(fields)s fields or %(files)s files; send fewer at a time."),
}
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def max_request_bytes() -> int:
    """SIZE-001's limit: the largest upload Styr takes (an SIE file) and 1 MB for the rest of the form."""
    return int(getattr(settings, "STYR_MAX_REQUEST_BYTES", 0) or settings.SIE_UPLOAD_MAX_BYTES + 1024 * 1024)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").removesuffix(",0")


def too_large(request: HttpRequest, code: str) -> HttpResponse:
    """413 in the one error shape (the API) or as the rule's page (everything else)."""
    limit = max_request_bytes() if code == "SIZE-001" else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    detail: dict[str, Any] = {"limit": _megabytes(limit or 0), "fields": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS, "files": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
    message = _(SIZE_MESSAGES[code]) % detail
    if request.path.startswith("/api/"):
        return JsonResponse({"code": code, "message": message, "detail": detail}, status=413)
    return render(request, "core/rule_violation.html", {"code": code, "message": message}, status=413)


class RequestLimitMiddleware:
    """The body's declared length against SIZE-001's limit before anything is read; then a form's
    fields parsed here (as the CSRF check would anyway) so Django's own limits answer 413 with the
    rule rather than a bare 400; a body of another type is held to the form limit by its length.
    Under /api/ only SIZE-001 applies here: the API answers a body over the form limit itself
    (``TOO-LARGE``, 413, in the one error shape)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_request_bytes():
            return too_large(request, "SIZE-001")
        if request.path_info.startswith("/api/"):
            return self.get_response(request)  # the API answers its own body limits (TOO-LARGE, styr/api/api.py)
        if request.method in {"POST", "PUT", "PATCH", "DELETE"} and length:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            try:
                if request.content_type in FORM_TYPES:
                    if request.method == "POST":
                        request.POST  # noqa: B018 (parsed now, so that a limit refuses it here)
                elif limit is not None and length > limit:
                    return too_large(request, "SIZE-002")
            except RequestDataTooBig:
                return too_large(request, "SIZE-002")
            except (TooManyFieldsSent, TooManyFilesSent):
                return too_large(request, "SIZE-003")
        return self.get_response(request)
