"""Special assignments (seed §5.C: "särskilda uppdrag" to the level directly below)."""

from __future__ import annotations

from collections.abc import Hashable

from styr.domain.errors import RuleViolation, _


def check_receiver(issuer: Hashable, receiver_parent: Hashable | None) -> None:
    """ASSIGN-001: an assignment goes to a unit directly below the issuer, never a grandchild or sibling."""
    if receiver_parent != issuer:
        raise RuleViolation(
            "ASSIGN-001",
            _("A special assignment can only be given to a unit directly below the issuing unit."),
            {"issuer": str(issuer), "receiver_parent": str(receiver_parent) if receiver_parent is not None else None},
            field="receiver",
        )
