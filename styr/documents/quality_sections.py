"""Parts of a unit's report drawn from the model's last parts (issue 15): a project's milestones as
they stood at the period's end (PROJ-004), and the quality report in the structure of a national
requirement (QUAL-001, seed §5.B)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from styr.domain.projects import step_state
from styr.organisation.models import OrgUnit
from styr.planning.models import Assignment, Risk


def milestones_at(assignment: Assignment, day: Any) -> list[dict[str, str]]:
    """A project assignment's milestones and the state of each on ``day`` (PROJ-004): one reached
    after that day was not reached then."""
    if assignment.execution_form != "project":
        return []
    labels = {"done": _("Reached"), "done_late": _("Reached late"), "late": _("Late"), "planned": _("Planned")}
    found = []
    for m in assignment.project_milestones.all():
        done_on = m.done_on if m.done_on is not None and m.done_on <= day else None
        state = step_state(due=m.due, done_on=done_on, today=day)
        found.append({"title": m.title, "due": m.due.isoformat(), "state": str(labels[str(state)])})
    return found


def national_quality_section(
    unit: OrgUnit, period: Any, *, quality: list[dict[str, Any]], analysis: str, activities: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Seed §5.B: a quality report drawn up in the structure of each national requirement the unit's
    quality factors answer (QUAL-001), from the same factors, indicators, risks, analysis and
    activities as the rest of the report. Other kinds of report, and units whose factors name no
    requirement, have none."""
    from styr.domain.national_quality import structured_report
    from styr.followup.models import PeriodKind
    from styr.planning.national_quality import national_requirements

    named = {f["national_requirement"] for f in quality if f.get("national_requirement")}
    if period.kind != PeriodKind.QUALITY_REPORT or not named:
        return []
    risks = [
        {"description": r.description, "likelihood": r.likelihood, "consequence": r.consequence}
        for r in Risk.objects.filter(core_mission__org_unit=unit).order_by("pk")
    ]
    return [structured_report(r, factors=quality, risks=risks, analysis=analysis, activities=activities) for r in national_requirements() if r.key in named]
