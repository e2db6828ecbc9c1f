"""A unit's reporting page for a period: every value, every goal's assessment and the report,
saved together (all or nothing) and without a page reload (issue 4, points 2–4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from styr.core.errors import violation_message, violation_status
from styr.documents.charts import Chart, indicator_chart
from styr.domain.calendar import SUBMITTED_STATES, closes_on
from styr.domain.errors import RuleViolation
from styr.domain.goals import parse_value
from styr.domain.levels import LevelKind
from styr.followup import services
from styr.followup.models import Assessment, Measurement, Report, ReportingPeriod
from styr.organisation.models import OrgUnit
from styr.planning.models import DevelopmentGoal, GoalIndicator, QualityIndicator


@dataclass
class Row:
    key: str
    label: str
    kind: str  # "goal" or "quality"
    target: str = ""
    value: str = ""
    owner: str = ""
    error: str = ""
    #: where the stored value came from ("kolada": shown with "Källa: Kolada", KOLADA-002)
    source: str = ""
    kolada_kpi: str = ""


@dataclass
class GoalRow:
    goal: DevelopmentGoal
    status: str = ""
    suggested: str = ""
    analysis: str = ""
    error: str = ""


@dataclass
class Sheet:
    unit: OrgUnit
    period: ReportingPeriod
    closes: date
    rows: list[Row] = field(default_factory=list)
    goals: list[GoalRow] = field(default_factory=list)
    report: Report | None = None
    errors: list[str] = field(default_factory=list)
    #: a refusal because the data is locked (409), not because the input was wrong (422)
    conflict: bool = False

    @property
    def has_quality_rows(self) -> bool:
        return any(row.kind == "quality" for row in self.rows)

    @property
    def has_kolada_rows(self) -> bool:
        return any(row.kolada_kpi for row in self.rows)

    @property
    def closed(self) -> bool:
        return timezone.localdate() > self.closes

    @property
    def adopted(self) -> bool:
        """The body adopted the report: its period stays as decided (FU-012)."""
        return self.report is not None and self.report.state == "adopted"

    @property
    def correcting(self) -> bool:
        """A change now is a controller's correction with a reason (FU-006): the deadline has
        passed or the report is submitted."""
        return self.closed or (self.report is not None and self.report.state in SUBMITTED_STATES)


def _name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def sheet_build(unit: OrgUnit, period: ReportingPeriod) -> Sheet:
    """What the unit reports for the period, with what is already stored (a fixed number of queries)."""
    month = period.end.replace(day=1)
    year = period.end.year
    sheet = Sheet(unit, period, closes_on(period.end, LevelKind(unit.kind), unit.group.governance.reporting.deadline_days))
    goals = list(DevelopmentGoal.objects.filter(org_unit=unit, start_year__lte=year, end_year__gte=year).select_related("owner"))
    indicators = list(GoalIndicator.objects.filter(goal__in=goals).select_related("owner", "goal").prefetch_related("targets"))
    qualities = list(QualityIndicator.objects.filter(factor__org_unit=unit).select_related("owner", "factor"))
    stored_values = Measurement.objects.filter(period=month).filter(Q(indicator__in=indicators) | Q(quality_indicator__in=qualities))
    values = {(m.indicator_id, m.quality_indicator_id): m.value for m in stored_values}
    sources = {(m.indicator_id, m.quality_indicator_id): m.source for m in stored_values}
    for i in indicators:
        target = next((t.value for t in i.targets.all() if t.year == year), None)
        stored = values.get((i.pk, None))
        sheet.rows.append(
            Row(
                f"gi-{i.pk}",
                f"{i.name} ({i.goal.title})",
                "goal",
                "" if target is None else str(target),
                "" if stored is None else str(stored),
                _name(i.owner or i.goal.owner),
                source=sources.get((i.pk, None), ""),
                kolada_kpi=i.kolada_kpi,
            )
        )
    for q in qualities:
        stored = values.get((None, q.pk))
        sheet.rows.append(
            Row(
                f"qi-{q.pk}",
                f"{q.name} ({q.factor.title})",
                "quality",
                "",
                "" if stored is None else str(stored),
                _name(q.owner),
                source=sources.get((None, q.pk), ""),
                kolada_kpi=q.kolada_kpi,
            )
        )
    assessments = {a.goal_id: a for a in Assessment.objects.filter(period=period, goal__in=goals)}
    for goal in goals:
        a = assessments.get(goal.pk)
        sheet.goals.append(GoalRow(goal, a.status if a else "", a.suggested_status if a else "", a.analysis if a else ""))
    sheet.report = Report.objects.filter(org_unit=unit, period=period).first()
    return sheet


def quality_charts(unit: OrgUnit, period: ReportingPeriod) -> list[Chart]:
    """The unit's quality indicators over time up to the period, each without a target line
    (seed §5.B). Loaded after the grid: drawing them is what takes time, not reading them."""
    month = period.end.replace(day=1)
    qualities = list(QualityIndicator.objects.filter(factor__org_unit=unit).select_related("factor"))
    history: dict[int, list[tuple[str, Decimal]]] = {}
    for indicator_id, when, value in (
        Measurement.objects.filter(quality_indicator__in=qualities, period__lte=month).order_by("period").values_list("quality_indicator_id", "period", "value")
    ):
        history.setdefault(indicator_id, []).append((f"{when:%Y-%m}", value))
    return [indicator_chart(name=q.name, unit_label=q.unit_label, values=history[q.pk]) for q in qualities if history.get(q.pk)]


def sheet_save(*, actor: Any, sheet: Sheet, data: Any) -> bool:
    """Save every cell or none: each value and assessment goes through its service; any refusal
    rolls the whole sheet back and is shown beside its cell with the rule id."""
    reason = str(data.get("reason", "")).strip()
    month = sheet.period.end.replace(day=1)
    indicators = {f"gi-{i.pk}": i for i in GoalIndicator.objects.filter(goal__in=[g.goal for g in sheet.goals])}
    qualities = {f"qi-{q.pk}": q for q in QualityIndicator.objects.filter(factor__org_unit=sheet.unit)}
    failed = False
    try:
        with transaction.atomic():
            for row in sheet.rows:
                raw = str(data.get(row.key, "")).strip()
                row.value = raw
                if not raw:
                    continue
                try:
                    value = parse_value(raw)
                    if row.key in indicators:
                        services.measurement_record(actor=actor, indicator=indicators[row.key], period=month, value=value, reason=reason)
                    else:
                        services.quality_value_record(actor=actor, indicator=qualities[row.key], period=month, value=value, reason=reason)
                except RuleViolation as violation:
                    row.error, failed = f"{violation_message(violation)} ({violation.code})", True
                    sheet.conflict = sheet.conflict or violation_status(violation) == 409
            for goal_row in sheet.goals:
                status = str(data.get(f"status-{goal_row.goal.pk}", "")).strip()
                analysis = str(data.get(f"analysis-{goal_row.goal.pk}", "")).strip()
                goal_row.status, goal_row.analysis = status, analysis
                if not status:
                    continue
                try:
                    saved = services.assessment_record(actor=actor, period=sheet.period, goal=goal_row.goal, status=status, analysis=analysis, reason=reason)
                    goal_row.suggested = saved.suggested_status
                except RuleViolation as violation:
                    goal_row.error, failed = f"{violation_message(violation)} ({violation.code})", True
                    sheet.conflict = sheet.conflict or violation_status(violation) == 409
            if failed:
                raise _Refused
    except _Refused:
        return False
    return True


class _Refused(Exception):
    """Rolls the sheet's transaction back when a cell was refused."""
