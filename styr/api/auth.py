"""API login: the browser session, or a personal token as ``Authorization: Bearer`` (AUTH-001).

Whoever sends an ``Authorization`` header means it: a token that is wrong, revoked or not a
bearer token answers 401 AUTH-001 on every method, and is not quietly passed on to the session
(whose CSRF check would otherwise answer a write with 403).

A token Styr knows but that no longer works (revoked, expired: TOKEN-003, made before its
user's password changed: TOKEN-004) answers 401 AUTH-001 too, with a message that says why.
A working token is then held to its scopes: a read-only token may only read (TOKEN-001), and a
token limited to some areas may only call operations in them (TOKEN-002, the area of the
operation the call resolved to: ``styr/api/scopes.py``). Both answer 403."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from styr.api.scopes import AREAS, READ_METHODS, openapi_description, request_area
from styr.core.errors import NotAllowed
from styr.core.models import ApiToken
from styr.core.services import api_token_use
from styr.core.tokens import TokenRefused


class TokenNoLongerWorks(AuthenticationError):
    """AUTH-001 for a known token that no longer works, with the rule that ended it."""

    def __init__(self, refusal: TokenRefused) -> None:
        super().__init__()
        self.refusal = refusal

    def as_dict(self) -> dict[str, Any]:
        return {"code": "AUTH-001", "message": self.refusal.message, "detail": {"rule": self.refusal.rule, **self.refusal.detail}}


class TokenReadOnly(NotAllowed):
    """TOKEN-001: a read-only token may only use GET, HEAD and OPTIONS."""

    code = "TOKEN-001"

    def __init__(self, token: ApiToken, method: str) -> None:
        self.token, self.method = token, method
        super().__init__(f"{method} with a read-only token")

    def message(self) -> str:
        return _("This API token may only read (GET); %(method)s needs a token that may also write.") % {"method": self.method}

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message(), "detail": {"prefix": self.token.prefix, "method": self.method}}


class TokenOutsideAreas(NotAllowed):
    """TOKEN-002: a token limited to some areas may not call an operation outside them."""

    code = "TOKEN-002"

    def __init__(self, token: ApiToken, area: str | None) -> None:
        self.token, self.area = token, area
        super().__init__(f"area {area}")

    def message(self) -> str:
        allowed = ", ".join(str(AREAS[a]) for a in self.token.areas if a in AREAS)
        if self.area is None:
            return _("This API token is limited to %(allowed)s, and this operation belongs to no area.") % {"allowed": allowed}
        return _("This API token is limited to %(allowed)s; this operation belongs to %(area)s.") % {"allowed": allowed, "area": AREAS[self.area]}

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message(), "detail": {"prefix": self.token.prefix, "area": self.area, "areas": list(self.token.areas)}}


class TokenAuth(HttpBearer):
    openapi_description = openapi_description()

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header)
        if header is None:
            return None
        scheme, _sep, token = header.strip().partition(" ")
        if scheme.lower() != self.openapi_scheme or not token.strip():
            raise AuthenticationError()
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        try:
            found = api_token_use(token)
        except TokenRefused as refusal:
            raise TokenNoLongerWorks(refusal) from None
        if found is None:
            raise AuthenticationError()
        method = (request.method or "GET").upper()
        if found.read_only and method not in READ_METHODS:
            raise TokenReadOnly(found, method)
        if found.areas:
            area = request_area(request)
            if area not in found.areas:
                raise TokenOutsideAreas(found, area)
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class CsrfFailed(Exception):
    """AUTH-002: a write with a session login but without the session's CSRF token."""


class SessionLogin(SessionAuth):
    """The browser session. No session is no login (AUTH-001, 401), checked before the CSRF
    token, so a caller without any login is told to log in, not that a token is missing."""

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
            raise CsrfFailed()
        return user


api_auth = [TokenAuth(), SessionLogin()]
