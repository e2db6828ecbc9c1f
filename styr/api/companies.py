"""The companies under KS's oversight (issue 12 §5): owner directives and their demands (controllers
on the issuing body, ``owner_directive.write``; COMP-001…COMP-004, COMP-008), the companies' answers
per year (``directive_answer.write`` on the company; COMP-005…COMP-007) and the parent company's
owner dialogues (``owner_dialogue.write``; COMP-009). A company's board reads its own company, KS and
the auditors the whole group."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from styr.api.schemas import ERRORS, Day, DbId, Input, RequiredText, Text, Title, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.control.models import DirectiveAnswer, DirectiveDemand, OwnerDialogue, OwnerDirective
from styr.control.selectors import companies as selectors
from styr.control.services import companies as services
from styr.core.permissions import scope
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import group_holding, group_of_user, org_unit_get

router = Router(tags=["Companies"])

DirectiveKindName = Literal["articles", "general", "parent_specific", "subsidiary_specific"]
DemandKindName = Literal["return_target", "solidity_target", "reporting_duty", "other"]
Figure = Annotated[Decimal, Field(max_digits=12, decimal_places=2, allow_inf_nan=False, strict=False)]
UnitText = Annotated[str, Field(max_length=20, pattern=r"^[^\x00]*$")]
Reference = Annotated[str, Field(max_length=100, pattern=r"^[^\x00]*$")]
StatusCode = Annotated[str, Field(max_length=20, pattern=r"^[a-z_]+$")]


class OwnerDirectiveDemandOut(Schema):
    id: int
    directive_id: int
    kind: str
    text: str
    target_value: Decimal | None
    target_unit: str
    position: int


class OwnerDirectiveOut(Schema):
    id: int
    kind: str
    title: str
    issuer_id: int
    issuer: str
    #: none for the general owner directive: it applies to every company
    company_id: int | None
    document_id: int | None
    decision_id: int | None
    decision_reference: str
    decided_on: date
    valid_from: date
    valid_to: date | None
    demands: list[OwnerDirectiveDemandOut]


class OwnerDirectiveIn(Input):
    kind: DirectiveKindName
    title: Title
    issuer_id: DbId = Field(description="The council (articles, general), KS (parent company's), the parent company (a subsidiary's): COMP-001")
    company_id: DbId | None = Field(default=None, description="None for the general directive (COMP-002)")
    decision_reference: Reference = ""
    decided_on: Day
    valid_from: Day
    valid_to: Day | None = None


class OwnerDirectiveDemandIn(Input):
    directive_id: DbId
    kind: DemandKindName
    text: RequiredText
    target_value: Figure | None = Field(default=None, description="With its unit (COMP-004), e.g. 5 and %")
    target_unit: UnitText = ""


class DirectiveAnswerOut(Schema):
    id: int
    version: Version
    demand_id: int
    company_id: int
    year: int
    answer: str
    value: Decimal | None
    status: str
    answered_at: datetime


class DirectiveAnswerIn(Input):
    demand_id: DbId
    company_id: DbId
    year: Year
    answer: Text = ""
    value: Figure | None = Field(default=None, description="Only where the demand has a target (COMP-006)")
    status: StatusCode = Field(default="not_assessed", description="A step of the group's status scale (COMP-007)")


class OwnerDialogueOut(Schema):
    id: int
    parent_company_id: int
    company_id: int
    held_on: date
    title: str
    notes: str


class OwnerDialogueIn(Input):
    parent_company_id: DbId
    company_id: DbId
    held_on: Day
    title: Title
    notes: Text = ""


def _demand(d: DirectiveDemand) -> dict[str, Any]:
    return {
        "id": d.pk,
        "directive_id": d.directive_id,
        "kind": d.kind,
        "text": d.text,
        "target_value": d.target_value,
        "target_unit": d.target_unit,
        "position": d.position,
    }


def _directive(d: OwnerDirective) -> dict[str, Any]:
    return {
        "id": d.pk,
        "kind": d.kind,
        "title": d.title,
        "issuer_id": d.issuer_id,
        "issuer": d.issuer.name,
        "company_id": d.company_id,
        "document_id": d.document_id,
        "decision_id": d.decision_id,
        "decision_reference": d.decision_reference,
        "decided_on": d.decided_on,
        "valid_from": d.valid_from,
        "valid_to": d.valid_to,
        "demands": [_demand(x) for x in d.demands.all()],
    }


def _unit(request: HttpRequest, pk: int) -> OrgUnit:
    unit = org_unit_get(request.user, pk)
    if unit.group_id != group_of_user(request.user).pk:
        raise Http404
    return unit


@router.get("/owner-directives", response={200: list[OwnerDirectiveOut], **ERRORS}, summary="The owner directives the caller may see")
def list_directives(request: HttpRequest, company_id: DbId | None = None) -> list[dict[str, Any]]:
    rows = selectors.directive_list(request.user, group_of_user(request.user))
    if company_id is not None:
        rows = rows.filter(company_id=company_id)
    return [_directive(d) for d in rows]


@router.get("/owner-directives/{int:directive_id}", response={200: OwnerDirectiveOut, **ERRORS}, summary="One owner directive with its demands")
def get_directive(request: HttpRequest, directive_id: DbId) -> dict[str, Any]:
    return _directive(selectors.directive_get(request.user, group_holding(request.user), directive_id))


@router.post(
    "/owner-directives", response={201: OwnerDirectiveOut, **ERRORS}, summary="Record a directive as its issuer decided it (controllers; COMP-001…COMP-003)"
)
def create_directive(request: HttpRequest, payload: OwnerDirectiveIn) -> Status[dict[str, Any]]:
    issuer = _unit(request, payload.issuer_id)
    company = _unit(request, payload.company_id) if payload.company_id is not None else None
    data = payload.model_dump(exclude={"issuer_id", "company_id"})
    directive = services.owner_directive_create(actor=request.user, issuer=issuer, company=company, **data)
    return Status(201, _directive(directive))


@router.delete(
    "/owner-directives/{int:directive_id}", response={204: None, **ERRORS}, summary="Remove a directive none of whose demands is answered (COMP-008)"
)
def delete_directive(request: HttpRequest, directive_id: DbId, if_match: IfMatch = None) -> Status[None]:
    directive = selectors.directive_get(request.user, group_holding(request.user), directive_id)
    with expected_version(directive, if_match):
        services.owner_directive_delete(actor=request.user, directive=directive)
    return Status(204, None)


@router.get("/directive-demands", response={200: list[OwnerDirectiveDemandOut], **ERRORS}, summary="The demands of the directives the caller may see")
def list_demands(request: HttpRequest, directive_id: DbId | None = None) -> list[dict[str, Any]]:
    rows = DirectiveDemand.objects.filter(directive__in=selectors.directive_list(request.user, group_of_user(request.user)))
    if directive_id is not None:
        rows = rows.filter(directive_id=directive_id)
    return [_demand(d) for d in rows]


@router.post("/directive-demands", response={201: OwnerDirectiveDemandOut, **ERRORS}, summary="Add a demand to a directive (controllers; COMP-004)")
def create_demand(request: HttpRequest, payload: OwnerDirectiveDemandIn) -> Status[dict[str, Any]]:
    directive = selectors.directive_get(request.user, group_of_user(request.user), payload.directive_id)
    demand = services.directive_demand_create(
        actor=request.user, directive=directive, kind=payload.kind, text=payload.text, target_value=payload.target_value, target_unit=payload.target_unit
    )
    return Status(201, _demand(demand))


@router.delete("/directive-demands/{int:demand_id}", response={204: None, **ERRORS}, summary="Remove a demand not yet answered (409 COMP-008)")
def delete_demand(request: HttpRequest, demand_id: DbId, if_match: IfMatch = None) -> Status[None]:
    demand = selectors.demand_get(request.user, group_holding(request.user), demand_id)
    with expected_version(demand, if_match):
        services.directive_demand_delete(actor=request.user, demand=demand)
    return Status(204, None)


def _answer(a: DirectiveAnswer) -> dict[str, Any]:
    return {
        "id": a.pk,
        "version": a.version,
        "demand_id": a.demand_id,
        "company_id": a.company_id,
        "year": a.year,
        "answer": a.answer,
        "value": a.value,
        "status": a.status,
        "answered_at": a.answered_at,
    }


@router.get("/directive-answers", response={200: list[DirectiveAnswerOut], **ERRORS}, summary="The companies' answers the caller may see")
def list_answers(request: HttpRequest, company_id: DbId | None = None, year: Year | None = None) -> list[dict[str, Any]]:
    rows = DirectiveAnswer.objects.filter(group=group_of_user(request.user), company__in=scope(request.user))
    if company_id is not None:
        rows = rows.filter(company_id=company_id)
    if year is not None:
        rows = rows.filter(year=year)
    return [_answer(a) for a in rows]


@router.put(
    "/directive-answers", response={200: DirectiveAnswerOut, **ERRORS}, summary="A company's answer to a demand for a year (its officials; COMP-005…COMP-007)"
)
def set_answer(request: HttpRequest, payload: DirectiveAnswerIn, if_match: IfMatch = None) -> dict[str, Any]:
    group = group_of_user(request.user)
    company = _unit(request, payload.company_id)
    demand = selectors.demand_get(request.user, group, payload.demand_id)
    existing = DirectiveAnswer.objects.filter(demand=demand, company=company, year=payload.year).first()  # None: a first answer
    with expected_version(existing, if_match):
        answer = services.directive_answer_set(
            actor=request.user, demand=demand, company=company, year=payload.year, answer=payload.answer, value=payload.value, status=payload.status
        )
    return _answer(answer)


def _dialogue(d: OwnerDialogue) -> dict[str, Any]:
    return {"id": d.pk, "parent_company_id": d.parent_company_id, "company_id": d.company_id, "held_on": d.held_on, "title": d.title, "notes": d.notes}


@router.get("/owner-dialogues", response={200: list[OwnerDialogueOut], **ERRORS}, summary="The owner dialogues of the subsidiaries the caller may see")
def list_dialogues(request: HttpRequest, year: Year | None = None) -> list[dict[str, Any]]:
    return [_dialogue(d) for d in selectors.owner_dialogue_list(request.user, group_of_user(request.user), year=year)]


@router.post("/owner-dialogues", response={201: OwnerDialogueOut, **ERRORS}, summary="The parent company's owner dialogue with a subsidiary (COMP-009)")
def create_dialogue(request: HttpRequest, payload: OwnerDialogueIn) -> Status[dict[str, Any]]:
    parent = _unit(request, payload.parent_company_id)
    company = _unit(request, payload.company_id)
    dialogue = services.owner_dialogue_create(
        actor=request.user, parent_company=parent, company=company, held_on=payload.held_on, title=payload.title, notes=payload.notes
    )
    return Status(201, _dialogue(dialogue))
