"""The economy in a document's content (split out of ``builders``): a report's budget, actual and
forecast (issue 9 §3), and the frames in the plans (issue 10 §4): the council's operating and
investment frames per committee in Mål och budget; a committee's frame, KS's adjustments and its
internal budget in its operational plan."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from styr.domain.economy import FRAME_RECEIVERS
from styr.domain.frames import ZERO
from styr.domain.numbers import sv_number
from styr.economy.models import FrameAdjustment
from styr.economy.selectors.budget import internal_budget_build
from styr.economy.selectors.frames import FrameFigures, frame_figures, frame_figures_of_group
from styr.organisation.models import OrgUnit


def num(value: Decimal | None) -> str:
    return sv_number(value)


def _signed(value: Decimal) -> str:
    return f"+{num(value)}" if value > 0 else num(value)


def frames_part(*, unit: OrgUnit, year: int, goals_and_budget: bool, sections: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Fill the plan's ``frames``, ``frame_adjustments`` and ``internal_budget`` sections and
    return what the plan's meta says of them (the totals). Mål och budget holds every committee's
    frames as the council decides them (the proposal until adopted); an operational plan holds
    the body's own frame as adopted, KS's adjustments since and as it stands now, and its split
    over the units (the internal budget)."""
    if goals_and_budget:
        return _council_frames(unit, year, sections)
    if unit.level_kind not in FRAME_RECEIVERS:
        return {"frames_total": "", "investment_total": ""}
    return _committee_frame(unit, year, sections)


