"""API login: the browser session, or a personal token as ``Authorization: Bearer`` (AUTH-001).

Whoever sends an ``Authorization`` header means it: a token that is wrong, revoked or not a
bearer token answers 401 AUTH-001 on every method, and is not quietly passed on to the session
(whose CSRF check would otherwise answer a write with 403)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from styr.core.services import api_token_user


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header)
        if header is None:
            return None
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != self.openapi_scheme or not token.strip():
            raise AuthenticationError()
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is None:
            raise AuthenticationError()
        request.user = user
        return user


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
