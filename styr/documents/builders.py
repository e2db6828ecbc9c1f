"""Builders turn data into a document's content; renderers lay it out.

``plan_content_build`` gathers everything a unit's plan holds for a year (seed §6.3) as
plain JSON-ready data. The same content is frozen as the snapshot when the plan is
adopted, and the PDF and Word renderers lay out either the live content (a draft) or the
snapshot (an adopted plan), so an adopted plan always reads exactly as it was decided.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.db.models import Q as models_q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from styr.core.permissions import scope
from styr.documents.economy_sections import ECONOMY_REPORT_KINDS, economy_section, economy_section_chart, frames_part
from styr.documents.long_term_sections import long_term_part
from styr.documents.quality_sections import milestones_at, national_quality_section
from styr.documents.statement_sections import statements_section
from styr.domain.financial_ratios import MEASURES
from styr.domain.levels import LevelKind
from styr.domain.numbers import sv_number
from styr.domain.plans import GOALS_AND_BUDGET, PLAN_KIND_OF_LEVEL
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import core_values_current, vision_current
from styr.planning.models import (
    Activity,
    Assignment,
    CoreMission,
    CurrentStateAnalysis,
    DevelopmentArea,
    DevelopmentGoal,
    Direction,
    FinancialGoal,
    GoalIndicator,
    LifecycleState,
    Plan,
    QualityFactor,
    QualityIndicator,
    Trend,
)

#: The order of a plan's parts, as the seed's model has them (A–D).
SECTIONS = (
    "core_mission",
    "quality",
    "analysis",
    "direction",
    "development_areas",
    "goals",
    "assignments",
    "financial_goals",
    "long_term_budget",
    "frames",
    "frame_adjustments",
    "internal_budget",
    "investments_and_allocation",
)


def num(value: Decimal | None) -> str:
    """A figure in Swedish form without trailing zeros (20 134; 78,5 rather than 78,50)."""
    return sv_number(value)


def _user(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def adopted_direction(unit: OrgUnit, year: int) -> str:
    """The political direction in the council's adopted Mål och budget for the year (what governs
    every level, seed §6.1: "tex politisk inriktning i Mål och budget"), read from its snapshot."""
    from styr.planning.models import LifecycleState, Plan

    plan = Plan.objects.filter(group=unit.group, kind=GOALS_AND_BUDGET, year=year, state=LifecycleState.ADOPTED).order_by("-revision").only("snapshot").first()
    if plan is None or not plan.snapshot:
        return ""
    directions = plan.snapshot.get("sections", {}).get("direction", [])
    return str(directions[0]["text"]) if directions else ""


def _linked(goal: DevelopmentGoal, seen: AbstractSet[int]) -> list[str]:
    """The titles of the goals this one contributes to that the document may name: adopted ones
    (public) and those of units in ``seen``, the reader's scope; a draft of a body above the
    reader stays out, as on the plan page."""
    return [g.title for g in goal.contributes_to.all() if g.state == LifecycleState.ADOPTED or g.org_unit_id in seen]


def plan_content(plan: Plan, *, reader: Any) -> dict[str, Any]:
    """A plan's content: as adopted (its snapshot) when it is, else as its data stands now, as
    ``reader`` may see it. The one place the pages, the documents and the API take it from."""
    if plan.snapshot is not None:
        snapshot: dict[str, Any] = plan.snapshot
        return snapshot
    return plan_content_build(unit=plan.org_unit, year=plan.year, reader=reader)


def plan_content_build(*, unit: OrgUnit, year: int, reader: Any = None) -> dict[str, Any]:
    """Everything the unit's plan holds for the year. Links to goals above name those adopted,
    and those ``reader`` may see; without a reader (the snapshot an adoption freezes, which
    becomes public) the adopted ones only."""
    seen = scope(reader) if reader is not None else set()
    group = unit.group
    kind = PLAN_KIND_OF_LEVEL.get(LevelKind(unit.kind), "operational_plan")
    vision = vision_current(group)
    values = core_values_current(group)
    sections: dict[str, list[dict[str, Any]]] = {name: [] for name in SECTIONS}

    mission = CoreMission.objects.filter(org_unit=unit).prefetch_related("risks", "governing_documents").first()
    if mission is not None:
        sections["core_mission"].append(
            {
                "title": _("Core mission"),
                "serves": mission.serves,
                "purpose": mission.purpose,
                "governed_by": mission.governed_by,
                "political_direction": adopted_direction(unit, year),
                "governing_documents": [f"{d.title} ({d.registration_number})" for d in mission.governing_documents.all()],
                "risks": [
                    {"title": r.description, "likelihood": r.likelihood, "consequence": r.consequence, "risk_value": r.risk_value} for r in mission.risks.all()
                ],
            }
        )
    factors = QualityFactor.objects.filter(org_unit=unit).prefetch_related(
        Prefetch("indicators", queryset=QualityIndicator.objects.select_related("owner", "deputy"))
    )
    for factor in factors:
        sections["quality"].append(
            {
                "title": factor.title,
                "description": factor.description,
                "indicators": [
                    {
                        "name": i.name,
                        "unit_label": i.unit_label,
                        "direction": str(i.get_direction_display()),
                        "source": str(i.get_source_display()) + (f" {i.kolada_kpi}" if i.kolada_kpi else ""),
                        "frequency": str(i.get_frequency_display()),
                        "owner": _user(i.owner),
                        "deputy": _user(i.deputy),
                    }
                    for i in factor.indicators.all()
                ],
            }
        )
    for trend in Trend.objects.filter(org_unit=unit, year=year):
        sections["analysis"].append(
            {
                "title": trend.title,
                "category": str(trend.get_category_display()),
                "description": trend.description,
                "expected_impact": trend.expected_impact,
                "horizon_years": trend.horizon_years,
            }
        )
    state = CurrentStateAnalysis.objects.filter(org_unit=unit, year=year).first()
    if state is not None:
        sections["analysis"].append(
            {
                "title": _("Current-state analysis"),
                "core_mission_quality": state.core_mission_quality,
                "goal_attainment": state.goal_attainment,
                "economy": state.economy,
            }
        )
    direction = Direction.objects.filter(org_unit=unit, year=year).first()
    if direction is not None:
        sections["direction"].append({"title": _("Political direction"), "text": direction.text})
    for area in DevelopmentArea.objects.filter(org_unit=unit, year=year):
        sections["development_areas"].append({"title": area.title, "description": area.description})
    goals = (
        DevelopmentGoal.objects.filter(org_unit=unit, start_year__lte=year, end_year__gte=year)
        .select_related("development_area")
        .prefetch_related(
            Prefetch("indicators", queryset=GoalIndicator.objects.prefetch_related("targets")),
            Prefetch("activities", queryset=Activity.objects.select_related("owner")),
            "contributes_to",
            "sustainability_goals",
        )
    )
    for goal in goals:
        sections["goals"].append(
            {
                "id": goal.pk,
                "title": goal.title,
                "citizen_change": goal.citizen_change,
                "start_year": goal.start_year,
                "end_year": goal.end_year,
                "period": str(goal.start_year) if goal.start_year == goal.end_year else f"{goal.start_year}–{goal.end_year}",
                "horizon": _("long") if goal.is_long else _("short"),
                "development_area": goal.development_area.title if goal.development_area else "",
                "assessed_by_judgement": not goal.measurable,
                "contributes_to": _linked(goal, seen),
                "agenda_2030": [str(s.number) for s in goal.sustainability_goals.all()],
                "indicators": [
                    {
                        "id": i.pk,
                        "name": i.name,
                        "unit_label": i.unit_label,
                        "baseline": f"{i.baseline_year}: {num(i.baseline_value)}",
                        "targets": ", ".join(f"{t.year}: {num(t.value)}" for t in i.targets.all()) or "–",
                        # the figures as stored, so that what is in force can be read back (public pages)
                        "baseline_year": i.baseline_year,
                        "baseline_value": str(i.baseline_value),
                        "target_values": [{"year": t.year, "value": str(t.value)} for t in i.targets.all()],
                    }
                    for i in goal.indicators.all()
                ],
                "activities": [
                    {"title": a.title, "owner": _user(a.owner), "period": f"{a.start_date:%Y-%m-%d}–{a.end_date:%Y-%m-%d}"} for a in goal.activities.all()
                ],
            }
        )
    for assignment in Assignment.objects.filter(issuer=unit, year=year).select_related("receiver"):
        sections["assignments"].append(
            {
                "title": assignment.title,
                "description": assignment.description,
                "receiver": assignment.receiver.name,
                "deadline": assignment.deadline.isoformat(),
                "execution_form": str(assignment.get_execution_form_display()),
                "reporting_requirement": assignment.reporting_requirement,
            }
        )
    if kind == GOALS_AND_BUDGET:
        for fin in FinancialGoal.objects.filter(org_unit=unit, year=year):
            target = f"{num(fin.target_value)} {fin.unit_label}".strip() if fin.target_value is not None else ""
            # a goal tied to a measure Styr computes names it (issue 11 §1); else its free-text key ratio
            ratio = MEASURES[fin.measure].label(get_language() or "sv") if fin.measure in MEASURES else fin.ratio
            sections["financial_goals"].append({"title": fin.title, "ratio": ratio, "target": target})
        long_term_part(group, year, sections)
    if kind == GOALS_AND_BUDGET:
        title = _("Goals and budget %(year)s") % {"year": year}
        subtitle = _("with plan for %(first)s–%(last)s") % {"first": year + 1, "last": year + 2}
    else:
        title = _("Operational plan %(year)s") % {"year": year}
        subtitle = unit.name
    return {
        "meta": {
            "kind": kind,
            "title": title,
            "subtitle": subtitle,
            "group": group.name,
            "unit": unit.name,
            "year": year,
            "vision_title": vision.title if vision else "",
            "vision": vision.text if vision else "",
            "values_title": values.title if values else "",
            "values": values.text if values else "",
            **frames_part(unit=unit, year=year, goals_and_budget=kind == GOALS_AND_BUDGET, sections=sections),
        },
        "sections": sections,
    }


def filename(*parts: object, extension: str) -> str:
    """A Swedish, plain-letter file name: ``filename("Mål och budget", 2027, "Kommunfullmäktige", extension="pdf")``
    is ``mal-och-budget-2027-kommunfullmaktige.pdf`` (å, ä and ö lose their marks, nothing else is left but
    letters, digits and hyphens)."""
    words = [slugify(str(part)) for part in parts]
    return "-".join(word for word in words if word) + f".{extension}"


def plan_filename(content: dict[str, Any], extension: str) -> str:
    meta = content["meta"]
    stem = "Mål och budget" if meta["kind"] == GOALS_AND_BUDGET else "Verksamhetsplan"
    return filename(stem, meta["year"], meta.get("unit", ""), extension=extension)


def report_filename(period: Any, extension: str) -> str:
    """``rapport-delarsrapport-2026-08.pdf``: the kind of report by its Swedish name, whatever the reader's language."""
    with translation.override("sv"):
        kind = str(period.get_kind_display())
    return filename("rapport", kind, f"{period.end:%Y-%m}", extension=extension)


