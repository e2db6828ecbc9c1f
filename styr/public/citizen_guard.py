"""The spam guard of the citizens' comment form, without a captcha (DIAL-003):

* a time trap: the form carries a signed time (``django.core.signing``) of when it was shown; a post
  sooner than a person writes, later than a few hours, or with the time altered is refused;
* a honeypot: a field people do not see (``website``) that a robot fills in;
* a rate limit per address and hour, counted in Django's cache like the other counters (the
  address is kept only as a keyed hash in the cache, never in the database).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from styr.domain import citizen_dialogue as rules

SALT = "styr.public.citizen-dialogue"


def form_token(dialogue_id: int, now: datetime | None = None) -> str:
    """The hidden field's value: the dialogue and the time the form was shown, signed."""
    moment = now or timezone.now()
    return signing.dumps({"d": dialogue_id, "t": int(moment.timestamp())}, salt=SALT)


def shown_at(token: str, dialogue_id: int) -> datetime | None:
    """When the form was shown, or None for a token that is missing, altered or of another dialogue."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("d") != dialogue_id or not isinstance(data.get("t"), int):
        return None
    return datetime.fromtimestamp(data["t"], tz=UTC)


def address_key(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]
    return f"citizen-dialogue-rate:{digest}"


def check_request(request: HttpRequest, dialogue_id: int, *, token: str, honeypot: str) -> None:
    """DIAL-003 on a posted comment: the honeypot and the time trap, then the address's count."""
    rules.check_time_trap(shown_at(token, dialogue_id), timezone.now(), honeypot)
    key = address_key(request)
    cache.add(key, 0, timeout=rules.RATE_LIMIT_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=rules.RATE_LIMIT_WINDOW_SECONDS)
        count = 1
    rules.check_rate(count)