def _council_frames(unit: OrgUnit, year: int, sections: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    figures = frame_figures_of_group(unit.group, year)
    units = dict(OrgUnit.objects.filter(pk__in=list(figures)).order_by("position", "name").values_list("pk", "name"))
    operating_total, investment_total = ZERO, ZERO
    for unit_id, name in units.items():
        found = figures[unit_id]
        operating = found.proposal_tsek or ZERO
        # an investment frame never proposed is adopted as 0 (frames_adopt): so it reads here
        investment = found.proposal_investment_tsek if found.proposal_investment_tsek is not None else ZERO
        operating_total += operating
        investment_total += investment
        carried = found.carry_over_tsek
        sections["frames"].append(
            {
                "title": name,
                "amount_tsek": str(operating),
                "amount": num(operating),
                "investment_tsek": str(investment),
                "investment": num(investment),
                # the surplus or deficit the council decided to carry into the year (issue 11 §2)
                "carry_over_tsek": str(carried) if carried is not None else "",
                "carry_over": _signed(carried) if carried is not None else "",
            }
        )
    several = len(sections["frames"]) > 1
    carried_in = [found.carry_over_tsek for found in figures.values() if found.carry_over_tsek is not None]
    return {
        "frames_total": num(operating_total) if several else "",
        "investment_total": num(investment_total) if several else "",
        "carry_over_total": _signed(sum(carried_in, ZERO)) if carried_in else "",
    }


def _committee_frame(unit: OrgUnit, year: int, sections: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    found: FrameFigures = frame_figures(unit, year)
    if found.current_tsek is not None:
        sections["frames"].append(
            {
                "title": unit.name,
                "amount_tsek": str(found.current_tsek),
                "amount": num(found.current_tsek),
                "investment_tsek": str(found.investment_tsek) if found.investment_tsek is not None else "",
                "investment": num(found.investment_tsek) if found.investment_tsek is not None else "–",
                "adopted_tsek": str(found.adopted_tsek) if found.adopted_tsek is not None else "",
                "adopted": num(found.adopted_tsek) if found.adopted_tsek is not None else "",
                "adopted_investment": num(found.adopted_investment_tsek) if found.adopted_investment_tsek is not None else "",
                "adjustments_tsek": str(found.adjustments_tsek),
                "adjustments": _signed(found.adjustments_tsek) if found.adjustment_count else "",
                "investment_adjustments": _signed(found.investment_adjustments_tsek) if found.investment_adjustments_tsek else "",
                "decision": f"{found.decision.decided_on:%Y-%m-%d} {found.decision.paragraph}" if found.decision is not None else "",
                # the carry-over decided into the year, and the frame in force with it (issue 11 §2)
                "carry_over_tsek": str(found.carry_over_tsek) if found.carry_over_tsek is not None else "",
                "carry_over": _signed(found.carry_over_tsek) if found.carry_over_tsek is not None else "",
                "in_force": num(found.in_force_tsek) if found.carry_over_tsek is not None else "",
            }
        )
    if found.decision is not None:
        sections["frame_adjustments"].extend(_adjustments_of(unit, year, found))
    budget = internal_budget_build(unit, year)
    for row in budget.rows:
        if row.total is not None:
            sections["internal_budget"].append({"title": row.unit.name, "depth": row.depth, "amount_sek": str(row.total), "amount": num(row.total)})
    left = budget.undistributed
    return {
        "frames_total": "",
        "investment_total": "",
        "internal_budget_total": num(budget.total) if sections["internal_budget"] else "",
        "internal_budget_undistributed": num(left) if left is not None and sections["internal_budget"] else "",
    }


def _adjustments_of(unit: OrgUnit, year: int, found: FrameFigures) -> list[dict[str, Any]]:
    rows = FrameAdjustment.objects.filter(frame__org_unit=unit, frame__year=year, adjusts=found.decision).select_related("decision")
    return [
        {
            "title": f"{a.decision.paragraph} ({a.decision.decided_on:%Y-%m-%d})",
            "decided_on": a.decision.decided_on.isoformat(),
            "paragraph": a.decision.paragraph,
            "registration_number": a.decision.registration_number,
            "reason": a.reason,
            "operating_tsek": str(a.operating_tsek),
            "operating": _signed(a.operating_tsek) if a.operating_tsek else "",
            "investment_tsek": str(a.investment_tsek),
            "investment": _signed(a.investment_tsek) if a.investment_tsek else "",
        }
        for a in rows.order_by("decision__decided_on", "pk")
    ]


#: The reports that carry the economy (issue 9 §3): every one but the quality report.
ECONOMY_REPORT_KINDS = frozenset({"monthly_report", "interim_accounts", "interim_report", "annual_report"})


def economy_section(unit: OrgUnit, year: int, month: int) -> dict[str, Any]:
    """The unit's budget, actual and forecast up to the month, as text for the document and as
    figures for its chart (kept in the snapshot: an adopted report shows them as decided)."""
    from styr.economy.selectors.followup import economy_figures_build

    figures = economy_figures_build(unit, year, month)
    found = figures.variance
    return {
        "title": _("Economy"),
        "year": year,
        "month": month,
        "months": [
            {
                "month": f"{year}-{row.month:02d}",
                "budget": num(row.budget_sek),
                "actual": num(row.actual_sek) if row.month <= month else "",
                "budget_to_date": num(row.budget_to_date_sek),
                "actual_to_date": num(row.actual_to_date_sek) if row.month <= month else "",
                "budget_sek": str(row.budget_sek),
                "actual_sek": str(row.actual_sek) if row.month <= month else "",
            }
            for row in figures.months
        ],
        "frame": num(figures.frame_sek) if figures.frame_sek is not None else "",
        "budget_year": num(figures.budget_year_sek),
        "budget_to_date": num(figures.budget_to_date_sek),
        "actual_to_date": num(figures.actual_to_date_sek),
        "reference": num(figures.reference_sek),
        "forecast": num(figures.forecast_sek) if figures.forecast_sek is not None else "",
        "forecast_sek": str(figures.forecast_sek) if figures.forecast_sek is not None else "",
        "forecast_comment": figures.forecast_comment,
        "variance": num(found.amount_sek) if found is not None else "",
        "variance_percent": num(found.percent) if found is not None and found.percent is not None else "",
        "status": figures.step_label,
        "status_code": figures.step.code if figures.step is not None else "",
        "colour": figures.step.colour if figures.step is not None else "",
        "has_figures": figures.has_figures,
    }


def economy_section_chart(part: dict[str, Any]) -> Any:
    """The economy section's chart: cumulative actual against the periodised budget, and the forecast."""
    from styr.documents.charts import economy_chart

    return economy_chart(
        title=_("Economy %(year)s: actual against budget") % {"year": part["year"]},
        budget=[(m["month"], Decimal(m["budget_sek"])) for m in part["months"]],
        actual=[(m["month"], Decimal(m["actual_sek"])) for m in part["months"] if m["actual_sek"] != ""],
        forecast=Decimal(part["forecast_sek"]) if part.get("forecast_sek") else None,
    )