def generated_at() -> str:
    return f"{timezone.localtime():%Y-%m-%d %H:%M}"


def report_content_build(*, unit: OrgUnit, period: Any, analysis: str = "") -> dict[str, Any]:
    """A unit's report for a period: goal assessments with their indicators' values against
    targets, quality indicators' values (never a target), assignments received and activities."""
    from styr.followup.models import Assessment, Measurement

    model = unit.group.governance
    year = period.end.year
    assessments = {
        (a.goal_id, a.assignment_id): a
        for a in Assessment.objects.filter(period=period).filter(models_q(goal__org_unit=unit) | models_q(assignment__receiver=unit))
    }

    def label(code: str) -> str:
        if not code:
            return ""
        step = model.status(code)
        return step.label_en if (get_language() or "sv").startswith("en") else step.label_sv

    def series(measurements: Any) -> list[list[str]]:
        """The values up to the period's end, for the report's charts (kept in the snapshot)."""
        return [[f"{m.period:%Y-%m}", str(m.value)] for m in sorted(measurements, key=lambda m: m.period) if m.period <= period.end]

    def latest(measurements: Any) -> str:
        values = [m for m in measurements if m.period <= period.end]
        return f"{max(values, key=lambda m: m.period).period:%Y-%m}: {num(max(values, key=lambda m: m.period).value)}" if values else "–"

    def source(measurements: Any) -> str:
        """The latest value's source: "kolada" is printed "Källa: Kolada" (KOLADA-002)."""
        values = [m for m in measurements if m.period <= period.end]
        return str(max(values, key=lambda m: m.period).source) if values else ""

    goals = []
    for goal in DevelopmentGoal.objects.filter(org_unit=unit, start_year__lte=year, end_year__gte=year).prefetch_related(
        Prefetch("indicators", queryset=GoalIndicator.objects.prefetch_related("targets", "measurements"))
    ):
        assessment = assessments.get((goal.pk, None))
        goals.append(
            {
                "title": goal.title,
                "status": label(assessment.status) if assessment else label(_unassessed(model)),
                "suggested": label(assessment.suggested_status) if assessment else "",
                "analysis": assessment.analysis if assessment else "",
                "indicators": [
                    {
                        "name": i.name,
                        "baseline": f"{i.baseline_year}: {num(i.baseline_value)}",
                        "target": next((num(t.value) for t in i.targets.all() if t.year == year), "–"),
                        "value": latest(i.measurements.all()),
                        "source": source(i.measurements.all()),
                        "series": series(i.measurements.all()),
                        "target_series": [[str(t.year), str(t.value)] for t in i.targets.all()],
                    }
                    for i in goal.indicators.all()
                ],
            }
        )
    quality = []
    for factor in QualityFactor.objects.filter(org_unit=unit).prefetch_related(
        Prefetch("indicators", queryset=QualityIndicator.objects.prefetch_related(Prefetch("measurements", queryset=Measurement.objects.all())))
    ):
        quality.append(
            {
                "title": factor.title,
                "description": factor.description,
                "national_requirement": factor.national_requirement,
                "indicators": [
                    {
                        "name": i.name,
                        "unit_label": i.unit_label,
                        "value": latest(i.measurements.all()),
                        "source": source(i.measurements.all()),
                        "series": series(i.measurements.all()),
                    }
                    for i in factor.indicators.all()
                ],
            }
        )
    assignments = []
    for assignment in Assignment.objects.filter(receiver=unit, year=year).select_related("issuer").prefetch_related("project_milestones"):
        assessment = assessments.get((None, assignment.pk))
        assignments.append(
            {
                "title": assignment.title,
                "issuer": assignment.issuer.name,
                "deadline": assignment.deadline.isoformat(),
                "status": label(assessment.status) if assessment else label(_unassessed(model)),
                "analysis": assessment.analysis if assessment else "",
                # a project's milestones as they stood at the period's end (PROJ-004)
                "milestones": milestones_at(assignment, period.end),
            }
        )
    activities = [
        {"title": a.title, "status": str(a.get_status_display()), "owner": _user(a.owner)}
        for a in Activity.objects.filter(org_unit=unit, start_date__lte=period.end, end_date__gte=period.start).select_related("owner")
    ]
    sections_economy = [economy_section(unit, period.end.year, period.end.month)] if period.kind in ECONOMY_REPORT_KINDS else []
    from styr.documents.company_sections import company_section
    from styr.documents.control_sections import internal_control_section  # beside, not above: it builds on this module

    national = national_quality_section(unit, period, quality=quality, analysis=analysis, activities=activities)

    return {
        "meta": {
            "title": f"{period.get_kind_display()} {period.end:%Y-%m}",
            "group": unit.group.name,
            "unit": unit.name,
            "kind": period.kind,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "sections": {
            "goals": goals,
            "quality": quality,
            "assignments": assignments,
            "activities": activities,
            "economy": sections_economy,
            "statements": statements_section(unit, period),
            "directives": company_section(unit, period, status_label=label),
            "internal_control": internal_control_section(unit, period),
            "national_quality": national,
            "analysis": [{"title": _("Analysis"), "text": analysis}],
        },
    }


def _unassessed(model: Any) -> str:
    steps = [s for s in model.status_scale if s.rank <= 0]
    return str(steps[0].code) if steps else ""


def report_charts(content: dict[str, Any]) -> dict[str, Any]:
    """Charts for a report's indicators, drawn from its content (the snapshot, once adopted):
    goal indicators against their targets, quality indicators without a target line."""
    from styr.documents.charts import indicator_chart

    charts: dict[str, Any] = {}
    for goal in content["sections"]["goals"]:
        for i in goal["indicators"]:
            if i.get("series"):
                charts[f"goal:{goal['title']}:{i['name']}"] = indicator_chart(
                    name=i["name"],
                    unit_label="",
                    values=[(p, Decimal(v)) for p, v in i["series"]],
                    targets=[(p, Decimal(v)) for p, v in i.get("target_series", [])],
                )
    for factor in content["sections"]["quality"]:
        for i in factor["indicators"]:
            if i.get("series"):
                charts[f"quality:{factor['title']}:{i['name']}"] = indicator_chart(
                    name=i["name"], unit_label=i.get("unit_label", ""), values=[(p, Decimal(v)) for p, v in i["series"]]
                )
    for part in content["sections"].get("economy", []):
        if not part.get("has_figures", True):
            continue  # no books, budget, frame or forecast yet: the table says so, a flat chart would not
        charts[f"economy:{content['meta']['unit']}"] = economy_section_chart(part)
    return charts
