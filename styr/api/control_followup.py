"""Following up the controls (issue 12 §3): results on the occasions a plan names (IC-030…IC-034),
deviations and actions (IC-035 once the year's report is adopted; an action is still closed), and
the body's internal control report through its states to the body's decision (IC-038, IC-039).
Officials and controllers write (``internal_control.write``), controllers review, a politician of
the body itself adopts; everyone who sees the body reads (auditors too). Attachments are listed in
a result; they are uploaded on the control's page."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from styr.api.frames import Paragraph, RegistrationNumber
from styr.api.schemas import ERRORS, Day, DbId, Input, Patch, RequiredText, Text, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.control.models import Action, ControlResult, Deviation, InternalControlReport
from styr.control.selectors import followup as sel
from styr.control.services import followup as svc
from styr.control.services import reports as rep
from styr.domain.limits import NAME_LENGTH
from styr.organisation.selectors import org_unit_get

router = Router(tags=["Internal control: follow-up"])

Owner = Field(max_length=NAME_LENGTH, pattern=r"^[^\x00]*[^\x00\s][^\x00]*$")


class ControlResultAttachmentOut(Schema):
    id: int
    file_name: str
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime
    download_url: str


class ControlResultOut(Schema):
    id: int
    control_id: int
    plan_id: int
    year: int
    month: int
    status: str
    findings: str
    checked_count: int | None
    deviation_count: int | None
    reported_by: str
    reported_at: datetime
    attachments: list[ControlResultAttachmentOut]
    deviation_ids: list[int]


class ControlResultIn(Input):
    control_id: DbId
    month: int = Field(ge=1, le=12, description="An occasion the plan names (IC-030)")
    status: str = Field(max_length=30, description="A code of the group's status scale (IC-031)")
    findings: Text = ""
    checked_count: int | None = Field(default=None, ge=0, le=10_000_000, description="Required for a sample (IC-032)")
    deviation_count: int | None = Field(default=None, ge=0, le=10_000_000, description="At most checked_count (IC-033)")


class ControlDeviationOut(Schema):
    id: int
    result_id: int
    description: str
    severity: str
    action_ids: list[int]


class ControlDeviationIn(Input):
    result_id: DbId
    description: RequiredText
    severity: Literal["low", "medium", "high"] = "medium"


class ControlActionOut(Schema):
    id: int
    version: Version
    deviation_id: int
    year: int
    kind: str
    description: str
    owner: str
    deadline: date | None
    status: str
    closed_on: date | None


class ControlActionIn(Input):
    deviation_id: DbId
    kind: Literal["taken", "proposed"] = "proposed"
    description: RequiredText
    owner: str = Owner
    deadline: Day | None = None
    status: Literal["open", "in_progress", "done"] = "open"


class ControlActionPatch(Patch):
    nullable = frozenset({"deadline", "closed_on"})
    kind: Literal["taken", "proposed"] | None = None
    description: RequiredText | None = None
    owner: str | None = Field(default=None, max_length=NAME_LENGTH, pattern=r"^[^\x00]*[^\x00\s][^\x00]*$")
    deadline: Day | None = None
    status: Literal["open", "in_progress", "done"] | None = None
    closed_on: Day | None = None


class ControlReportDecisionOut(Schema):
    decided_on: date
    paragraph: str
    registration_number: str


class ControlReportOut(Schema):
    id: int
    version: Version
    org_unit_id: int
    org_unit: str
    year: int
    state: str
    summary: str
    decision: ControlReportDecisionOut | None
    snapshot_sha256: str
    content: dict[str, Any]


class ControlReportIn(Input):
    org_unit_id: DbId
    year: Year
    summary: Text = ""


class ControlReportSummaryIn(Input):
    summary: Text


class ControlReportAdoptIn(Input):
    decided_on: Day
    paragraph: Paragraph
    registration_number: RegistrationNumber


def _result(r: ControlResult) -> dict[str, Any]:
    return {
        "id": r.pk,
        "control_id": r.control_id,
        "plan_id": r.control.plan_id,
        "year": r.control.plan.year,
        "month": r.month,
        "status": r.status,
        "findings": r.findings,
        "checked_count": r.checked_count,
        "deviation_count": r.deviation_count,
        "reported_by": r.reported_by_name,
        "reported_at": r.reported_at,
        "attachments": [
            {
                "id": f.pk,
                "file_name": f.file_name,
                "content_type": f.content_type,
                "size_bytes": f.size_bytes,
                "sha256": f.sha256,
                "uploaded_by": f.uploaded_by_name,
                "uploaded_at": f.uploaded_at,
                "download_url": f"/internkontroll/bilagor/{f.pk}/",
            }
            for f in r.attachments.all()
        ],
        "deviation_ids": [d.pk for d in r.deviations.all()],
    }


def _deviation(d: Deviation) -> dict[str, Any]:
    return {"id": d.pk, "result_id": d.result_id, "description": d.description, "severity": d.severity, "action_ids": [a.pk for a in d.actions.all()]}


def _action(a: Action) -> dict[str, Any]:
    return {
        "id": a.pk,
        "version": a.version,
        "deviation_id": a.deviation_id,
        "year": a.deviation.result.control.plan.year,
        "kind": a.kind,
        "description": a.description,
        "owner": a.owner,
        "deadline": a.deadline,
        "status": a.status,
        "closed_on": a.closed_on,
    }


def _report(r: InternalControlReport) -> dict[str, Any]:
    from styr.documents.control_sections import control_report_content

    d = r.decision
    return {
        "id": r.pk,
        "version": r.version,
        "org_unit_id": r.org_unit_id,
        "org_unit": r.org_unit.name,
        "year": r.year,
        "state": r.state,
        "summary": r.summary,
        "decision": {"decided_on": d.decided_on, "paragraph": d.paragraph, "registration_number": d.registration_number} if d else None,
        "snapshot_sha256": r.snapshot_sha256,
        "content": control_report_content(r),
    }


@router.get("/control/results", response={200: list[ControlResultOut], **ERRORS}, summary="Control results the caller may see, by plan, control or year")
def list_results(request: HttpRequest, plan_id: DbId | None = None, control_id: DbId | None = None, year: Year | None = None) -> list[dict[str, Any]]:
    return [_result(r) for r in sel.result_list(request.user, plan_id=plan_id, control_id=control_id, year=year)[:1000]]


@router.get("/control/results/{int:result_id}", response={200: ControlResultOut, **ERRORS}, summary="One control result with its attachments")
def get_result(request: HttpRequest, result_id: DbId) -> dict[str, Any]:
    return _result(sel.result_get(request.user, result_id))


@router.post(
    "/control/results",
    response={200: ControlResultOut, **ERRORS},
    summary="Report a control's result for an occasion, or report it again (IC-030…IC-035)",
    description="Reporting the same occasion again updates it until the year's report is adopted (409 IC-035).",
)
def report_result(request: HttpRequest, payload: ControlResultIn) -> dict[str, Any]:
    control = sel.control_get(request.user, payload.control_id)
    result = svc.result_report(
        actor=request.user,
        control=control,
        month=payload.month,
        status=payload.status,
        findings=payload.findings,
        checked_count=payload.checked_count,
        deviation_count=payload.deviation_count,
    )
    return _result(sel.result_get(request.user, result.pk))


@router.get("/control/deviations", response={200: list[ControlDeviationOut], **ERRORS}, summary="Deviations the caller may see")
def list_deviations(request: HttpRequest, result_id: DbId | None = None, year: Year | None = None) -> list[dict[str, Any]]:
    return [_deviation(d) for d in sel.deviation_list(request.user, result_id=result_id, year=year)[:1000]]


@router.post("/control/deviations", response={200: ControlDeviationOut, **ERRORS}, summary="Record a deviation a result found (IC-035)")
def create_deviation(request: HttpRequest, payload: ControlDeviationIn) -> dict[str, Any]:
    result = sel.result_get(request.user, payload.result_id)
    deviation = svc.deviation_add(actor=request.user, result=result, description=payload.description, severity=payload.severity)
    return _deviation(sel.deviation_get(request.user, deviation.pk))


@router.get(
    "/control/actions",
    response={200: list[ControlActionOut], **ERRORS},
    summary="Actions the caller may see; open=true those not done, overdue=true those not done past their deadline",
)
def list_actions(request: HttpRequest, org_unit_id: DbId | None = None, open: bool = False, overdue: bool = False) -> list[dict[str, Any]]:
    found = sel.action_list(request.user, org_unit_id=org_unit_id, open_only=open, overdue_on=timezone.localdate() if overdue else None)
    return [_action(a) for a in found[:1000]]


@router.post("/control/actions", response={200: ControlActionOut, **ERRORS}, summary="Record an action (taken or proposed) against a deviation (IC-035)")
def create_action(request: HttpRequest, payload: ControlActionIn) -> dict[str, Any]:
    deviation = sel.deviation_get(request.user, payload.deviation_id)
    action = svc.action_add(
        actor=request.user,
        deviation=deviation,
        kind=payload.kind,
        description=payload.description,
        owner=payload.owner,
        deadline=payload.deadline,
        status=payload.status,
    )
    return _action(sel.action_get(request.user, action.pk))


@router.patch(
    "/control/actions/{int:action_id}",
    response={200: ControlActionOut, **ERRORS},
    summary="Change an action; status done closes it (closed_on today unless given)",
    description="An action of a year whose report is adopted may only change its status (it carries over until done); anything else is 409 IC-035.",
)
def patch_action(request: HttpRequest, action_id: DbId, payload: ControlActionPatch, if_match: IfMatch = None) -> dict[str, Any]:
    action = sel.action_get(request.user, action_id)
    with expected_version(action, if_match):
        svc.action_update(actor=request.user, action=action, **payload.changes())
    return _action(sel.action_get(request.user, action_id))


@router.get("/control/reports", response={200: list[ControlReportOut], **ERRORS}, summary="Internal control reports the caller may see")
def list_reports(request: HttpRequest, year: Year | None = None, org_unit_id: DbId | None = None) -> list[dict[str, Any]]:
    return [_report(r) for r in sel.control_report_list(request.user, year=year, org_unit_id=org_unit_id)[:200]]


@router.get("/control/reports/{int:report_id}", response={200: ControlReportOut, **ERRORS}, summary="One internal control report with its content")
def get_report(request: HttpRequest, report_id: DbId) -> dict[str, Any]:
    return _report(sel.control_report_get(request.user, report_id))


@router.post("/control/reports", response={200: ControlReportOut, **ERRORS}, summary="Create the body's internal control report for a year (IC-004, IC-039)")
def create_report(request: HttpRequest, payload: ControlReportIn) -> dict[str, Any]:
    unit = org_unit_get(request.user, payload.org_unit_id)
    report = rep.control_report_create(actor=request.user, org_unit=unit, year=payload.year, summary=payload.summary)
    return _report(sel.control_report_get(request.user, report.pk))


@router.patch("/control/reports/{int:report_id}", response={200: ControlReportOut, **ERRORS}, summary="Write the summary of a draft report (IC-038)")
def write_report(request: HttpRequest, report_id: DbId, payload: ControlReportSummaryIn, if_match: IfMatch = None) -> dict[str, Any]:
    found = sel.control_report_get(request.user, report_id)
    with expected_version(found, if_match):
        report = rep.control_report_write(actor=request.user, report=found, summary=payload.summary)
    return _report(sel.control_report_get(request.user, report.pk))


def _step(request: HttpRequest, report_id: DbId, service: Any) -> dict[str, Any]:
    report = service(actor=request.user, report=sel.control_report_get(request.user, report_id))
    return _report(sel.control_report_get(request.user, report.pk))


@router.post("/control/reports/{int:report_id}/submit", response={200: ControlReportOut, **ERRORS}, summary="Submit the report for review (IC-038)")
def submit_report(request: HttpRequest, report_id: DbId) -> dict[str, Any]:
    return _step(request, report_id, rep.control_report_submit)


@router.post(
    "/control/reports/{int:report_id}/return",
    response={200: ControlReportOut, **ERRORS},
    summary="Return a submitted or reviewed report to draft (controllers)",
)
def return_report(request: HttpRequest, report_id: DbId) -> dict[str, Any]:
    return _step(request, report_id, rep.control_report_return)


@router.post("/control/reports/{int:report_id}/review", response={200: ControlReportOut, **ERRORS}, summary="Mark the submitted report reviewed (controllers)")
def review_report(request: HttpRequest, report_id: DbId) -> dict[str, Any]:
    return _step(request, report_id, rep.control_report_review)


@router.post(
    "/control/reports/{int:report_id}/adopt",
    response={200: ControlReportOut, **ERRORS},
    summary="The body adopts its report (a politician of the body itself): decision, frozen snapshot and SHA-256",
)
def adopt_report(request: HttpRequest, report_id: DbId, payload: ControlReportAdoptIn) -> dict[str, Any]:
    report = rep.control_report_adopt(
        actor=request.user,
        report=sel.control_report_get(request.user, report_id),
        decided_on=payload.decided_on,
        paragraph=payload.paragraph,
        registration_number=payload.registration_number,
    )
    return _report(sel.control_report_get(request.user, report.pk))
