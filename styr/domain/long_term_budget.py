"""Mål och budget's long-term budget (issue 11 §6, seed §5.D): the result budget, the balance
budget and the cash-flow budget for the budget year N and the plan years N+1 and N+2, from the
council's frames and what KS's controllers enter per year (budgetförutsättningar, taken from
SKR's forecasts), with last year's outcome beside them. Pure rules and arithmetic over ``Decimal``.

Signs are those of the municipality's statements (costs negative, revenue positive): what a
controller enters is a positive amount (a cost as what it costs), and the arithmetic gives it its
sign. Every figure is in tkr.

The result budget::

    verksamhetens nettokostnad = −(the committees' frames + pensions outside the committees
                                   + depreciation + reserves + other items outside the committees)
    + skatteintäkter + generella statsbidrag och utjämning
    + finansiella intäkter − finansiella kostnader
    = årets resultat

The balance budget rolls the last actual balance sheet forward a year at a time:

- anläggningstillgångar + investments − depreciation;
- omsättningstillgångar + the cash-flow budget's change in liquid assets;
- eget kapital + årets resultat; avsättningar unchanged (their change is in the pension cost
  entered); skulder + new borrowing.

The cash-flow budget: årets resultat + depreciation (not a payment) − investments + borrowing =
change in liquid assets, where borrowing is the borrowing need: investments − (result +
depreciation), never negative. So the balance budget balances by construction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from styr.domain.errors import RuleViolation, _

ZERO = Decimal(0)
TENTH = Decimal("0.1")
TSEK_LIMIT = Decimal(10) ** 13

TAX_REVENUE = "tax_revenue"
GENERAL_GRANTS = "general_grants"
FINANCIAL_INCOME = "financial_income"
FINANCIAL_COSTS = "financial_costs"
PENSIONS = "pensions_outside_committees"
DEPRECIATION = "depreciation"
RESERVES = "reserves"
OTHER = "other_outside_committees"


@dataclass(frozen=True)
class AssumptionKey:
    """One entered line of the result budget. ``revenue``: shown positive, else a cost shown
    negative; ``signed``: the entered amount may be negative (net equalisation may be a charge;
    other items may be a net revenue)."""

    key: str
    label: str
    revenue: bool
    required: bool
    signed: bool = False


#: The fixed list of what is entered per year, in the order of the result budget.
ASSUMPTION_KEYS: tuple[AssumptionKey, ...] = (
    AssumptionKey(PENSIONS, _("Pension costs outside the committees"), revenue=False, required=False),
    AssumptionKey(DEPRECIATION, _("Depreciation"), revenue=False, required=True),
    AssumptionKey(RESERVES, _("Reserves and contingencies"), revenue=False, required=False),
    AssumptionKey(OTHER, _("Other items outside the committees"), revenue=False, required=False, signed=True),
    AssumptionKey(TAX_REVENUE, _("Tax revenue"), revenue=True, required=True),
    AssumptionKey(GENERAL_GRANTS, _("General government grants and equalisation"), revenue=True, required=True, signed=True),
    AssumptionKey(FINANCIAL_INCOME, _("Financial income"), revenue=True, required=False),
    AssumptionKey(FINANCIAL_COSTS, _("Financial costs"), revenue=False, required=False),
)
KEYS = {k.key: k for k in ASSUMPTION_KEYS}
OUTSIDE_COMMITTEES = (PENSIONS, DEPRECIATION, RESERVES, OTHER)


def assumption_key(key: str) -> AssumptionKey:
    """MOB-005: an assumption is one of the fixed list."""
    found = KEYS.get(key)
    if found is None:
        raise RuleViolation("MOB-005", _("“%(key)s” is not a line of the result budget (%(known)s)."), {"key": key, "known": ", ".join(KEYS)}, field="key")
    return found


def check_assumption(*, key: str, amount_tsek: Decimal, source: str) -> None:
    """MOB-003: an amount in tkr with at most one decimal, not negative unless the line may be
    (net equalisation, other items). MOB-004: each entered line names its source (SKR's
    forecast, circular number and date)."""
    line = assumption_key(key)
    if not amount_tsek.is_finite() or abs(amount_tsek) >= TSEK_LIMIT or amount_tsek != amount_tsek.quantize(TENTH):
        raise RuleViolation("MOB-003", _("Give the amount in tkr with at most one decimal, not %(amount)s."), {"amount": str(amount_tsek)}, field="amount_tsek")
    if amount_tsek < 0 and not line.signed:
        raise RuleViolation(
            "MOB-003",
            _("%(line)s is entered as a positive amount (a cost as what it costs); the result budget gives it its sign."),
            {"line": line.label, "amount": str(amount_tsek)},
            field="amount_tsek",
        )
    if not source.strip():
        raise RuleViolation("MOB-004", _("Name the source of the amount (for example SKR's forecast, circular and date)."), {"key": key}, field="source")


def check_assumptions_open(*, adopted: bool, year: int) -> None:
    """MOB-002: the assumptions of a year are the ground of that year's Mål och budget: once the
    council has adopted it they stand as decided (a new revision reopens them)."""
    if adopted:
        raise RuleViolation(
            "MOB-002",
            _("The council has adopted Goals and budget %(year)s: its budget assumptions stand as decided, unless a new revision is started."),
            {"year": year},
            field="amount_tsek",
        )


def check_complete(year: int, entered: Mapping[str, Decimal]) -> None:
    """MOB-001: a year's result budget needs tax revenue, general grants and equalisation, and
    depreciation entered (a financial item or a reserve may be left out: it is then none)."""
    missing = [k.key for k in ASSUMPTION_KEYS if k.required and k.key not in entered]
    if missing:
        raise RuleViolation(
            "MOB-001",
            _("The result budget for %(year)s lacks assumptions: %(missing)s."),
            {"year": year, "missing": ", ".join(missing), "keys": missing},
        )


@dataclass(frozen=True)
class ResultYear:
    """One year's result budget, every line signed as in the result statement."""

    year: int
    frames_tsek: Decimal  # the committees' net cost (shown negative)
    outside_tsek: dict[str, Decimal]  # pensions, depreciation, reserves, other (shown negative)
    tax_revenue_tsek: Decimal
    general_grants_tsek: Decimal
    financial_income_tsek: Decimal
    financial_costs_tsek: Decimal  # shown negative

    @property
    def net_cost_tsek(self) -> Decimal:
        return self.frames_tsek + sum(self.outside_tsek.values(), ZERO)

    @property
    def operating_result_tsek(self) -> Decimal:
        return self.net_cost_tsek + self.tax_revenue_tsek + self.general_grants_tsek

    @property
    def result_tsek(self) -> Decimal:
        return self.operating_result_tsek + self.financial_income_tsek + self.financial_costs_tsek

    @property
    def depreciation_tsek(self) -> Decimal:
        """Depreciation as a positive amount (what the cash flow adds back)."""
        return -self.outside_tsek.get(DEPRECIATION, ZERO)

    @property
    def tax_and_grants_tsek(self) -> Decimal:
        return self.tax_revenue_tsek + self.general_grants_tsek

    @property
    def result_share_percent(self) -> Decimal | None:
        """Årets resultat as a share of tax revenue and general grants (the usual financial goal)."""
        base = self.tax_and_grants_tsek
        return (self.result_tsek * 100 / base).quantize(TENTH) if base else None


