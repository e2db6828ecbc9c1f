"""The planning year on the årshjul page (issue 10 §3): the steps as a table, with forms to add
them to an older draft, move one before KS adopts the calendar, and confirm a body's step."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from styr.core.permissions import can
from styr.core.versions import expected, posted_version
from styr.domain.planning_year import STEPS
from styr.followup import milestones
from styr.followup.milestone_progress import overdue_steps, progress
from styr.followup.models import PlanningCalendar, PlanningMilestone
from styr.followup.overview import BodyOverview
from styr.followup.selectors import milestone_responsible, milestone_title
from styr.organisation.models import MunicipalGroup, OrgUnit

ACTIONS = frozenset({"milestones_add", "milestone_move", "milestone_confirm"})


def milestones_context(request: HttpRequest, calendar: PlanningCalendar, level_label: Any) -> dict[str, object]:
    """Each step with its day, who answers for it, what completes it and each body's part."""
    today = timezone.localdate()
    rows = []
    for item in progress(calendar):
        milestone = item.milestone
        rows.append(
            {
                "progress": item,
                "title": milestone_title(milestone),
                "responsible": milestone_responsible(milestone, level_label),
                "completed_when": _(STEPS[milestone.kind].completed_when) % {"year": milestone.calendar.year + 1, "last_year": milestone.calendar.year - 1},
                "overdue": item.overdue(today),
                "bodies": [(step, not item.checked and not step.done and can(request.user, "milestone.confirm", step.body)) for step in item.bodies],
            }
        )
    return {"milestones": rows}


def overdue_context(user: Any, *, group: MunicipalGroup, year: int, bodies: list[BodyOverview]) -> list[dict[str, object]]:
    """KS's overview: the planning steps past their day and not done, per body, with a link to
    where each is done; each body's row of the overview also names its own."""
    steps = overdue_steps(user, group=group, year=year, today=timezone.localdate())
    rows: list[dict[str, object]] = [
        {"body": s.step.body, "title": milestone_title(s.progress.milestone), "due": s.progress.milestone.due, "url": s.step.url} for s in steps
    ]
    by_body: dict[int, list[dict[str, object]]] = {}
    for row, step in zip(rows, steps, strict=True):
        by_body.setdefault(step.step.body.pk, []).append(row)
    for body in bodies:
        body.overdue_steps = by_body.get(body.unit.pk, [])
    return rows


def milestone_post(request: HttpRequest, calendar: PlanningCalendar, action: str) -> None:
    """Run one of the planning year's actions through its service (a broken rule is raised)."""
    if action == "milestones_add":
        milestones.milestones_add(actor=request.user, calendar=calendar)
        return
    milestone = PlanningMilestone.objects.select_related("calendar").get(calendar=calendar, pk=int(request.POST["milestone"]))
    if action == "milestone_move":
        with expected(milestone, posted_version(request.POST)):  # EDIT-001: moved by someone else since the page was read
            milestones.milestone_move(actor=request.user, milestone=milestone, due=date.fromisoformat(request.POST["due"]))
    else:
        body = OrgUnit.objects.get(group=calendar.group, pk=int(request.POST["body"]))
        milestones.milestone_confirm(actor=request.user, milestone=milestone, body=body, note=request.POST.get("note", ""))
