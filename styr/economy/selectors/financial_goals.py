"""The council's financial goals computed from the accounts, month by month and for the full year,
and assessed against their targets (issue 11 §1; seed §5.D "God ekonomisk hushållning").

**Where the figures come from.** The municipality's ledger: the books kept by the council's org unit
(the municipality, whose statement rows are those of the chart it keeps, ``statement-kommun-bas``).
For each month with actuals (#PSALDO, else the month's transactions) the measures read the
**year to date**: the result rows summed from January, the balance rows as opening balance plus the
months' movements. A ledger read without months (only #RES and #UB) has one value, December's.
Equity before the books are closed lacks the year's result (it still lies in the result accounts):
equity as used = the equity rows + the year's result to date + the closing account (89), so a closed
year is not counted twice. Net investments = the change in tangible and intangible fixed assets
since the opening balance + the period's depreciation. Debt = provisions + long-term + current
liabilities. Residents: the whole municipality's count (area "") in the latest year at or before
the goal's year, from an SCB or demo series first, else any series. Pension obligations outside the
balance sheet: the year's entered figure, else the latest earlier year's.

**The forecast (full year).** The budgeted year (the ledger's #PBUDGET by the same rows) with the
committees' forecast deviations added: each committee's, KS's and company's latest full-year forecast
(``Forecast`` in its reports up to the month) against its frame or budget
(``forecast_deviations``): a committee expecting to spend 2 mnkr less improves the net cost and the
result by 2 mnkr. Equity = the opening equity + the forecast result; total assets = the latest total
assets + the result still to come; debt and residents as of the latest month; net investments = the
year's amount of the investment plan of Mål och budget (``investment_totals``), else the committees'
investment frames of the year. Without a budget in the ledger the
full year is the run rate: the result rows to date × 12 / the months with actuals (the committees'
deviations are already in it, so none is added); without actuals either there is no forecast, and
it says why. (When the council's result budget of Mål och budget is kept in Styr, issue 11 §6, it is
the better budget to start from.)

**Status.** Assessed on the model's status scale (``financial_ratios.attainment``, the partly band
``model.economy.financial_goals.partly_band``): on the forecast while the year runs, on the value once
December has actuals, on the value when there is no forecast; not assessed without a measure, a
target or a value. A goal without a measure (free-text ``ratio``) is listed, not assessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils.translation import get_language, gettext, gettext_noop

from styr.core.permissions import require_visible
from styr.domain.account_files import shipped_statement
from styr.domain.accounts import StatementMapping
from styr.domain.financial_ratios import MEASURES, MISSING, Inputs, Measure, attainment, compute
from styr.domain.governance import StatusLevel
from styr.domain.status import step_for
from styr.economy.models import FinancialManagementAssessment, OperatingFrame, PensionObligation, PopulationCount, PopulationSeries
from styr.economy.selectors.followup import forecast_deviations
from styr.economy.selectors.investments import investment_totals
from styr.economy.selectors.ledger import AccountFigures, balances_build
from styr.economy.selectors.statement import plan_kept_by
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.models import FinancialGoal

ZERO = Decimal(0)
NO_BUDGET = gettext_noop("The ledger holds neither a budget nor actuals for the year: there is no forecast.")


@dataclass(frozen=True)
class MonthValue:
    month: int
    value: Decimal | None
    reason: str = ""


@dataclass
class FinancialGoalStatus:
    goal: FinancialGoal
    measure: Measure | None
    value: Decimal | None = None
    #: the month the value is for (year to date); None without actuals
    value_month: int | None = None
    reason: str = ""
    forecast_value: Decimal | None = None
    forecast_reason: str = ""
    target: Decimal | None = None
    status: str = ""
    step: StatusLevel | None = None
    series: list[MonthValue] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return _label(self.step)

    @property
    def measure_label(self) -> str:
        return self.measure.label(get_language() or "sv") if self.measure is not None else self.goal.ratio


def council_of(group: MunicipalGroup) -> OrgUnit | None:
    return OrgUnit.objects.filter(group=group, kind="COUNCIL", valid_to__isnull=True).first()


# --- the figures -----------------------------------------------------------------------------


def _rows(mapping: StatementMapping, part: str, leaf: Mapping[str, Decimal]) -> dict[str, Decimal]:
    shown: dict[str, Decimal] = {}
    for row in mapping.rows_of(part):
        shown[row.key] = sum((shown[k] for k in row.sums), ZERO) if row.is_sum else row.sign * leaf.get(row.key, ZERO)
    return shown


@dataclass
class _Books:
    """The ledger's accounts by statement row: the result per month, the balance movement per month,
    the opening balances and the budget per row."""

    mapping: StatementMapping
    result: dict[str, list[Decimal]] = field(default_factory=lambda: defaultdict(lambda: [ZERO] * 12))
    movement: dict[str, list[Decimal]] = field(default_factory=lambda: defaultdict(lambda: [ZERO] * 12))
    opening: dict[str, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))
    budget: dict[str, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))
    months: set[int] = field(default_factory=set)
    has_budget: bool = False

    def at(self, month: int) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
        """The result statement to date and the balance sheet at the end of ``month``, as shown."""
        result = _rows(self.mapping, "result", {k: sum(v[:month], ZERO) for k, v in self.result.items()})
        keys = set(self.opening) | set(self.movement)
        balance = _rows(self.mapping, "balance", {k: self.opening[k] + sum(self.movement[k][:month], ZERO) for k in keys})
        return result, balance

    def budgeted(self) -> dict[str, Decimal]:
        return _rows(self.mapping, "result", self.budget)


def _read_books(council: OrgUnit, year: int) -> _Books:
    _plan, mapping = shipped_statement(plan_kept_by(council))
    books = _Books(mapping)
    figures: list[AccountFigures] = balances_build(council, year)
    for entry in figures:
        row = mapping.find_row(entry.account)
        if row is None:
            continue
        for period, amount in entry.months.items():
            month = int(period) % 100
            books.months.add(month)
            (books.result if row.part == "result" else books.movement)[row.key][month - 1] += amount
        if entry.budget:
            books.has_budget = True
            books.budget[row.key] += sum(entry.budget.values(), ZERO)
        if row.part == "balance":
            books.opening[row.key] += entry.opening_sek or ZERO
    if not books.months and figures:
        # no months in the file: the year's #RES and #UB stand for December
        for entry in figures:
            row = mapping.find_row(entry.account)
            if row is None:
                continue
            if row.part == "result" and entry.result_sek is not None:
                books.result[row.key][11] += entry.result_sek
                books.months.add(12)
            elif row.part == "balance" and entry.closing_sek is not None:
                books.movement[row.key][11] += entry.closing_sek - (entry.opening_sek or ZERO)
                books.months.add(12)
    return books


def residents_in(group: MunicipalGroup, year: int) -> int | None:
    """The whole municipality's residents in the latest year at or before ``year``: an outcome
    series (SCB, the demo's) first, else any; the newest series of those. Two queries."""
    series = list(PopulationSeries.objects.filter(group=group).values_list("pk", "source"))
    preferred = [pk for pk, source in series if source != PopulationSeries.Source.UPLOAD] or [pk for pk, _s in series]
    for pk in preferred:  # newest first (the model's ordering)
        counts = PopulationCount.objects.filter(series_id=pk, area="", year__lte=year).values("year").annotate(n=Sum("count")).order_by("-year").first()
        if counts is not None:
            return int(counts["n"])
    return None


def _pensions(group: MunicipalGroup, year: int) -> Decimal | None:
    row = PensionObligation.objects.filter(group=group, year__lte=year).order_by("-year").values_list("amount_sek", flat=True).first()
    return row


def _inputs(result: Mapping[str, Decimal], balance: Mapping[str, Decimal], opening: Mapping[str, Decimal], extra: Mapping[str, Any]) -> Inputs:
    fixed = balance.get("tangible_assets", ZERO) + balance.get("intangible_assets", ZERO)
    fixed_then = opening.get("tangible_assets", ZERO) + opening.get("intangible_assets", ZERO)
    return Inputs(
        year_result_sek=result["year_result"],
        tax_revenue_sek=result["tax_revenue"],
        general_grants_sek=result["general_grants"],
        net_cost_sek=result["net_cost"],
        financial_income_sek=result["financial_income"],
        financial_costs_sek=result["financial_costs"],
        depreciation_sek=result["depreciation"],
        net_investments_sek=extra.get("net_investments_sek", fixed - fixed_then - result["depreciation"]),
        equity_sek=extra.get("equity_sek", balance["equity"] + result["year_result"] + result.get("closing", ZERO)),
        total_assets_sek=extra.get("total_assets_sek", balance["total_assets"]),
        pension_obligations_sek=extra.get("pensions"),
        debt_sek=extra.get("debt_sek", balance["provisions"] + balance["long_term_liabilities"] + balance["current_liabilities"]),
        residents=extra.get("residents"),
    )


@dataclass
class _Figures:
    by_month: dict[int, Inputs]
    forecast: Inputs | None
    forecast_reason: str


def _figures(group: MunicipalGroup, council: OrgUnit, year: int, month: int | None, *, with_forecast: bool = True) -> _Figures:
    books = _read_books(council, year)
    last = max((m for m in books.months if month is None or m <= month), default=0)
    extra = {"pensions": _pensions(group, year), "residents": residents_in(group, year)}
    opening = _rows(books.mapping, "balance", books.opening)
    by_month = {m: _inputs(*books.at(m), opening, extra) for m in sorted(books.months) if m <= last}
    if not with_forecast:
        return _Figures(by_month, None, "")
    if not books.has_budget and not last:
        return _Figures(by_month, None, NO_BUDGET)
    if books.has_budget:
        deviation = sum(forecast_deviations(group, year, month or 12).values(), ZERO)
        budget = books.budgeted()
    else:  # the run rate: the year to date carried over twelve months (the committees' deviations are in it)
        deviation = ZERO
        budget = _rows(books.mapping, "result", {k: sum(v[:last], ZERO) * 12 / last for k, v in books.result.items()})
    result = {**budget, "net_cost": budget["net_cost"] + deviation, "year_result": budget["year_result"] + deviation, "closing": ZERO}
    result_now, balance_now = books.at(last) if last else books.at(0)
    investment_tsek: Decimal | None = investment_totals(group, year)[year] or None
    if investment_tsek is None:  # no investment plan in Styr: the committees' investment frames
        investment_tsek = OperatingFrame.objects.filter(group=group, year=year).aggregate(s=Sum("investment_tsek"))["s"]
    equity_then = opening.get("equity", ZERO)
    forecast = _inputs(
        result,
        balance_now,
        opening,
        {
            **extra,
            "equity_sek": equity_then + result["year_result"],
            "total_assets_sek": balance_now["total_assets"] + result["year_result"] - result_now["year_result"],
            "net_investments_sek": investment_tsek * 1000 if investment_tsek is not None else None,
        },
    )
    return _Figures(by_month, forecast, "")


# --- the goals -------------------------------------------------------------------------------


def financial_goal_status(group: MunicipalGroup, year: int, month: int | None = None) -> list[FinancialGoalStatus]:
    """Each of the council's financial goals of ``year`` with its measure's value to date (the latest
    month with actuals, up to ``month`` when given), its value per month, the full-year forecast, the
    target and the status on the model's scale. No permission check: the caller has checked that the
    reader sees the council (``financial_goal_status_for``). A fixed number of queries."""
    council = council_of(group)
    goals = list(FinancialGoal.objects.filter(group=group, year=year).order_by("pk")) if council is not None else []
    if not goals or council is None:
        return []
    model = group.governance
    measured = [g for g in goals if g.measure in MEASURES]
    figures = _figures(group, council, year, month) if measured else _Figures({}, None, "")
    last = max(figures.by_month, default=0)
    found: list[FinancialGoalStatus] = []
    for goal in goals:
        row = FinancialGoalStatus(goal=goal, measure=MEASURES.get(goal.measure), target=goal.target_value)
        if row.measure is not None:
            key = row.measure.key
            row.series = [MonthValue(m, v.value, v.reason) for m, inputs in figures.by_month.items() for v in [compute(key, inputs)]]
            if last:
                current = row.series[-1]
                row.value, row.value_month, row.reason = current.value, last, current.reason
            else:
                row.reason = MISSING
            if figures.forecast is not None:
                predicted = compute(key, figures.forecast)
                row.forecast_value, row.forecast_reason = predicted.value, predicted.reason
            else:
                row.forecast_reason = figures.forecast_reason
            judged = row.value if last == 12 or row.forecast_value is None else row.forecast_value
            level = attainment(key, judged, goal.target_value, model.financial_goals_band)
        else:
            level = None
        row.step = step_for(level, model)
        row.status = row.step.code
        found.append(row)
    return found


def financial_measures_by_year(group: MunicipalGroup, years: list[int]) -> dict[int, dict[str, Decimal | None]]:
    """Every measure's value in each year, at the year's latest month with actuals (December for a
    closed year): the chart of the financial goals over the years. About ten queries a year."""
    council = council_of(group)
    found: dict[int, dict[str, Decimal | None]] = {}
    if council is None:
        return found
    for year in years:
        by_month = _figures(group, council, year, None, with_forecast=False).by_month
        if by_month:
            latest = by_month[max(by_month)]
            found[year] = {key: compute(key, latest).value for key in MEASURES}
    return found


def financial_goal_status_for(user: Any, group: MunicipalGroup, year: int, month: int | None = None) -> list[FinancialGoalStatus]:
    """``financial_goal_status`` for a reader who may see the council (a 404 otherwise)."""
    council = council_of(group)
    require_visible(user, council)
    return financial_goal_status(group, year, month)


def reason_text(reason: str) -> str:
    return gettext(reason) if reason else ""


# --- good financial management -----------------------------------------------------------------


def _label(step: StatusLevel | None) -> str:
    if step is None:
        return ""
    return step.label_en if (get_language() or "sv").startswith("en") else step.label_sv


@dataclass
class OperationalGoal:
    pk: int
    title: str
    step: StatusLevel

    @property
    def label(self) -> str:
        return _label(self.step)


@dataclass
class GoodManagement:
    """The annual report's assessment of good financial management: the financial goals and the
    council's operational (development) goals side by side, with the council's judgement."""

    year: int
    financial: list[FinancialGoalStatus]
    operational: list[OperationalGoal]
    assessment: FinancialManagementAssessment | None
    conclusion: StatusLevel | None

    @property
    def conclusion_label(self) -> str:
        return _label(self.conclusion)

    @property
    def rows(self) -> list[tuple[FinancialGoalStatus, str, str]]:
        """The financial goals as ``_financial_goal_status.html`` shows them: (status, reason, forecast reason)."""
        return [(row, reason_text(row.reason), reason_text(row.forecast_reason)) for row in self.financial]


def good_management_assessment(group: MunicipalGroup, year: int) -> GoodManagement:
    """For documents and pages (no permission check: the caller's): the financial goals' status for
    the year, the council's development goals active in the year with their latest assessment of the
    year (not assessed without one), and the council's summary judgement, if entered."""
    from styr.followup.models import Assessment
    from styr.planning.models import DevelopmentGoal

    model = group.governance
    council = council_of(group)
    operational: list[OperationalGoal] = []
    if council is not None:
        goals = list(DevelopmentGoal.objects.filter(org_unit=council, start_year__lte=year, end_year__gte=year).order_by("pk").values_list("pk", "title"))
        latest: dict[int, str] = {}
        for goal_id, status in (
            Assessment.objects.filter(goal__org_unit=council, period__end__year=year).order_by("period__end", "pk").values_list("goal_id", "status")
        ):
            latest[goal_id] = status
        unassessed = step_for(None, model)
        for pk, title in goals:
            code = latest.get(pk)
            step = next((s for s in model.status_scale if s.code == code), unassessed)
            operational.append(OperationalGoal(pk, title, step))
    assessment = FinancialManagementAssessment.objects.filter(group=group, year=year).first()
    conclusion = next((s for s in model.status_scale if assessment is not None and s.code == assessment.conclusion), None)
    return GoodManagement(year, financial_goal_status(group, year, 12), operational, assessment, conclusion)
