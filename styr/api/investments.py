"""The rolling three-year investment plan (issue 11 §3): the committees' investment projects and
their amounts in the plan of each year of Mål och budget, the plan's totals, and the investment
account (investeringsredovisning: budget, actual from the ledgers, deviation). KS's controllers and
the committee's officials prepare (``investment.write``); once the council has adopted Mål och
budget the year's plan is locked (409 INV-003); everyone who sees the committee reads (auditors too)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from styr.api.schemas import ERRORS, SOMETHING, DbId, Input, Patch, Text, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.economy.models import InvestmentAmount, InvestmentProject
from styr.economy.selectors.investments import (
    investment_account_list,
    investment_account_total,
    investment_plan,
    investment_project_amounts,
    investment_project_get,
    investment_project_list,
)
from styr.economy.services import (
    investment_amount_set,
    investment_plan_roll,
    investment_project_create,
    investment_project_delete,
    investment_project_update,
)
from styr.organisation.selectors import group_holding, group_of_user, org_unit_get

router = Router(tags=["Investments"])

#: An amount in thousands of kronor, never NaN or infinity; 0 or more with at most one decimal is the services' rule (INV-002).
Tsek = Annotated[Decimal, Field(allow_inf_nan=False, strict=False, description="tkr, 0 or more, at most one decimal (INV-002)")]
Category = Literal["reinvestment", "expansion", "exploitation"]
ProjectStatus = Literal["planned", "ongoing", "finished", "cancelled"]
Code = Annotated[str, Field(max_length=40, pattern=r"^[^\x00]*$")]
Name = Annotated[str, Field(max_length=200, pattern=SOMETHING)]


class AmountOut(Schema):
    version: Version
    plan_year: int
    year: int
    amount_tsek: Decimal
    capital_cost_tsek: Decimal
    running_cost_tsek: Decimal


class ProjectOut(Schema):
    id: int
    version: Version
    committee_id: int
    committee: str
    name: str
    description: str
    category: str
    status: str
    start_year: int
    end_year: int
    code: str
    total_tsek: Decimal | None
    #: the amounts of every plan the project is in, newest plan first
    amounts: list[AmountOut]


class ProjectIn(Input):
    committee: DbId
    name: Name
    category: Category
    start_year: Year
    end_year: Year
    description: Text = ""
    status: ProjectStatus = "planned"
    code: Code = ""
    total_tsek: Tsek | None = None


class ProjectPatch(Patch):
    nullable: ClassVar[frozenset[str]] = frozenset({"total_tsek"})

    name: Name | None = None
    description: Text | None = None
    category: Category | None = None
    status: ProjectStatus | None = None
    start_year: Year | None = None
    end_year: Year | None = None
    code: Code | None = None
    total_tsek: Tsek | None = None


class AmountIn(Input):
    plan_year: Year = Field(description="The year of Mål och budget whose plan the amount belongs to (N)")
    year: Year = Field(description="N, N+1 or N+2 (INV-006)")
    amount_tsek: Tsek
    capital_cost_tsek: Tsek | None = Field(default=None, description="Operating-cost consequence: capital cost that year (tkr); null leaves it")
    running_cost_tsek: Tsek | None = Field(default=None, description="Operating-cost consequence: running cost that year (tkr); null leaves it")


class PlanCommitteeOut(Schema):
    committee_id: int
    committee: str
    totals: dict[int, Decimal]


class InvestmentPlanOut(Schema):
    year: int
    #: the council has adopted Mål och budget for the year: the plan is locked (INV-003)
    locked: bool
    totals: dict[int, Decimal]
    by_category: dict[str, dict[int, Decimal]]
    committees: list[PlanCommitteeOut]


class AccountRowOut(Schema):
    project_id: int | None
    project: str
    committee: str
    code: str
    budget_tsek: Decimal
    actual_tsek: Decimal
    deviation_tsek: Decimal


class AccountOut(Schema):
    year: int
    rows: list[AccountRowOut]
    total: AccountRowOut


class RollOut(Schema):
    from_year: int
    to_year: int
    amounts: int


def _amount(a: InvestmentAmount) -> dict[str, Any]:
    return {
        "version": a.version,
        "plan_year": a.plan_year,
        "year": a.year,
        "amount_tsek": a.amount_tsek,
        "capital_cost_tsek": a.capital_cost_tsek,
        "running_cost_tsek": a.running_cost_tsek,
    }


def _project(p: InvestmentProject, amounts: list[InvestmentAmount] | None = None) -> dict[str, Any]:
    if amounts is None:
        amounts = [a for rows in investment_project_amounts(p).values() for a in rows]
    return {
        "id": p.pk,
        "version": p.version,
        "committee_id": p.committee_id,
        "committee": p.committee.name,
        "name": p.name,
        "description": p.description,
        "category": p.category,
        "status": p.status,
        "start_year": p.start_year,
        "end_year": p.end_year,
        "code": p.code,
        "total_tsek": p.total_tsek,
        "amounts": [_amount(a) for a in amounts],
    }


@router.get("/investment-projects", response={200: list[ProjectOut], **ERRORS}, summary="The investment projects of the committees the caller may see")
def list_projects(request: HttpRequest, committee: DbId | None = None) -> list[dict[str, Any]]:
    group = group_of_user(request.user)
    unit = org_unit_get(request.user, committee) if committee is not None else None
    projects = list(investment_project_list(request.user, group=group, committee=unit).prefetch_related("amounts"))
    return [_project(p, sorted(p.amounts.all(), key=lambda a: (-a.plan_year, a.year))) for p in projects]


@router.post(
    "/investment-projects",
    response={201: ProjectOut, **ERRORS},
    summary="Add a committee's investment project (INV-002, INV-004, INV-005, INV-007)",
    description="KS's controllers and the committee's officials prepare.",
)
def create_project(request: HttpRequest, payload: ProjectIn) -> Status[dict[str, Any]]:
    committee = org_unit_get(request.user, payload.committee)
    fields = payload.model_dump(exclude={"committee"})
    project = investment_project_create(actor=request.user, committee=committee, **fields)
    return Status(201, _project(project, []))


@router.get("/investment-projects/{project_id}", response={200: ProjectOut, **ERRORS}, summary="A project with its amounts in every plan")
def get_project(request: HttpRequest, project_id: DbId) -> dict[str, Any]:
    return _project(investment_project_get(request.user, project_id, group=group_holding(request.user)))


@router.patch("/investment-projects/{project_id}", response={200: ProjectOut, **ERRORS}, summary="Change a project (INV-001, INV-002, INV-005, INV-007)")
def update_project(request: HttpRequest, project_id: DbId, payload: ProjectPatch, if_match: IfMatch = None) -> dict[str, Any]:
    project = investment_project_get(request.user, project_id, group=group_holding(request.user))
    with expected_version(project, if_match):
        return _project(investment_project_update(actor=request.user, project=project, **payload.changes()))


@router.delete("/investment-projects/{project_id}", response={204: None, **ERRORS}, summary="Remove a project not in an adopted plan (INV-003)")
def delete_project(request: HttpRequest, project_id: DbId, if_match: IfMatch = None) -> Status[None]:
    project = investment_project_get(request.user, project_id, group=group_holding(request.user))
    with expected_version(project, if_match):
        investment_project_delete(actor=request.user, project=project)
    return Status(204, None)


@router.put(
    "/investment-projects/{project_id}/amounts",
    response={200: AmountOut, **ERRORS},
    summary="Set a project's amount for a year of a plan, with its operating-cost consequences (INV-001, INV-002, INV-003, INV-006)",
)
def put_amount(request: HttpRequest, project_id: DbId, payload: AmountIn, if_match: IfMatch = None) -> dict[str, Any]:
    project = investment_project_get(request.user, project_id, group=group_holding(request.user))
    existing = InvestmentAmount.objects.filter(project=project, plan_year=payload.plan_year, year=payload.year).first()  # None: a new amount
    with expected_version(existing, if_match):
        return _amount(investment_amount_set(actor=request.user, project=project, **payload.model_dump()))


@router.get("/investment-plan/{year}", response={200: InvestmentPlanOut, **ERRORS}, summary="The plan of Mål och budget for the year: totals for N, N+1, N+2")
def get_plan(request: HttpRequest, year: Year) -> dict[str, Any]:
    plan = investment_plan(request.user, group=group_of_user(request.user), year=year)
    return {
        "year": plan.year,
        "locked": plan.locked,
        "totals": plan.totals,
        "by_category": plan.by_category,
        "committees": [{"committee_id": c.committee.pk, "committee": c.committee.name, "totals": c.totals} for c in plan.committees],
    }


@router.post(
    "/investment-plan/{year}/roll",
    response={201: RollOut, **ERRORS},
    summary="Roll the plan of the year forward as the draft plan of the next year (KS's controllers; INV-003)",
)
def roll_plan(request: HttpRequest, year: Year) -> Status[dict[str, Any]]:
    written = investment_plan_roll(actor=request.user, group=group_of_user(request.user), from_year=year)
    return Status(201, {"from_year": year, "to_year": year + 1, "amounts": len(written)})


def _row(r: Any) -> dict[str, Any]:
    return {
        "project_id": r.project.pk if r.project is not None else None,
        "project": r.name,
        "committee": r.committee,
        "code": r.code,
        "budget_tsek": r.budget_tsek,
        "actual_tsek": r.actual_tsek,
        "deviation_tsek": r.deviation_tsek,
    }


@router.get(
    "/investment-account/{year}",
    response={200: AccountOut, **ERRORS},
    summary="The investment account of the year: per project the budget, the actual spend from the ledgers and the deviation (tkr)",
)
def get_account(request: HttpRequest, year: Year) -> dict[str, Any]:
    rows = investment_account_list(request.user, group=group_of_user(request.user), year=year)
    return {"year": year, "rows": [_row(r) for r in rows], "total": _row(investment_account_total(rows))}
