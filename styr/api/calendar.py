"""The årshjul in the API (issue 13 §4): KS's planning calendars, their reporting periods with the
staggered deadlines, the committees' own monthly reports, the bodies' meetings and what each kind of
report must contain. Read by everyone with a role in the group, as the årshjul page is; every write
is the page's service, with its permission, rules (CAL-001…CAL-006, FU-014, FU-015) and audit. An
adopted calendar is locked: a write answers 409 CAL-006. The planning year's steps are in
``api/milestones.py``."""

from datetime import date
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from styr.api import refs
from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import ERRORS, Day, DbId, Input, LevelKindName, Title, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.followup import milestones, sections, services
from styr.followup.models import Deadline, Meeting, PlanningCalendar, PlanningMilestone, ReportingPeriod, ReportRequirement
from styr.followup.selectors import calendar_get
from styr.followup.selectors_calendar import (
    calendar_list,
    deadline_list,
    meeting_list,
    report_requirement_list,
    reporting_period_list,
    reporting_period_of_group,
)
from styr.organisation.selectors import group_holding, group_of_user

router = Router(tags=["Planning calendar"])

PeriodKindName = Literal["monthly_report", "interim_accounts", "interim_report", "quality_report", "annual_report"]
#: A month as sent: the service says which are valid (1–12, CAL-002), so the answer names the rule.
MonthNumber = Annotated[int, Field(ge=-10_000, le=10_000, description="1–12 (CAL-002)")]
#: Report kinds and section keys as sent: the service says which it knows (FU-015).
SectionKey = Annotated[str, Field(max_length=40, pattern=r"^[^\x00]*$")]


class CalendarDecisionOut(Schema):
    date: date
    paragraph: str
    registration_number: str


class PlanningCalendarOut(Schema):
    id: int
    #: raised by every change of the årshjul, its periods, months and report contents: the ETag the PUTs take as If-Match
    version: Version
    year: int
    #: "draft" or "adopted" (adopted by KS and locked: CAL-006)
    state: str
    decision: CalendarDecisionOut | None
    #: the årshjul as iCalendar (the page's .ics, for the same login)
    ics_url: str

    @staticmethod
    def resolve_decision(obj: PlanningCalendar) -> dict[str, Any] | None:
        decision = obj.decision
        if decision is None:
            return None
        return {"date": decision.decided_on, "paragraph": decision.paragraph, "registration_number": decision.registration_number}

    @staticmethod
    def resolve_ics_url(obj: PlanningCalendar, context: dict[str, Any]) -> str:
        return str(context["request"].build_absolute_uri(reverse("followup:calendar_ics", kwargs={"year": obj.year})))


class PlanningCalendarIn(Input):
    year: Year
    #: the month of an extra interim report, not the interim accounts' month (CAL-003)
    interim_report_month: MonthNumber | None = None
    quality_report_months: Annotated[list[MonthNumber], Field(max_length=12)] = []


class CalendarAdoptIn(Input):
    decided_on: Day
    paragraph: Annotated[str, Field(max_length=30, pattern=r"^[^\x00]*[^\x00\s][^\x00]*$")]
    registration_number: Annotated[str, Field(max_length=50, pattern=r"^[^\x00]*[^\x00\s][^\x00]*$")]


class PeriodDeadlineOut(Schema):
    level: str
    due: date


class CalendarPeriodOut(Schema):
    id: int
    year: int
    kind: str
    kind_label: str
    start: date
    end: date
    #: the committee whose own monthly report it is; null for the whole group's periods
    org_unit_id: int | None
    deadlines: list[PeriodDeadlineOut]

    @staticmethod
    def resolve_year(obj: ReportingPeriod) -> int:
        return obj.calendar.year

    @staticmethod
    def resolve_kind_label(obj: ReportingPeriod) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_deadlines(obj: ReportingPeriod) -> list[Deadline]:
        return sorted(obj.deadlines.all(), key=lambda d: (d.due, d.pk))  # the same order on every database


class CommitteeMonthsIn(Input):
    #: every month the committee reports, KS's minimum included (CAL-001)
    months: Annotated[list[MonthNumber], Field(max_length=12)]


class CommitteeMonthsOut(Schema):
    committee_id: int
    #: the committee's own monthly reports besides the group's periods
    periods: list[CalendarPeriodOut]


class CalendarDeadlineOut(Schema):
    id: int
    period_id: int
    period_kind: str
    period_end: date
    level: str
    due: date

    @staticmethod
    def resolve_period_kind(obj: Deadline) -> str:
        return obj.period.kind

    @staticmethod
    def resolve_period_end(obj: Deadline) -> date:
        return obj.period.end


