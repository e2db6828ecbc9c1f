"""Budget variance (budgetavvikelse, issue 9 §3): budget − full-year forecast, in kronor and in
per cent of the budget, and its step on the model's status scale (ECON-010).

All amounts are net cost (positive is cost), so a positive deviation is a forecast below budget
(a surplus) and a negative one an overrun. The per cent is of the budget's size, so the sign
means the same for a committee (a cost) and a company whose budget is a profit (negative).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import pairwise
from typing import TYPE_CHECKING

from styr.domain.errors import RuleViolation, _

if TYPE_CHECKING:  # the model reads its thresholds through this module
    from styr.domain.governance import GovernanceModel, StatusLevel

ORE = Decimal("0.01")
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Variance:
    amount_sek: Decimal
    #: None when the budget is zero (no share of nothing)
    percent: Decimal | None


def variance(budget_sek: Decimal, forecast_sek: Decimal) -> Variance:
    """Budget − forecast, to the öre, and as per cent of the budget's size to one decimal."""
    amount = (budget_sek - forecast_sek).quantize(ORE, rounding=ROUND_HALF_UP)
    if budget_sek == 0:
        return Variance(amount, None)
    return Variance(amount, (amount * 100 / abs(budget_sek)).quantize(TENTH, rounding=ROUND_HALF_UP))


def default_thresholds(scale: Sequence[StatusLevel]) -> tuple[tuple[str, Decimal], ...]:
    """Without thresholds in the preset: within budget is the top step, an overrun of up to 2 %
    the middle step (when the scale has one), and a larger one the lowest assessed step."""
    assessed = [s for s in scale if s.rank > 0]
    if len(assessed) < 2:
        return ()
    if len(assessed) == 2:
        return ((assessed[0].code, Decimal(0)),)
    return ((assessed[0].code, Decimal(0)), (assessed[len(assessed) // 2].code, Decimal(-2)))


def variance_step(found: Variance | None, model: GovernanceModel) -> StatusLevel:
    """ECON-010: the step of the status scale for a deviation. The first step whose threshold the
    per cent reaches, else the lowest assessed step; with a zero budget the sign of the amount
    decides (within budget or not). No forecast (``None``) is the unassessed step (rank 0)."""
    assessed = [s for s in model.status_scale if s.rank > 0]
    unassessed = [s for s in model.status_scale if s.rank <= 0]
    if found is None:
        return unassessed[0] if unassessed else assessed[-1]
    thresholds = model.variance_thresholds or default_thresholds(model.status_scale)
    if found.percent is None:
        return assessed[0] if found.amount_sek >= 0 else assessed[-1]
    for code, lowest in thresholds:
        if found.percent >= lowest:
            return model.status(code)
    return assessed[-1]


#: What an amount column of the economy holds (``max_digits=17, decimal_places=2``).
LARGEST_SEK = Decimal("999999999999999.99")


def check_forecast_amount(amount_sek: Decimal) -> Decimal:
    """ECON-011: a full-year forecast is an amount in kronor to the öre, within what the books hold."""
    if not amount_sek.is_finite() or abs(amount_sek) > LARGEST_SEK:
        raise RuleViolation(
            "ECON-011",
            _("The forecast must be an amount in kronor of at most 15 digits, not %(amount)s."),
            {"amount": str(amount_sek)},
            field="amount_sek",
        )
    if amount_sek != amount_sek.quantize(ORE, rounding=ROUND_HALF_UP):
        raise RuleViolation(
            "ECON-011",
            _("The forecast is given in kronor to the öre (at most two decimals), not %(amount)s."),
            {"amount": str(amount_sek)},
            field="amount_sek",
        )
    return amount_sek.quantize(ORE)


def parse_forecast_amount(raw: str) -> Decimal:
    """ECON-011: a forecast as typed ("1 234 567,80", "-250000"), in kronor to the öre."""
    text = raw.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".").replace("\u2212", "-")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not text or not amount.is_finite():
        raise RuleViolation("ECON-011", _("The forecast “%(amount)s” is not an amount in kronor."), {"amount": raw.strip()}, field="amount_sek")
    return check_forecast_amount(amount)


def parse_variance_thresholds(raw: object, scale: Sequence[StatusLevel]) -> tuple[tuple[str, Decimal], ...]:
    """ECON-010: the preset's ``economy.variance_thresholds``, a mapping from steps of the status
    scale to the lowest deviation (budget − forecast, in per cent of the budget) that still earns
    the step. Only assessed steps (rank above 0) other than the lowest are named (the lowest takes
    whatever is below the last threshold), and the thresholds fall as the steps do."""
    assessed = [s for s in scale if s.rank > 0]
    if not isinstance(raw, Mapping) or not raw:
        raise RuleViolation(
            "ECON-010",
            _("The deviation thresholds must map steps of the status scale to per cent (e.g. {%(example)s: 0})."),
            {"example": assessed[0].code if assessed else "achieved"},
            field="variance_thresholds",
        )
    nameable = [s.code for s in assessed[:-1]]
    found: list[tuple[str, Decimal]] = []
    for code, value in raw.items():
        if code not in nameable:
            raise RuleViolation(
                "ECON-010",
                _("“%(status)s” cannot have a deviation threshold; name one of %(known)s (the lowest assessed step takes the rest)."),
                {"status": str(code), "known": ", ".join(nameable)},
                field="variance_thresholds",
            )
        percent = _percent(value)
        if percent is None:
            raise RuleViolation(
                "ECON-010",
                _("The deviation threshold of “%(status)s” must be a number of per cent, not “%(value)s”."),
                {"status": str(code), "value": str(value)},
                field="variance_thresholds",
            )
        found.append((str(code), percent))
    found.sort(key=lambda item: nameable.index(item[0]))
    for (higher, high), (lower, low) in pairwise(found):
        if low >= high:
            raise RuleViolation(
                "ECON-010",
                _("The deviation thresholds must fall with the steps: %(lower)s (%(low)s per cent) must be below %(higher)s (%(high)s per cent)."),
                {"lower": lower, "low": str(low), "higher": higher, "high": str(high)},
                field="variance_thresholds",
            )
    return tuple(found)


def _percent(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        percent = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return None
    return percent if percent.is_finite() and abs(percent) <= 1000 else None
