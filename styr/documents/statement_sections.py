"""The financial statements in the interim accounts and the annual report (issue 11 §5), as a
report's content (kept in its snapshot: an adopted report reads them as decided).

KS's report carries them, and the council's where it has one: KS prepares the interim accounts
and the annual report for the council (seed §5.D, §6.3), for the municipality as a whole. They are:
the result statement, balance sheet and cash-flow statement with last year beside them (the
interim accounts: the result of the same months last year, the balance sheet at the last
year-end), the operating account per committee (driftredovisning) and the group's statements
(sammanställda räkenskaper). Amounts are shown in thousands of kronor, rounded to whole tkr;
the exact kronor are kept beside them (``*_sek``) for the API and a later check.

The sections other helpers' parts provide join in ``merged_sections``: the investment account
(both reports), the balance-requirement statement and the assessment of good financial management
(the annual report). A part the year lacks is left out, never shown empty.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from styr.domain.cash_flow import CashFlowStatement
from styr.domain.consolidation import Consolidation
from styr.domain.economy import FRAME_RECEIVERS
from styr.domain.numbers import sv_number
from styr.economy.selectors.frames import frame_figures_of_group
from styr.economy.selectors.group_statements import Figures, cash_flow_of, group_statements_build, municipal_figures_build, shown, statement_rows
from styr.economy.selectors.statement import OPENING
from styr.organisation.models import OrgUnit

#: The reports that carry the statements, and the bodies whose report does.
STATEMENT_REPORT_KINDS = frozenset({"interim_accounts", "annual_report"})
STATEMENT_BODY_KINDS = frozenset({"COUNCIL", "EXECUTIVE_BOARD"})
TKR = Decimal(1000)
ZERO = Decimal("0.00")


def tkr(amount_sek: Decimal | None) -> str:
    """Kronor as whole thousands, in Swedish form (1 717 000,83 kr → 1 717)."""
    if amount_sek is None:
        return ""
    return sv_number((amount_sek / TKR).quantize(Decimal(1)))


def _language() -> str:
    return get_language() or "sv"


def _statement(part: str, now: Figures, last: Figures, *, last_part: str | None = None) -> list[dict[str, Any]]:
    rows = statement_rows()
    last_lines = dict((row.key, amount) for row, amount in shown(rows, part, last.result if part == "result" else last.balance))
    return [
        {
            "key": row.key,
            "label": row.label(_language()),
            "sum": row.is_sum,
            "amount": tkr(amount),
            "amount_sek": str(amount),
            "last": tkr(last_lines[row.key]) if last.has_books else "",
            "last_sek": str(last_lines[row.key]) if last.has_books else "",
        }
        for row, amount in shown(rows, part, now.result if part == "result" else now.balance)
    ]


def _cash_flow(now: CashFlowStatement, last: CashFlowStatement | None) -> list[dict[str, Any]]:
    earlier = {line.key: line.amount_sek for line in last.lines} if last is not None else {}
    return [
        {
            "key": line.key,
            "label": line.label(_language()),
            "sum": line.is_sum,
            "amount": tkr(line.amount_sek),
            "amount_sek": str(line.amount_sek),
            "last": tkr(earlier[line.key]) if line.key in earlier else "",
            "last_sek": str(earlier[line.key]) if line.key in earlier else "",
        }
        for line in now.lines
    ]


def operating_account(unit: OrgUnit, year: int, month: int, *, annual: bool) -> dict[str, Any]:
    """Driftredovisning: per committee (and KS) the frame in force, the net cost to the period's end
    and the deviation (budget − outcome; in the interim accounts budget − the full-year forecast)."""
    from styr.economy.selectors.followup import economy_figures_build

    frames = frame_figures_of_group(unit.group, year)
    committees = OrgUnit.objects.filter(group=unit.group, kind__in=[k.value for k in FRAME_RECEIVERS]).order_by("position", "name")
    rows, totals = [], {"budget": ZERO, "outcome": ZERO, "forecast": ZERO, "deviation": ZERO}
    for committee in committees:
        figures = frames.get(committee.pk)
        budget_sek = figures.current_tsek * TKR if figures is not None and figures.current_tsek is not None else None
        found = economy_figures_build(committee, year, month)
        outcome_sek = found.actual_to_date_sek
        forecast_sek = found.forecast_sek if not annual else None
        against = outcome_sek if annual else forecast_sek
        deviation_sek = budget_sek - against if budget_sek is not None and against is not None else None
        if budget_sek is None and not outcome_sek:
            continue
        for key, value in (("budget", budget_sek), ("outcome", outcome_sek), ("forecast", forecast_sek), ("deviation", deviation_sek)):
            totals[key] += value or ZERO
        rows.append(
            {
                "title": committee.name,
                "budget": tkr(budget_sek),
                "outcome": tkr(outcome_sek),
                "forecast": tkr(forecast_sek),
                "deviation": tkr(deviation_sek),
                "budget_sek": str(budget_sek) if budget_sek is not None else "",
                "outcome_sek": str(outcome_sek),
                "forecast_sek": str(forecast_sek) if forecast_sek is not None else "",
                "deviation_sek": str(deviation_sek) if deviation_sek is not None else "",
            }
        )
    return {"rows": rows, "total": {key: tkr(value) for key, value in totals.items()}, "annual": annual}


def group_part(consolidation: Consolidation, left_out: tuple[str, ...]) -> dict[str, Any]:
    """The group's statements as the report keeps them: its columns and its rows."""
    names = {"eliminations": _("Eliminations"), "group": _("The group")}
    columns = [
        {"key": c.key, "name": names.get(c.kind, c.name), "kind": c.kind, "share": sv_number(c.share_percent) if c.share_percent is not None else ""}
        for c in consolidation.columns
    ]
    lines = [
        {
            "key": line.key,
            "part": line.part,
            "label": line.label(_language()),
            "sum": line.is_sum,
            "amounts": [tkr(a) for a in line.amounts],
            "amounts_sek": [str(a) for a in line.amounts],
        }
        for line in consolidation.lines
    ]
    unbalanced = [
        {
            "code": u.code,
            "members": f"{_member_name(consolidation, u.member)} – {_member_name(consolidation, u.counterpart)}",
            "part": u.part,
            "difference": tkr(u.difference_sek),
            "difference_sek": str(u.difference_sek),
        }
        for u in consolidation.unbalanced
    ]
    return {
        "columns": columns,
        "result": [x for x in lines if x["part"] == "result"],
        "balance": [x for x in lines if x["part"] == "balance"],
        "unbalanced": unbalanced,
        "left_out": list(left_out),
    }


