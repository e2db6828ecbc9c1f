"""KOLADA-002 on the goal page: the indicator chart's data table marks each value from Kolada
on its own row, and a value a person entered is not marked."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from styr.followup.services import measurement_record
from tests.conftest import YEAR, World
from tests.planning.kolada_world import kolada_goal, value_marked_as_from_kolada


def test_kolada_002_the_goal_pages_chart_table_marks_each_value_from_kolada(world: World) -> None:
    goal, indicator = kolada_goal(world)
    value_marked_as_from_kolada(world, indicator, date(YEAR, 1, 1), Decimal("81"))
    measurement_record(actor=None, indicator=indicator, period=date(YEAR, 2, 1), value=Decimal("83"))
    page = world.client("ks_controller").get(f"/mal/{goal.pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    rows = dict(re.findall(r'<tr><th scope="row">(\d{4}-\d{2})</th>(.*?)</tr>', page))
    assert "Källa: Kolada" in rows[f"{YEAR}-01"] and "Källa" not in rows[f"{YEAR}-02"]
    assert '<th scope="col" class="text-end">Källa</th>' in page
