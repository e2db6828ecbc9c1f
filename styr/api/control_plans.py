"""Internal control plans, their controls and KS's common controls (issue 12 §2). Officials and
controllers draft a body's plan (``internal_control.write``); the body's politicians adopt it
(``internal_control.adopt``, DIRECT_ONLY) with a decision and a snapshot; KS's controllers draft the
common controls and KS's politicians adopt a year's (``common_control.write`` / ``.adopt``).
Rules IC-004, IC-020…IC-029; locked data answers 409."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from styr.api.frames import FrameDecisionOut, Paragraph, RegistrationNumber, _decision
from styr.api.schemas import ERRORS, Day, DbId, Input, Patch, ShortText, Text, Title, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.control.models import CommonControl, Control, InternalControlPlan
from styr.control.selectors.plans import common_control_get, common_control_list, control_get, control_plan_get, control_plan_list, plan_controls
from styr.control.services.common_controls import common_control_create, common_control_delete, common_control_update, common_controls_adopt
from styr.control.services.plans import (
    control_create,
    control_delete,
    control_plan_adopt,
    control_plan_create,
    control_plan_propose,
    control_plan_sync,
    control_plan_withdraw,
    control_update,
)
from styr.organisation.selectors import group_of_user, org_unit_get

router = Router(tags=["Internal control plans"])

Method = Literal["sample", "review", "reconciliation", "self_assessment", "other"]
Frequency = Literal["once", "twice", "tertial", "quarterly", "monthly"]
Scope = Literal["committees", "companies", "all"]
Months = Annotated[list[Annotated[int, Field(ge=1, le=12)]], Field(max_length=12, description="Report months 1–12 (IC-025, IC-026)")]
SampleSize = Annotated[int, Field(ge=1, le=1_000_000)]


class ControlPlanControlOut(Schema):
    id: int
    version: Version
    plan_id: int
    title: str
    area: str
    method: str
    method_text: str
    sample_size: int | None
    frequency: str
    report_months: list[int]
    responsible: str
    risk_id: int | None
    common_control_id: int | None


class ControlPlanOut(Schema):
    id: int
    org_unit_id: int
    org_unit: str
    year: int
    #: draft, proposed or adopted
    state: str
    revision: int
    control_count: int
    decision: FrameDecisionOut | None
    adopted_at: datetime | None
    snapshot_sha256: str


class ControlPlanDetailOut(ControlPlanOut):
    controls: list[ControlPlanControlOut]
    snapshot: dict[str, Any] | None


class ControlPlanCreateIn(Input):
    org_unit: DbId
    year: Year


class ControlPlanAdoptIn(Input):
    decided_on: Day
    paragraph: Paragraph
    registration_number: RegistrationNumber


class ControlPlanControlIn(Input):
    plan: DbId
    title: Title
    method: Method = "sample"
    method_text: Text = ""
    sample_size: SampleSize | None = None
    frequency: Frequency = "once"
    report_months: Months
    area: ShortText = ""
    responsible: ShortText = ""


class ControlPlanControlPatch(Patch):
    nullable = frozenset({"sample_size"})
    title: Title | None = None
    method: Method | None = None
    method_text: Text | None = None
    sample_size: SampleSize | None = None
    frequency: Frequency | None = None
    report_months: Months | None = None
    area: ShortText | None = None
    responsible: ShortText | None = None


class CommonControlOut(Schema):
    id: int
    version: Version
    year: int
    applies_to: str
    title: str
    area: str
    method: str
    method_text: str
    sample_size: int | None
    frequency: str
    report_months: list[int]
    adopted: bool
    decision: FrameDecisionOut | None


class CommonControlIn(Input):
    year: Year
    applies_to: Scope = "committees"
    title: Title
    method: Method = "sample"
    method_text: Text = ""
    sample_size: SampleSize | None = None
    frequency: Frequency = "once"
    report_months: Months
    area: ShortText = ""


class CommonControlPatch(Patch):
    nullable = frozenset({"sample_size"})
    applies_to: Scope | None = None
    title: Title | None = None
    method: Method | None = None
    method_text: Text | None = None
    sample_size: SampleSize | None = None
    frequency: Frequency | None = None
    report_months: Months | None = None
    area: ShortText | None = None


class CommonControlAdoptIn(Input):
    year: Year
    decided_on: Day
    paragraph: Paragraph
    registration_number: RegistrationNumber


def _control(c: Control) -> dict[str, Any]:
    return {
        "id": c.pk,
        "version": c.version,
        "plan_id": c.plan_id,
        "title": c.title,
        "area": c.area,
        "method": c.method,
        "method_text": c.method_text,
        "sample_size": c.sample_size,
        "frequency": c.frequency,
        "report_months": list(c.report_months),
        "responsible": c.responsible,
        "risk_id": c.risk_id,
        "common_control_id": c.common_control_id,
    }


def _plan(p: InternalControlPlan, *, detail: bool = False) -> dict[str, Any]:
    count = getattr(p, "control_count", None)
    out = {
        "id": p.pk,
        "org_unit_id": p.org_unit_id,
        "org_unit": p.org_unit.name,
        "year": p.year,
        "state": p.state,
        "revision": p.revision,
        "control_count": count if count is not None else p.controls.count(),
        "decision": _decision(p.decision),
        "adopted_at": p.adopted_at,
        "snapshot_sha256": p.snapshot_sha256,
    }
    if detail:
        out |= {"controls": [_control(c) for c in plan_controls(p)], "snapshot": p.snapshot}
    return out


def _common(c: CommonControl) -> dict[str, Any]:
    return {
        "id": c.pk,
        "version": c.version,
        "year": c.year,
        "applies_to": c.applies_to,
        "title": c.title,
        "area": c.area,
        "method": c.method,
        "method_text": c.method_text,
        "sample_size": c.sample_size,
        "frequency": c.frequency,
        "report_months": list(c.report_months),
        "adopted": c.decision_id is not None,
        "decision": _decision(c.decision),
    }


def _detail(request: HttpRequest, plan: InternalControlPlan) -> dict[str, Any]:
    return _plan(control_plan_get(request.user, plan.pk), detail=True)


@router.get("/control/plans", response={200: list[ControlPlanOut], **ERRORS}, summary="The internal control plans of the bodies the caller sees")
def list_plans(request: HttpRequest, year: Year | None = None, org_unit: DbId | None = None) -> list[dict[str, Any]]:
    group = group_of_user(request.user)
    unit = org_unit_get(request.user, org_unit) if org_unit is not None else None
    return [_plan(p) for p in control_plan_list(request.user, group=group, year=year, org_unit=unit)]


@router.get("/control/plans/{int:plan_id}", response={200: ControlPlanDetailOut, **ERRORS}, summary="A plan with its controls (and its snapshot once adopted)")
def get_plan(request: HttpRequest, plan_id: DbId) -> dict[str, Any]:
    return _plan(control_plan_get(request.user, plan_id), detail=True)


@router.post(
    "/control/plans",
    response={201: ControlPlanDetailOut, **ERRORS},
    summary="Make a body's plan for a year from its chosen risks and KS's adopted common controls (IC-004, IC-020)",
)
def create_plan(request: HttpRequest, payload: ControlPlanCreateIn) -> Status[dict[str, Any]]:
    unit = org_unit_get(request.user, payload.org_unit)
    plan = control_plan_create(actor=request.user, org_unit=unit, year=payload.year)
    return Status(201, _detail(request, plan))


@router.post("/control/plans/{int:plan_id}/sync", response={200: ControlPlanDetailOut, **ERRORS}, summary="Add risks chosen and common controls adopted since")
def sync_plan(request: HttpRequest, plan_id: DbId) -> dict[str, Any]:
    plan = control_plan_get(request.user, plan_id)
    control_plan_sync(actor=request.user, plan=plan)
    return _detail(request, plan)


@router.post("/control/plans/{int:plan_id}/propose", response={200: ControlPlanDetailOut, **ERRORS}, summary="Put the draft before the body (IC-022, IC-029)")
def propose_plan(request: HttpRequest, plan_id: DbId) -> dict[str, Any]:
    plan = control_plan_propose(actor=request.user, plan=control_plan_get(request.user, plan_id))
    return _detail(request, plan)


@router.post("/control/plans/{int:plan_id}/withdraw", response={200: ControlPlanDetailOut, **ERRORS}, summary="Take a proposal back to draft (IC-022)")
def withdraw_plan(request: HttpRequest, plan_id: DbId) -> dict[str, Any]:
    plan = control_plan_withdraw(actor=request.user, plan=control_plan_get(request.user, plan_id))
    return _detail(request, plan)


@router.post(
    "/control/plans/{int:plan_id}/adopt",
    response={200: ControlPlanDetailOut, **ERRORS},
    summary="The body adopts its proposed plan: decision, snapshot and SHA-256; the plan is locked (politicians on the body itself)",
)
def adopt_plan(request: HttpRequest, plan_id: DbId, payload: ControlPlanAdoptIn) -> dict[str, Any]:
    plan = control_plan_get(request.user, plan_id)
    adopted = control_plan_adopt(
        actor=request.user, plan=plan, decided_on=payload.decided_on, paragraph=payload.paragraph, registration_number=payload.registration_number
    )
    return _detail(request, adopted)


@router.post("/control/controls", response={201: ControlPlanControlOut, **ERRORS}, summary="Add a control to a draft plan (IC-021, IC-024…IC-026)")
def create_control(request: HttpRequest, payload: ControlPlanControlIn) -> Status[dict[str, Any]]:
    plan = control_plan_get(request.user, payload.plan)
    fields = payload.model_dump(exclude={"plan"})
    return Status(201, _control(control_create(actor=request.user, plan=plan, **fields)))


@router.get("/control/controls/{int:control_id}", response={200: ControlPlanControlOut, **ERRORS}, summary="One control of a plan")
def get_control(request: HttpRequest, control_id: DbId) -> dict[str, Any]:
    return _control(control_get(request.user, control_id))


@router.patch("/control/controls/{int:control_id}", response={200: ControlPlanControlOut, **ERRORS}, summary="Change a control of a draft plan (IC-023)")
def update_control(request: HttpRequest, control_id: DbId, payload: ControlPlanControlPatch, if_match: IfMatch = None) -> dict[str, Any]:
    control = control_get(request.user, control_id)
    with expected_version(control, if_match):
        return _control(control_update(actor=request.user, control=control, **payload.changes()))


@router.delete("/control/controls/{int:control_id}", response={204: None, **ERRORS}, summary="Remove a control of a draft plan (IC-021, IC-023)")
def delete_control(request: HttpRequest, control_id: DbId, if_match: IfMatch = None) -> Status[None]:
    control = control_get(request.user, control_id)
    with expected_version(control, if_match):
        control_delete(actor=request.user, control=control)
    return Status(204, None)


@router.get("/control/common-controls", response={200: list[CommonControlOut], **ERRORS}, summary="KS's common controls")
def list_common_controls(request: HttpRequest, year: Year | None = None) -> list[dict[str, Any]]:
    return [_common(c) for c in common_control_list(request.user, group=group_of_user(request.user), year=year)]


@router.get("/control/common-controls/{int:common_id}", response={200: CommonControlOut, **ERRORS}, summary="One common control")
def get_common_control(request: HttpRequest, common_id: DbId) -> dict[str, Any]:
    return _common(common_control_get(request.user, common_id))


@router.post("/control/common-controls", response={201: CommonControlOut, **ERRORS}, summary="Draft a common control for a year (KS's controllers)")
def create_common_control(request: HttpRequest, payload: CommonControlIn) -> Status[dict[str, Any]]:
    fields = payload.model_dump(exclude={"year"})
    made = common_control_create(actor=request.user, group=group_of_user(request.user), year=payload.year, **fields)
    return Status(201, _common(made))


@router.patch("/control/common-controls/{int:common_id}", response={200: CommonControlOut, **ERRORS}, summary="Change a draft common control (IC-027)")
def update_common_control(request: HttpRequest, common_id: DbId, payload: CommonControlPatch, if_match: IfMatch = None) -> dict[str, Any]:
    common = common_control_get(request.user, common_id)
    with expected_version(common, if_match):
        return _common(common_control_update(actor=request.user, common=common, **payload.changes()))


@router.delete("/control/common-controls/{int:common_id}", response={204: None, **ERRORS}, summary="Remove a draft common control (IC-027)")
def delete_common_control(request: HttpRequest, common_id: DbId, if_match: IfMatch = None) -> Status[None]:
    common = common_control_get(request.user, common_id)
    with expected_version(common, if_match):
        common_control_delete(actor=request.user, common=common)
    return Status(204, None)


@router.post(
    "/control/common-controls/adopt",
    response={200: list[CommonControlOut], **ERRORS},
    summary="KS adopts the year's draft common controls; they are added to every draft plan they apply to (IC-028)",
)
def adopt_common_controls(request: HttpRequest, payload: CommonControlAdoptIn) -> list[dict[str, Any]]:
    adopted = common_controls_adopt(
        actor=request.user,
        group=group_of_user(request.user),
        year=payload.year,
        decided_on=payload.decided_on,
        paragraph=payload.paragraph,
        registration_number=payload.registration_number,
    )
    return [_common(CommonControl.objects.select_related("decision").get(pk=c.pk)) for c in adopted]
