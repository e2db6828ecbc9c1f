"""Mål och budget's long-term budget in the document's content (issue 11 §6, §3): the result budget
row by row with each entered line's source, the balance budget and the cash-flow budget for N−1
(outcome) and N..N+2, the investment room against the plan, and the allocation model's summary.
Plain text and figures (kept in the snapshot, so an adopted Mål och budget reads as decided); the
PDF and Word renderers lay out each part as one table (``headers``, ``rows``, ``notes``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from styr.domain.allocation import to_tsek
from styr.domain.errors import RuleViolation
from styr.domain.numbers import sv_number
from styr.economy.models import InvestmentAmount, InvestmentProject
from styr.economy.selectors.allocation import allocation_committees, allocation_result
from styr.economy.selectors.investment_room import InvestmentRoom, investment_room_of
from styr.economy.selectors.investments import investment_totals
from styr.economy.selectors.long_term import (
    ALLOCATION,
    CARRIED,
    ResultBudget,
    allocation_model_of,
    balance_years,
    cash_flow_years,
)
from styr.organisation.models import MunicipalGroup

#: The parts, in the order a council's document has them around the frames.
BEFORE_FRAMES = ("result_budget", "balance_budget", "cash_flow_budget")
AFTER_FRAMES = ("investment_plan", "investment_projects", "investment_room", "allocation")


def num(value: Decimal | None) -> str:
    return sv_number(value) if value is not None else "–"


def _row(key: str, label: str, amounts: list[Decimal | None], *, is_sum: bool = False, source: str = "") -> dict[str, Any]:
    return {
        "key": key,
        "label": label,
        "cells": [num(a) for a in amounts],
        "amounts_tsek": [str(a) if a is not None else "" for a in amounts],
        "is_sum": is_sum,
        "source": source,
    }


def _headers(budget: ResultBudget) -> list[str]:
    first = budget.year - 1
    return [_("tkr"), _("Outcome %(year)s") % {"year": first}, _("Budget %(year)s") % {"year": budget.year}] + [
        _("Plan %(year)s") % {"year": y} for y in (budget.year + 1, budget.year + 2)
    ]


def result_part(budget: ResultBudget) -> dict[str, Any]:
    rows = []
    for line in budget.lines:
        sources = "; ".join(f"{y}: {text}" for y, text in sorted(line.sources.items()))
        rows.append(_row(line.key, _(line.label), [line.amounts[y] for y in budget.years], is_sum=line.is_sum, source=sources))
    notes = []
    basis = {ALLOCATION: _("the allocation model's year total"), CARRIED: _("the budget year's frames carried forward")}
    for y in budget.budget_years[1:]:
        if budget.frames_basis.get(y) in basis:
            notes.append(_("Frames %(year)s: %(basis)s.") % {"year": y, "basis": basis[budget.frames_basis[y]]})
    if budget.outcome.statement is None:
        notes.append(_("No ledger for %(year)s: the outcome is not shown.") % {"year": budget.year - 1})
    else:
        notes.append(_("Outcome: the committees' row holds the net cost before depreciation as booked."))
    for y, keys in sorted(budget.missing.items()):
        if keys:
            notes.append(_("%(year)s lacks assumptions (MOB-001): %(keys)s.") % {"year": y, "keys": ", ".join(keys)})
    return {"key": "result_budget", "title": _("Result budget"), "headers": _headers(budget), "rows": rows, "notes": notes, "with_sources": True}


def balance_and_cash_flow(budget: ResultBudget) -> tuple[dict[str, Any], dict[str, Any]]:
    flows = cash_flow_years(budget, budget.investments_tsek)
    balances = balance_years(budget, flows)
    years = budget.years

    def cells(get: Any, source: dict[int, Any]) -> list[Decimal | None]:
        return [get(source[y]) if y in source else None for y in years]

    balance_rows = [
        _row("fixed_assets", _("Fixed assets"), cells(lambda b: b.fixed_assets_tsek, balances)),
        _row("current_assets", _("Current assets"), cells(lambda b: b.current_assets_tsek, balances)),
        _row("total_assets", _("Total assets"), cells(lambda b: b.total_assets_tsek, balances), is_sum=True),
        _row("equity", _("Equity"), cells(lambda b: b.equity_tsek, balances)),
        _row("provisions", _("Provisions"), cells(lambda b: b.provisions_tsek, balances)),
        _row("liabilities", _("Liabilities"), cells(lambda b: b.liabilities_tsek, balances)),
        _row("total_claims", _("Total equity, provisions and liabilities"), cells(lambda b: b.total_claims_tsek, balances), is_sum=True),
        _row("equity_ratio", _("Equity ratio (%)"), cells(lambda b: b.equity_ratio_percent, balances)),
    ]
    balance_notes = [
        _(
            "Rolled forward from the balance sheet of %(year)s: fixed assets + investments − depreciation, current assets + the change "
            "in liquid assets, equity + the result, provisions unchanged, liabilities + new borrowing."
        )
        % {"year": budget.year - 1}
    ]
    if not balances:
        balance_notes.append(_("No balance sheet for %(year)s to start from.") % {"year": budget.year - 1})
    flow_rows = [
        _row("year_result", _("Result for the year"), cells(lambda f: f.result_tsek, flows)),
        _row("depreciation", _("Depreciation (not a payment)"), cells(lambda f: f.depreciation_tsek, flows)),
        _row("operating_cash_flow", _("Cash flow from operations"), cells(lambda f: f.operating_cash_flow_tsek, flows), is_sum=True),
        _row("investments", _("Investments"), cells(lambda f: f.investments_tsek, flows)),
        _row("borrowing", _("New borrowing"), cells(lambda f: f.borrowing_tsek, flows)),
        _row("change_in_liquid_assets", _("Change in liquid assets"), cells(lambda f: f.change_in_liquid_assets_tsek, flows), is_sum=True),
    ]
    flow_notes = [_("Investments are those of the investment plan; what the cash flow does not cover is borrowed.")]
    balance = {"key": "balance_budget", "title": _("Balance budget"), "headers": _headers(budget), "rows": balance_rows, "notes": balance_notes}
    flow = {"key": "cash_flow_budget", "title": _("Cash-flow budget"), "headers": _headers(budget), "rows": flow_rows, "notes": flow_notes}
    return balance, flow


def room_part(room: InvestmentRoom) -> dict[str, Any]:
    years = [r.year for r in room.years]
    rows = [
        _row("cash_flow", _("Expected cash flow (result + depreciation)"), [r.cash_flow_tsek for r in room.years]),
        _row("cash_flow_room", _("Room from the cash flow (when positive)"), [r.cash_flow_room_tsek for r in room.years]),
        _row("new_residents", _("New residents"), [Decimal(r.new_residents) if r.new_residents is not None else None for r in room.years]),
        _row("growth_room", _("Room from population growth"), [r.growth_room_tsek for r in room.years]),
        _row("room", _("Investment room"), [r.room_tsek for r in room.years], is_sum=True),
        _row("investments", _("Planned investments"), [r.investments_tsek for r in room.years]),
        _row("self_financing", _("Self-financing ratio (%)"), [r.self_financing_percent for r in room.years]),
        _row("borrowing_need", _("Borrowing need"), [r.borrowing_need_tsek for r in room.years]),
    ]
    notes = [
        _("Room per new resident: %(amount)s tkr (the governance model); population: %(series)s.")
        % {"amount": num(room.per_new_resident_tsek), "series": room.series_name or _("no population series")}
    ]
    notes += [_("%(year)s lacks assumptions (MOB-001): no room is computed.") % {"year": y} for y in room.missing_years]
    return {"key": "investment_room", "title": _("Investment room"), "headers": [_("tkr"), *map(str, years)], "rows": rows, "notes": notes}


def investment_plan_part(group: MunicipalGroup, year: int) -> dict[str, Any]:
    """The investment plan of Mål och budget ``year`` per committee and per category (tkr, N..N+2):
    every project not cancelled with an amount in the plan; its total is ``investment_totals``."""
    years = [year, year + 1, year + 2]
    amounts = (
        InvestmentAmount.objects.filter(group=group, plan_year=year, year__in=years)
        .exclude(project__status=InvestmentProject.Status.CANCELLED)
        .values_list("project__committee__name", "project__committee__position", "project__category", "year", "amount_tsek")
        .order_by()
    )
    committees: dict[tuple[int, str], dict[int, Decimal]] = {}
    categories: dict[str, dict[int, Decimal]] = {}
    for name, position, category, y, amount in amounts:
        committees.setdefault((position, name), dict.fromkeys(years, Decimal(0)))[y] += amount
        categories.setdefault(category, dict.fromkeys(years, Decimal(0)))[y] += amount
    labels = dict(InvestmentProject.Category.choices)
    rows = [_row(f"committee-{i}", name, [found[y] for y in years]) for i, ((_p, name), found) in enumerate(sorted(committees.items()))]
    rows += [
        _row(f"category-{c}", str(labels[c]).capitalize(), [categories[c][y] for y in years]) for c in InvestmentProject.Category.values if c in categories
    ]
    totals = investment_totals(group, year)
    rows.append(_row("total", _("Total"), [totals[y] for y in years], is_sum=True))
    notes = [_("Per committee, then the same investments per category.")] if rows[:-1] else [_("No investments are planned.")]
    return {"key": "investment_plan", "title": _("Investment plan"), "headers": [_("tkr"), *map(str, years)], "rows": rows, "notes": notes}


def investment_projects_part(group: MunicipalGroup, year: int) -> dict[str, Any]:
    """The projects of the investment plan of Mål och budget ``year`` per committee, so the council
    reads what is being built: name, category, N..N+2 and their total (tkr), each committee's
    projects followed by its sum (the committee's row of the plan). Cancelled projects are left out,
    as in the plan's totals. The category is a text column (``text_columns``)."""
    years = [year, year + 1, year + 2]
    amounts = (
        InvestmentAmount.objects.filter(group=group, plan_year=year, year__in=years)
        .exclude(project__status=InvestmentProject.Status.CANCELLED)
        .values_list("project__committee__position", "project__committee__name", "project__name", "project_id", "project__category", "year", "amount_tsek")
        .order_by()
    )
    projects: dict[tuple[int, str], dict[tuple[str, int, str], dict[int, Decimal]]] = {}
    for position, committee, name, pk, category, y, amount in amounts:
        projects.setdefault((position, committee), {}).setdefault((name, pk, category), dict.fromkeys(years, Decimal(0)))[y] += amount
    labels = dict(InvestmentProject.Category.choices)
    rows = []
    for (_p, committee), found in sorted(projects.items()):
        sums = dict.fromkeys(years, Decimal(0))
        for (name, pk, category), planned in sorted(found.items()):
            cells: list[Decimal | None] = [planned[y] for y in years]
            row = _row(f"project-{pk}", name, [*cells, sum(planned.values(), Decimal(0))])
            row["cells"].insert(0, str(labels[category]).capitalize())
            row["committee"] = committee
            rows.append(row)
            for y in years:
                sums[y] += planned[y]
        totals: list[Decimal | None] = [sums[y] for y in years]
        rows.append(_row(f"committee-{committee}", committee, [*totals, sum(sums.values(), Decimal(0))], is_sum=True))
        rows[-1]["cells"].insert(0, "")
        rows[-1]["committee"] = committee
    notes = [] if rows else [_("No investments are planned.")]
    headers = [_("Project (tkr)"), _("Category"), *map(str, years), _("Total")]
    return {"key": "investment_projects", "title": _("Investment projects"), "headers": headers, "text_columns": 1, "rows": rows, "notes": notes}


def allocation_part(group: MunicipalGroup, year: int) -> dict[str, Any] | None:
    model = allocation_model_of(group, year)
    if model is None:
        return None
    committees = allocation_committees(model)
    title = _("Resource allocation model")
    headers = [_("Committee (tkr)"), *map(str, model.years)]
    try:
        result = allocation_result(model, committees=committees)
    except RuleViolation:
        return {"key": "allocation", "title": title, "headers": headers, "rows": [], "notes": [_("The model lacks counts (ALLOC-004): no result.")]}
    rows = [_row(str(c.pk), c.name, [to_tsek(result.row(c.pk, y).total_sek) for y in model.years]) for c in committees if c.pk in result.committees]
    rows.append(_row("total", _("Total"), [to_tsek(result.year_total_sek(y)) for y in model.years], is_sum=True))
    notes = [_("%(name)s: base allocation from drivers and fixed amounts, indexed, with the political adjustments.") % {"name": model.name}]
    return {"key": "allocation", "title": title, "headers": headers, "rows": rows, "notes": notes}


def long_term_part(group: MunicipalGroup, year: int, sections: dict[str, list[dict[str, Any]]]) -> None:
    """Fill Mål och budget's ``long_term_budget`` (before the frames) and ``investments_and_allocation``
    (after them) sections."""
    room = investment_room_of(group, year)
    budget = room.budget
    balance, flow = balance_and_cash_flow(budget)
    sections["long_term_budget"] = [result_part(budget), balance, flow]
    after = [investment_plan_part(group, year), investment_projects_part(group, year), room_part(room)]
    allocation = allocation_part(group, year)
    if allocation is not None:
        after.append(allocation)
    sections["investments_and_allocation"] = after
