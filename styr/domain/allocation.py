"""The resource allocation model (resursfördelningsmodell, seed §5.D): each committee's base
allocation (bastilldelning) for the budget year N and the plan years N+1 and N+2, and the
political adjustments (politiska viljeinriktningar) on top of it, with every step shown.

The arithmetic, as a Swedish controller reads it:

- A **driver** (volymmått) is an age band of the population, optionally in one area, and a
  price per resident of the band (for example "Grundskola 6–15 år, 98 500 kr per elev").
  Its amount for a year is *count × indexed price*.
- Prices and fixed amounts are given at the **price level of the year before the budget year**
  (N−1, the year the model is prepared in: "innevarande års prisnivå"). Each of the three years
  has an index for wages and one for other prices, in percent (SKR publishes both each spring;
  together they make its PKV). What a krona of a driver costs in year N+k is the krona uplifted
  by every year's index up to and including N+k, each year's index weighted by the driver's
  **wage share** (personalkostnadsandel, percent): ``1 + (w·wage + (1−w)·price) / 100``. The
  wage share belongs to each driver and fixed amount (schools are mostly wages, school transport
  mostly not); the model holds the share new rows start from. A model whose prices are already
  at the budget year's level sets the indexes of year N to 0.
- A **fixed amount** (fast belopp: politics, a subsidy) is the same every year before indexing;
  it may be left unindexed.
- A **political adjustment** is an amount in kronor for one committee and one year (0 = N,
  1 = N+1, 2 = N+2), with its reason; it is never indexed. A lasting one is entered for each
  year it lasts.

The rules on the parameters (ALLOC-001…009, ALLOC-005) are ``styr.domain.allocation_rules``.

Rounding: the index factor is kept exact; an indexed price (and an indexed fixed amount) is
rounded to the öre, half up, once; a driver's amount is then *count × indexed price* exactly.
So every step is whole öre, and a committee's allocation is exactly the sum of its steps. Only
a frame in tkr (``to_tsek``) rounds again: half up to 0.1 tkr (100 kr).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from styr.domain.allocation_rules import HUNDRED, ORE, check_parameters, check_same_year
from styr.domain.errors import RuleViolation, _

ZERO = Decimal("0.00")
TENTH_TSEK = Decimal("0.1")

DRIVER, FIXED, ADJUSTMENT = "driver", "fixed", "adjustment"


@dataclass(frozen=True)
class YearIndex:
    """One year's index, percent: wages and other prices."""

    wage_percent: Decimal = Decimal(0)
    price_percent: Decimal = Decimal(0)


@dataclass(frozen=True)
class Driver:
    """``key`` names the driver in the counts (the service uses the row's id)."""

    key: str
    committee: int
    name: str
    age_from: int
    age_to: int
    price_sek: Decimal
    wage_share_percent: Decimal
    area: str = ""


@dataclass(frozen=True)
class FixedAmount:
    key: str
    committee: int
    reason: str
    amount_sek: Decimal
    wage_share_percent: Decimal
    indexed: bool = True


@dataclass(frozen=True)
class Adjustment:
    key: str
    committee: int
    year_offset: int
    amount_sek: Decimal
    reason: str


@dataclass(frozen=True)
class Count:
    """The number of residents a driver counts in a year; ``reason`` says why a count was given by
    hand instead of read from the population series (an override)."""

    count: int
    reason: str = ""

    @property
    def overridden(self) -> bool:
        return bool(self.reason)


