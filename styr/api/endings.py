"""Ending a planned item instead of removing it (issue 14 §2): ``POST …/{id}/end`` with a date and a
reason, for the items that carry follow-up. Permission first (PERM-001), then DEL-003…005; a
DELETE of an item with follow-up below it answers DEL-001 (422), of an ended one DEL-003 (409)."""

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from styr.api.schemas import ERRORS, Day, DbId, Input, Text
from styr.planning import selectors, services
from styr.planning.models.ending import Endable

router = Router(tags=["ending"])


class EndIn(Input):
    ended_on: Day = Field(description="The day the item ends; not before it began (DEL-005)")
    reason: Text = Field(description="Why it ends (DEL-004): shown beside it in the history")


class EndedOut(Schema):
    id: int
    ended_on: date | None
    end_reason: str


def _end(request: HttpRequest, item: Endable, payload: EndIn) -> Endable:
    return services.item_end(actor=request.user, item=item, ended_on=payload.ended_on, reason=payload.reason)


@router.post("/goals/{goal_id}/end", response={200: EndedOut, **ERRORS}, summary="End a development goal (kept in the history)")
def end_goal(request: HttpRequest, goal_id: DbId, payload: EndIn) -> Endable:
    return _end(request, selectors.goal_get(request.user, goal_id), payload)


@router.post("/goal-indicators/{indicator_id}/end", response={200: EndedOut, **ERRORS}, summary="End a goal indicator")
def end_goal_indicator(request: HttpRequest, indicator_id: DbId, payload: EndIn) -> Endable:
    return _end(request, selectors.indicator_get(request.user, indicator_id), payload)


@router.post("/quality-factors/{factor_id}/end", response={200: EndedOut, **ERRORS}, summary="End a quality factor")
def end_quality_factor(request: HttpRequest, factor_id: DbId, payload: EndIn) -> Endable:
    return _end(request, selectors.quality_factor_get(request.user, factor_id), payload)


@router.post("/quality-indicators/{indicator_id}/end", response={200: EndedOut, **ERRORS}, summary="End a quality indicator")
def end_quality_indicator(request: HttpRequest, indicator_id: DbId, payload: EndIn) -> Endable:
    return _end(request, selectors.quality_indicator_get(request.user, indicator_id), payload)


@router.post("/assignments/{assignment_id}/end", response={200: EndedOut, **ERRORS}, summary="End a special assignment")
def end_assignment(request: HttpRequest, assignment_id: DbId, payload: EndIn) -> Endable:
    return _end(request, selectors.assignment_get(request.user, assignment_id), payload)


@router.post("/activities/{activity_id}/end", response={200: EndedOut, **ERRORS}, summary="End an activity")
def end_activity(request: HttpRequest, activity_id: DbId, payload: EndIn) -> Endable:
    return _end(request, selectors.activity_get(request.user, activity_id), payload)
