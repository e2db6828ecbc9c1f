from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import DbId, Error, GoalOut, StateName, Year
from styr.organisation.selectors import org_unit_get
from styr.planning.models import DevelopmentGoal
from styr.planning.selectors import goal_get, goal_list

router = Router(tags=["planning"])


@router.get("/goals", response=list[GoalOut], summary="Development goals the caller may see")
@paginate(BoundedLimitOffsetPagination)
def list_goals(request: HttpRequest, org_unit: DbId | None = None, year: Year | None = None, state: StateName | None = None) -> QuerySet[DevelopmentGoal]:
    unit = org_unit_get(request.user, org_unit) if org_unit is not None else None
    goals = goal_list(request.user, org_unit=unit, year=year)
    if state:
        goals = goals.filter(state=state)
    return goals.order_by("org_unit_id", "start_year", "pk")


@router.get("/goals/{goal_id}", response={200: GoalOut, 403: Error, 404: Error})
def get_goal(request: HttpRequest, goal_id: DbId) -> DevelopmentGoal:
    return goal_get(request.user, goal_id)
