"""Personal API tokens: the hash, the password stamp, the lifetime and the refusals at use.

The services that write tokens are in ``services.py``; this module holds what they and the API's
authentication share."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

TOKEN_PREFIX = "styr_"
#: TOKEN-003: the longest a token may live, in days (``STYR_API_TOKEN_MAX_DAYS``).
DEFAULT_MAX_DAYS = 365
#: ``last_used_at`` is written at most once a minute per token (one conditional UPDATE).
LAST_USED_PRECISION = datetime.timedelta(minutes=1)
_STAMP_SALT = "styr.api_token.password"


class TokenRefused(Exception):
    """A token Styr knows that no longer works (AUTH-001, answered 401), with the rule that ended it."""

    def __init__(self, rule: str, message: str, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.detail = detail or {}


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def max_days() -> int:
    return int(getattr(settings, "STYR_API_TOKEN_MAX_DAYS", DEFAULT_MAX_DAYS))


def end_of_day(day: datetime.date) -> datetime.datetime:
    """A token that expires on ``day`` works through that day (local time)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def default_expiry() -> datetime.datetime:
    return end_of_day(timezone.localdate() + datetime.timedelta(days=max_days()))


def password_stamp(password_hash: str, secret: str | None = None) -> str:
    """TOKEN-004: an HMAC of the user's password hash under the secret key. The hash itself is
    never copied; a new password (a new hash) gives another stamp."""
    return salted_hmac(_STAMP_SALT, password_hash, secret=secret, algorithm="sha256").hexdigest()


def stamp_matches(stamp: str, password_hash: str) -> bool:
    """True when ``stamp`` was made from this password hash, under the secret key or a fallback."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(stamp, password_stamp(password_hash, secret)) for secret in secrets)


def token_state(token: Any, now: datetime.datetime | None = None) -> str:
    """``active``, ``revoked``, ``expired`` or ``password_changed`` (TOKEN-004)."""
    now = now or timezone.now()
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at <= now:
        return "expired"
    if not stamp_matches(token.password_stamp, token.user.password):
        return "password_changed"
    return "active"
