"""Frames (driftram, investeringsram, seed §5.D): the council decides them in Mål och budget, and
KS may adjust them during the year ("viss justering kan under innevarande år justeras av
kommunstyrelsen"). Pure rules and arithmetic over ``Decimal`` and ``date``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from styr.domain.errors import RuleViolation, _
from styr.domain.limits import TEXT_LENGTH, check_text_length

ZERO = Decimal(0)
#: Frames are kept to 0.1 tkr (100 kr), in 14 digits: at most 13 before the decimal.
TENTH = Decimal("0.1")
TSEK_LIMIT = Decimal(10) ** 13


def check_tsek(amount_tsek: Decimal | None, *, field: str) -> None:
    """FRAME-007: a frame, and an adjustment of it, is an amount in tkr with at most one decimal
    (0.1 tkr = 100 kr), as the frames are kept; more would be rounded silently when saved."""
    if amount_tsek is None:
        return
    if not amount_tsek.is_finite() or abs(amount_tsek) >= TSEK_LIMIT:
        raise RuleViolation("FRAME-007", _("%(amount)s is not an amount in tkr a frame can hold."), {"amount": str(amount_tsek)}, field=field)
    if amount_tsek != amount_tsek.quantize(TENTH):
        raise RuleViolation(
            "FRAME-007",
            _("A frame is given in tkr with at most one decimal (0.1 tkr = 100 kr), not %(amount)s."),
            {"amount": str(amount_tsek)},
            field=field,
        )


def check_frame_open(*, adopted: bool, committee: str, year: int) -> None:
    """FRAME-001: once the council has adopted Mål och budget for the year, a frame is no longer
    prepared: it changes only by KS's recorded adjustment, or by a revision of Mål och budget."""
    if adopted:
        raise RuleViolation(
            "FRAME-001",
            _(
                "The council has adopted Goals and budget %(year)s: the frame of %(committee)s changes only by "
                "the executive board's recorded adjustment, or by a new revision of Goals and budget."
            ),
            {"year": year, "committee": committee},
            field="amount_tsek",
        )


def check_adjustable(*, adopted: bool, committee: str, year: int) -> None:
    """FRAME-002: KS adjusts a frame the council has adopted; before that there is nothing to adjust."""
    if not adopted:
        raise RuleViolation(
            "FRAME-002",
            _("The frame of %(committee)s for %(year)s is not adopted by the council yet: there is nothing to adjust."),
            {"year": year, "committee": committee},
            field="operating_tsek",
        )


def check_adjustment(*, reason: str, operating_tsek: Decimal, investment_tsek: Decimal, decided_on: date, year: int, adopted_on: date) -> None:
    """FRAME-003: an adjustment gives its reason. FRAME-004: it is decided during the frame's year
    (innevarande år), and not before the council adopted the frame. FRAME-005: it changes something."""
    if not reason.strip():
        raise RuleViolation("FRAME-003", _("Give the reason for the adjustment."), {}, field="reason")
    check_text_length(field="reason", label=_("Reason"), length=len(reason.strip()), limit=TEXT_LENGTH)
    if decided_on.year != year:
        raise RuleViolation(
            "FRAME-004",
            _("The executive board adjusts a frame during its year: the decision date must be in %(year)s."),
            {"year": year, "decided_on": decided_on.isoformat()},
            field="decided_on",
        )
    if decided_on < adopted_on:
        raise RuleViolation(
            "FRAME-004",
            _("The adjustment cannot be decided before the council adopted the frame (%(adopted_on)s)."),
            {"year": year, "decided_on": decided_on.isoformat(), "adopted_on": adopted_on.isoformat()},
            field="decided_on",
        )
    if operating_tsek == ZERO and investment_tsek == ZERO:
        raise RuleViolation("FRAME-005", _("The adjustment changes neither the operating nor the investment frame."), {}, field="operating_tsek")


def check_investment_frame(amount_tsek: Decimal | None, *, field: str = "investment_tsek") -> None:
    """FRAME-006: an investment frame is room to invest, never below zero (an operating frame may be
    negative: a committee whose income exceeds its costs)."""
    if amount_tsek is not None and amount_tsek < ZERO:
        raise RuleViolation("FRAME-006", _("An investment frame cannot be below zero (%(amount)s tkr)."), {"amount": str(amount_tsek)}, field=field)


@dataclass(frozen=True)
class Change:
    """One of KS's adjustments: the change in tkr of the operating and the investment frame."""

    operating_tsek: Decimal = ZERO
    investment_tsek: Decimal = ZERO


@dataclass(frozen=True)
class Standing:
    """A frame as adopted, the adjustments' sums, and as it stands now."""

    adopted_tsek: Decimal
    adopted_investment_tsek: Decimal
    adjustments_tsek: Decimal
    investment_adjustments_tsek: Decimal

    @property
    def current_tsek(self) -> Decimal:
        return self.adopted_tsek + self.adjustments_tsek

    @property
    def current_investment_tsek(self) -> Decimal:
        return self.adopted_investment_tsek + self.investment_adjustments_tsek


def standing(*, adopted_tsek: Decimal, adopted_investment_tsek: Decimal, changes: Iterable[Change]) -> Standing:
    """The frame now: as adopted plus the sum of KS's adjustments since."""
    found = list(changes)
    return Standing(
        adopted_tsek=adopted_tsek,
        adopted_investment_tsek=adopted_investment_tsek,
        adjustments_tsek=sum((c.operating_tsek for c in found), ZERO),
        investment_adjustments_tsek=sum((c.investment_tsek for c in found), ZERO),
    )
