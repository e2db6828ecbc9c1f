"""The goal lists carry each indicator's latest value only (issue 13 §4): `GET /api/v1/goals`
embedded every value of every indicator (2.7 MB for 100 goals with ten years of values). The
answer's size and its queries stay the same however many values the indicators have."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.followup.services import measurement_record
from styr.planning.models import GoalIndicator
from styr.planning.services import goal_create, indicator_create
from tests.api.test_api_planning import as_
from tests.conftest import YEAR, World

FIRST = YEAR - 3


UNITS = ("Utbildningsnämnden", "Omsorgsnämnden", "Utbildningsförvaltningen", "Grundskola", "Hagaskolan")


def _goals(world: World, count: int, *, first: int = 0) -> list[GoalIndicator]:
    """``count`` goals, three a unit (GOAL-001), each with two indicators."""
    indicators = []
    for number in range(first, first + count):
        unit = world.unit(UNITS[number // 3])
        goal = goal_create(actor=None, org_unit=unit, title=f"Mål {number}", start_year=FIRST, end_year=YEAR)
        for name in ("Behöriga", "Trygga"):
            indicators.append(indicator_create(actor=None, goal=goal, name=name, baseline_year=FIRST - 1, baseline_value=Decimal(70)))
    return indicators


def _add_months(indicators: list[GoalIndicator], months: list[date]) -> None:
    for indicator in indicators:
        for number, month in enumerate(months):
            measurement_record(actor=None, indicator=indicator, period=month, value=Decimal(70 + number % 30))


def _listed(world: World) -> tuple[Any, int, int]:
    api = as_(world, "ks_controller")
    with CaptureQueriesContext(connection) as queries:
        response = api.get("/goals?limit=100")
    assert response.status_code == 200
    return response.json(), len(response.content), len(queries)


def test_the_goal_list_carries_only_each_indicators_latest_value_whatever_the_number_of_values(world: World) -> None:
    indicators = _goals(world, 5)
    _add_months(indicators, [date(FIRST, 1, 1)])
    _body, few_bytes, few_queries = _listed(world)
    months = [date(year, month, 1) for year in range(FIRST, YEAR + 1) for month in range(1, 13)]  # four years of months
    _add_months(indicators, months)
    body, many_bytes, many_queries = _listed(world)
    assert many_queries == few_queries
    assert many_bytes <= few_bytes + 200  # the latest value's digits may differ; forty-odd values more per indicator may not
    listed = body["items"][0]["indicators"][0]
    assert "measurements" not in listed
    latest = listed["latest_value"]
    assert (latest["period"], Decimal(latest["value"]), latest["source"]) == (f"{YEAR}-12-01", Decimal(70 + (len(months) - 1) % 30), "manual")


def test_an_indicator_without_values_has_no_latest_value(world: World) -> None:
    _goals(world, 1)
    body, _size, _queries = _listed(world)
    assert [i["latest_value"] for i in body["items"][0]["indicators"]] == [None, None]


def test_the_goal_lists_queries_hold_as_the_goals_grow(world: World) -> None:
    _add_months(_goals(world, 2), [date(YEAR, 1, 1), date(YEAR, 2, 1)])
    _body, _size, two = _listed(world)
    _add_months(_goals(world, 8, first=2), [date(YEAR, 1, 1)])
    body, _size, ten = _listed(world)
    assert body["count"] == 10 and ten == two