def result_year(year: int, *, frames_tsek: Decimal, entered: Mapping[str, Decimal]) -> ResultYear:
    """The year's result budget from the committees' frames (net cost, positive) and the entered
    amounts (MOB-001 when a required one is missing)."""
    check_complete(year, entered)
    return ResultYear(
        year=year,
        frames_tsek=-frames_tsek,
        outside_tsek={key: -entered.get(key, ZERO) for key in OUTSIDE_COMMITTEES},
        tax_revenue_tsek=entered[TAX_REVENUE],
        general_grants_tsek=entered[GENERAL_GRANTS],
        financial_income_tsek=entered.get(FINANCIAL_INCOME, ZERO),
        financial_costs_tsek=-entered.get(FINANCIAL_COSTS, ZERO),
    )


@dataclass(frozen=True)
class CashFlowYear:
    year: int
    result_tsek: Decimal
    depreciation_tsek: Decimal
    investments_tsek: Decimal  # shown negative
    borrowing_tsek: Decimal

    @property
    def operating_cash_flow_tsek(self) -> Decimal:
        return self.result_tsek + self.depreciation_tsek

    @property
    def change_in_liquid_assets_tsek(self) -> Decimal:
        return self.operating_cash_flow_tsek + self.investments_tsek + self.borrowing_tsek


def borrowing_need(*, result_tsek: Decimal, depreciation_tsek: Decimal, investments_tsek: Decimal) -> Decimal:
    """What must be borrowed: investments − (result + depreciation), never negative."""
    return max(ZERO, investments_tsek - (result_tsek + depreciation_tsek))


def cash_flow_year(year: int, *, result_tsek: Decimal, depreciation_tsek: Decimal, investments_tsek: Decimal) -> CashFlowYear:
    """The year's cash-flow budget; investments positive in, shown negative; the borrowing need is borrowed."""
    borrowing = borrowing_need(result_tsek=result_tsek, depreciation_tsek=depreciation_tsek, investments_tsek=investments_tsek)
    return CashFlowYear(year, result_tsek, depreciation_tsek, -investments_tsek, borrowing)


