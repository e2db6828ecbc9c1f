"""Development goals (seed §5.C): GOAL-001 to GOAL-005 are the services'; the API parses and resolves ids."""

from decimal import Decimal
from typing import Any, Literal

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate
from pydantic import Field

from styr.api import refs
from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import ERRORS, DbId, Error, GoalIndicatorOut, GoalOut, IdList, Input, Patch, StateName, Text, Title, UnitLabel, Year
from styr.api.versions import IfMatch, expected_version
from styr.followup.selectors import latest_values
from styr.organisation.selectors import org_unit_get
from styr.planning import services
from styr.planning.in_force import with_pending_revision
from styr.planning.models import DevelopmentArea, DevelopmentGoal, GoalIndicator
from styr.planning.selectors import development_area_get, goal_get, goal_list, indicator_get
from styr.planning.selectors_kolada import with_current_hash

router = Router(tags=["planning"])


class GoalIn(Input):
    org_unit: DbId
    title: Title
    citizen_change: Text = ""
    start_year: Year
    end_year: Year
    measurable: bool = True
    development_area: DbId | None = None
    contributes_to: IdList = Field([], description="Ids of goals of the levels above the unit (GOAL-005)")
    sustainability_goals: IdList = []
    sustainability_targets: IdList = []


class GoalPatch(Patch):
    nullable = frozenset({"development_area"})

    title: Title | None = None
    citizen_change: Text | None = None
    start_year: Year | None = None
    end_year: Year | None = None
    measurable: bool | None = None
    development_area: DbId | None = None
    contributes_to: IdList | None = None
    sustainability_goals: IdList | None = None
    sustainability_targets: IdList | None = None


def _area(request: HttpRequest, pk: int | None) -> DevelopmentArea | None:
    return development_area_get(request.user, pk) if pk is not None else None


@router.get(
    "/goals",
    response=list[GoalOut],
    summary="Development goals the caller may see",
    description=(
        "`state=adopted` lists the goals in force. While a new revision of their plan is drafted they stay adopted, "
        "are marked `pending_revision`, and show the editors' draft; the adopted content is the plan's snapshot (PLAN-002)."
    ),
)
@paginate(BoundedLimitOffsetPagination)
def list_goals(request: HttpRequest, org_unit: DbId | None = None, year: Year | None = None, state: StateName | None = None) -> QuerySet[DevelopmentGoal]:
    unit = org_unit_get(request.user, org_unit) if org_unit is not None else None
    goals = with_pending_revision(goal_list(request.user, org_unit=unit, year=year))
    if state:
        goals = goals.filter(state=state)
    # each indicator's latest value only, not every value (issue 13 §4): the selector's prefetch of every value is replaced
    # and each bound indicator's KPI hash in the same query, for needs_review (KOLADA-004)
    indicators = with_current_hash(GoalIndicator.objects.prefetch_related("targets", latest_values()))
    return (
        goals.prefetch_related(None)
        .prefetch_related(Prefetch("indicators", queryset=indicators), "contributes_to", "sustainability_goals", "sustainability_targets")
        .order_by("org_unit_id", "start_year", "pk")
    )


@router.post("/goals", response={201: GoalOut, **ERRORS}, summary="Add a development goal (GOAL-001, GOAL-002, GOAL-005)")
def create_goal(request: HttpRequest, payload: GoalIn) -> Status[DevelopmentGoal]:
    unit = refs.unit(request, payload.org_unit)
    goal = services.goal_create(
        actor=request.user,
        org_unit=unit,
        title=payload.title,
        citizen_change=payload.citizen_change,
        start_year=payload.start_year,
        end_year=payload.end_year,
        measurable=payload.measurable,
        development_area=_area(request, payload.development_area),
        contributes_to=refs.contribution_targets(request, unit, payload.contributes_to),
        sustainability_goals=refs.agenda_goals(payload.sustainability_goals),
        sustainability_targets=refs.agenda_targets(payload.sustainability_targets),
    )
    return Status(201, goal)


@router.get("/goals/{goal_id}", response={200: GoalOut, 403: Error, 404: Error})
def get_goal(request: HttpRequest, goal_id: DbId) -> DevelopmentGoal:
    return goal_get(request.user, goal_id)


