"""The rules on a resource allocation model's parameters (ALLOC-001…ALLOC-009) and on comparing
two models (ALLOC-005), checked by the services row by row and by ``allocate`` all at once. The
arithmetic is ``styr.domain.allocation``."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from styr.domain.errors import RuleViolation, _
from styr.domain.limits import OLDEST_AGE

if TYPE_CHECKING:
    from styr.domain.allocation import Parameters

ORE = Decimal("0.01")
#: An amount or a price is under a thousand billion kronor: what the tables' columns hold (14 digits, 2 of them öre).
AMOUNT_LIMIT_SEK = Decimal(10) ** 12
HUNDRED = Decimal(100)
#: The budget year and the two plan years.
YEAR_OFFSETS = (0, 1, 2)
#: An index outside this range (percent a year) is a typing error, not a forecast.
INDEX_MIN, INDEX_MAX = Decimal(-50), Decimal(100)


def check_age_band(age_from: int, age_to: int) -> None:
    """ALLOC-001: an age band runs from 0 to 100 (100 = 100 or older), its start not after its end."""
    if not 0 <= age_from <= age_to <= OLDEST_AGE:
        raise RuleViolation(
            "ALLOC-001",
            _("An age band runs from 0 to 100 and starts no later than it ends; %(age_from)s–%(age_to)s does not."),
            {"age_from": age_from, "age_to": age_to},
            field="age_from",
        )


def _kronor(amount: Decimal) -> bool:
    """A finite amount under ``AMOUNT_LIMIT_SEK`` either way, to the öre. The size is looked at
    before the öre: quantizing a huge amount raises instead of answering."""
    return amount.is_finite() and abs(amount) < AMOUNT_LIMIT_SEK and amount == amount.quantize(ORE)


def check_price(price_sek: Decimal) -> None:
    """ALLOC-002: a driver's price per resident is kronor to the öre, not negative."""
    if not _kronor(price_sek) or price_sek < 0:
        raise RuleViolation(
            "ALLOC-002",
            _("A price per resident is an amount in kronor of at least 0, with at most two decimals; %(price)s is not."),
            {"price": str(price_sek)},
            field="price_sek",
        )


def check_reason(reason: str, *, field_name: str = "reason") -> str:
    """ALLOC-003: a political adjustment and a fixed amount each say why."""
    reason = reason.strip()
    if not reason:
        raise RuleViolation("ALLOC-003", _("A political adjustment or a fixed amount needs its reason."), {}, field=field_name)
    return reason


def check_percent(value: Decimal, *, field_name: str, low: Decimal, high: Decimal) -> None:
    """ALLOC-006: an index is -50 to 100 percent a year, a wage share 0 to 100 percent."""
    if not value.is_finite() or not low <= value <= high:
        raise RuleViolation(
            "ALLOC-006",
            _("%(value)s is outside %(low)s–%(high)s percent."),
            {"value": str(value), "low": str(low), "high": str(high)},
            field=field_name,
        )


def check_wage_share(value: Decimal, *, field_name: str = "wage_share_percent") -> None:
    check_percent(value, field_name=field_name, low=Decimal(0), high=HUNDRED)


def check_index(value: Decimal, *, field_name: str) -> None:
    check_percent(value, field_name=field_name, low=INDEX_MIN, high=INDEX_MAX)


def check_year_offset(offset: int) -> None:
    """ALLOC-007: an adjustment is for the budget year (0) or one of the two plan years (1, 2)."""
    if offset not in YEAR_OFFSETS:
        raise RuleViolation(
            "ALLOC-007",
            _("An adjustment is for the budget year or one of the two plan years (0, 1 or 2), not %(offset)s."),
            {"offset": offset},
            field="year_offset",
        )


def check_amount(amount_sek: Decimal, *, field_name: str = "amount_sek") -> None:
    """ALLOC-008: a fixed amount or an adjustment is kronor to the öre, under a thousand billion
    either way (not NaN, not infinite)."""
    if not _kronor(amount_sek):
        raise RuleViolation(
            "ALLOC-008",
            _("%(amount)s is not an amount in kronor with at most two decimals, under a thousand billion either way."),
            {"amount": str(amount_sek)},
            field=field_name,
        )


def check_count(count: int, reason: str) -> str:
    """ALLOC-009: a count given by hand is a whole number of at least 0, with its reason."""
    if isinstance(count, bool) or count < 0:
        raise RuleViolation("ALLOC-009", _("A count given by hand is a number of residents of at least 0, not %(count)s."), {"count": count}, field="count")
    reason = reason.strip()
    if not reason:
        raise RuleViolation(
            "ALLOC-009", _("A count given by hand needs its reason (for example: the series has no forecast for that year)."), {}, field="reason"
        )
    return reason


def check_parameters(parameters: Parameters) -> None:
    """Every rule on a model's parameters at once, as the services check each row."""
    for year_index, year in zip(parameters.index, parameters.years, strict=True):
        check_index(year_index.wage_percent, field_name=f"wage_index_{year}")
        check_index(year_index.price_percent, field_name=f"price_index_{year}")
    for driver in parameters.drivers:
        check_age_band(driver.age_from, driver.age_to)
        check_price(driver.price_sek)
        check_wage_share(driver.wage_share_percent)
    for fixed in parameters.fixed_amounts:
        check_reason(fixed.reason)
        check_amount(fixed.amount_sek)
        check_wage_share(fixed.wage_share_percent)
    for adjustment in parameters.adjustments:
        check_reason(adjustment.reason)
        check_amount(adjustment.amount_sek)
        check_year_offset(adjustment.year_offset)


def check_same_year(a_year: int, b_year: int) -> None:
    """ALLOC-005: only models (and scenarios) of one budget year are compared."""
    if a_year != b_year:
        raise RuleViolation(
            "ALLOC-005",
            _("Only models of the same budget year can be compared; these are for %(a)s and %(b)s."),
            {"a": a_year, "b": b_year},
            field="other",
        )
