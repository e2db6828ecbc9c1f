"""The personnel budget (lönebudget, issue 10 §2): a unit's positions and what they cost per month.

A position is a title, a full-time monthly salary in kronor, an employment rate (percent of full
time), the months of the year it is held (from and to, both included), and the yearly salary
revision: a percent raise from a month (from the first of that month, e.g. 1 April). The
personnel overhead (PO-pålägg: employer's contributions, pensions and insurance, as SKR
publishes a rate each year) is a dated rate: the rate of a month is the one last valid on the
first day of the month.

**Rounding.** Per position and month: the month's salary is the full-time salary × (1 + the
raise, from the revision month) × the employment rate, computed exactly and rounded once to the
öre, half up; the overhead is that rounded salary × the PO rate, rounded to the öre, half up.
A unit's month is the sum of its positions' rounded amounts, so the table adds up exactly, as a
payroll that pays and charges each employment by itself. Whole months only.

Rules: PAY-001 title and salary, PAY-002 employment rate, PAY-003 months, PAY-004 salary
revision, PAY-005 PO rate, PAY-006 a month with salaries but no PO rate in force (PAY-007 is
the Excel file's, in ``economy/personnel_excel.py``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from styr.domain.errors import RuleViolation, _
from styr.domain.limits import TITLE_LENGTH

MONTHS = 12
ORE = Decimal("0.01")
HUNDRED = Decimal(100)
#: The largest full-time monthly salary kept (the column holds 10 digits, 2 decimals).
LARGEST_SALARY_SEK = Decimal("99999999.99")
#: The salary revision month when none is given: 1 April, as in most municipal agreements.
DEFAULT_INCREASE_MONTH = 4


def _number(value: object) -> Decimal | None:
    """A number from a form, the API or an Excel cell; Swedish text is read ("32 500,50", "40,15 %")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".").replace("\u2212", "-").removesuffix("%")
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def _two_decimals(number: Decimal) -> bool:
    return number == number.quantize(ORE)


def parse_salary(value: object) -> Decimal:
    """PAY-001: a full-time monthly salary in kronor, not negative, at most to the öre."""
    number = _number(value)
    if number is None or number < 0 or number > LARGEST_SALARY_SEK or not _two_decimals(number):
        raise RuleViolation(
            "PAY-001",
            _("“%(value)s” is not a monthly salary in kronor (not negative, at most two decimals)."),
            {"value": "" if value is None else str(value)},
            field="monthly_salary_sek",
        )
    return number.quantize(ORE)


def check_title(title: object) -> str:
    """PAY-001: a position has a title (at most ``TITLE_LENGTH`` characters)."""
    text = title.strip() if isinstance(title, str) else ""
    if not text or len(text) > TITLE_LENGTH or "\x00" in text:
        raise RuleViolation("PAY-001", _("A position has a title of at most %(limit)s characters."), {"limit": TITLE_LENGTH}, field="title")
    return text


def _percent(value: object, *, code: str, field: str, template: str) -> Decimal:
    number = _number(value)
    if number is None or not 0 <= number <= HUNDRED or not _two_decimals(number):
        raise RuleViolation(code, template, {"value": "" if value is None else str(value)}, field=field)
    return number.quantize(ORE)


def parse_employment_rate(value: object) -> Decimal:
    """PAY-002: the employment rate is a percent of full time, 0–100, at most two decimals."""
    return _percent(value, code="PAY-002", field="employment_rate", template=_("“%(value)s” is not an employment rate: a percent of full time, 0–100."))


def parse_increase(value: object) -> Decimal:
    """PAY-004: the yearly salary revision is a percent 0–100, at most two decimals."""
    return _percent(value, code="PAY-004", field="salary_increase_percent", template=_("“%(value)s” is not a salary increase: a percent 0–100."))


def parse_overhead_rate(value: object) -> Decimal:
    """PAY-005: a personnel overhead rate is a percent 0–100, at most two decimals."""
    return _percent(value, code="PAY-005", field="rate_percent", template=_("“%(value)s” is not a personnel overhead rate: a percent 0–100."))


def _month(value: object) -> int | None:
    number = _number(value)
    if number is None or number != number.to_integral_value() or not 1 <= number <= MONTHS:
        return None
    return int(number)


def parse_months(start: object, end: object) -> tuple[int, int]:
    """PAY-003: a position is held from a month to a month of the year (1–12), the first not after the last."""
    first, last = _month(start), _month(end)
    if first is None or last is None or first > last:
        raise RuleViolation(
            "PAY-003",
            _("A position is held from a month to a month of the year, numbered 1–12, the first not after the last (not %(start)s–%(end)s)."),
            {"start": "" if start is None else str(start), "end": "" if end is None else str(end)},
            field="start_month" if first is None or (last is not None and first > last) else "end_month",
        )
    return first, last


