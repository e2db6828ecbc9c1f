"""Special assignments to the level directly below (ASSIGN-001) and the activities that carry out
goals and assignments (seed §5.C, §6.3, §7)."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal, Self

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, model_validator

from styr.api import refs
from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import ERRORS, Day, DbId, IdList, Input, Patch, ShortText, Text, Title, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.planning import services
from styr.planning.models import Activity, Assignment
from styr.planning.selectors import activity_get, activity_list, assignment_get, assignment_list, goal_get

router = Router(tags=["assignments and activities"])

ExecutionFormName = Literal["line", "project", "process"]
ActivityStatusName = Literal["planned", "ongoing", "done", "cancelled"]
#: A project's budget in whole kronor (PROJ-001); not negative.
BudgetSek = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=0, allow_inf_nan=False, strict=False)]


class AssignmentOut(Schema):
    id: int
    version: Version
    issuer_id: int
    receiver_id: int
    year: int
    title: str
    description: str
    deadline: date
    execution_form: str
    ended_on: date | None = Field(None, description="The day it was ended (kept in the history); null while it lives")
    end_reason: str = ""
    reporting_requirement: str
    project_owner_id: int | None = Field(None, description="A project's owner (PROJ-001); null for the line and a process")
    project_lead_id: int | None = Field(None, description="A project's lead (PROJ-001)")
    project_budget_sek: Decimal | None = Field(None, description="A project's budget in SEK, where it has one (PROJ-001)")
    closing_report: str = Field("", description="A project's closing report (PROJ-001)")
    process_name: str = Field("", description="The process a process assignment follows (PROJ-002)")
    process_owner_id: int | None = Field(None, description="Who keeps the process improving (PROJ-002)")
    process_document_ids: list[int] = Field(default_factory=list, description="Governing and supporting documents of the process (PROJ-002)")

    @staticmethod
    def resolve_process_document_ids(obj: Assignment) -> list[int]:
        return sorted(d.pk for d in obj.process_documents.all())


class ActivityOut(Schema):
    id: int
    version: Version
    org_unit_id: int
    goal_id: int | None
    assignment_id: int | None
    title: str
    description: str
    owner_id: int | None
    start_date: date
    end_date: date
    ended_on: date | None = Field(None, description="The day it was ended (kept in the history); null while it lives")
    end_reason: str = ""
    status: str


class AssignmentIn(Input):
    issuer: DbId
    receiver: DbId = Field(description="A unit directly below the issuer (ASSIGN-001)")
    year: Year
    title: Title
    description: Text = ""
    deadline: Day
    execution_form: ExecutionFormName = "line"
    reporting_requirement: Text = ""
    project_owner: DbId | None = Field(None, description="A person with a role in the group (PROJ-001: a project only)")
    project_lead: DbId | None = None
    project_budget_sek: BudgetSek | None = None
    closing_report: Text = ""
    process_name: ShortText = Field("", description="PROJ-002: a process only")
    process_owner: DbId | None = None
    process_documents: IdList = Field(default_factory=list, description="Documents of the group's register")


class AssignmentPatch(Patch):
    receiver: DbId | None = None
    year: Year | None = None
    title: Title | None = None
    description: Text | None = None
    deadline: Day | None = None
    execution_form: ExecutionFormName | None = None
    reporting_requirement: Text | None = None
    project_owner: DbId | None = None
    project_lead: DbId | None = None
    project_budget_sek: BudgetSek | None = None
    closing_report: Text | None = None
    process_name: ShortText | None = None
    process_owner: DbId | None = None
    process_documents: IdList | None = None

    nullable: ClassVar[frozenset[str]] = frozenset({"project_owner", "project_lead", "project_budget_sek", "process_owner"})


class ActivityIn(Input):
    """An activity carries out exactly one development goal or one assignment received."""

    goal: DbId | None = None
    assignment: DbId | None = None
    title: Title
    description: Text = ""
    start_date: Day
    end_date: Day
    status: ActivityStatusName = "planned"

    @model_validator(mode="after")
    def _exactly_one_parent(self) -> Self:
        if (self.goal is None) == (self.assignment is None):
            raise ValueError("give exactly one of goal and assignment")
        return self


class ActivityPatch(Patch):
    title: Title | None = None
    description: Text | None = None
    start_date: Day | None = None
    end_date: Day | None = None
    status: ActivityStatusName | None = None


def person_in_group(group_id: int, pk: int) -> Any:
    """A person with a role in the group (the people a project or a process can name); 404 otherwise."""
    person = get_user_model().objects.filter(pk=pk, is_active=True, styr_roles__group_id=group_id).distinct().first()
    if person is None:
        raise Http404
    return person


def _receiver(request: HttpRequest, fields: dict[str, Any], group_id: int) -> dict[str, Any]:
    if "receiver" in fields:
        fields["receiver"] = refs.unit(request, fields["receiver"])
    for name in ("project_owner", "project_lead", "process_owner"):
        if fields.get(name) is not None:
            fields[name] = person_in_group(group_id, fields[name])
    return fields


def _documents(request: HttpRequest, issuer: Any, fields: dict[str, Any]) -> dict[str, Any]:
    if "process_documents" in fields:
        fields["process_documents"] = refs.governing_documents(request, issuer, fields["process_documents"])
    return fields


def _without_empty(fields: dict[str, Any]) -> dict[str, Any]:
    """A new assignment's project and process parts only where given, so a line assignment names none."""
    empty = {"project_owner": None, "project_lead": None, "project_budget_sek": None, "closing_report": "", "process_name": "", "process_owner": None}
    fields = {k: v for k, v in fields.items() if not (k in empty and v == empty[k])}
    if not fields.get("process_documents"):
        fields.pop("process_documents", None)
    return fields


