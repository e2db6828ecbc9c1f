"""KOLADA-002 on the public goals page: in an indicator's chart data table, each value from
Kolada is marked "Källa: Kolada" on its own row, and a value a person entered is not."""

from __future__ import annotations

import re

from tests.conftest import YEAR, World
from tests.public.open_data_world import publish
from tests.public.test_open_data import text


def table_row(page: str, period: str) -> str:
    found = re.search(rf'<tr><th scope="row">{period}</th>(.*?)</tr>', page)
    assert found is not None, period
    return found.group(1)


def test_kolada_002_each_value_from_kolada_is_marked_in_the_charts_data_table(world: World) -> None:
    publish(world)
    page = text(f"/offentlig/alvesta/?ar={YEAR}")
    assert "Källa: Kolada" in table_row(page, f"{YEAR}-04")
    assert "Källa" not in table_row(page, f"{YEAR}-02")
    assert '<th scope="col" class="text-end">Källa</th>' in page
