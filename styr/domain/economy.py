"""Financial steering rules used so far (seed §5.D)."""

from __future__ import annotations

from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind

FRAME_RECEIVERS = frozenset({LevelKind.COMMITTEE, LevelKind.EXECUTIVE_BOARD})


def check_frame_receiver(kind: LevelKind) -> None:
    """ECON-001: the council gives operating frames to committees and the executive board."""
    if kind not in FRAME_RECEIVERS:
        raise RuleViolation(
            "ECON-001",
            _("Operating frames are given to committees and the executive board, not to a unit of kind %(kind)s."),
            {"kind": kind.value},
            field="org_unit",
        )
