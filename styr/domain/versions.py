"""EDIT-001: a change based on a version that is no longer the saved one is refused (no lost update)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from styr.domain.errors import RuleViolation, _

STALE = "EDIT-001"


def check_version(*, current: int, expected: int, what: str, values: Mapping[str, Any] | None = None) -> None:
    """Refuse a write whose form or request was read at another version than the saved one.

    ``values`` are the saved values, so the person (or client) can compare them with their own."""
    if current != expected:
        raise RuleViolation(
            STALE,
            _(
                "%(what)s was changed by someone else after you opened it (your version %(expected)s, saved version %(current)s). "
                "Compare your changes with the saved ones and save again."
            ),
            {"what": what, "expected": expected, "current": current, "current_values": dict(values or {})},
        )