def parse_increase_month(value: object) -> int:
    """PAY-004: the salary revision applies from a month numbered 1–12."""
    month = _month(value)
    if month is None:
        raise RuleViolation(
            "PAY-004",
            _("The salary increase applies from a month numbered 1–12, not “%(value)s”."),
            {"value": "" if value is None else str(value)},
            field="salary_increase_month",
        )
    return month


@dataclass(frozen=True)
class Position:
    """One position of a unit's personnel budget, for one year."""

    title: str
    monthly_salary_sek: Decimal
    employment_rate: Decimal
    start_month: int = 1
    end_month: int = MONTHS
    increase_percent: Decimal = Decimal(0)
    increase_month: int = DEFAULT_INCREASE_MONTH


def check_position(
    *,
    title: object,
    monthly_salary_sek: object,
    employment_rate: object,
    start_month: object = 1,
    end_month: object = MONTHS,
    increase_percent: object = 0,
    increase_month: object = DEFAULT_INCREASE_MONTH,
) -> Position:
    """A position from what someone gave, each part checked by its rule (PAY-001…PAY-004)."""
    first, last = parse_months(start_month, end_month)
    return Position(
        title=check_title(title),
        monthly_salary_sek=parse_salary(monthly_salary_sek),
        employment_rate=parse_employment_rate(employment_rate),
        start_month=first,
        end_month=last,
        increase_percent=parse_increase(increase_percent),
        increase_month=parse_increase_month(increase_month),
    )


@dataclass(frozen=True)
class OverheadRate:
    valid_from: date
    rate_percent: Decimal


def overhead_rate_on(rates: Iterable[OverheadRate], day: date) -> Decimal | None:
    """The PO rate in force on ``day``: the one with the latest ``valid_from`` not after it."""
    found: OverheadRate | None = None
    for rate in rates:
        if rate.valid_from <= day and (found is None or rate.valid_from > found.valid_from):
            found = rate
    return found.rate_percent if found is not None else None


def _round(amount: Decimal) -> Decimal:
    return amount.quantize(ORE, rounding=ROUND_HALF_UP)


def month_salary(position: Position, month: int) -> Decimal:
    """The position's salary for the month, to the öre (0 outside its months). The year's raise
    applies from the revision month to a position held before it; a position that starts in or
    after the revision month is filled at the salary given, which is already the year's level."""
    if not position.start_month <= month <= position.end_month:
        return Decimal("0.00")
    salary = position.monthly_salary_sek
    if position.start_month < position.increase_month <= month:
        salary = salary * (HUNDRED + position.increase_percent) / HUNDRED
    return _round(salary * position.employment_rate / HUNDRED)


def overhead(salary_sek: Decimal, rate_percent: Decimal) -> Decimal:
    """The personnel overhead on a month's salary, to the öre."""
    return _round(salary_sek * rate_percent / HUNDRED)


@dataclass(frozen=True)
class MonthCost:
    """One month of personnel cost: salaries, the overhead on them and the PO rate used."""

    month: int
    salary_sek: Decimal
    overhead_sek: Decimal
    rate_percent: Decimal | None

    @property
    def total_sek(self) -> Decimal:
        return self.salary_sek + self.overhead_sek


def position_costs(position: Position, *, year: int, rates: Sequence[OverheadRate]) -> tuple[MonthCost, ...]:
    """The position's twelve months: salary and overhead. PAY-006 when a month with a salary has
    no PO rate in force."""
    months: list[MonthCost] = []
    for month in range(1, MONTHS + 1):
        rate = overhead_rate_on(rates, date(year, month, 1))
        salary = month_salary(position, month)
        if rate is None and salary:
            raise RuleViolation(
                "PAY-006",
                _("No personnel overhead rate (PO) is in force on %(day)s; add the rate for the year before the costs can be counted."),
                {"day": date(year, month, 1).isoformat()},
                field="rate_percent",
            )
        months.append(MonthCost(month=month, salary_sek=salary, overhead_sek=overhead(salary, rate or Decimal(0)), rate_percent=rate))
    return tuple(months)


def unit_costs(positions: Iterable[Position], *, year: int, rates: Sequence[OverheadRate]) -> tuple[MonthCost, ...]:
    """A unit's personnel costs per month: the sums of its positions' rounded amounts."""
    salary = [Decimal("0.00")] * MONTHS
    extra = [Decimal("0.00")] * MONTHS
    for position in positions:
        for cost in position_costs(position, year=year, rates=rates):
            salary[cost.month - 1] += cost.salary_sek
            extra[cost.month - 1] += cost.overhead_sek
    return tuple(
        MonthCost(month=m, salary_sek=salary[m - 1], overhead_sek=extra[m - 1], rate_percent=overhead_rate_on(rates, date(year, m, 1)))
        for m in range(1, MONTHS + 1)
    )


def year_total(months: Iterable[MonthCost]) -> Decimal:
    return sum((m.total_sek for m in months), Decimal("0.00"))
