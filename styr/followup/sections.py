"""What a report must contain (issue 9 §4, seed §6.5): KS's minimum per report kind, set in the
årshjul it adopts; the sections a committee, company board or KS adds for its own part of the
tree; and whether a report's required sections are filled, in a fixed number of queries.

Each section is filled when (the catalogue is ``styr/domain/report_sections.py``):

- ``goals``: every development goal of the unit that runs in the period's year has an
  assessment (status) for the period;
- ``quality``: every quality indicator of the unit has a value for a month within the period;
- ``economy``: the report gives a full-year forecast (``economy.Forecast``);
- ``assignments``: every special assignment the unit has received for the year has an
  assessment for the period;
- ``analysis``: the report's analysis is written.

A unit with no goals (quality indicators, assignments) has nothing to fill in that section:
it counts as filled, and the checklist says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import require
from styr.domain import report_sections as rs
from styr.domain.calendar import PERIOD_KINDS
from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind
from styr.followup.models import PlanningCalendar, Report, ReportingPeriod, ReportRequirement
from styr.organisation.models import OrgUnit
from styr.planning.models import Assignment, DevelopmentGoal, QualityIndicator

#: The bodies that add sections of their own to KS's minimum, for the reports of their part of the tree.
BODY_KINDS = frozenset(
    {LevelKind.EXECUTIVE_BOARD.value, LevelKind.COMMITTEE.value, LevelKind.PARENT_COMPANY.value, LevelKind.COMPANY.value, LevelKind.JOINT_AUTHORITY.value}
)


def section_label(key: str) -> str:
    return gettext(rs.section(key).label)


@dataclass(frozen=True)
class SectionState:
    """One required section of a report, filled or not, with what it counts."""

    key: str
    label: str
    filled_when: str
    #: "ks" for KS's minimum, "body" for a section the unit's committee (company, KS) added
    required_by: str
    filled: bool
    done: int | None = None
    total: int | None = None


@dataclass(frozen=True)
class Requirement:
    minimum: tuple[str, ...]
    own: tuple[str, ...]
    body: OrgUnit | None

    @property
    def sections(self) -> tuple[str, ...]:
        return rs.required_sections(self.minimum, self.own)


def body_of(unit: OrgUnit) -> OrgUnit | None:
    """The unit itself when it is a body (committee, company, KS), else its nearest such ancestor."""
    if unit.kind in BODY_KINDS:
        return unit
    bodies = [u for u in unit.ancestors() if u.kind in BODY_KINDS]
    return bodies[-1] if bodies else None


def requirement_get(unit: OrgUnit, period: ReportingPeriod) -> Requirement:
    """KS's minimum for the period's kind of report and the sections the unit's body adds (two queries)."""
    body = body_of(unit)
    rows = ReportRequirement.objects.filter(calendar_id=period.calendar_id, kind=period.kind).filter(
        Q(org_unit__isnull=True) | Q(org_unit=body) if body is not None else Q(org_unit__isnull=True)
    )
    minimum: tuple[str, ...] = ()
    own: tuple[str, ...] = ()
    for row in rows:
        if row.org_unit_id is None:
            minimum = tuple(row.sections)
        else:
            own = tuple(row.sections)
    return Requirement(minimum=minimum, own=own, body=body)


def _counted(unit: OrgUnit, period: ReportingPeriod, report: Report | None, keys: Iterable[str]) -> dict[str, tuple[int, int] | bool]:
    """Each asked-for section: (done, total) for what is counted, or whether it is there (one query a section at most)."""
    year = period.end.year
    wanted = set(keys)
    result: dict[str, tuple[int, int] | bool] = {}
    if rs.GOALS in wanted:
        counts = DevelopmentGoal.objects.filter(org_unit=unit, start_year__lte=year, end_year__gte=year).aggregate(
            total=Count("pk", distinct=True), done=Count("pk", filter=Q(assessments__period=period), distinct=True)
        )
        result[rs.GOALS] = (counts["done"], counts["total"])
    if rs.QUALITY in wanted:
        counts = QualityIndicator.objects.filter(factor__org_unit=unit).aggregate(
            total=Count("pk", distinct=True),
            done=Count("pk", filter=Q(measurements__period__gte=period.start.replace(day=1), measurements__period__lte=period.end), distinct=True),
        )
        result[rs.QUALITY] = (counts["done"], counts["total"])
    if rs.ASSIGNMENTS in wanted:
        counts = Assignment.objects.filter(receiver=unit, year=year).aggregate(
            total=Count("pk", distinct=True), done=Count("pk", filter=Q(assessments__period=period), distinct=True)
        )
        result[rs.ASSIGNMENTS] = (counts["done"], counts["total"])
    if rs.ECONOMY in wanted:
        result[rs.ECONOMY] = report is not None and Report.objects.filter(pk=report.pk, forecast__isnull=False).exists()
    if rs.ANALYSIS in wanted:
        result[rs.ANALYSIS] = report is not None and bool(report.analysis.strip())
    return result


