"""Plans and their decisions (seed §6.3) and the council's financial goals (seed §5.D, FIN-001).

A plan goes draft → proposed → adopted (PLAN-001); adoption records the decision and freezes the
content as a snapshot with its SHA-256; a later change starts a new revision (PLAN-002)."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from styr.api import refs
from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import ERRORS, SOMETHING, Amount, Day, DbId, Input, Patch, Title, UnitLabel, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.documents.builders import plan_content
from styr.domain.plans import election_year_warning, snapshot_diff
from styr.planning import services
from styr.planning.models import FinancialGoal, LifecycleState, Plan
from styr.planning.selectors import financial_goal_get, financial_goal_list, plan_get, plan_list

router = Router(tags=["plans"])

Paragraph = Annotated[str, Field(max_length=30, pattern=SOMETHING, examples=["§ 49"])]
RegistrationNumber = Annotated[str, Field(max_length=50, pattern=SOMETHING)]
Ratio = Annotated[str, Field(max_length=100, pattern=r"^[^\x00]*$")]
MeasureKey = Annotated[str, Field(max_length=40, pattern=r"^[a-z_]*$", examples=["result_share"])]


# --- Output ------------------------------------------------------------------------------


class DecisionOut(Schema):
    id: int
    body_id: int
    decided_on: date
    paragraph: str
    registration_number: str
    title: str


class PlanOut(Schema):
    id: int
    version: Version
    org_unit_id: int
    kind: str
    year: int
    revision: int
    state: str
    decision: DecisionOut | None
    snapshot_sha256: str
    election_year_warning: bool = Field(description="An election year: this Mål och budget is for the newly elected council to adopt")

    @staticmethod
    def resolve_election_year_warning(obj: Plan) -> bool:
        return election_year_warning(
            plan_kind=obj.kind,
            plan_year=obj.year,
            decided_on=obj.decision.decided_on if obj.decision is not None else None,
            model=obj.group.governance,
        )


class PlanDetailOut(PlanOut):
    snapshot: dict[str, Any] | None = Field(description="The content as adopted (only for an adopted plan)")

    @staticmethod
    def resolve_snapshot(obj: Plan) -> dict[str, Any] | None:
        return obj.snapshot if obj.state == LifecycleState.ADOPTED else None


class SectionDiffOut(Schema):
    section: str
    added: list[str]
    removed: list[str]
    changed: list[str]


class PlanCompareOut(Schema):
    plan_id: int
    other_id: int
    identical: bool
    sections: list[SectionDiffOut]


class FinancialGoalOut(Schema):
    id: int
    version: Version
    org_unit_id: int
    year: int
    title: str
    measure: str = Field(description="The measure Styr computes from the accounts (empty: a free-text key ratio)")
    ratio: str
    target_value: Decimal | None
    unit_label: str


# --- Input -------------------------------------------------------------------------------


class PlanIn(Input):
    org_unit: DbId
    year: Year


class AdoptIn(Input):
    decided_on: Day
    paragraph: Paragraph
    registration_number: RegistrationNumber


class FinancialGoalIn(Input):
    org_unit: DbId = Field(description="The council (FIN-001)")
    year: Year
    title: Title
    measure: MeasureKey = Field("", description="One of the measures Styr computes (FIN-002); the target is in its unit (FIN-003)")
    ratio: Ratio = ""
    target_value: Amount | None = None
    unit_label: UnitLabel = ""


class FinancialGoalPatch(Patch):
    nullable = frozenset({"target_value"})

    year: Year | None = None
    title: Title | None = None
    measure: MeasureKey | None = None
    ratio: Ratio | None = None
    target_value: Amount | None = None
    unit_label: UnitLabel | None = None


# --- Plans --------------------------------------------------------------------------------


@router.get("/plans", response=list[PlanOut], summary="Plans the caller may see, newest first")
@paginate(BoundedLimitOffsetPagination)
def list_plans(request: HttpRequest, org_unit: DbId | None = None, year: Year | None = None) -> QuerySet[Plan]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    plans = plan_list(request.user, org_unit=unit, year=year).select_related("group").defer("snapshot")  # the list leaves the content out
    return plans.order_by("-year", "org_unit_id", "-revision")


@router.post("/plans", response={201: PlanDetailOut, **ERRORS}, summary="Start a plan for a unit and year (PLAN-003, PLAN-005)")
def create_plan(request: HttpRequest, payload: PlanIn) -> Status[Plan]:
    return Status(201, services.plan_create(actor=request.user, org_unit=refs.unit(request, payload.org_unit), year=payload.year))


@router.get("/plans/{plan_id}", response={200: PlanDetailOut, **ERRORS}, summary="A plan, with the adopted snapshot when it is adopted")
def get_plan(request: HttpRequest, plan_id: DbId) -> Plan:
    return plan_get(request.user, plan_id)


@router.post("/plans/{plan_id}/propose", response={200: PlanDetailOut, **ERRORS}, summary="Put the draft before the body for decision (PLAN-001)")
def propose_plan(request: HttpRequest, plan_id: DbId) -> Plan:
    return services.plan_propose(actor=request.user, plan=plan_get(request.user, plan_id))


@router.post("/plans/{plan_id}/withdraw", response={200: PlanDetailOut, **ERRORS}, summary="Take a proposed plan back to draft (PLAN-001)")
def withdraw_plan(request: HttpRequest, plan_id: DbId) -> Plan:
    return services.plan_withdraw(actor=request.user, plan=plan_get(request.user, plan_id))


@router.post(
    "/plans/{plan_id}/adopt",
    response={200: PlanDetailOut, **ERRORS},
    summary="Record the body's decision and freeze the plan (a politician of the unit itself)",
    description="In an election year, next year's Mål och budget can be adopted only once the new council has taken office (PLAN-006, 422).",
)
def adopt_plan(request: HttpRequest, plan_id: DbId, payload: AdoptIn) -> Plan:
    plan = plan_get(request.user, plan_id)
    return services.plan_adopt(actor=request.user, plan=plan, **payload.dict())


@router.post("/plans/{plan_id}/revise", response={201: PlanDetailOut, **ERRORS}, summary="Start a new revision of an adopted plan")
def revise_plan(request: HttpRequest, plan_id: DbId) -> Status[Plan]:
    return Status(201, services.plan_revise(actor=request.user, plan=plan_get(request.user, plan_id)))


@router.post("/plans/{plan_id}/start-next-year", response={201: PlanDetailOut, **ERRORS}, summary="Start next year's plan from this one")
def start_next_year(request: HttpRequest, plan_id: DbId) -> Status[Plan]:
    return Status(201, services.plan_start_next_year(actor=request.user, plan=plan_get(request.user, plan_id)))


@router.get("/plans/{plan_id}/compare/{other_id}", response={200: PlanCompareOut, **ERRORS}, summary="What differs between two plans, section by section")
def compare_plans(request: HttpRequest, plan_id: DbId, other_id: DbId) -> dict[str, Any]:
    plan, other = plan_get(request.user, plan_id), plan_get(request.user, other_id)
    sections = snapshot_diff(plan_content(plan, reader=request.user), plan_content(other, reader=request.user))
    return {"plan_id": plan.pk, "other_id": other.pk, "identical": all(s.is_empty for s in sections), "sections": sections}


# --- Financial goals (the council's only, FIN-001) ------------------------------------------


@router.get("/financial-goals", response=list[FinancialGoalOut], summary="Financial goals the caller may see")
@paginate(BoundedLimitOffsetPagination)
def list_financial_goals(request: HttpRequest, org_unit: DbId | None = None, year: Year | None = None) -> QuerySet[FinancialGoal]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return financial_goal_list(request.user, org_unit=unit, year=year).order_by("org_unit_id", "year", "pk")


@router.post("/financial-goals", response={201: FinancialGoalOut, **ERRORS}, summary="Add one of the council's financial goals (FIN-001)")
def create_financial_goal(request: HttpRequest, payload: FinancialGoalIn) -> Status[FinancialGoal]:
    unit = refs.unit(request, payload.org_unit)
    return Status(201, services.financial_goal_create(actor=request.user, org_unit=unit, **payload.dict(exclude={"org_unit"})))


@router.get("/financial-goals/{goal_id}", response={200: FinancialGoalOut, **ERRORS})
def get_financial_goal(request: HttpRequest, goal_id: DbId) -> FinancialGoal:
    return financial_goal_get(request.user, goal_id)


@router.patch("/financial-goals/{goal_id}", response={200: FinancialGoalOut, **ERRORS}, summary="Change a financial goal")
def update_financial_goal(request: HttpRequest, goal_id: DbId, payload: FinancialGoalPatch, if_match: IfMatch = None) -> FinancialGoal:
    goal = financial_goal_get(request.user, goal_id)
    with expected_version(goal, if_match):
        return services.financial_goal_update(actor=request.user, goal=goal, **payload.changes())


@router.delete("/financial-goals/{goal_id}", response={204: None, **ERRORS})
def delete_financial_goal(request: HttpRequest, goal_id: DbId, if_match: IfMatch = None) -> Status[None]:
    goal = financial_goal_get(request.user, goal_id)
    with expected_version(goal, if_match):
        services.financial_goal_delete(actor=request.user, goal=goal)
    return Status(204, None)
