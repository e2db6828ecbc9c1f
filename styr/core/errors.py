"""The one error shape users see: {"code", "message", "detail"} (CONVENTIONS.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from styr.domain.errors import RuleViolation

#: Rules whose violation means the data is locked (answered 409, not 422).
LOCKED_RULES = frozenset(
    {
        "GOAL-004",
        "COMP-008",
        "PLAN-001",
        "PLAN-002",
        "PLAN-005",
        "CAL-005",
        "CAL-006",
        "FU-012",
        "ECON-014",
        "ECON-015",
        "FRAME-001",
        "FRAME-002",
        "INV-003",
        "BAL-007",
        "CARRY-003",
        "MOB-002",
        "IC-035",
        "IC-038",
        "IC-039",
        "IC-011",
        "IC-012",
        "IC-040",
        "IC-042",
        "IC-020",
        "IC-021",
        "IC-022",
        "IC-023",
        "IC-027",
        "FU-007",
        "KOLADA-007",
        "EDIT-001",
        "DEL-003",
    }
)


class NotAllowed(PermissionDenied):
    """PERM-001: the actor's roles do not allow this on this unit."""

    code = "PERM-001"

    def __init__(self, action: str = "", unit: object | None = None) -> None:
        self.action = action
        self.unit = unit
        super().__init__(self.message())

    def message(self) -> str:
        if self.unit is not None:
            return gettext("You do not have permission for this on %(unit)s.") % {"unit": self.unit}
        return gettext("You do not have permission for this.")

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message(),
            "detail": {"action": self.action, "unit": str(self.unit) if self.unit is not None else None},
        }


def violation_message(violation: RuleViolation) -> str:
    """The violation in the user's language, pinned to file and line when it has them."""
    text = gettext(violation.template)
    if violation.detail:
        try:
            text = text % violation.detail
        except (KeyError, TypeError, ValueError):
            text = violation.template % violation.detail
    if violation.source:
        if violation.line:
            return gettext("%(file)s, line %(line)s: %(message)s") % {
                "file": violation.source,
                "line": violation.line,
                "message": text,
            }
        return f"{violation.source}: {text}"
    return text


def violation_dict(violation: RuleViolation) -> dict[str, Any]:
    detail = dict(violation.detail)
    if violation.field:
        detail["field"] = violation.field
    if violation.source:
        detail["file"] = violation.source
    if violation.line:
        detail["line"] = violation.line
    return {"code": violation.code, "message": violation_message(violation), "detail": detail}


def violation_status(violation: RuleViolation) -> int:
    return 409 if violation.code in LOCKED_RULES else 422
