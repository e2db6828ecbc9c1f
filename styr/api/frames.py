"""Frames (issue 10 §2): each committee's operating and investment frame as proposed, as adopted by
the council in Mål och budget and as it stands now after KS's adjustments; the adjustments, each a
KS decision with §, date and reason. Controllers prepare proposals before the council adopts
(``frame.set``, FRAME-001 after it); a politician on KS records adjustments (``frame.adjust`` on KS,
FRAME-002…FRAME-006); everyone who sees the committee reads (auditors too)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from styr.api.schemas import ERRORS, SOMETHING, Day, DbId, Input, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.economy.models import FrameAdjustment, OperatingFrame
from styr.economy.selectors import frame_adjustment_list, frame_figures, frame_history
from styr.economy.selectors.frames import FrameFigures, frame_figures_list
from styr.economy.services import frame_adjust, frame_set
from styr.organisation.selectors import group_of_user, org_unit_get

router = Router(tags=["Frames"])

#: An amount in thousands of kronor, never NaN or infinity; that it has at most one decimal, as the
#: frames are kept, is the services' rule (FRAME-007), so the API answers with its id.
Tsek = Annotated[Decimal, Field(allow_inf_nan=False, strict=False, description="tkr, at most one decimal (FRAME-007)")]
Paragraph = Annotated[str, Field(max_length=30, pattern=SOMETHING, examples=["§ 49"])]
RegistrationNumber = Annotated[str, Field(max_length=50, pattern=SOMETHING)]
Reason = Annotated[str, Field(max_length=2000, pattern=r"^[^\x00]*$")]


class FrameDecisionOut(Schema):
    id: int
    body_id: int
    decided_on: date
    paragraph: str
    registration_number: str
    title: str


class FrameOut(Schema):
    org_unit_id: int
    #: the committee's frame row's version (1 while it has none)
    version: Version
    org_unit: str
    year: int
    #: "proposal" before the council adopts Mål och budget, then "adopted"
    state: str
    #: the operating frame as it stands now (the proposal, or as adopted plus KS's adjustments)
    amount_tsek: Decimal | None
    investment_tsek: Decimal | None
    adopted_tsek: Decimal | None
    adopted_investment_tsek: Decimal | None
    adjustments_tsek: Decimal
    investment_adjustments_tsek: Decimal
    adjustment_count: int
    #: a proposal for a new revision of Mål och budget, while the adopted frame stays in force
    proposed_tsek: Decimal | None
    proposed_investment_tsek: Decimal | None
    decision: FrameDecisionOut | None
    #: the surplus (+) or deficit (−) the council decided to carry into this year's frame (issue 11 §2)
    carry_over_tsek: Decimal | None
    #: the operating frame in force: ``amount_tsek`` plus the carry-over
    in_force_tsek: Decimal | None


class AdjustmentOut(Schema):
    id: int
    org_unit_id: int
    year: int
    decision: FrameDecisionOut
    #: the council's adoption the adjustment was made on
    adjusts_decision_id: int
    #: whether it counts in the frame now (false once a later revision of Mål och budget took it in)
    counts: bool
    reason: str
    operating_tsek: Decimal
    investment_tsek: Decimal


class FrameHistoryOut(Schema):
    frame: FrameOut
    adjustments: list[AdjustmentOut]


class ProposalIn(Input):
    amount_tsek: Tsek = Field(description="The proposed operating frame (tkr, net cost)")
    investment_tsek: Tsek | None = Field(default=None, description="The proposed investment frame (tkr); null leaves it as it is")


class FrameProposalIn(ProposalIn):
    org_unit: DbId
    year: Year


class AdjustmentIn(Input):
    org_unit: DbId
    year: Year
    decided_on: Day
    paragraph: Paragraph
    registration_number: RegistrationNumber
    reason: Reason
    operating_tsek: Tsek = Decimal(0)
    investment_tsek: Tsek = Decimal(0)


def _decision(decision: Any) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "id": decision.pk,
        "body_id": decision.body_id,
        "decided_on": decision.decided_on,
        "paragraph": decision.paragraph,
        "registration_number": decision.registration_number,
        "title": decision.title,
    }


def _versions(year: int, units: list[int]) -> dict[int, int]:
    """Each committee's frame row's version for the year (the ETag of its frame)."""
    return dict(OperatingFrame.objects.filter(year=year, org_unit_id__in=units).values_list("org_unit_id", "version"))


def _frame(name: str, f: FrameFigures, versions: dict[int, int] | None = None) -> dict[str, Any]:
    if versions is None:
        versions = _versions(f.year, [f.unit_id])
    return {
        "org_unit_id": f.unit_id,
        "version": versions.get(f.unit_id, 1),
        "org_unit": name,
        "year": f.year,
        "state": f.state,
        "amount_tsek": f.current_tsek,
        "investment_tsek": f.investment_tsek,
        "adopted_tsek": f.adopted_tsek,
        "adopted_investment_tsek": f.adopted_investment_tsek,
        "adjustments_tsek": f.adjustments_tsek,
        "investment_adjustments_tsek": f.investment_adjustments_tsek,
        "adjustment_count": f.adjustment_count,
        "proposed_tsek": f.proposed_tsek,
        "proposed_investment_tsek": f.proposed_investment_tsek,
        "decision": _decision(f.decision),
        "carry_over_tsek": f.carry_over_tsek,
        "in_force_tsek": f.in_force_tsek,
    }


def _adjustment(a: FrameAdjustment, current_decision_id: int | None) -> dict[str, Any]:
    return {
        "id": a.pk,
        "org_unit_id": a.frame.org_unit_id,
        "year": a.frame.year,
        "decision": _decision(a.decision),
        "adjusts_decision_id": a.adjusts_id,
        "counts": a.adjusts_id == current_decision_id,
        "reason": a.reason,
        "operating_tsek": a.operating_tsek,
        "investment_tsek": a.investment_tsek,
    }


@router.get("/frames", response={200: list[FrameOut], **ERRORS}, summary="The year's frames of the committees the caller may see")
def list_frames(request: HttpRequest, year: Year) -> list[dict[str, Any]]:
    group = group_of_user(request.user)
    rows = frame_figures_list(request.user, group=group, year=year)
    versions = _versions(year, [f.unit_id for _, f in rows])
    return [_frame(unit.name, f, versions) for unit, f in rows]


@router.post(
    "/frames",
    response={201: FrameOut, 200: FrameOut, **ERRORS},
    summary="Prepare a committee's frame proposal before the council adopts Mål och budget (FRAME-001, ECON-001, FRAME-006, FRAME-007)",
    description="201 when the committee had no frame for the year, else 200. Controllers (and council politicians) prepare; 409 FRAME-001 once adopted.",
)
def create_frame_proposal(request: HttpRequest, payload: FrameProposalIn) -> Status[dict[str, Any]]:
    unit = org_unit_get(request.user, payload.org_unit)
    existed = OperatingFrame.objects.filter(org_unit=unit, year=payload.year).exists()
    frame_set(actor=request.user, org_unit=unit, year=payload.year, amount_tsek=payload.amount_tsek, investment_tsek=payload.investment_tsek)
    return Status(200 if existed else 201, _frame(unit.name, frame_figures(unit, payload.year)))


@router.put(
    "/frames/{org_unit}/{year}/proposal",
    response={200: FrameOut, **ERRORS},
    summary="Set a committee's frame proposal for the year (before the council adopts; FRAME-001 after it)",
)
def put_frame_proposal(request: HttpRequest, org_unit: DbId, year: Year, payload: ProposalIn, if_match: IfMatch = None) -> dict[str, Any]:
    unit = org_unit_get(request.user, org_unit)
    existing = OperatingFrame.objects.filter(org_unit=unit, year=year).first()  # None: a first proposal, nothing to overwrite
    with expected_version(existing, if_match):
        frame_set(actor=request.user, org_unit=unit, year=year, amount_tsek=payload.amount_tsek, investment_tsek=payload.investment_tsek)
    return _frame(unit.name, frame_figures(unit, year))


@router.get(
    "/frames/{org_unit}/{year}",
    response={200: FrameHistoryOut, **ERRORS},
    summary="A committee's frame for the year as adopted and as it stands now, with KS's adjustments (§, date, reason)",
)
def get_frame_history(request: HttpRequest, org_unit: DbId, year: Year) -> dict[str, Any]:
    unit = org_unit_get(request.user, org_unit)
    history = frame_history(request.user, unit, year)
    current = history.figures.decision.pk if history.figures.decision is not None else None
    return {"frame": _frame(unit.name, history.figures), "adjustments": [_adjustment(row.adjustment, current) for row in history.adjustments]}


@router.get("/frame-adjustments", response={200: list[AdjustmentOut], **ERRORS}, summary="KS's adjustments of the year's frames the caller may see")
def list_adjustments(request: HttpRequest, year: Year, org_unit: DbId | None = None) -> list[dict[str, Any]]:
    group = group_of_user(request.user)
    unit = org_unit_get(request.user, org_unit) if org_unit is not None else None
    found = list(frame_adjustment_list(request.user, group=group, year=year, org_unit=unit))
    return [_adjustment(a, a.frame.decision_id) for a in found]


@router.post(
    "/frame-adjustments",
    response={201: AdjustmentOut, **ERRORS},
    summary="Record KS's adjustment of a committee's adopted frame (politicians on KS; FRAME-002…FRAME-007)",
)
def create_adjustment(request: HttpRequest, payload: AdjustmentIn) -> Status[dict[str, Any]]:
    unit = org_unit_get(request.user, payload.org_unit)
    adjustment = frame_adjust(
        actor=request.user,
        org_unit=unit,
        year=payload.year,
        reason=payload.reason,
        decided_on=payload.decided_on,
        paragraph=payload.paragraph,
        registration_number=payload.registration_number,
        operating_tsek=payload.operating_tsek,
        investment_tsek=payload.investment_tsek,
    )
    return Status(201, _adjustment(adjustment, adjustment.adjusts_id))