def _member_name(consolidation: Consolidation, key: str) -> str:
    return next((c.name for c in consolidation.columns if c.key == key), key)


def statements_section(unit: OrgUnit, period: Any) -> list[dict[str, Any]]:
    """The report's ``statements`` section: one part, or none when the report does not carry the
    statements (another kind, another body) or the municipality has no books for the year."""
    if period.kind not in STATEMENT_REPORT_KINDS or unit.kind not in STATEMENT_BODY_KINDS:
        return []
    group, year, month = unit.group, period.end.year, period.end.month
    annual = period.kind == "annual_report"
    until = None if annual else f"{period.end:%Y%m}"
    until_last = None if annual else f"{year - 1}{month:02d}"
    now = municipal_figures_build(group, year, until)
    if not now.has_books:
        return []
    last = municipal_figures_build(group, year - 1, until_last)
    last_year_end = municipal_figures_build(group, year, OPENING)
    consolidated = group_statements_build(group, year, until)
    part: dict[str, Any] = {
        "title": _("Financial statements"),
        "year": year,
        "last_year": year - 1,
        "annual": annual,
        "period": f"{period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}",
        "result": _statement("result", now, last),
        "balance": _statement("balance", now, last_year_end),
        "cash_flow": _cash_flow(cash_flow_of(group, year, until), cash_flow_of(group, year - 1, until_last) if last.has_books else None),
        "operating": operating_account(unit, year, month, annual=annual),
        "group": group_part(consolidated.consolidation, consolidated.left_out) if len(consolidated.consolidation.columns) > 3 else None,
    }
    part.update(merged_sections(unit, year, annual=annual))
    return [part]


def merged_sections(unit: OrgUnit, year: int, *, annual: bool) -> dict[str, Any]:
    """The parts other helpers' branches provide (issue 11 §5): ``investment_account`` (the
    investeringsredovisning, in the interim accounts and the annual report) from
    ``styr.economy.selectors.investments.investment_account(group, year)``; in the annual report
    also ``balance_statement`` (the balanskravsutredning) from
    ``styr.economy.selectors.balance_requirement.balance_statement(group, year)`` and
    ``good_management`` (the assessment of good financial management) from
    ``styr.economy.selectors.financial_goals.good_management_assessment(group, year)``.
    An absent part is left out of the report, never shown empty."""
    parts: dict[str, Any] = {}
    investments = investment_part(unit, year)
    if investments is not None:
        parts["investment_account"] = investments
    if annual:
        found = balance_part(unit, year)
        if found is not None:
            parts["balance_statement"] = found
        management = good_management_part(unit, year)
        if management is not None:
            parts["good_management"] = management
    return parts


