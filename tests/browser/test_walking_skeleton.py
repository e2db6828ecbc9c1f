"""The KS controller's path: log in, open a committee from the tree, add a development
goal, download the PDF and find the goal in it. axe checks every page on the way."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from styr.planning.models import DevelopmentGoal
from tests.browser.conftest import assert_accessible
from tests.conftest import PASSWORD, YEAR, World

pytestmark = pytest.mark.browser


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/konto/logga-in/")
    assert_accessible(page)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/att-gora/")  # the start page: what waits for me
    assert_accessible(page)
    page.goto(f"{base}/enheter/")


def test_ks_controller_adds_a_goal_to_a_committee_and_finds_it_in_the_pdf(live_server: Any, live_world: World, page: Any, tmp_path: Path) -> None:
    base = live_server.url
    log_in(page, base, "ks_controller")
    assert_accessible(page)

    tree = page.get_by_role("navigation", name="Organisationsträd")
    tree.get_by_role("link", name="Utbildningsnämnden", exact=True).click()
    page.wait_for_url(f"{base}/enheter/{live_world.unit('Utbildningsnämnden').pk}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Utbildningsnämnden")
    assert_accessible(page)

    title = "Alla elever ska känna sig trygga i skolan"
    page.locator("#id_title").fill(title)
    page.locator("#id_citizen_change").fill("Fler elever upplever trygghet varje dag.")
    page.locator("#id_start_year").fill(str(YEAR))
    page.locator("#id_end_year").fill(str(YEAR + 1))
    page.locator("#id_indicator_name").fill("Andel elever som känner sig trygga")
    page.locator("#id_indicator_unit").fill("%")
    page.locator("#id_baseline_year").fill(str(YEAR - 1))
    page.locator("#id_baseline_value").fill("78,5")
    page.locator("#id_target_year").fill(str(YEAR + 1))
    page.locator("#id_target_value").fill("90")
    page.locator("#id_end_year").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("link", name=title).is_visible()
    assert_accessible(page)
    assert DevelopmentGoal.objects.get(title=title).org_unit == live_world.unit("Utbildningsnämnden")

    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Verksamhetsplan {YEAR} (PDF)").click()
    path = tmp_path / "plan.pdf"
    download_info.value.save_as(path)
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(BytesIO(path.read_bytes())).pages).split())
    assert title in text
    assert "Andel elever som känner sig trygga" in text


def test_a_refused_goal_shows_the_rule_next_to_the_field(live_server: Any, live_world: World, page: Any) -> None:
    base = live_server.url
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/enheter/{live_world.unit('Utbildningsnämnden').pk}/")
    page.locator("#id_title").fill("Ett för långt mål")
    page.locator("#id_start_year").fill(str(YEAR))
    page.locator("#id_end_year").fill(str(YEAR + 6))
    page.locator("#id_title").press("Enter")
    page.wait_for_load_state()
    assert "GOAL-002" in page.locator("#id_end_year_error").inner_text()
    assert_accessible(page)
    assert not DevelopmentGoal.objects.exists()


def test_pages_are_keyboard_usable_and_accessible_to_the_public(live_server: Any, live_world: World, page: Any) -> None:
    base = live_server.url
    page.goto(f"{base}/offentlig/alvesta/")
    assert_accessible(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_every_page_of_the_skeleton_passes_axe(live_server: Any, live_world: World, page: Any) -> None:
    from styr.planning.services import goal_create, indicator_create

    goal = goal_create(actor=None, org_unit=live_world.unit("Hagaskolan"), title="Trygg skola", start_year=YEAR, end_year=YEAR)
    indicator_create(actor=None, goal=goal, name="Andel trygga elever", baseline_year=YEAR - 1, baseline_value=80)  # type: ignore[arg-type]
    base = live_server.url
    log_in(page, base, "unit_manager")
    for path in (f"/mal/{goal.pk}/", f"/enheter/{live_world.unit('Hagaskolan').pk}/", "/styrmodell/", "/styrdokument/"):
        page.goto(f"{base}{path}")
        assert page.get_by_role("heading", level=1).is_visible()
        assert_accessible(page)
    page.goto(f"{base}/mal/{goal.pk}/")
    page.get_by_label("Värde", exact=True).fill("tolv")
    page.get_by_label("Månad", exact=True).fill(f"{YEAR}-03")
    page.get_by_role("button", name="Spara värde").click()
    page.wait_for_load_state()
    assert "FU-001" in page.locator("main").inner_text()
    assert_accessible(page)
