"""Who does a write: a signed-in user, or ``None`` for the system itself."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User

#: ``None`` means the system (management commands run by the operator, preset and demo loading).
Actor = User | AnonymousUser | None


def as_user(actor: Any) -> User | None:
    """The actor as a stored user, or None for the system and anonymous visitors."""
    return actor if isinstance(actor, User) and actor.is_authenticated else None