@router.patch("/goals/{goal_id}", response={200: GoalOut, **ERRORS}, summary="Change a development goal that is not adopted (GOAL-004)")
def update_goal(request: HttpRequest, goal_id: DbId, payload: GoalPatch, if_match: IfMatch = None) -> DevelopmentGoal:
    goal = goal_get(request.user, goal_id)
    sent = payload.changes()
    links: dict[str, Any] = {name: sent[name] for name in ("sustainability_goals", "sustainability_targets") if name in sent}
    with expected_version(goal, if_match):
        return services.goal_update(
            actor=request.user,
            goal=goal,
            title=sent.get("title", goal.title),
            citizen_change=sent.get("citizen_change", goal.citizen_change),
            start_year=sent.get("start_year", goal.start_year),
            end_year=sent.get("end_year", goal.end_year),
            measurable=sent.get("measurable", goal.measurable),
            development_area=_area(request, sent["development_area"]) if "development_area" in sent else goal.development_area,
            contributes_to=refs.contribution_targets(request, goal.org_unit, sent["contributes_to"]) if "contributes_to" in sent else None,
            **refs.agenda_links(links),
        )


@router.delete("/goals/{goal_id}", response={204: None, **ERRORS}, summary="Remove a development goal that was never adopted (GOAL-004)")
def delete_goal(request: HttpRequest, goal_id: DbId, if_match: IfMatch = None) -> Status[None]:
    goal = goal_get(request.user, goal_id)
    with expected_version(goal, if_match):
        services.goal_delete(actor=request.user, goal=goal)
    return Status(204, None)


class GoalIndicatorIn(Input):
    name: Title
    unit_label: UnitLabel = ""
    direction: Literal["higher", "lower"] = "higher"
    baseline_year: Year
    baseline_value: Decimal = Field(max_digits=14, decimal_places=2, strict=False)
    target_year: Year | None = None
    target_value: Decimal | None = Field(None, max_digits=14, decimal_places=2, strict=False)


class GoalIndicatorPatch(Patch):
    name: Title | None = None
    unit_label: UnitLabel | None = None
    direction: Literal["higher", "lower"] | None = None
    baseline_year: Year | None = None
    baseline_value: Decimal | None = Field(None, max_digits=14, decimal_places=2, strict=False)


class TargetIn(Input):
    value: Decimal = Field(max_digits=14, decimal_places=2, strict=False)


def _indicator(request: HttpRequest, pk: int) -> GoalIndicator:
    return indicator_get(request.user, pk)


@router.post("/goals/{goal_id}/indicators", response={201: GoalIndicatorOut, **ERRORS}, summary="Add a goal indicator with its baseline (and a target)")
def create_goal_indicator(request: HttpRequest, goal_id: DbId, payload: GoalIndicatorIn) -> Status[GoalIndicator]:
    goal = goal_get(request.user, goal_id)
    return Status(201, services.indicator_create(actor=request.user, goal=goal, **payload.dict()))


@router.get("/goal-indicators/{indicator_id}", response={200: GoalIndicatorOut, **ERRORS})
def get_goal_indicator(request: HttpRequest, indicator_id: DbId) -> GoalIndicator:
    return _indicator(request, indicator_id)


@router.patch("/goal-indicators/{indicator_id}", response={200: GoalIndicatorOut, **ERRORS}, summary="Change a goal indicator (GOAL-004)")
def update_goal_indicator(request: HttpRequest, indicator_id: DbId, payload: GoalIndicatorPatch, if_match: IfMatch = None) -> GoalIndicator:
    indicator = _indicator(request, indicator_id)
    with expected_version(indicator, if_match):
        return services.indicator_update(actor=request.user, indicator=indicator, **payload.changes())


@router.delete("/goal-indicators/{indicator_id}", response={204: None, **ERRORS})
def delete_goal_indicator(request: HttpRequest, indicator_id: DbId, if_match: IfMatch = None) -> Status[None]:
    indicator = _indicator(request, indicator_id)
    with expected_version(indicator, if_match):
        services.indicator_delete(actor=request.user, indicator=indicator)
    return Status(204, None)


@router.put("/goal-indicators/{indicator_id}/targets/{year}", response={200: GoalIndicatorOut, **ERRORS}, summary="Set the target for a year (GOAL-003)")
def set_target(request: HttpRequest, indicator_id: DbId, year: Year, payload: TargetIn, if_match: IfMatch = None) -> GoalIndicator:
    indicator = _indicator(request, indicator_id)
    with expected_version(indicator, if_match):  # the indicator's ETag: its targets are part of it
        services.target_set(actor=request.user, indicator=indicator, year=year, value=payload.value)
    return _indicator(request, indicator_id)
