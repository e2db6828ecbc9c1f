"""Writes owned by core: personal API tokens (issue 13, §5)."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from styr.api.scopes import AREAS
from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.errors import NotAllowed
from styr.core.models import ApiToken
from styr.core.tokens import (
    LAST_USED_PRECISION,
    TOKEN_PREFIX,
    TokenRefused,
    default_expiry,
    max_days,
    password_stamp,
    stamp_matches,
    token_hash,
)
from styr.domain.errors import RuleViolation

__all__ = ["TOKEN_PREFIX", "api_token_create", "api_token_revoke", "api_token_use", "token_hash"]


class TokenNotYours(NotAllowed):
    """TOKEN-005: a user manages their own tokens; an administrator may also revoke another's."""

    code = "TOKEN-005"

    def message(self) -> str:
        return _("You can only manage your own API tokens (an administrator may revoke another user's).")


def _administers(actor: User, owner: User) -> bool:
    """An administrator of a group the owner holds a role in (or a superuser)."""
    from styr.organisation.models import Role, RoleAssignment

    if actor.is_superuser:
        return True
    owner_groups = RoleAssignment.objects.filter(user=owner).values("group_id")
    return RoleAssignment.objects.filter(user=actor, role=Role.ADMINISTRATOR, group_id__in=owner_groups).exists()


def _check_scopes(areas: Iterable[str], expires_at: datetime.datetime) -> list[str]:
    chosen = list(dict.fromkeys(areas))
    unknown = [area for area in chosen if area not in AREAS]
    if unknown:
        raise RuleViolation(
            "TOKEN-006",
            "Unknown API area: %(areas)s (the areas are %(known)s).",
            {"areas": ", ".join(unknown), "known": ", ".join(AREAS)},
            field="areas",
        )
    limit = timezone.localdate() + datetime.timedelta(days=max_days())
    if expires_at <= timezone.now() or timezone.localtime(expires_at).date() > limit:
        raise RuleViolation(
            "TOKEN-003",
            "A token expires after today and at most %(days)s days ahead (on %(limit)s at the latest).",
            {"days": max_days(), "limit": limit.isoformat()},
            field="expires_at",
        )
    return [area for area in AREAS if area in chosen]


@transaction.atomic
def api_token_create(
    *,
    actor: Actor,
    user: User,
    name: str = "api",
    read_only: bool = False,
    areas: Iterable[str] = (),
    expires_at: datetime.datetime | None = None,
) -> tuple[ApiToken, str]:
    """Make a token for ``user``; the raw key is returned once and never stored. A user makes
    their own tokens (TOKEN-005); ``actor=None`` is the operator at the command line. No areas
    is every area (TOKEN-002); the expiry defaults to the longest allowed (TOKEN-003)."""
    acting = as_user(actor)
    if actor is not None and (acting is None or acting.pk != user.pk):
        raise TokenNotYours("api_token.create")
    expires_at = expires_at if expires_at is not None else default_expiry()
    chosen = _check_scopes(areas, expires_at)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[:12],
        key_sha256=token_hash(raw),
        read_only=read_only,
        areas=chosen,
        expires_at=expires_at,
        password_stamp=password_stamp(user.password),
    )
    after = {"user": user.pk, "name": name, "prefix": token.prefix, "read_only": read_only, "areas": chosen, "expires_at": expires_at.isoformat()}
    audit.record(actor=actor, action="api_token.created", obj=token, after=after)
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke a token: its owner, an administrator of the owner's group, or the operator
    (``actor=None``). Revoking a revoked token changes nothing."""
    acting = as_user(actor)
    if actor is not None and (acting is None or (acting.pk != token.user_id and not _administers(acting, token.user))):
        raise TokenNotYours("api_token.revoke")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(actor=actor, action="api_token.revoked", obj=token, after={"prefix": token.prefix, "revoked_at": token.revoked_at.isoformat()})
    return token


def api_token_use(raw: str) -> ApiToken | None:
    """The token a raw key belongs to, if it still works; None for a key Styr does not know or
    whose user is inactive; ``TokenRefused`` for one revoked, expired (TOKEN-003) or made before
    its user's password changed (TOKEN-004). Every use runs one conditional UPDATE of
    ``last_used_at``, which changes the row at most once a minute per token (not audited: it is
    bookkeeping, not a change)."""
    token = ApiToken.objects.select_related("user").filter(key_sha256=token_hash(raw)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.revoked_at is not None:
        raise TokenRefused("AUTH-001", _("This API token has been revoked."), {"prefix": token.prefix})
    if token.expires_at <= now:
        when = formats.date_format(timezone.localtime(token.expires_at), "SHORT_DATE_FORMAT")
        message = _("This API token expired on %(date)s. Make a new one on your account page.") % {"date": when}
        raise TokenRefused("TOKEN-003", message, {"prefix": token.prefix, "expired_at": token.expires_at.isoformat()})
    if not stamp_matches(token.password_stamp, token.user.password):
        message = _("This API token stopped working when its user's password was changed. Make a new one on your account page.")
        raise TokenRefused("TOKEN-004", message, {"prefix": token.prefix})
    # One statement on every call (so a call's queries do not depend on the clock); it changes
    # the row only when the last noted use is a minute old or more.
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_PRECISION)
    if ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now):
        token.last_used_at = now
    return token
