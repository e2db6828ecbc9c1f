"""The officials' side of the dialogue with citizens (issue 15 §2, DIAL-001…DIAL-006): open a
dialogue, read every comment (waiting ones too), show or reject, answer in public, gather what was
said into a current-state analysis, and remove a citizen's details on request. A citizen comments
through the public page's form only (DIAL-003 guards it)."""

from datetime import date, datetime
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from styr.api import refs
from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import ERRORS, Day, DbId, Input, Text, Title, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.planning.models import CitizenComment, CitizenDialogue, CurrentStateAnalysis
from styr.planning.selectors import current_state_list, goal_get, trend_get
from styr.planning.selectors_citizen_dialogue import citizen_comment_get, citizen_comment_list, citizen_dialogue_get, citizen_dialogue_list
from styr.planning.services import citizen_dialogue as services

router = Router(tags=["citizen dialogue"])


class DialogueOut(Schema):
    id: int
    version: Version
    org_unit_id: int
    goal_id: int | None
    analysis_id: int | None
    title: str
    description: str
    opens_on: date
    closes_on: date
    gathered_into_id: int | None = Field(description="The current-state analysis it was gathered into (DIAL-005)")
    gathered_into_trend_id: int | None = Field(description="Or the trend of an environment analysis (DIAL-005)")
    gathered_summary: str


class CommentOut(Schema):
    id: int
    version: Version
    dialogue_id: int
    text: str
    author_name: str = Field(description="Blank when anonymous or once removed (DIAL-006); the email is never given out")
    state: str
    answer: str
    created_at: datetime
    answered_at: datetime | None
    personal_data_removed_at: datetime | None


class DialogueIn(Input):
    org_unit: DbId
    goal: DbId | None = Field(None, description="An adopted goal of the unit (DIAL-001)")
    analysis: DbId | None = Field(None, description="Or the unit's current-state analysis (DIAL-001)")
    title: Title
    description: Text = ""
    opens_on: Day
    closes_on: Day


class ModerationIn(Input):
    decision: Literal["approve", "reject"]


class AnswerIn(Input):
    answer: Text


class GatherIn(Input):
    year: Year | None = Field(None, description="The year of the unit's current-state analysis: the dialogue's or later (DIAL-005)")
    trend: DbId | None = Field(None, description="Or a trend of the unit's environment analysis of the dialogue's year or later (DIAL-005)")
    summary: Text


class RemovalIn(Input):
    receipt_code: str = Field("", max_length=20)
    email: str = Field("", max_length=254)


class RemovalOut(Schema):
    removed: int


def _analysis(request: HttpRequest, pk: int) -> CurrentStateAnalysis:
    found = current_state_list(request.user).filter(pk=pk).first()
    if found is None:
        from django.http import Http404

        raise Http404
    return found


@router.get("/citizen-dialogues", response=list[DialogueOut], summary="Dialogues with citizens of the units the caller sees")
@paginate(BoundedLimitOffsetPagination)
def list_dialogues(request: HttpRequest, org_unit: DbId | None = None) -> QuerySet[CitizenDialogue]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return citizen_dialogue_list(request.user, org_unit=unit).order_by("pk")


@router.post("/citizen-dialogues", response={201: DialogueOut, **ERRORS}, summary="Open a dialogue with citizens (DIAL-001)")
def open_dialogue(request: HttpRequest, payload: DialogueIn) -> Status[CitizenDialogue]:
    unit = refs.unit(request, payload.org_unit)
    goal = goal_get(request.user, payload.goal) if payload.goal is not None else None
    analysis = _analysis(request, payload.analysis) if payload.analysis is not None else None
    dialogue = services.citizen_dialogue_open(
        actor=request.user,
        org_unit=unit,
        goal=goal,
        analysis=analysis,
        title=payload.title,
        description=payload.description,
        opens_on=payload.opens_on,
        closes_on=payload.closes_on,
    )
    return Status(201, dialogue)


@router.get("/citizen-dialogues/{dialogue_id}", response={200: DialogueOut, **ERRORS})
def get_dialogue(request: HttpRequest, dialogue_id: DbId) -> CitizenDialogue:
    return citizen_dialogue_get(request.user, dialogue_id)


@router.get("/citizen-dialogues/{dialogue_id}/comments", response={200: list[CommentOut], **ERRORS}, summary="A dialogue's comments, waiting ones too")
def list_comments(request: HttpRequest, dialogue_id: DbId) -> list[CitizenComment]:
    return list(citizen_comment_list(request.user, citizen_dialogue_get(request.user, dialogue_id)))


@router.put(
    "/citizen-dialogues/{dialogue_id}/gathering",
    response={200: DialogueOut, **ERRORS},
    summary="Gather into a current-state analysis or a trend of the environment analysis (DIAL-005)",
)
def gather(request: HttpRequest, dialogue_id: DbId, payload: GatherIn, if_match: IfMatch = None) -> CitizenDialogue:
    dialogue = citizen_dialogue_get(request.user, dialogue_id)
    trend = trend_get(request.user, payload.trend) if payload.trend is not None else None
    with expected_version(dialogue, if_match):
        return services.citizen_dialogue_gather(actor=request.user, dialogue=dialogue, year=payload.year, trend=trend, summary=payload.summary)


@router.put(
    "/citizen-dialogues/{dialogue_id}/closing",
    response={200: DialogueOut, **ERRORS},
    summary="Close an open dialogue before its closing day: it closes today (DIAL-001)",
)
def close(request: HttpRequest, dialogue_id: DbId, if_match: IfMatch = None) -> CitizenDialogue:
    dialogue = citizen_dialogue_get(request.user, dialogue_id)
    with expected_version(dialogue, if_match):
        return services.citizen_dialogue_close(actor=request.user, dialogue=dialogue)


@router.put("/citizen-comments/{comment_id}/moderation", response={200: CommentOut, **ERRORS}, summary="Show or reject a comment (DIAL-004)")
def moderate(request: HttpRequest, comment_id: DbId, payload: ModerationIn, if_match: IfMatch = None) -> CitizenComment:
    comment = citizen_comment_get(request.user, comment_id)
    with expected_version(comment, if_match):
        return services.citizen_comment_moderate(actor=request.user, comment=comment, approve=payload.decision == "approve")


@router.put("/citizen-comments/{comment_id}/answer", response={200: CommentOut, **ERRORS}, summary="Answer a shown comment in public (DIAL-004)")
def answer(request: HttpRequest, comment_id: DbId, payload: AnswerIn, if_match: IfMatch = None) -> CitizenComment:
    comment = citizen_comment_get(request.user, comment_id)
    with expected_version(comment, if_match):
        return services.citizen_comment_answer(actor=request.user, comment=comment, answer=payload.answer)


@router.post("/citizen-data/removals", response={200: RemovalOut, **ERRORS}, summary="Remove a citizen's name and email on request (DIAL-006)")
def remove_data(request: HttpRequest, payload: RemovalIn) -> RemovalOut:
    return RemovalOut(removed=services.citizen_data_remove(actor=request.user, receipt_code=payload.receipt_code, email=payload.email))
