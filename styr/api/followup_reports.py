"""Assessments, reports and their way to a decision, and the dialogue's comments in the API
(issue 13 §4), with the reporting page's permissions and rules: FU-004, FU-005, FU-006, FU-012
for an assessment; FU-007 (a report in the wrong state answers 409), FU-008, FU-009, FU-013 for
a report; FU-010 for a comment."""

from datetime import date, datetime
from typing import Annotated, Any, Literal, Self

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, model_validator

from styr.api import refs
from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import ERRORS, SOMETHING, Day, DbId, Input, RequiredText, Text, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.followup import dialogue, services
from styr.followup.models import Assessment, Comment, Report
from styr.followup.selectors import assessment_list, report_get_by_id, report_list, reporting_period_get
from styr.planning.selectors import assignment_get, goal_get

router = Router(tags=["Follow-up"])

ReportStateName = Literal["draft", "submitted", "reviewed", "adopted"]
#: A step of the status scale, by its code (MODEL-002 checks it against the group's scale).
StatusCode = Annotated[str, Field(max_length=30, pattern=r"^[a-z_]+$", examples=["partly_achieved"])]


class FollowupAssessmentOut(Schema):
    """A goal's or an assignment's status for a reporting period, with the analysis."""

    id: int
    period_id: int
    period_end: date
    goal_id: int | None
    assignment_id: int | None
    org_unit_id: int = Field(description="The goal's unit, or the unit that received the assignment.")
    status: str
    suggested_status: str = Field(description="For a measurable goal: the status its indicators suggest.")
    analysis: str
    assessed_by: str | None
    assessed_at: datetime

    @staticmethod
    def resolve_period_end(obj: Any) -> date:
        return obj.period.end  # type: ignore[no-any-return]

    @staticmethod
    def resolve_org_unit_id(obj: Any) -> int:
        if hasattr(obj, "unit_id"):
            return obj.unit_id  # type: ignore[no-any-return]
        return obj.goal.org_unit_id if obj.goal_id else obj.assignment.receiver_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_assessed_by(obj: Any) -> str | None:
        user = obj.assessed_by
        return (user.get_full_name() or user.get_username()) if user is not None else None


class FollowupAssessmentIn(Input):
    """A goal's (``goal``) or an assignment's (``assignment``) status for a reporting period."""

    period: DbId
    goal: DbId | None = None
    assignment: DbId | None = None
    status: StatusCode
    analysis: Text = ""
    reason: Text = Field("", description="Why a submitted or closed period is corrected (FU-006: a controller, with a reason).")

    @model_validator(mode="after")
    def _goal_or_assignment(self) -> Self:
        if (self.goal is None) == (self.assignment is None):
            raise ValueError("give either goal or assignment")
        return self


class ReportDecisionOut(Schema):
    decided_on: date
    paragraph: str
    registration_number: str


class FollowupReportOut(Schema):
    """A unit's report for a period: draft → submitted → reviewed → adopted (FU-007)."""

    id: int
    version: Version
    org_unit_id: int
    period_id: int
    period_kind: str
    period_end: date
    state: ReportStateName
    analysis: str
    submitted_at: datetime | None
    reviewed_at: datetime | None
    adopted_at: datetime | None
    decision: ReportDecisionOut | None
    snapshot_sha256: str = Field(description="The adopted content's SHA-256 (empty before adoption).")

    @staticmethod
    def resolve_period_kind(obj: Any) -> str:
        return obj.period.kind  # type: ignore[no-any-return]

    @staticmethod
    def resolve_period_end(obj: Any) -> date:
        return obj.period.end  # type: ignore[no-any-return]


class FollowupReportIn(Input):
    org_unit: DbId
    period: DbId
    analysis: Text = ""


class ReportAnalysisIn(Input):
    analysis: Text


class ReportAdoptIn(Input):
    decided_on: Day
    paragraph: Annotated[str, Field(max_length=30, pattern=SOMETHING, examples=["§ 12"])]
    registration_number: Annotated[str, Field(max_length=50, pattern=SOMETHING, examples=["UN 2027/30"])]


class FollowupCommentOut(Schema):
    id: int
    org_unit_id: int
    goal_id: int | None
    report_id: int | None
    author_name: str
    text: str
    created_at: datetime


class FollowupCommentIn(Input):
    text: RequiredText


# --- Assessments ---------------------------------------------------------------------------


@router.get("/assessments", response=list[FollowupAssessmentOut], summary="Assessments of the goals and assignments the caller may see")
@paginate(BoundedLimitOffsetPagination)
def list_assessments(
    request: HttpRequest,
    period: DbId | None = None,
    goal: DbId | None = None,
    assignment: DbId | None = None,
    org_unit: DbId | None = None,
    year: Year | None = None,
) -> QuerySet[Assessment]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return assessment_list(request.user, period=period, goal=goal, assignment=assignment, org_unit=unit, year=year)


@router.post(
    "/assessments",
    response={200: FollowupAssessmentOut, 201: FollowupAssessmentOut, **ERRORS},
    summary="Record a goal's or an assignment's status for a period (201), or change it (200): FU-004, FU-005, FU-006, FU-012",
)
def record_assessment(request: HttpRequest, payload: FollowupAssessmentIn) -> Status[Assessment]:
    goal = goal_get(request.user, payload.goal) if payload.goal is not None else None
    assignment = assignment_get(request.user, payload.assignment) if payload.assignment is not None else None
    unit = goal.org_unit if goal is not None else assignment.receiver  # type: ignore[union-attr]
    period = reporting_period_get(request.user, unit, payload.period)
    existed = Assessment.objects.filter(period=period, goal=goal, assignment=assignment).exists()
    assessment = services.assessment_record(
        actor=request.user,
        period=period,
        status=payload.status,
        analysis=payload.analysis,
        goal=goal,
        assignment=assignment,
        reason=payload.reason,
    )
    return Status(200 if existed else 201, assessment)


