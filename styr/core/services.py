"""Writes owned by core: personal API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from styr.core import audit
from styr.core.actors import Actor
from styr.core.models import ApiToken

TOKEN_PREFIX = "styr_"


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, actor: Actor, user: User, name: str = "api") -> tuple[ApiToken, str]:
    """Make a token for ``user``; the raw key is returned once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:12], key_sha256=token_hash(raw))
    audit.record(actor=actor, action="api_token.created", obj=token, after={"user": user.pk, "name": name, "prefix": token.prefix})
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(actor=actor, action="api_token.revoked", obj=token, after={"revoked_at": token.revoked_at.isoformat()})
    return token


def api_token_user(raw: str) -> User | None:
    """The active user a raw token belongs to, or None."""
    token = ApiToken.objects.select_related("user").filter(key_sha256=token_hash(raw), revoked_at__isnull=True, user__is_active=True).first()
    return token.user if token else None
