"""The financial goals computed from the accounts (issue 11 §1): each goal's status for a year and
month, the pension obligations outside the balance sheet, and the council's judgement of good
financial management. Everyone who sees the council reads; the council's and KS's controllers
write (``financial_management.write``); a reader the council is out of scope for gets 404."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from pydantic import Field

from styr.api.schemas import ERRORS, SOMETHING, Amount, DbId, Input, Text, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.core.permissions import require_visible
from styr.economy import services
from styr.economy.models import FinancialManagementAssessment, PensionObligation
from styr.economy.selectors.financial_goals import FinancialGoalStatus, council_of, financial_goal_status, good_management_assessment, reason_text
from styr.organisation.models import MunicipalGroup
from styr.organisation.selectors import group_of_user
from styr.planning.selectors import financial_goal_get

router = Router(tags=["financial goals"])
Month = Annotated[int, Field(ge=1, le=12, description="Read the actuals up to this month (default: the latest with actuals)")]


class MonthValueOut(Schema):
    month: int
    value: Decimal | None
    reason: str


class FinancialGoalStatusOut(Schema):
    goal_id: int
    title: str
    year: int
    measure: str = Field(description="The measure's key; empty for a goal with a free-text key ratio")
    measure_label: str
    unit: str
    higher_is_better: bool | None
    value: Decimal | None = Field(description="Year to date, at value_month")
    value_month: int | None
    reason: str = Field(description="Why there is no value, when there is none")
    forecast_value: Decimal | None = Field(description="The full year: the budget with the committees' forecast deviations")
    forecast_reason: str
    target: Decimal | None
    status: str = Field(description="A step of the model's status scale")
    series: list[MonthValueOut]


class PensionObligationIn(Input):
    year: Year
    amount_sek: Amount = Field(description="The pension obligations reported as a contingent liability, payroll tax included (kr)")
    source: str = Field(max_length=200, pattern=SOMETHING, description="The statement the figure comes from")


class PensionObligationOut(Schema):
    year: int
    version: Version
    amount_sek: Decimal
    source: str


class AssessmentIn(Input):
    year: Year
    conclusion: str = Field(max_length=30, description="A step of the model's status scale (MODEL-002)")
    judgement: Text = Field("", description="The council's summary judgement (FIN-006: needed for an assessed step)")


class AssessmentOut(Schema):
    year: int
    version: Version
    conclusion: str
    judgement: str


class OperationalGoalOut(Schema):
    goal_id: int
    title: str
    status: str


class GoodManagementOut(Schema):
    year: int
    financial: list[FinancialGoalStatusOut]
    operational: list[OperationalGoalOut]
    assessment: AssessmentOut | None


def _group(request: HttpRequest) -> MunicipalGroup:
    """The caller's group, once its council is in the caller's scope (404 otherwise)."""
    group = group_of_user(request.user)
    council = council_of(group)
    if council is None:
        raise Http404
    require_visible(request.user, council)
    return group


def _status(row: FinancialGoalStatus) -> dict[str, Any]:
    measure = row.measure
    return {
        "goal_id": row.goal.pk,
        "title": row.goal.title,
        "year": row.goal.year,
        "measure": measure.key if measure is not None else "",
        "measure_label": row.measure_label,
        "unit": measure.unit if measure is not None else row.goal.unit_label,
        "higher_is_better": measure.higher_is_better if measure is not None else None,
        "value": row.value,
        "value_month": row.value_month,
        "reason": reason_text(row.reason),
        "forecast_value": row.forecast_value,
        "forecast_reason": reason_text(row.forecast_reason),
        "target": row.target,
        "status": row.status,
        "series": [{"month": m.month, "value": m.value, "reason": reason_text(m.reason)} for m in row.series],
    }


@router.get(
    "/financial-goals/status", response={200: list[FinancialGoalStatusOut], **ERRORS}, summary="The financial goals of a year computed from the accounts"
)
def list_status(request: HttpRequest, year: Year, month: Month | None = None) -> list[dict[str, Any]]:
    return [_status(row) for row in financial_goal_status(_group(request), year, month)]


@router.get("/financial-goals/{goal_id}/status", response={200: FinancialGoalStatusOut, **ERRORS}, summary="One financial goal's value, forecast and status")
def goal_status(request: HttpRequest, goal_id: DbId, month: Month | None = None) -> dict[str, Any]:
    goal = financial_goal_get(request.user, goal_id)
    found = next(row for row in financial_goal_status(goal.group, goal.year, month) if row.goal.pk == goal.pk)
    return _status(found)


@router.get("/financial-goals/pension-obligations", response={200: list[PensionObligationOut], **ERRORS}, summary="The pension obligations entered per year")
def list_pension_obligations(request: HttpRequest) -> list[PensionObligation]:
    return list(PensionObligation.objects.filter(group=_group(request)).order_by("year"))


@router.put("/financial-goals/pension-obligations", response={200: PensionObligationOut, **ERRORS}, summary="Enter a year's pension obligations (FIN-005)")
def set_pension_obligation(request: HttpRequest, payload: PensionObligationIn, if_match: IfMatch = None) -> PensionObligation:
    group = _group(request)
    existing = PensionObligation.objects.filter(group=group, year=payload.year).first()  # None: a new year, nothing to overwrite
    with expected_version(existing, if_match):
        return services.pension_obligation_set(actor=request.user, group=group, **payload.dict())


@router.get(
    "/financial-goals/assessment", response={200: GoodManagementOut, **ERRORS}, summary="Good financial management: both kinds of goals and the judgement"
)
def get_assessment(request: HttpRequest, year: Year) -> dict[str, Any]:
    view = good_management_assessment(_group(request), year)
    return {
        "year": year,
        "financial": [_status(row) for row in view.financial],
        "operational": [{"goal_id": g.pk, "title": g.title, "status": g.step.code} for g in view.operational],
        "assessment": view.assessment,
    }


@router.put("/financial-goals/assessment", response={200: AssessmentOut, **ERRORS}, summary="The council's judgement of good financial management (FIN-006)")
def set_assessment(request: HttpRequest, payload: AssessmentIn, if_match: IfMatch = None) -> Any:
    group = _group(request)
    existing = FinancialManagementAssessment.objects.filter(group=group, year=payload.year).first()  # None: a first judgement
    with expected_version(existing, if_match):
        return services.financial_management_assess(actor=request.user, group=group, **payload.dict())
