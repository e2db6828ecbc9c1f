"""Choosing people and Agenda 2030 targets in the browser (issue 8, §5): the search box beside
an owner narrows the select to the matching people, and the filter over the 169 targets shows
the goals holding a match; a target ticked there is saved. axe checks the page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from styr.planning import services
from styr.planning.models import CoreMission, SustainabilityTarget
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import YEAR, World

pytestmark = pytest.mark.browser


def test_people_and_targets_are_found_by_typing(live_server: Any, live_world: World, page: Any) -> None:
    base = live_server.url
    unit = live_world.unit("Utbildningsnämnden")
    factor = services.quality_factor_create(actor=None, org_unit=unit, title="Trygghet")
    log_in(page, base, "ks_controller")

    page.goto(f"{base}/enheter/{unit.pk}/plan/{YEAR}/?flik=kvalitet")
    page.get_by_text("Lägg till en kvalitetsindikator för Trygghet").click()  # the form is folded in a <details>
    search = page.locator(f"#kvalitetsindikator-new-{factor.pk}-owner-filter")
    expect(search).to_be_visible()
    assert "Ägare" in (search.get_attribute("aria-label") or "")
    search.fill("unit")
    options = page.locator(f"#kvalitetsindikator-new-{factor.pk}-owner option")
    expect(options).to_have_count(2)  # the blank one and Unit Manager
    assert options.nth(1).inner_text() == "Unit Manager"
    search.press("Enter")  # does not send the form
    search.fill("")
    expect(options).to_have_count(4)
    assert_accessible(page)

    page.goto(f"{base}/enheter/{unit.pk}/plan/{YEAR}/?flik=grunduppdrag")
    picker = page.locator("#grunduppdrag-agenda")
    expect(picker.locator("details:visible")).to_have_count(17)
    picker_filter = page.locator("#grunduppdrag-agenda-filter")
    expect(picker_filter).to_be_visible()
    picker_filter.fill("4.1 ")
    expect(picker.locator("details:visible")).to_have_count(1)
    target = SustainabilityTarget.objects.get(code="4.1")
    box = picker.locator(f'input[value="t{target.pk}"]')
    expect(box).to_be_visible()
    assert_accessible(page)
    box.check()
    page.locator("#grunduppdrag-serves").fill("Barn och elever")
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.locator("#grunduppdrag-submit").click()
    assert response.value.status == 200, response.value.text()
    assert [t.code for t in CoreMission.objects.get(org_unit=unit).sustainability_targets.all()] == ["4.1"]