def _whole_tkr(amount_tsek: Decimal) -> str:
    return sv_number(amount_tsek.quantize(Decimal(1)))


def investment_part(unit: OrgUnit, year: int) -> dict[str, Any] | None:
    """The investment account per project (budget, actual, deviation; tkr) with its totals, or None
    when the year has neither a project with a budget nor any investment spend."""
    from styr.economy.selectors.investments import investment_account, investment_account_total

    rows = investment_account(unit.group, year)
    if not rows:
        return None

    def line(row: Any) -> dict[str, Any]:
        return {
            "name": row.name or row.code,
            "committee": row.committee,
            "code": row.code,
            "budget": _whole_tkr(row.budget_tsek),
            "actual": _whole_tkr(row.actual_tsek),
            "deviation": _whole_tkr(row.deviation_tsek),
            "budget_tsek": str(row.budget_tsek.quantize(ZERO)),
            "actual_tsek": str(row.actual_tsek.quantize(ZERO)),
            "deviation_tsek": str(row.deviation_tsek.quantize(ZERO)),
        }

    return {"rows": [line(row) for row in rows], "total": line(investment_account_total(rows))}


def _goal_value(value: Decimal | None, unit_label: str) -> str:
    return f"{sv_number(value, max_decimals=2)} {unit_label}".strip() if value is not None else ""


def good_management_part(unit: OrgUnit, year: int) -> dict[str, Any] | None:
    """The assessment of good financial management: the financial goals and the council's
    development goals side by side with their status, and the council's summary judgement and
    conclusion; None when the year has none of them."""
    from styr.economy.selectors.financial_goals import good_management_assessment

    view = good_management_assessment(unit.group, year)
    if not view.financial and not view.operational and view.assessment is None:
        return None
    return {
        "financial": [
            {
                "title": row.goal.title,
                "measure": row.measure_label,
                "value": _goal_value(row.value, row.goal.unit_label),
                "target": _goal_value(row.target, row.goal.unit_label),
                "status": row.status_label,
                "status_code": row.status,
            }
            for row in view.financial
        ],
        "operational": [{"title": goal.title, "status": goal.label, "status_code": goal.step.code} for goal in view.operational],
        "conclusion": view.conclusion_label if view.assessment is not None else "",
        "judgement": view.assessment.judgement if view.assessment is not None else "",
    }


def balance_part(unit: OrgUnit, year: int) -> dict[str, Any] | None:
    """The year's balance-requirement statement with the deficits left to restore, or None when the
    year has no statement yet."""
    from styr.economy.selectors.balance_requirement import balance_statement

    view = balance_statement(unit.group, year)
    if view is None:
        return None
    return {
        "state": view.state,
        "lines": [
            {"key": x.key, "label": x.label(_language()), "sum": x.is_sum, "amount": tkr(x.amount_sek), "amount_sek": str(x.amount_sek)} for x in view.lines
        ],
        "balance_result": tkr(view.balance_result_sek),
        "balance_result_sek": str(view.balance_result_sek),
        "deficits_closing": tkr(view.deficits_closing_sek),
        "deficits_closing_sek": str(view.deficits_closing_sek),
        "restored": tkr(view.restored_sek),
        "deficits": [
            {"origin_year": d.origin_year, "open": tkr(d.open_sek), "open_sek": str(d.open_sek), "deadline_year": d.deadline_year, "overdue": d.overdue}
            for d in view.deficits
            if d.open_sek
        ],
    }


def report_statements(unit: OrgUnit, period: Any, report: Any) -> list[dict[str, Any]]:
    """The statements the reporting page shows: as adopted (the report's snapshot) once it is,
    else as the books stand now."""
    if period.kind not in STATEMENT_REPORT_KINDS or unit.kind not in STATEMENT_BODY_KINDS:
        return []
    if report is not None and report.snapshot is not None:
        found: list[dict[str, Any]] = report.snapshot.get("sections", {}).get("statements", [])
        return found
    return statements_section(unit, period)