def sections_status(unit: OrgUnit, period: ReportingPeriod, report: Report | None) -> list[SectionState]:
    """The checklist of the report's required sections, in the catalogue's order."""
    requirement = requirement_get(unit, period)
    counted = _counted(unit, period, report, requirement.sections)
    states = []
    for key in requirement.sections:
        value = counted[key]
        done, total = value if isinstance(value, tuple) else (None, None)
        filled = done == total if isinstance(value, tuple) else bool(value)
        states.append(
            SectionState(
                key=key,
                label=section_label(key),
                filled_when=gettext(rs.section(key).filled_when),
                required_by="ks" if key in requirement.minimum else "body",
                filled=filled,
                done=done,
                total=total,
            )
        )
    return states


def check_report_sections(report: Report) -> None:
    """FU-013: the report is submitted only with every required section filled."""
    states = sections_status(report.org_unit, report.period, report)
    rs.check_sections_filled([s.key for s in states], {s.key: s.filled for s in states}, label=section_label)


def calendar_requirements(calendar: PlanningCalendar) -> dict[tuple[str, int | None], tuple[str, ...]]:
    """Every requirement of the årshjul: (report kind, body id or None for KS's minimum) → sections."""
    return {(r.kind, r.org_unit_id): tuple(r.sections) for r in ReportRequirement.objects.filter(calendar=calendar)}


def _checked_mapping(sections: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    return {rs.check_report_kind(kind, PERIOD_KINDS): rs.check_section_keys(keys) for kind, keys in sections.items()}


def _minimum(calendar: PlanningCalendar) -> dict[str, tuple[str, ...]]:
    return {r.kind: tuple(r.sections) for r in ReportRequirement.objects.filter(calendar=calendar, org_unit__isnull=True)}


@transaction.atomic
def report_sections_set(*, actor: Actor, calendar: PlanningCalendar, sections: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """KS's minimum content of each kind of report, part of the årshjul: set by KS's controller
    while the årshjul is a draft (CAL-006 once adopted). Kinds not given keep what they have."""
    from styr.followup.services_calendar import _check_calendar_open, _executive_board

    ks = _executive_board(calendar.group)
    if actor is not None:
        require(actor, "calendar.manage", ks)
    _check_calendar_open(calendar)
    chosen = _checked_mapping(sections)
    before = _minimum(calendar)
    for kind, keys in chosen.items():
        if keys:
            ReportRequirement.objects.update_or_create(calendar=calendar, kind=kind, org_unit=None, defaults={"group": calendar.group, "sections": list(keys)})
        else:
            ReportRequirement.objects.filter(calendar=calendar, kind=kind, org_unit__isnull=True).delete()
    after = _minimum(calendar)
    audit.record(
        actor=actor,
        action="calendar.report_sections_set",
        obj=calendar,
        org_unit=ks,
        before={k: list(v) for k, v in before.items()},
        after={k: list(v) for k, v in after.items()},
    )
    return after


@transaction.atomic
def body_sections_set(*, actor: Actor, calendar: PlanningCalendar, body: OrgUnit, sections: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """A committee's (company board's, KS's) own content of each kind of report: at least KS's
    minimum (FU-014), chosen while the årshjul is a draft (CAL-006), like its monthly reports
    (CAL-001). What it adds beyond the minimum is stored; kinds not given keep what they have."""
    from styr.followup.services_calendar import _check_calendar_open

    if actor is not None:
        require(actor, "reporting.choose", body)
    if body.kind not in BODY_KINDS or body.group_id != calendar.group_id:
        raise RuleViolation(
            "FU-014",
            _("Only a committee, a company board or KS adds sections of its own to its reports; %(unit)s is not one."),
            {"unit": str(body)},
            field="body",
        )
    _check_calendar_open(calendar)
    chosen = _checked_mapping(sections)
    minimum = _minimum(calendar)
    for kind, keys in chosen.items():
        rs.check_keeps_minimum(keys, minimum.get(kind, ()), label=section_label)
    rows = ReportRequirement.objects.filter(calendar=calendar, org_unit=body)
    before = {r.kind: list(r.sections) for r in rows}
    for kind, keys in chosen.items():
        own = [k for k in keys if k not in minimum.get(kind, ())]
        if own:
            ReportRequirement.objects.update_or_create(calendar=calendar, kind=kind, org_unit=body, defaults={"group": calendar.group, "sections": own})
        else:
            ReportRequirement.objects.filter(calendar=calendar, kind=kind, org_unit=body).delete()
    after = {r.kind: tuple(r.sections) for r in ReportRequirement.objects.filter(calendar=calendar, org_unit=body)}
    audit.record(
        actor=actor,
        action="calendar.body_sections_set",
        obj=calendar,
        org_unit=body,
        before=before,
        after={k: list(v) for k, v in after.items()},
    )
    return after
