"""KS's oversight of the group's internal control (issue 12 §4): the year's overview of every
committee and company the caller sees, and KS's evaluation with its decision on actions. KS's
controllers write the draft (``oversight.write``), a politician on KS adopts it (``oversight.adopt``)
as a decision with a frozen snapshot (IC-040…IC-042)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from styr.api.frames import FrameDecisionOut, Paragraph, RegistrationNumber, _decision
from styr.api.schemas import ERRORS, Day, DbId, Input, Patch, Text, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.control.models import OversightEvaluation
from styr.control.selectors.oversight import evaluation_get, evaluation_list, oversight_overview, overview_content
from styr.control.services.oversight import evaluation_adopt, evaluation_create, evaluation_update
from styr.organisation.selectors import group_holding, group_of_user

router = Router(tags=["Internal control: KS's oversight"])


class OversightDecisionOut(Schema):
    decided_on: str
    paragraph: str
    registration_number: str


class OversightActionOut(Schema):
    id: int
    description: str
    owner: str
    deadline: str | None
    status: str
    #: the year of the plan the action's deviation was found in (earlier years' carry over)
    year: int
    control: str


class OversightBodyOut(Schema):
    unit_id: int
    name: str
    kind: str
    company: bool
    #: "", "draft", "proposed" or "adopted"
    plan_state: str
    plan_id: int | None
    decision: OversightDecisionOut | None
    deadline: str | None
    #: adopted by the årshjul's deadline (null: no deadline or not adopted)
    on_time: bool | None
    controls: int
    reported: int
    #: status-scale code -> number of controls whose latest result has it
    results: dict[str, int]
    #: severity -> number of deviations
    deviations: dict[str, int]
    overdue_actions: list[OversightActionOut]
    report_state: str


class OversightAreaOut(Schema):
    area: str
    high: int
    medium: int
    low: int


class OversightCommonBodyOut(Schema):
    unit_id: int
    name: str
    status: str


class OversightCommonOut(Schema):
    id: int
    title: str
    applies_to: str
    adopted: bool
    bodies: list[OversightCommonBodyOut]


class OversightOut(Schema):
    year: int
    as_of: str
    bodies: list[OversightBodyOut]
    areas: list[OversightAreaOut]
    common_controls: list[OversightCommonOut]


class OversightEvaluationOut(Schema):
    id: int
    version: Version
    year: int
    evaluation: str
    measures: str
    #: "draft" or "adopted"
    state: str
    decision: FrameDecisionOut | None
    adopted_at: datetime | None
    snapshot_sha256: str
    #: the overview KS judged, frozen when adopted
    snapshot: dict[str, Any] | None


class OversightEvaluationIn(Input):
    year: Year
    evaluation: Text = ""
    measures: Text = ""


class OversightEvaluationPatch(Patch):
    evaluation: Text | None = None
    measures: Text | None = None


class OversightAdoptIn(Input):
    decided_on: Day
    paragraph: Paragraph
    registration_number: RegistrationNumber


def _out(e: OversightEvaluation) -> dict[str, Any]:
    return {
        "id": e.pk,
        "version": e.version,
        "year": e.year,
        "evaluation": e.evaluation,
        "measures": e.measures,
        "state": e.state,
        "decision": _decision(e.decision),
        "adopted_at": e.adopted_at,
        "snapshot_sha256": e.snapshot_sha256,
        "snapshot": e.snapshot,
    }


@router.get("/control/oversight/{int:year}", response={200: OversightOut, **ERRORS}, summary="The year's internal control of every body the caller sees")
def overview(request: HttpRequest, year: Year, today: date | None = None) -> dict[str, Any]:
    group = group_of_user(request.user)
    return overview_content(oversight_overview(request.user, group=group, year=year, today=today or timezone.localdate()))


@router.get("/control/evaluations", response={200: list[OversightEvaluationOut], **ERRORS}, summary="KS's evaluations of the internal control")
def list_evaluations(request: HttpRequest, year: Year | None = None) -> list[dict[str, Any]]:
    group = group_of_user(request.user)
    return [_out(e) for e in evaluation_list(request.user, group=group) if year is None or e.year == year]


@router.get("/control/evaluations/{int:evaluation_id}", response={200: OversightEvaluationOut, **ERRORS}, summary="One of KS's evaluations")
def get_evaluation(request: HttpRequest, evaluation_id: DbId) -> dict[str, Any]:
    return _out(evaluation_get(request.user, group=group_holding(request.user), pk=evaluation_id))


@router.post(
    "/control/evaluations",
    response={201: OversightEvaluationOut, **ERRORS},
    summary="Write KS's evaluation of a year as a draft (KS's controllers; IC-042: one a year)",
)
def create_evaluation(request: HttpRequest, payload: OversightEvaluationIn) -> Status[dict[str, Any]]:
    group = group_of_user(request.user)
    found = evaluation_create(actor=request.user, group=group, year=payload.year, evaluation=payload.evaluation, measures=payload.measures)
    return Status(201, _out(found))


@router.patch(
    "/control/evaluations/{int:evaluation_id}",
    response={200: OversightEvaluationOut, **ERRORS},
    summary="Change the draft of KS's evaluation (KS's controllers; 409 IC-040 once adopted)",
)
def patch_evaluation(request: HttpRequest, evaluation_id: DbId, payload: OversightEvaluationPatch, if_match: IfMatch = None) -> dict[str, Any]:
    found = evaluation_get(request.user, group=group_holding(request.user), pk=evaluation_id)
    with expected_version(found, if_match):
        return _out(evaluation_update(actor=request.user, evaluation=found, text=payload.evaluation, measures=payload.measures))


@router.post(
    "/control/evaluations/{int:evaluation_id}/adopt",
    response={200: OversightEvaluationOut, **ERRORS},
    summary="KS adopts its evaluation as a decision with a snapshot of the overview (politicians on KS; IC-040, IC-041)",
)
def adopt_evaluation(request: HttpRequest, evaluation_id: DbId, payload: OversightAdoptIn) -> dict[str, Any]:
    found = evaluation_get(request.user, group=group_holding(request.user), pk=evaluation_id)
    adopted = evaluation_adopt(
        actor=request.user,
        evaluation=found,
        decided_on=payload.decided_on,
        paragraph=payload.paragraph,
        registration_number=payload.registration_number,
    )
    return _out(OversightEvaluation.objects.select_related("decision").get(pk=adopted.pk))
