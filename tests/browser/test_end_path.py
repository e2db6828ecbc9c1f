"""Ending an item in the browser (issue 14 §2): the controller tries to remove a goal that has
follow-up data below it; the removal is refused in place with DEL-002 and the end form opens beside
it; with a date and a reason the goal is ended, stays on the page marked "Avslutad <datum>: <skäl>",
and nothing of its follow-up is lost. axe, 320 px reflow and the HTML checker on the way."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect

from styr.followup.models import Measurement
from styr.planning.models import DevelopmentGoal
from tests.browser.conftest import assert_accessible
from tests.browser.test_plan_path import MARK, still_the_same_page
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import YEAR, World
from tests.planning.delete_setup import COMMITTEE, followed

pytestmark = pytest.mark.browser


def test_a_goal_with_follow_up_is_refused_removal_and_ended_in_place(live_server: Any, live_world: World, page: Any) -> None:
    data = followed(live_world)
    values = Measurement.objects.filter(indicator=data.indicator).count()
    assert values > 0
    base = live_server.url
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/enheter/{live_world.unit(COMMITTEE).pk}/plan/{YEAR}/?flik=utveckling")
    page.evaluate(f"{MARK} = 'kept'")
    key = f"utvecklingsmal-{data.goal.pk}"
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.locator(f"#delete-{key}").click()
    assert response.value.status == 422
    expect(page.locator("#plan-error")).to_contain_text("DEL-00")
    expect(page.locator(f"#{key}-end-hint")).to_be_visible()  # the end form is open beside the refusal
    assert_accessible(page)

    page.locator(f"#{key}-ended_on").fill(f"{YEAR}-06-30")
    page.locator(f"#{key}-end_reason").fill("Ersatt av ett nytt mål")
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.locator(f"#end-submit-{key}").click()
    assert response.value.status == 200, response.value.text()
    expect(page.locator(f"#ended-{key}")).to_contain_text(f"{YEAR}-06-30")
    expect(page.locator(f"#ended-{key}")).to_contain_text("Ersatt av ett nytt mål")
    assert_accessible(page)
    still_the_same_page(page)
    goal = DevelopmentGoal.objects.get(pk=data.goal.pk)
    assert goal.ended_on == date(YEAR, 6, 30) and goal.end_reason == "Ersatt av ett nytt mål"
    assert Measurement.objects.filter(indicator=data.indicator).count() == values
