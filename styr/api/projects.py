"""A project assignment's own organisation and timetable, a process assignment's reviews (seed §7
"Uppdrag inom linjen, projekt och process", PROJ-001…005). The project's owner, lead, budget and
closing report and the process's name, owner and documents are fields of the assignment itself
(``/assignments``)."""

from datetime import date
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from styr.api import refs
from styr.api.assignments import person_in_group
from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import ERRORS, Day, DbId, Input, Patch, ShortText, Text, Title
from styr.api.versions import IfMatch, Version, expected_version
from styr.domain.projects import step_state
from styr.planning import services
from styr.planning.models import ProcessReview, ProjectMember, ProjectMilestone
from styr.planning.selectors import assignment_get
from styr.planning.selectors_projects import (
    process_review_get,
    process_review_list,
    project_member_get,
    project_member_list,
    project_milestone_get,
    project_milestone_list,
)

router = Router(tags=["projects and processes"])

ProjectBodyName = Literal["group", "steering"]
StepStateName = Literal["done", "done_late", "late", "planned"]


class ProjectStepOut(Schema):
    id: int
    version: Version
    assignment_id: int
    title: str
    due: date
    done_on: date | None
    note: str
    state: StepStateName = Field(description="PROJ-004: done, done late, late (its day has passed, not done) or planned")

    @staticmethod
    def resolve_state(obj: ProjectMilestone | ProcessReview) -> str:
        return str(step_state(due=obj.due, done_on=obj.done_on, today=timezone.localdate()))


class StepIn(Input):
    assignment: DbId
    title: Title
    due: Day = Field(description="PROJ-003: a milestone on or before the assignment's deadline")
    done_on: Day | None = Field(None, description="The day it was reached; not in the future (PROJ-003)")
    note: Text = ""


class StepPatch(Patch):
    title: Title | None = None
    due: Day | None = None
    done_on: Day | None = None
    note: Text | None = None

    nullable = frozenset({"done_on"})


class ProjectMemberOut(Schema):
    id: int
    version: Version
    assignment_id: int
    body: str
    person_id: int | None
    org_unit_id: int | None
    role_title: str


class MemberIn(Input):
    """A seat in the project group or the steering group: a person, or a role on a unit (PROJ-005)."""

    assignment: DbId
    body: ProjectBodyName
    person: DbId | None = None
    org_unit: DbId | None = None
    role_title: ShortText = ""


# --- milestones ---------------------------------------------------------------------------------


@router.get("/project-milestones", response=list[ProjectStepOut], summary="Milestones of the project assignments the caller may see (PROJ-004)")
@paginate(BoundedLimitOffsetPagination)
def list_project_milestones(request: HttpRequest, assignment: DbId | None = None) -> QuerySet[ProjectMilestone]:
    found = assignment_get(request.user, assignment) if assignment is not None else None
    return project_milestone_list(request.user, assignment=found).order_by("due", "pk")


@router.post(
    "/project-milestones", response={201: ProjectStepOut, **ERRORS}, summary="Add a milestone to a project assignment's timetable (PROJ-001, PROJ-003)"
)
def create_project_milestone(request: HttpRequest, payload: StepIn) -> Status[ProjectMilestone]:
    assignment = assignment_get(request.user, payload.assignment)
    fields = payload.dict(exclude={"assignment"})
    return Status(201, services.project_milestone_create(actor=request.user, assignment=assignment, **fields))


@router.get("/project-milestones/{project_milestone_id}", response={200: ProjectStepOut, **ERRORS})
def get_project_milestone(request: HttpRequest, project_milestone_id: DbId) -> ProjectMilestone:
    return project_milestone_get(request.user, project_milestone_id)


@router.patch("/project-milestones/{project_milestone_id}", response={200: ProjectStepOut, **ERRORS}, summary="Move a milestone or mark it reached (PROJ-003)")
def update_project_milestone(request: HttpRequest, project_milestone_id: DbId, payload: StepPatch, if_match: IfMatch = None) -> ProjectMilestone:
    milestone = project_milestone_get(request.user, project_milestone_id)
    with expected_version(milestone, if_match):
        return services.project_milestone_update(actor=request.user, milestone=milestone, **payload.changes())