@router.get("/assignments", response=list[AssignmentOut], summary="Assignments the caller may see, by issuer (or receiver, with received=true)")
@paginate(BoundedLimitOffsetPagination)
def list_assignments(request: HttpRequest, org_unit: DbId | None = None, year: Year | None = None, received: bool = False) -> QuerySet[Assignment]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return assignment_list(request.user, org_unit=unit, year=year, received=received).prefetch_related("process_documents").order_by("deadline", "pk")


@router.post("/assignments", response={201: AssignmentOut, **ERRORS}, summary="Give an assignment to a unit directly below (ASSIGN-001)")
def create_assignment(request: HttpRequest, payload: AssignmentIn) -> Status[Assignment]:
    issuer = refs.unit(request, payload.issuer)
    fields = _documents(request, issuer, _receiver(request, _without_empty(payload.dict(exclude={"issuer"})), issuer.group_id))
    return Status(201, services.assignment_create(actor=request.user, issuer=issuer, **fields))


@router.get("/assignments/{assignment_id}", response={200: AssignmentOut, **ERRORS})
def get_assignment(request: HttpRequest, assignment_id: DbId) -> Assignment:
    return assignment_get(request.user, assignment_id)


@router.patch("/assignments/{assignment_id}", response={200: AssignmentOut, **ERRORS}, summary="Change an assignment (ASSIGN-001)")
def update_assignment(request: HttpRequest, assignment_id: DbId, payload: AssignmentPatch, if_match: IfMatch = None) -> Assignment:
    assignment = assignment_get(request.user, assignment_id)
    with expected_version(assignment, if_match):
        fields = _documents(request, assignment.issuer, _receiver(request, payload.changes(), assignment.group_id))
        return services.assignment_update(actor=request.user, assignment=assignment, **fields)


@router.delete("/assignments/{assignment_id}", response={204: None, **ERRORS}, summary="Remove an assignment and its activities")
def delete_assignment(request: HttpRequest, assignment_id: DbId, if_match: IfMatch = None) -> Status[None]:
    assignment = assignment_get(request.user, assignment_id)
    with expected_version(assignment, if_match):
        services.assignment_delete(actor=request.user, assignment=assignment)
    return Status(204, None)


@router.get("/activities", response=list[ActivityOut], summary="Activities the caller may see")
@paginate(BoundedLimitOffsetPagination)
def list_activities(request: HttpRequest, org_unit: DbId | None = None) -> QuerySet[Activity]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return activity_list(request.user, org_unit=unit).order_by("org_unit_id", "start_date", "pk")


@router.post("/activities", response={201: ActivityOut, **ERRORS}, summary="Add an activity to a goal's or an assignment's action plan")
def create_activity(request: HttpRequest, payload: ActivityIn) -> Status[Activity]:
    goal = goal_get(request.user, payload.goal) if payload.goal is not None else None
    assignment = assignment_get(request.user, payload.assignment) if payload.assignment is not None else None
    fields = payload.dict(exclude={"goal", "assignment"})
    return Status(201, services.activity_create(actor=request.user, goal=goal, assignment=assignment, **fields))


@router.get("/activities/{activity_id}", response={200: ActivityOut, **ERRORS})
def get_activity(request: HttpRequest, activity_id: DbId) -> Activity:
    return activity_get(request.user, activity_id)


@router.patch("/activities/{activity_id}", response={200: ActivityOut, **ERRORS}, summary="Change an activity")
def update_activity(request: HttpRequest, activity_id: DbId, payload: ActivityPatch, if_match: IfMatch = None) -> Activity:
    activity = activity_get(request.user, activity_id)
    with expected_version(activity, if_match):
        return services.activity_update(actor=request.user, activity=activity, **payload.changes())


@router.delete("/activities/{activity_id}", response={204: None, **ERRORS})
def delete_activity(request: HttpRequest, activity_id: DbId, if_match: IfMatch = None) -> Status[None]:
    activity = activity_get(request.user, activity_id)
    with expected_version(activity, if_match):
        services.activity_delete(actor=request.user, activity=activity)
    return Status(204, None)