@dataclass(frozen=True)
class Parameters:
    """A model's parameters. ``committees`` are the committees (and the executive board) the
    model allocates to, in the order results are shown; each gets a result, zero if nothing."""

    budget_year: int
    committees: tuple[int, ...]
    index: tuple[YearIndex, YearIndex, YearIndex]
    drivers: tuple[Driver, ...] = ()
    fixed_amounts: tuple[FixedAmount, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()

    @property
    def years(self) -> tuple[int, int, int]:
        return (self.budget_year, self.budget_year + 1, self.budget_year + 2)


@dataclass(frozen=True)
class Step:
    """One line of the arithmetic. For a driver: ``count`` × ``indexed_price_sek`` = ``amount_sek``,
    where ``indexed_price_sek`` is ``price_sek`` × ``index_factor`` rounded to the öre. For a fixed
    amount ``price_sek`` is the amount before indexing. ``key`` is the parameter's key."""

    committee: int
    year: int
    kind: str
    key: str
    label: str
    amount_sek: Decimal
    count: int | None = None
    price_sek: Decimal | None = None
    index_factor: Decimal | None = None
    indexed_price_sek: Decimal | None = None
    count_reason: str = ""
    area: str = ""
    age_from: int | None = None
    age_to: int | None = None


@dataclass(frozen=True)
class CommitteeYear:
    committee: int
    year: int
    base_sek: Decimal  #: the base allocation (bastilldelning): drivers and fixed amounts
    adjustments_sek: Decimal  #: the political adjustments of the year
    steps: tuple[Step, ...] = field(default=(), repr=False)

    @property
    def total_sek(self) -> Decimal:
        """The allocation: the base allocation adjusted by the political adjustments."""
        return self.base_sek + self.adjustments_sek

    @property
    def total_tsek(self) -> Decimal:
        return to_tsek(self.total_sek)


@dataclass(frozen=True)
class Allocation:
    budget_year: int
    committees: tuple[int, ...]
    rows: tuple[CommitteeYear, ...]

    @property
    def years(self) -> tuple[int, int, int]:
        return (self.budget_year, self.budget_year + 1, self.budget_year + 2)

    def row(self, committee: int, year: int) -> CommitteeYear:
        for row in self.rows:
            if row.committee == committee and row.year == year:
                return row
        raise KeyError((committee, year))

    def total_sek(self, committee: int, year: int) -> Decimal:
        return self.row(committee, year).total_sek

    def year_total_sek(self, year: int) -> Decimal:
        return sum((r.total_sek for r in self.rows if r.year == year), ZERO)

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(step for row in self.rows for step in row.steps)


def to_tsek(amount_sek: Decimal) -> Decimal:
    """Kronor as tkr to one decimal, half up (the frame's unit)."""
    return (amount_sek / 1000).quantize(TENTH_TSEK, rounding=ROUND_HALF_UP)


def round_ore(amount: Decimal) -> Decimal:
    return amount.quantize(ORE, rounding=ROUND_HALF_UP)


# --- arithmetic --------------------------------------------------------------------------------


def index_factor(index: tuple[YearIndex, ...], wage_share_percent: Decimal, offset: int) -> Decimal:
    """How much a krona at the price level N−1 is worth in year N+``offset``: every year's
    index up to and including it, weighted by the wage share. Exact, never rounded."""
    share = wage_share_percent / HUNDRED
    factor = Decimal(1)
    for year_index in index[: offset + 1]:
        factor *= 1 + (share * year_index.wage_percent + (1 - share) * year_index.price_percent) / HUNDRED
    return factor


def missing_counts(parameters: Parameters, counts: Mapping[tuple[str, int], Count]) -> list[tuple[Driver, int]]:
    """Each driver and year without a count, in the order of the drivers."""
    return [(d, year) for d in parameters.drivers for year in parameters.years if (d.key, year) not in counts]


def allocate(parameters: Parameters, counts: Mapping[tuple[str, int], Count]) -> Allocation:
    """Each committee's allocation for N, N+1 and N+2, with its steps. ``counts`` holds the
    number of residents per (driver key, year). Refused with ALLOC-004 when a driver has no count
    for a year, with ALLOC-010 when a parameter names a committee the model does not allocate to,
    and with the rules of ``check_parameters``."""
    check_parameters(parameters)
    known = set(parameters.committees)
    named = [d.committee for d in parameters.drivers] + [f.committee for f in parameters.fixed_amounts] + [a.committee for a in parameters.adjustments]
    for committee in named:
        if committee not in known:
            raise RuleViolation("ALLOC-010", _("The model allocates only to committees and the executive board of its own group."), {}, field="committee")
    missing = missing_counts(parameters, counts)
    if missing:
        driver, year = missing[0]
        raise RuleViolation(
            "ALLOC-004",
            _("The driver %(driver)s has no count for %(year)s: the population series lacks the year or the area; give the count by hand with a reason."),
            {"driver": driver.name, "year": year, "missing": len(missing)},
            field="count",
        )
    steps: dict[tuple[int, int], list[Step]] = {(c, y): [] for c in parameters.committees for y in parameters.years}
    for offset, year in enumerate(parameters.years):
        for d in parameters.drivers:
            factor = index_factor(parameters.index, d.wage_share_percent, offset)
            indexed = round_ore(d.price_sek * factor)
            given = counts[(d.key, year)]
            steps[(d.committee, year)].append(
                Step(
                    committee=d.committee,
                    year=year,
                    kind=DRIVER,
                    key=d.key,
                    label=d.name,
                    amount_sek=given.count * indexed,
                    count=given.count,
                    price_sek=d.price_sek,
                    index_factor=factor,
                    indexed_price_sek=indexed,
                    count_reason=given.reason,
                    area=d.area,
                    age_from=d.age_from,
                    age_to=d.age_to,
                )
            )
        for f in parameters.fixed_amounts:
            factor = index_factor(parameters.index, f.wage_share_percent, offset) if f.indexed else Decimal(1)
            amount = round_ore(f.amount_sek * factor)
            steps[(f.committee, year)].append(
                Step(
                    committee=f.committee,
                    year=year,
                    kind=FIXED,
                    key=f.key,
                    label=f.reason,
                    amount_sek=amount,
                    price_sek=f.amount_sek,
                    index_factor=factor,
                    indexed_price_sek=amount,
                )
            )
        for a in parameters.adjustments:
            if a.year_offset == offset:
                steps[(a.committee, year)].append(Step(committee=a.committee, year=year, kind=ADJUSTMENT, key=a.key, label=a.reason, amount_sek=a.amount_sek))
    rows = []
    for committee in parameters.committees:
        for year in parameters.years:
            own = tuple(steps[(committee, year)])
            base = sum((s.amount_sek for s in own if s.kind != ADJUSTMENT), ZERO)
            adjusted = sum((s.amount_sek for s in own if s.kind == ADJUSTMENT), ZERO)
            rows.append(CommitteeYear(committee=committee, year=year, base_sek=base, adjustments_sek=adjusted, steps=own))
    return Allocation(budget_year=parameters.budget_year, committees=parameters.committees, rows=tuple(rows))


# --- comparing two models ----------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One committee and year in two models: ``difference_sek`` is b − a, ``percent`` of a (None when a is 0)."""

    committee: int
    year: int
    a_sek: Decimal
    b_sek: Decimal

    @property
    def difference_sek(self) -> Decimal:
        return self.b_sek - self.a_sek

    @property
    def percent(self) -> Decimal | None:
        if self.a_sek == 0:
            return None
        return (self.difference_sek / abs(self.a_sek) * HUNDRED).quantize(TENTH_TSEK, rounding=ROUND_HALF_UP)


def compare(a: Allocation, b: Allocation) -> tuple[Difference, ...]:
    """Per committee and year, model a against model b. Refused with ALLOC-005 when the two are
    for different budget years: their kronor are not comparable year by year."""
    check_same_year(a.budget_year, b.budget_year)
    committees = list(dict.fromkeys([*a.committees, *b.committees]))

    def total(allocation: Allocation, committee: int, year: int) -> Decimal:
        return allocation.total_sek(committee, year) if committee in allocation.committees else ZERO

    return tuple(Difference(committee=c, year=y, a_sek=total(a, c, y), b_sek=total(b, c, y)) for c in committees for y in a.years)


def steps_of(allocation: Allocation, committee: int) -> Iterable[Step]:
    return (s for s in allocation.steps if s.committee == committee)
