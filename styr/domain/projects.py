"""Assignments carried out in the line, as a project or along a process (seed §7 "Uppdrag inom
linjen, projekt och process"): which parts belong to which form, and a milestone's state."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date

from styr.domain.errors import RuleViolation, _

LINE = "line"
PROJECT = "project"
PROCESS = "process"

#: A project's own organisation and timetable ("en särskild organisation och tidplan"): PROJ-001.
PROJECT_FIELDS = ("project_owner", "project_lead", "project_budget_sek", "closing_report")
#: The process a task in the line follows ("enligt en fastställd process över tid"): PROJ-002.
PROCESS_FIELDS = ("process_name", "process_owner", "process_documents")


def check_form_parts(*, execution_form: str, filled: Iterable[str]) -> None:
    """PROJ-001 and PROJ-002: a project's organisation, budget and closing report belong to a project
    assignment, a process's name, owner and documents to a process assignment; the line has neither."""
    filled = set(filled)
    for name in PROJECT_FIELDS:
        if name in filled and execution_form != PROJECT:
            raise RuleViolation(
                "PROJ-001",
                _("Only an assignment carried out as a project has a project organisation, budget and closing report."),
                {"execution_form": execution_form, "field": name},
                field=name,
            )
    for name in PROCESS_FIELDS:
        if name in filled and execution_form != PROCESS:
            raise RuleViolation(
                "PROJ-002",
                _("Only an assignment carried out along a process names the process, its owner and its documents."),
                {"execution_form": execution_form, "field": name},
                field=name,
            )


def check_part_of(*, execution_form: str, part: str) -> None:
    """PROJ-001 / PROJ-002 for what hangs below an assignment: milestones and members of a project,
    reviews of a process."""
    if part in {"milestone", "member"} and execution_form != PROJECT:
        raise RuleViolation(
            "PROJ-001",
            _("Only an assignment carried out as a project has a project organisation and milestones."),
            {"execution_form": execution_form, "field": "assignment"},
            field="assignment",
        )
    if part == "review" and execution_form != PROCESS:
        raise RuleViolation(
            "PROJ-002",
            _("Only an assignment carried out along a process has review dates of its process."),
            {"execution_form": execution_form, "field": "assignment"},
            field="assignment",
        )


def check_step_dates(*, due: date, done_on: date | None, deadline: date | None, today: date) -> None:
    """PROJ-003: a project milestone falls on or before the assignment's deadline (a process is reviewed
    over time, so its review dates are not bound to it: ``deadline`` None); nothing is done in the future."""
    if deadline is not None and due > deadline:
        raise RuleViolation(
            "PROJ-003",
            _("A milestone must fall on or before the assignment's deadline (%(deadline)s)."),
            {"deadline": deadline.isoformat(), "due": due.isoformat()},
            field="due",
        )
    if done_on is not None and done_on > today:
        raise RuleViolation(
            "PROJ-003",
            _("A milestone cannot be marked done on a day that has not come yet."),
            {"done_on": done_on.isoformat(), "today": today.isoformat()},
            field="done_on",
        )


def check_member(*, person: object | None, org_unit: object | None, role_title: str) -> None:
    """PROJ-005: a seat in a project group or steering group is a person, or a role on a unit — one of the two."""
    as_person = person is not None and org_unit is None and not role_title
    as_role = person is None and org_unit is not None and bool(role_title.strip())
    if not (as_person or as_role):
        raise RuleViolation(
            "PROJ-005",
            _("A member of a project group or steering group is either a person or a role on a unit, not both or neither."),
            {"person": person is not None, "org_unit": org_unit is not None, "role_title": bool(role_title)},
            field="person",
        )


class StepState(enum.StrEnum):
    """PROJ-004: how a controller reads a milestone: done, done late, late, or planned."""

    DONE = "done"
    DONE_LATE = "done_late"
    LATE = "late"
    PLANNED = "planned"


def step_state(*, due: date, done_on: date | None, today: date) -> StepState:
    """PROJ-004: late once its day has passed and it is not done; done late when done after its day."""
    if done_on is not None:
        return StepState.DONE if done_on <= due else StepState.DONE_LATE
    return StepState.LATE if due < today else StepState.PLANNED
