"""The year-end carry-over (issue 11 §2): each committee's result against its frame, the proposal
the preset's rules give and the council's decision. A controller (``carry_over.compute`` on the
council's tree: KS's controllers) computes and recomputes the proposals after the year's end; a
politician on the council itself decides them (``carry_over.decide``), with other amounts and
reasons where the council so decides (CARRY-002…CARRY-008). Everyone who sees a committee reads
its carry-overs (auditors too)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from styr.api.frames import FrameDecisionOut, Paragraph, RegistrationNumber, _decision
from styr.api.schemas import ERRORS, Day, DbId, Input, Text, Year
from styr.economy.models import CarryOver
from styr.economy.selectors.carry_over import carry_over_get, carry_over_list
from styr.economy.services import Decided, carry_overs_compute, carry_overs_decide
from styr.organisation.selectors import group_of_user, org_unit_get

router = Router(tags=["Carry-over"])

#: An amount carried over, tkr; that it has at most two decimals is the services' rule (CARRY-005).
Tsek2 = Annotated[Decimal, Field(allow_inf_nan=False, strict=False, description="tkr, at most two decimals (CARRY-005)")]


class CarryOverOut(Schema):
    id: int
    org_unit_id: int
    org_unit: str
    #: the year the result arose in; the amount is carried into ``into_year``'s frame
    year: int
    into_year: int
    frame_tsek: Decimal
    actual_tsek: Decimal
    #: frame − actual: a surplus positive, a deficit negative
    result_tsek: Decimal
    proposed_tsek: Decimal
    decided_tsek: Decimal | None
    #: "proposed" or "decided"
    state: str
    comment: str
    computed_at: datetime
    decided_at: datetime | None
    decision: FrameDecisionOut | None


class ComputeIn(Input):
    year: Year = Field(description="The year whose results are carried over (over by now: CARRY-002)")


class DecidedIn(Input):
    id: DbId
    decided_tsek: Tsek2 = Field(description="The amount the council carries over (tkr)")
    comment: Text = Field(default="", description="The reason, needed when it differs from the proposal (CARRY-004)")


class DecideIn(Input):
    year: Year
    decided_on: Day
    paragraph: Paragraph
    registration_number: RegistrationNumber
    amounts: list[DecidedIn] = Field(default_factory=list, max_length=200, description="Amounts other than proposed; the rest is decided as proposed")


def _out(c: CarryOver) -> dict[str, Any]:
    return {
        "id": c.pk,
        "org_unit_id": c.org_unit_id,
        "org_unit": c.org_unit.name,
        "year": c.year,
        "into_year": c.into_year,
        "frame_tsek": c.frame_tsek,
        "actual_tsek": c.actual_tsek,
        "result_tsek": c.result_tsek,
        "proposed_tsek": c.proposed_tsek,
        "decided_tsek": c.decided_tsek,
        "state": c.state,
        "comment": c.comment,
        "computed_at": c.computed_at,
        "decided_at": c.decided_at,
        "decision": _decision(c.decision),
    }


@router.get("/carry-overs", response={200: list[CarryOverOut], **ERRORS}, summary="The carry-overs of the committees the caller may see")
def list_carry_overs(request: HttpRequest, year: Year | None = None, org_unit: DbId | None = None) -> list[dict[str, Any]]:
    group = group_of_user(request.user)
    unit = org_unit_get(request.user, org_unit) if org_unit is not None else None
    return [_out(c) for c in carry_over_list(request.user, group=group, year=year, org_unit=unit)]


@router.get("/carry-overs/{int:carry_over_id}", response={200: CarryOverOut, **ERRORS}, summary="One committee's carry-over of a year's result")
def get_carry_over(request: HttpRequest, carry_over_id: DbId) -> dict[str, Any]:
    return _out(carry_over_get(request.user, carry_over_id))


@router.post(
    "/carry-overs/compute",
    response={200: list[CarryOverOut], **ERRORS},
    summary="Compute (or recompute) the year's carry-over proposals from the frames and the books (controllers; CARRY-002, CARRY-007)",
    description="Returns the proposals computed; a carry-over the council has decided stays as decided.",
)
def compute(request: HttpRequest, payload: ComputeIn) -> list[dict[str, Any]]:
    group = group_of_user(request.user)
    computed = carry_overs_compute(actor=request.user, group=group, year=payload.year)
    return [_out(CarryOver.objects.select_related("org_unit", "decision").get(pk=c.pk)) for c in computed]


@router.post(
    "/carry-overs/decide",
    response={200: list[CarryOverOut], **ERRORS},
    summary="The council's decision on the year's proposed carry-overs (politicians on the council; CARRY-003…CARRY-006, CARRY-008)",
    description="One decision (date, §, registration number) for every proposal of the year still open; 409 CARRY-003 for one already decided.",
)
def decide(request: HttpRequest, payload: DecideIn) -> list[dict[str, Any]]:
    group = group_of_user(request.user)
    decided = carry_overs_decide(
        actor=request.user,
        group=group,
        year=payload.year,
        decided_on=payload.decided_on,
        paragraph=payload.paragraph,
        registration_number=payload.registration_number,
        amounts={a.id: Decided(a.decided_tsek, a.comment) for a in payload.amounts},
    )
    return [_out(c) for c in decided]