class CalendarMeetingOut(Schema):
    id: int
    year: int
    body_id: int
    date: date
    title: str
    #: the period whose report the meeting adopts
    period_id: int | None

    @staticmethod
    def resolve_year(obj: Meeting) -> int:
        return obj.calendar.year


class CalendarMeetingIn(Input):
    body: DbId
    date: Day
    title: Title
    #: the period whose report the meeting adopts: not before the body's own deadline (CAL-004)
    period: DbId | None = None


class AddedMilestoneOut(Schema):
    id: int
    kind: str
    due: date
    level: str


class ReportRequirementOut(Schema):
    id: int
    kind: str
    #: the body whose own sections these are; null for KS's minimum
    org_unit_id: int | None
    sections: list[str]


class ReportSectionsIn(Input):
    #: report kind → the section keys (kinds not given keep what they have)
    sections: Annotated[dict[SectionKey, Annotated[list[SectionKey], Field(max_length=20)]], Field(max_length=10)]


class ReportSectionsOut(Schema):
    #: null for KS's minimum
    org_unit_id: int | None
    #: report kind → the section keys stored (for a body: those it adds beyond KS's minimum)
    sections: dict[str, list[str]]


def _calendar(request: HttpRequest, year: int) -> PlanningCalendar:
    return calendar_get(request.user, group_holding(request.user), year)


@router.get("/planning-calendars", response=list[PlanningCalendarOut], summary="The group's årshjul, newest year first")
@paginate(BoundedLimitOffsetPagination)
def list_calendars(request: HttpRequest) -> QuerySet[PlanningCalendar]:
    return calendar_list(request.user, group_of_user(request.user))


@router.post(
    "/planning-calendars",
    response={201: PlanningCalendarOut, **ERRORS},
    summary="Create KS's årshjul for a year from the model (KS's controllers; one a year: CAL-005)",
)
def create_calendar(request: HttpRequest, payload: PlanningCalendarIn) -> Status[PlanningCalendar]:
    calendar = services.calendar_create(
        actor=request.user,
        group=group_of_user(request.user),
        year=payload.year,
        interim_report_month=payload.interim_report_month,
        quality_report_months=tuple(payload.quality_report_months),
    )
    return Status(201, calendar)


@router.get("/planning-calendars/{year}", response={200: PlanningCalendarOut, **ERRORS}, summary="The group's årshjul for a year")
def get_calendar(request: HttpRequest, year: Year) -> PlanningCalendar:
    return _calendar(request, year)


@router.post(
    "/planning-calendars/{year}/adoption",
    response={200: PlanningCalendarOut, **ERRORS},
    summary="KS adopts the årshjul (a politician of KS); it is locked from then on (CAL-006)",
)
def adopt_calendar(request: HttpRequest, year: Year, payload: CalendarAdoptIn) -> PlanningCalendar:
    return services.calendar_adopt(
        actor=request.user,
        calendar=_calendar(request, year),
        decided_on=payload.decided_on,
        paragraph=payload.paragraph.strip(),
        registration_number=payload.registration_number.strip(),
    )


@router.get("/reporting-periods", response=list[CalendarPeriodOut], summary="The group's reporting periods with each level's deadline")
@paginate(BoundedLimitOffsetPagination)
def list_reporting_periods(
    request: HttpRequest, year: Year | None = None, kind: PeriodKindName | None = None, org_unit: DbId | None = None
) -> QuerySet[ReportingPeriod]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return reporting_period_list(request.user, group_of_user(request.user), year=year, kind=kind, org_unit=unit)


@router.get("/reporting-periods/{period_id}", response={200: CalendarPeriodOut, **ERRORS}, summary="A reporting period with each level's deadline")
def get_reporting_period(request: HttpRequest, period_id: DbId) -> ReportingPeriod:
    return reporting_period_of_group(request.user, group_holding(request.user), period_id)


@router.put(
    "/planning-calendars/{year}/committee-months/{committee_id}",
    response={200: CommitteeMonthsOut, **ERRORS},
    summary="A committee's own monthly reports: at least KS's minimum (CAL-001), months 1–12 (CAL-002), while the årshjul is a draft (CAL-006)",
)
def set_committee_months(request: HttpRequest, year: Year, committee_id: DbId, payload: CommitteeMonthsIn, if_match: IfMatch = None) -> dict[str, Any]:
    calendar = _calendar(request, year)
    committee = refs.unit(request, committee_id)
    with expected_version(calendar, if_match):  # the årshjul's ETag (GET /planning-calendars/{year})
        services.committee_months_set(actor=request.user, calendar=calendar, committee=committee, months=list(payload.months))
    own = ReportingPeriod.objects.filter(calendar=calendar, org_unit=committee).select_related("calendar").prefetch_related("deadlines").order_by("end")
    return {"committee_id": committee.pk, "periods": list(own)}