# --- Reports -------------------------------------------------------------------------------


@router.get("/reports", response=list[FollowupReportOut], summary="Reports of the units the caller may see, newest period first")
@paginate(BoundedLimitOffsetPagination)
def list_reports(
    request: HttpRequest,
    year: Year | None = None,
    period: DbId | None = None,
    org_unit: DbId | None = None,
    state: ReportStateName | None = None,
) -> QuerySet[Report]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return report_list(request.user, year=year, period=period, org_unit=unit, state=state)


@router.post("/reports", response={201: FollowupReportOut, **ERRORS}, summary="Start a unit's report for a period, as a draft (FU-005, FU-008)")
def create_report(request: HttpRequest, payload: FollowupReportIn) -> Status[Report]:
    unit = refs.unit(request, payload.org_unit)
    period = reporting_period_get(request.user, unit, payload.period)
    report = services.report_create(actor=request.user, org_unit=unit, period=period, analysis=payload.analysis)
    return Status(201, report_get_by_id(request.user, report.pk))


@router.get("/reports/{report_id}", response={200: FollowupReportOut, **ERRORS})
def get_report(request: HttpRequest, report_id: DbId) -> Report:
    return report_get_by_id(request.user, report_id)


@router.patch("/reports/{report_id}", response={200: FollowupReportOut, **ERRORS}, summary="Write a draft report's analysis (FU-007)")
def write_report_analysis(request: HttpRequest, report_id: DbId, payload: ReportAnalysisIn, if_match: IfMatch = None) -> Report:
    found = report_get_by_id(request.user, report_id)
    with expected_version(found, if_match):
        report = services.report_write_analysis(actor=request.user, report=found, analysis=payload.analysis)
    return report_get_by_id(request.user, report.pk)


@router.post("/reports/{report_id}/submit", response={200: FollowupReportOut, **ERRORS}, summary="The unit submits its report (FU-007, FU-013)")
def submit_report(request: HttpRequest, report_id: DbId) -> Report:
    services.report_submit(actor=request.user, report=report_get_by_id(request.user, report_id))
    return report_get_by_id(request.user, report_id)


@router.post("/reports/{report_id}/return", response={200: FollowupReportOut, **ERRORS}, summary="A controller returns a report to draft (FU-007)")
def return_report(request: HttpRequest, report_id: DbId) -> Report:
    services.report_return(actor=request.user, report=report_get_by_id(request.user, report_id))
    return report_get_by_id(request.user, report_id)


@router.post("/reports/{report_id}/review", response={200: FollowupReportOut, **ERRORS}, summary="A controller reviews a submitted report (FU-007)")
def review_report(request: HttpRequest, report_id: DbId) -> Report:
    services.report_review(actor=request.user, report=report_get_by_id(request.user, report_id))
    return report_get_by_id(request.user, report_id)


@router.post(
    "/reports/{report_id}/adopt",
    response={200: FollowupReportOut, **ERRORS},
    summary="The body adopts its own reviewed report with its decision; the content is frozen (FU-007, FU-009)",
)
def adopt_report(request: HttpRequest, report_id: DbId, payload: ReportAdoptIn) -> Report:
    services.report_adopt(
        actor=request.user,
        report=report_get_by_id(request.user, report_id),
        decided_on=payload.decided_on,
        paragraph=payload.paragraph.strip(),
        registration_number=payload.registration_number.strip(),
    )
    return report_get_by_id(request.user, report_id)


# --- Comments (the dialogue between levels) ------------------------------------------------


@router.get("/goals/{goal_id}/comments", response=list[FollowupCommentOut], summary="The goal's comment thread")
@paginate(BoundedLimitOffsetPagination)
def list_goal_comments(request: HttpRequest, goal_id: DbId) -> list[Comment]:
    return dialogue.thread(user=request.user, goal=goal_get(request.user, goal_id))


@router.post("/goals/{goal_id}/comments", response={201: FollowupCommentOut, **ERRORS}, summary="Comment on a goal; @username mentions are notified (FU-010)")
def add_goal_comment(request: HttpRequest, goal_id: DbId, payload: FollowupCommentIn) -> Status[Comment]:
    return Status(201, dialogue.comment_add(actor=request.user, text=payload.text, goal=goal_get(request.user, goal_id)))


@router.get("/reports/{report_id}/comments", response=list[FollowupCommentOut], summary="The report's comment thread")
@paginate(BoundedLimitOffsetPagination)
def list_report_comments(request: HttpRequest, report_id: DbId) -> list[Comment]:
    return dialogue.thread(user=request.user, report=report_get_by_id(request.user, report_id))


@router.post(
    "/reports/{report_id}/comments", response={201: FollowupCommentOut, **ERRORS}, summary="Comment on a report; @username mentions are notified (FU-010)"
)
def add_report_comment(request: HttpRequest, report_id: DbId, payload: FollowupCommentIn) -> Status[Comment]:
    return Status(201, dialogue.comment_add(actor=request.user, text=payload.text, report=report_get_by_id(request.user, report_id)))