@router.delete("/project-milestones/{project_milestone_id}", response={204: None, **ERRORS}, summary="Remove a milestone")
def delete_project_milestone(request: HttpRequest, project_milestone_id: DbId, if_match: IfMatch = None) -> Status[None]:
    milestone = project_milestone_get(request.user, project_milestone_id)
    with expected_version(milestone, if_match):
        services.project_milestone_delete(actor=request.user, milestone=milestone)
    return Status(204, None)


# --- reviews of a process -----------------------------------------------------------------------


@router.get("/process-reviews", response=list[ProjectStepOut], summary="Review dates of the process assignments the caller may see (PROJ-002)")
@paginate(BoundedLimitOffsetPagination)
def list_process_reviews(request: HttpRequest, assignment: DbId | None = None) -> QuerySet[ProcessReview]:
    found = assignment_get(request.user, assignment) if assignment is not None else None
    return process_review_list(request.user, assignment=found).order_by("due", "pk")


@router.post("/process-reviews", response={201: ProjectStepOut, **ERRORS}, summary="Plan a review of a process assignment's process (PROJ-002)")
def create_process_review(request: HttpRequest, payload: StepIn) -> Status[ProcessReview]:
    assignment = assignment_get(request.user, payload.assignment)
    fields = payload.dict(exclude={"assignment"})
    return Status(201, services.process_review_create(actor=request.user, assignment=assignment, **fields))


@router.get("/process-reviews/{review_id}", response={200: ProjectStepOut, **ERRORS})
def get_process_review(request: HttpRequest, review_id: DbId) -> ProcessReview:
    return process_review_get(request.user, review_id)


@router.patch("/process-reviews/{review_id}", response={200: ProjectStepOut, **ERRORS}, summary="Move a review or mark it held")
def update_process_review(request: HttpRequest, review_id: DbId, payload: StepPatch, if_match: IfMatch = None) -> ProcessReview:
    review = process_review_get(request.user, review_id)
    with expected_version(review, if_match):
        return services.process_review_update(actor=request.user, review=review, **payload.changes())


@router.delete("/process-reviews/{review_id}", response={204: None, **ERRORS}, summary="Remove a review date")
def delete_process_review(request: HttpRequest, review_id: DbId, if_match: IfMatch = None) -> Status[None]:
    review = process_review_get(request.user, review_id)
    with expected_version(review, if_match):
        services.process_review_delete(actor=request.user, review=review)
    return Status(204, None)


# --- the project group and the steering group ----------------------------------------------------


@router.get("/project-members", response=list[ProjectMemberOut], summary="Project groups and steering groups of the project assignments the caller may see")
@paginate(BoundedLimitOffsetPagination)
def list_project_members(request: HttpRequest, assignment: DbId | None = None) -> QuerySet[ProjectMember]:
    found = assignment_get(request.user, assignment) if assignment is not None else None
    return project_member_list(request.user, assignment=found).order_by("assignment_id", "body", "pk")


@router.post(
    "/project-members", response={201: ProjectMemberOut, **ERRORS}, summary="Seat a person or a role on a unit in a project or steering group (PROJ-005)"
)
def create_project_member(request: HttpRequest, payload: MemberIn) -> Status[ProjectMember]:
    assignment = assignment_get(request.user, payload.assignment)
    person = person_in_group(assignment.group_id, payload.person) if payload.person is not None else None
    unit = refs.unit(request, payload.org_unit) if payload.org_unit is not None else None
    member = services.project_member_create(
        actor=request.user, assignment=assignment, body=payload.body, person=person, org_unit=unit, role_title=payload.role_title
    )
    return Status(201, member)


@router.get("/project-members/{member_id}", response={200: ProjectMemberOut, **ERRORS})
def get_project_member(request: HttpRequest, member_id: DbId) -> ProjectMember:
    return project_member_get(request.user, member_id)


@router.delete("/project-members/{member_id}", response={204: None, **ERRORS}, summary="Remove a seat from a project group or steering group")
def delete_project_member(request: HttpRequest, member_id: DbId, if_match: IfMatch = None) -> Status[None]:
    member = project_member_get(request.user, member_id)
    with expected_version(member, if_match):
        services.project_member_delete(actor=request.user, member=member)
    return Status(204, None)
