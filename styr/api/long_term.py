"""The long-term budget of Mål och budget (issue 11 §6, §3): the budget assumptions KS's controllers
enter per year with their sources (``budget_assumption.write`` on KS; MOB-001…MOB-005), the result,
balance and cash-flow budgets for N−1 (outcome) and N..N+2, every line, and the investment room.
Everyone who sees the group reads (auditors too); someone outside it gets 404."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from pydantic import Field

from styr.api.schemas import ERRORS, SOMETHING, Day, Input, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.economy.models import BudgetAssumption
from styr.economy.selectors.investment_room import investment_room_of
from styr.economy.selectors.long_term import ResultBudget, balance_years, budget_assumption_list, cash_flow_years, result_budget, sees_group
from styr.economy.services import budget_assumption_set
from styr.organisation.models import MunicipalGroup
from styr.organisation.selectors import group_of_user

router = Router(tags=["Long-term budget"])

AssumptionKey = Literal[
    "tax_revenue",
    "general_grants",
    "financial_income",
    "financial_costs",
    "pensions_outside_committees",
    "depreciation",
    "reserves",
    "other_outside_committees",
]
Tsek = Annotated[Decimal, Field(allow_inf_nan=False, strict=False, description="tkr, at most one decimal (MOB-003)")]


class AssumptionOut(Schema):
    year: int
    version: Version
    key: str
    amount_tsek: Decimal
    source: str
    source_date: date | None


class AssumptionIn(Input):
    year: Year
    key: AssumptionKey
    amount_tsek: Tsek = Field(description="A positive amount (a cost as what it costs); general grants and other items may be negative")
    source: Annotated[str, Field(max_length=300, pattern=SOMETHING, examples=["SKR cirkulär 25:31, skatteunderlagsprognos"])]
    source_date: Day | None = None


class BudgetLineOut(Schema):
    key: str
    label: str
    is_sum: bool
    #: year → amount in tkr (null: not known), signed as in the statements (costs negative)
    amounts: dict[int, Decimal | None]
    #: year → the entered line's source
    sources: dict[int, str]


class BudgetOut(Schema):
    year: int
    years: list[int]
    lines: list[BudgetLineOut]
    #: year → the required assumptions missing (MOB-001); that year's figures are null
    missing: dict[int, list[str]]
    #: year → what the committees' frames rest on: frames, allocation, frames_carried
    frames_basis: dict[int, str]


class RoomYearOut(Schema):
    year: int
    result_tsek: Decimal
    depreciation_tsek: Decimal
    cash_flow_tsek: Decimal
    cash_flow_room_tsek: Decimal
    new_residents: int | None
    growth_room_tsek: Decimal
    room_tsek: Decimal
    investments_tsek: Decimal
    within_room: bool
    self_financing_percent: Decimal | None
    borrowing_need_tsek: Decimal


class RoomOut(Schema):
    year: int
    per_new_resident_tsek: Decimal
    population_series: str
    missing_years: list[int]
    years: list[RoomYearOut]


def _group(request: HttpRequest) -> MunicipalGroup:
    group = group_of_user(request.user)
    if not sees_group(request.user, group):
        raise Http404
    return group


def _assumption(a: BudgetAssumption) -> dict[str, Any]:
    return {"year": a.year, "version": a.version, "key": a.key, "amount_tsek": a.amount_tsek, "source": a.source, "source_date": a.source_date}


def _budget(budget: ResultBudget, lines: list[dict[str, Any]]) -> dict[str, Any]:
    return {"year": budget.year, "years": budget.years, "lines": lines, "missing": budget.missing, "frames_basis": budget.frames_basis}


def _line(key: str, label: str, amounts: dict[int, Decimal | None], is_sum: bool = False, sources: dict[int, str] | None = None) -> dict[str, Any]:
    return {"key": key, "label": label, "is_sum": is_sum, "amounts": amounts, "sources": sources or {}}


@router.get("/budget-assumptions", response={200: list[AssumptionOut], **ERRORS}, summary="The budget assumptions (of a year, when given)")
def list_assumptions(request: HttpRequest, year: Year | None = None) -> list[dict[str, Any]]:
    group = group_of_user(request.user)
    return [_assumption(a) for a in budget_assumption_list(request.user, group=group, year=year)]


@router.put(
    "/budget-assumptions",
    response={200: AssumptionOut, **ERRORS},
    summary="Enter a line of a year's result budget with its source (KS's controllers; MOB-002…MOB-005)",
    description="Changes the line in place. 409 MOB-002 once the council has adopted Mål och budget for the year.",
)
def put_assumption(request: HttpRequest, payload: AssumptionIn, if_match: IfMatch = None) -> dict[str, Any]:
    group = group_of_user(request.user)
    existing = BudgetAssumption.objects.filter(group=group, year=payload.year, key=payload.key).first()  # None: a new line
    with expected_version(existing, if_match):
        found = budget_assumption_set(
            actor=request.user,
            group=group,
            year=payload.year,
            key=payload.key,
            amount_tsek=payload.amount_tsek,
            source=payload.source,
            source_date=payload.source_date,
        )
    return _assumption(found)


@router.get("/long-term-budget/{year}/result-budget", response={200: BudgetOut, **ERRORS}, summary="The result budget of Mål och budget for the year, N−1..N+2")
def get_result_budget(request: HttpRequest, year: Year) -> dict[str, Any]:
    budget = result_budget(_group(request), year)
    return _budget(budget, [_line(line.key, line.label, line.amounts, line.is_sum, line.sources) for line in budget.lines])


@router.get("/long-term-budget/{year}/balance-budget", response={200: BudgetOut, **ERRORS}, summary="The balance budget, N−1 (as booked)..N+2")
def get_balance_budget(request: HttpRequest, year: Year) -> dict[str, Any]:
    budget = result_budget(_group(request), year)
    sheets = balance_years(budget, cash_flow_years(budget, budget.investments_tsek))
    fields = ("fixed_assets", "current_assets", "total_assets", "equity", "provisions", "liabilities", "total_claims")
    lines = [
        _line(name, name, {y: getattr(sheets[y], f"{name}_tsek") if y in sheets else None for y in budget.years}, name.startswith("total")) for name in fields
    ]
    return _budget(budget, lines)


@router.get("/long-term-budget/{year}/cash-flow-budget", response={200: BudgetOut, **ERRORS}, summary="The cash-flow budget, N..N+2")
def get_cash_flow_budget(request: HttpRequest, year: Year) -> dict[str, Any]:
    budget = result_budget(_group(request), year)
    flows = cash_flow_years(budget, budget.investments_tsek)
    fields = ("result", "depreciation", "operating_cash_flow", "investments", "borrowing", "change_in_liquid_assets")
    lines = [_line(name, name, {y: getattr(flows[y], f"{name}_tsek") if y in flows else None for y in budget.years}) for name in fields]
    return _budget(budget, lines)


@router.get("/investment-room/{year}", response={200: RoomOut, **ERRORS}, summary="The investment room of N..N+2 against the planned investments")
def get_investment_room(request: HttpRequest, year: Year) -> dict[str, Any]:
    room = investment_room_of(_group(request), year)
    keys = RoomYearOut.model_fields
    return {
        "year": year,
        "per_new_resident_tsek": room.per_new_resident_tsek,
        "population_series": room.series_name,
        "missing_years": room.missing_years,
        "years": [{key: getattr(r, key) for key in keys} for r in room.years],
    }
