"""Issue 13 §1's path: a controller binds a goal indicator to a Kolada KPI through the picker
(typing in the search, htmx brings the results), then sees Kolada's title, the comparison chart
and its table with "Källa: Kolada"; axe and 320 px reflow on every page."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from styr.planning import services as planning
from styr.planning.models import GoalIndicator
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import World
from tests.planning.kolada_world import KPI, kolada_catalogue, kolada_settings_for_tests

pytestmark = pytest.mark.browser


def test_a_controller_binds_an_indicator_through_the_picker_and_sees_the_comparison(live_server: Any, live_world: World, page: Any) -> None:
    kolada_catalogue(live_world)
    kolada_settings_for_tests(live_world)
    year = timezone.localdate().year
    goal = planning.goal_create(actor=None, org_unit=live_world.unit("Utbildningsnämnden"), title="Fler behöriga", start_year=year, end_year=year + 1)
    indicator = planning.indicator_create(actor=None, goal=goal, name="Behöriga", unit_label="%", baseline_year=year - 1, baseline_value=Decimal(80))
    base = live_server.url

    log_in(page, base, "ks_controller")
    page.goto(f"{base}/mal/{goal.pk}/")
    page.get_by_text("Koppla till ett nyckeltal i Kolada").click()
    page.get_by_label("Ord ur titeln, eller nyckeltalets id").fill("behöriga yrkesprogram")
    page.get_by_role("radio", name=re.compile("N15419")).wait_for()  # htmx brought the results in place
    assert_accessible(page)
    page.get_by_role("radio", name=re.compile("N15419")).check()
    page.get_by_role("button", name="Koppla till det valda nyckeltalet").click()
    page.wait_for_url(re.compile(rf"/mal/{goal.pk}/"))
    assert GoalIndicator.objects.get(pk=indicator.pk).kolada_kpi == KPI.id

    assert page.get_by_text(KPI.title, exact=False).first.is_visible()
    assert page.get_by_role("link", name=re.compile("N15419")).get_attribute("href") == "https://www.kolada.se/verktyg/fri-sokning/?kpis=N15419"
    chart = page.get_by_role("img", name=re.compile("Källa: Kolada"))
    assert chart.is_visible()
    table = page.locator("table.kolada-comparison-table")
    assert "Källa: Kolada" in table.locator("caption").inner_text()
    assert table.get_by_role("columnheader", name="Gruppens median").is_visible()
    assert table.get_by_role("columnheader", name="Alvesta, kvinnor").is_visible()
    assert_accessible(page)
