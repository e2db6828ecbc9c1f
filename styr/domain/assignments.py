"""Special assignments (seed §5.C: "särskilda uppdrag" to the level directly below)."""

from __future__ import annotations

from collections.abc import Hashable

from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind

#: The executive board leads and coordinates the committees and steers the parent company
#: (seed §3), so in the steering chain they are the level directly below KS, though in the
#: tree they sit beside it under the council.
LED_BY_EXECUTIVE_BOARD = frozenset({LevelKind.COMMITTEE, LevelKind.PARENT_COMPANY})


def check_receiver(
    *,
    issuer: Hashable,
    issuer_kind: LevelKind,
    issuer_parent: Hashable | None,
    receiver_kind: LevelKind,
    receiver_parent: Hashable | None,
) -> None:
    """ASSIGN-001: an assignment goes to the level directly below the issuer, never a grandchild or a sibling."""
    if receiver_parent is not None and receiver_parent == issuer:
        return
    if issuer_kind is LevelKind.EXECUTIVE_BOARD and receiver_kind in LED_BY_EXECUTIVE_BOARD and receiver_parent == issuer_parent:
        return
    raise RuleViolation(
        "ASSIGN-001",
        _("A special assignment can only be given to a unit directly below the issuing unit."),
        {"issuer": str(issuer), "receiver_parent": str(receiver_parent) if receiver_parent is not None else None},
        field="receiver",
    )
