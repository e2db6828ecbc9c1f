"""Reads owned by core: a user's own API tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styr.api.scopes import AREAS
from styr.core.models import ApiToken
from styr.core.tokens import token_state

STATE_LABELS: dict[str, Any] = {
    "active": _("Active"),
    "revoked": _("Revoked"),
    "expired": _("Expired"),
    "password_changed": _("Stopped: the password was changed"),
}


@dataclass(frozen=True)
class TokenRow:
    token: ApiToken
    state: str
    state_label: str
    area_labels: list[str]


def api_token_list(user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (a user sees no one else's, TOKEN-005)."""
    return ApiToken.objects.filter(user=user).select_related("user").order_by("-created_at", "-pk")


def api_token_all(*, owner: User | None = None) -> QuerySet[ApiToken]:
    """Every token (or one user's), for the operator at the command line."""
    found = ApiToken.objects.select_related("user").order_by("user__username", "-created_at", "-pk")
    return found.filter(user=owner) if owner is not None else found


def api_token_get(user: User, pk: int) -> ApiToken:
    """One of the user's own tokens; another's does not exist for them (404)."""
    return get_object_or_404(ApiToken.objects.select_related("user"), pk=pk, user=user)


def api_token_rows(tokens: QuerySet[ApiToken]) -> list[TokenRow]:
    now = timezone.now()
    rows = []
    for token in tokens:
        state = token_state(token, now)
        rows.append(TokenRow(token, state, str(STATE_LABELS[state]), [str(AREAS[a]) for a in token.areas if a in AREAS]))
    return rows
