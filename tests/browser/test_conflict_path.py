"""No lost update in the browser (EDIT-001): two people in two browsers open the same development
goal's in-place form; the first saves, the second's save answers 409 and htmx swaps in both
versions side by side above the second person's own values. The conflict view passes axe, reflows
at 320 px and is valid HTML; saving again from it replaces the saved version consciously."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from styr.planning import services
from styr.planning.models import DevelopmentGoal
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import YEAR, World
from tests.html_check import vnu_errors

pytestmark = pytest.mark.browser


def open_goal_form(page: Any, base: str, unit_pk: int, key: str) -> None:
    page.goto(f"{base}/enheter/{unit_pk}/plan/{YEAR}/?flik=utveckling&redigera={key}")
    expect(page.locator(f"#form-{key}")).to_be_visible()


def test_the_second_of_two_editors_sees_both_versions_side_by_side(live_server: Any, live_world: World, browser: Any, page: Any) -> None:
    base = live_server.url
    unit = live_world.unit("Utbildningsnämnden")
    goal = services.goal_create(actor=live_world.users["ks_controller"], org_unit=unit, title="Alla elever når målen", start_year=YEAR, end_year=YEAR + 1)
    key = f"utvecklingsmal-{goal.pk}"
    other_context = browser.new_context(locale="sv-SE", reduced_motion="reduce")
    other = other_context.new_page()
    for each in (page, other):  # two browsers on a loaded 2-core machine: give the live server time
        each.set_default_timeout(60_000)
    try:
        log_in(page, base, "ks_controller")
        log_in(other, base, "committee_politician")
        open_goal_form(page, base, unit.pk, key)
        open_goal_form(other, base, unit.pk, key)

        page.locator(f"#{key}-title").fill("Alla elever når kunskapsmålen")
        with page.expect_response(lambda r: r.request.method == "POST") as first:
            page.locator(f"#{key}-submit").click()
        assert first.value.status == 200
        expect(page.locator("#plan-notice")).to_be_visible()

        other.locator(f"#{key}-title").fill("Alla elever trivs i skolan")
        with other.expect_response(lambda r: r.request.method == "POST") as second:
            other.locator(f"#{key}-submit").click()
        assert second.value.status == 409
        conflict = other.locator(f"#{key}-conflict")
        expect(conflict).to_be_visible()
        expect(conflict).to_have_attribute("role", "alert")
        expect(conflict).to_contain_text("EDIT-001")
        table = conflict.locator("table")
        expect(table.locator("caption")).to_be_visible()
        expect(table.locator("thead")).to_contain_text("Din version")
        expect(table.locator("thead")).to_contain_text("Sparad version")
        row = table.locator("tbody tr", has_text="Mål")
        expect(row.locator("td").nth(0)).to_have_text("Alla elever trivs i skolan")
        expect(row.locator("td").nth(1)).to_have_text("Alla elever når kunskapsmålen")
        expect(other.locator(f"#{key}-title")).to_have_value("Alla elever trivs i skolan")  # the person's own text is kept
        expect(conflict.get_by_role("link", name="Använd sparad version")).to_be_visible()
        assert DevelopmentGoal.objects.get(pk=goal.pk).title == "Alla elever når kunskapsmålen"
        assert_accessible(other)
        assert not vnu_errors({"conflict": other.content()})

        with other.expect_response(lambda r: r.request.method == "POST") as again:
            other.locator(f"#{key}-submit").click()
        assert again.value.status == 200
        expect(other.locator("#plan-notice")).to_be_visible()
        assert DevelopmentGoal.objects.get(pk=goal.pk).title == "Alla elever trivs i skolan"
    finally:
        other_context.close()