@router.get("/deadlines", response=list[CalendarDeadlineOut], summary="Each level's deadline for each period, earliest first")
@paginate(BoundedLimitOffsetPagination)
def list_deadlines(request: HttpRequest, year: Year | None = None, period: DbId | None = None, level: LevelKindName | None = None) -> QuerySet[Deadline]:
    return deadline_list(request.user, group_of_user(request.user), year=year, period=period, level=level)


@router.get("/meetings", response=list[CalendarMeetingOut], summary="The bodies' meetings in the årshjul, in date order")
@paginate(BoundedLimitOffsetPagination)
def list_meetings(request: HttpRequest, year: Year | None = None, body: DbId | None = None) -> QuerySet[Meeting]:
    unit = refs.unit(request, body) if body is not None else None
    return meeting_list(request.user, group_of_user(request.user), year=year, body=unit)


@router.post(
    "/planning-calendars/{year}/meetings",
    response={201: CalendarMeetingOut, **ERRORS},
    summary="Add a body's meeting (KS's controllers); one that adopts a report is not before the body's deadline (CAL-004)",
)
def add_meeting(request: HttpRequest, year: Year, payload: CalendarMeetingIn) -> Status[Meeting]:
    calendar = _calendar(request, year)
    body = refs.unit(request, payload.body)
    period = None
    if payload.period is not None:
        period = ReportingPeriod.objects.filter(calendar=calendar, pk=payload.period).first()
        if period is None:
            raise Http404
    meeting = services.meeting_add(actor=request.user, calendar=calendar, body=body, on=payload.date, title=payload.title.strip(), period=period)
    return Status(201, meeting)


@router.get(
    "/planning-calendars/{year}/report-requirements",
    response=list[ReportRequirementOut],
    summary="What each kind of report must contain: KS's minimum (no body) and each body's own sections",
)
@paginate(BoundedLimitOffsetPagination)
def list_report_requirements(request: HttpRequest, year: Year) -> QuerySet[ReportRequirement]:
    group = group_of_user(request.user)  # a list: someone without a role is refused (PERM-001), as by every list
    try:
        calendar = calendar_get(request.user, group, year)
    except Http404:
        return ReportRequirement.objects.none()
    return report_requirement_list(request.user, calendar)


@router.put(
    "/planning-calendars/{year}/report-requirements",
    response={200: ReportSectionsOut, **ERRORS},
    summary="KS's minimum content of each kind of report (KS's controllers, while the årshjul is a draft: CAL-006; FU-015)",
)
def set_report_minimum(request: HttpRequest, year: Year, payload: ReportSectionsIn, if_match: IfMatch = None) -> dict[str, Any]:
    calendar = _calendar(request, year)
    with expected_version(calendar, if_match):  # the årshjul's ETag
        after = sections.report_sections_set(actor=request.user, calendar=calendar, sections=payload.sections)
    return {"org_unit_id": None, "sections": {kind: list(keys) for kind, keys in after.items()}}


@router.put(
    "/planning-calendars/{year}/report-requirements/{body_id}",
    response={200: ReportSectionsOut, **ERRORS},
    summary="A committee's, company board's or KS's own sections of each kind of report, keeping KS's minimum (FU-014, FU-015, CAL-006)",
)
def set_body_sections(request: HttpRequest, year: Year, body_id: DbId, payload: ReportSectionsIn, if_match: IfMatch = None) -> dict[str, Any]:
    calendar = _calendar(request, year)
    body = refs.unit(request, body_id)
    with expected_version(calendar, if_match):  # the årshjul's ETag
        after = sections.body_sections_set(actor=request.user, calendar=calendar, body=body, sections=payload.sections)
    return {"org_unit_id": body.pk, "sections": {kind: list(keys) for kind, keys in after.items()}}


@router.post(
    "/planning-calendars/{year}/milestone-additions",
    response={200: list[AddedMilestoneOut], **ERRORS},
    summary="Add the planning year's steps to an årshjul made before they existed (KS's controllers, a draft: CAL-006); only those it lacks",
    description=(
        "The steps added (none when the årshjul has them all). The steps are listed at GET /planning-calendars/{year}/milestones "
        "(a path of the milestones' router, so the addition has a path of its own), moved and confirmed under /planning-milestones."
    ),
)
def add_milestones(request: HttpRequest, year: Year) -> list[PlanningMilestone]:
    return milestones.milestones_add(actor=request.user, calendar=_calendar(request, year))