@dataclass(frozen=True)
class BalanceYear:
    """The balance sheet's main groups at the end of ``year``; assets and claims both positive."""

    year: int
    fixed_assets_tsek: Decimal
    current_assets_tsek: Decimal
    equity_tsek: Decimal
    provisions_tsek: Decimal
    liabilities_tsek: Decimal

    @property
    def total_assets_tsek(self) -> Decimal:
        return self.fixed_assets_tsek + self.current_assets_tsek

    @property
    def total_claims_tsek(self) -> Decimal:
        return self.equity_tsek + self.provisions_tsek + self.liabilities_tsek

    @property
    def equity_ratio_percent(self) -> Decimal | None:
        """Soliditet: equity as a share of total assets."""
        total = self.total_assets_tsek
        return (self.equity_tsek * 100 / total).quantize(TENTH) if total else None


def roll_forward(start: BalanceYear, flow: CashFlowYear) -> BalanceYear:
    """The balance sheet a year on: fixed assets + investments − depreciation, current assets +
    the change in liquid assets, equity + the result, provisions unchanged, liabilities + borrowing."""
    return BalanceYear(
        year=flow.year,
        fixed_assets_tsek=start.fixed_assets_tsek - flow.investments_tsek - flow.depreciation_tsek,
        current_assets_tsek=start.current_assets_tsek + flow.change_in_liquid_assets_tsek,
        equity_tsek=start.equity_tsek + flow.result_tsek,
        provisions_tsek=start.provisions_tsek,
        liabilities_tsek=start.liabilities_tsek + flow.borrowing_tsek,
    )


@dataclass(frozen=True)
class RoomYear:
    """The investment room of a year (investeringsutrymme, seed §5.D): the expected positive cash
    flow (result + depreciation, none when negative) plus the room for population growth
    (new residents × the preset amount per new resident; none when the population falls or is
    not known), against the planned investments."""

    year: int
    result_tsek: Decimal
    depreciation_tsek: Decimal
    new_residents: int | None
    per_new_resident_tsek: Decimal
    investments_tsek: Decimal
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def cash_flow_tsek(self) -> Decimal:
        return self.result_tsek + self.depreciation_tsek

    @property
    def cash_flow_room_tsek(self) -> Decimal:
        return max(ZERO, self.cash_flow_tsek)

    @property
    def growth_room_tsek(self) -> Decimal:
        return max(0, self.new_residents or 0) * self.per_new_resident_tsek

    @property
    def room_tsek(self) -> Decimal:
        return self.cash_flow_room_tsek + self.growth_room_tsek

    @property
    def within_room(self) -> bool:
        return self.investments_tsek <= self.room_tsek

    @property
    def over_room_tsek(self) -> Decimal:
        return max(ZERO, self.investments_tsek - self.room_tsek)

    @property
    def self_financing_percent(self) -> Decimal | None:
        """(result + depreciation) / investments, in per cent; none without investments."""
        if not self.investments_tsek:
            return None
        return (self.cash_flow_tsek * 100 / self.investments_tsek).quantize(TENTH)

    @property
    def borrowing_need_tsek(self) -> Decimal:
        return borrowing_need(result_tsek=self.result_tsek, depreciation_tsek=self.depreciation_tsek, investments_tsek=self.investments_tsek)


def investment_room(
    years: Mapping[int, tuple[Decimal, Decimal]],
    *,
    investments_tsek: Mapping[int, Decimal],
    new_residents: Mapping[int, int | None],
    per_new_resident_tsek: Decimal,
) -> tuple[RoomYear, ...]:
    """The room for each year of ``years`` (year → (expected result, depreciation)), against the
    planned investments of the year (none where none is planned)."""
    return tuple(
        RoomYear(
            year=year,
            result_tsek=result,
            depreciation_tsek=depreciation,
            new_residents=new_residents.get(year),
            per_new_resident_tsek=per_new_resident_tsek,
            investments_tsek=investments_tsek.get(year, ZERO),
        )
        for year, (result, depreciation) in sorted(years.items())
    )


#: Without a preset value the room has no part for population growth.
DEFAULT_PER_NEW_RESIDENT_TSEK = ZERO


def parse_investment_room(data: object) -> Decimal:
    """``model.economy.investment_room.per_new_resident_tsek``: the room for investment each new
    resident gives (tkr, not negative; MOB-006). Absent: none."""
    if data is None:
        return DEFAULT_PER_NEW_RESIDENT_TSEK
    if not isinstance(data, Mapping):
        raise RuleViolation("PRESET-002", _("The section “%(section)s” must be a mapping."), {"section": "economy.investment_room"})
    value = data.get("per_new_resident_tsek", DEFAULT_PER_NEW_RESIDENT_TSEK)
    try:
        amount = Decimal(str(value)) if isinstance(value, (int, str, Decimal)) and not isinstance(value, bool) else Decimal("NaN")
    except ArithmeticError:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount < 0 or abs(amount) >= TSEK_LIMIT:
        raise RuleViolation(
            "MOB-006",
            _("The investment room per new resident must be an amount in tkr of at least 0, not “%(value)s”."),
            {"value": str(value)},
            field="per_new_resident_tsek",
        )
    return amount


def investment_room_to_mapping(per_new_resident_tsek: Decimal) -> dict[str, str]:
    return {"per_new_resident_tsek": str(per_new_resident_tsek)}
