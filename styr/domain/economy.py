"""Financial steering rules used so far (seed §5.D)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

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


#: Periodisation keys (issue 9 §3): spread a year's budget evenly, by a profile of twelve weights
#: named in the preset (a summer dip, say), or as given month by month.
PERIODISATION_KEYS = ("even", "profile", "given")
ORE = Decimal("0.01")


def periodise(total: Decimal, weights: Sequence[Decimal | int]) -> tuple[Decimal, ...]:
    """``total`` split over the months in proportion to ``weights``, to the öre, summing exactly
    to ``total``: each month is rounded down in size and the öre left over go, one each, to the
    months with the largest remainders (the largest remainder method), earliest first on ties."""
    if not weights:
        raise ValueError("at least one month")
    weight_sum = sum((Decimal(w) for w in weights), Decimal(0))
    if weight_sum <= 0 or any(Decimal(w) < 0 for w in weights):
        raise ValueError("weights must be non-negative and not all zero")
    cents = int((abs(total) / ORE).to_integral_value())
    if abs(total) != Decimal(cents) * ORE:
        raise ValueError("the total has more decimals than öre")
    exact = [Decimal(cents) * Decimal(w) / weight_sum for w in weights]
    floors = [int(x) for x in exact]
    left = cents - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    sign = -1 if total < 0 else 1
    return tuple((sign * Decimal(c) * ORE).quantize(ORE) for c in floors)


def is_operating_account(number: str) -> bool:
    """An account whose amounts make up the net cost of operations (verksamhetens nettokostnad):
    classes 3–7 in Kommun-Bas and in BAS (revenue, costs, depreciation). Budget, actual and
    forecast of a unit are all this net cost, positive for cost."""
    return len(number) >= 4 and number[0] in "34567"
