"""The plan's path through the browser: the KS controller builds Utbildningsnämnden's plan in
place with htmx (no page is reloaded), creates and proposes it; the committee politician adopts
it with date, § and registration number, and the decision tab shows the decision and the
snapshot's SHA-256. axe checks every page and tab on the way."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from styr.planning.models import Activity, Assignment, DevelopmentGoal, Plan, QualityFactor, QualityIndicator
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import YEAR, World

pytestmark = pytest.mark.browser

MARK = "window.__styrNoReload"


def open_tab(page: Any, name: str) -> None:
    """Open a tab with the mouse; htmx swaps the tabs in place and the URL follows."""
    page.locator(f"#tab-{name}").click()
    expect(page.locator(f'#plan-panel[data-tab="{name}"]')).to_be_visible()
    expect(page.locator(f"#tab-{name}")).to_have_attribute("aria-selected", "true")
    assert f"flik={name}" in page.url
    assert_accessible(page)


def submit(page: Any, key: str) -> None:
    """Send a form in the panel and wait until htmx has put the new panel in place."""
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.locator(f"#{key}-submit").click()
    assert response.value.status == 200, response.value.text()
    expect(page.locator("#plan-notice")).to_be_visible()


def still_the_same_page(page: Any) -> None:
    assert page.evaluate(MARK) == "kept", "a full page load happened"


def test_the_controller_builds_the_plan_in_place_and_the_committee_adopts_it(live_server: Any, live_world: World, page: Any) -> None:
    base = live_server.url
    unit = live_world.unit("Utbildningsnämnden")
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/enheter/{unit.pk}/?ar={YEAR}")
    assert_accessible(page)
    page.locator("#unit-plan-link").click()
    page.wait_for_url(f"{base}/enheter/{unit.pk}/plan/{YEAR}/")
    expect(page.locator('#plan-panel[data-tab="grunduppdrag"]')).to_be_visible()
    assert_accessible(page)
    page.evaluate(f"{MARK} = 'kept'")

    # The tabs answer the keyboard: arrows move between them, Enter opens one.
    page.locator("#tab-grunduppdrag").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#tab-kvalitet")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator('#plan-panel[data-tab="kvalitet"]')).to_be_visible()
    expect(page.locator("#tab-kvalitet")).to_be_focused()
    expect(page.locator("#tab-grunduppdrag")).to_have_attribute("tabindex", "-1")
    assert_accessible(page)

    # Kvalitet: a quality factor and a quality indicator from Kolada, without any target field.
    page.locator("#add-kvalitetsfaktor").click()
    page.locator("#kvalitetsfaktor-new-title").fill("Trygghet och studiero")
    submit(page, "kvalitetsfaktor-new")
    factor = QualityFactor.objects.get(title="Trygghet och studiero")
    assert_accessible(page)
    page.locator(f"#add-kvalitetsindikator-{factor.pk}").click()
    key = f"kvalitetsindikator-new-{factor.pk}"
    assert page.locator(f"#form-{key} [name^=target]").count() == 0
    page.locator(f"#{key}-name").fill("Andel elever som känner sig trygga")
    page.locator(f"#{key}-unit_label").fill("%")
    page.locator(f"#{key}-source").select_option("kolada")
    page.locator(f"#{key}-kolada_kpi").fill("N15613")
    page.locator(f"#{key}-owner").select_option(str(live_world.users["administration_official"].pk))
    submit(page, key)
    expect(page.locator("#plan-panel code.kpi")).to_have_text("N15613")
    assert QualityIndicator.objects.get().kolada_kpi == "N15613"
    assert_accessible(page)

    # Utveckling: a development goal for the year.
    open_tab(page, "utveckling")
    page.locator("#add-utvecklingsmal").click()
    page.locator("#utvecklingsmal-new-title").fill("Alla elever ska känna sig trygga i skolan")
    page.locator("#utvecklingsmal-new-citizen_change").fill("Fler elever upplever trygghet varje dag.")
    page.locator("#utvecklingsmal-new-end_year").fill(str(YEAR + 1))
    submit(page, "utvecklingsmal-new")
    goal = DevelopmentGoal.objects.get(title="Alla elever ska känna sig trygga i skolan")
    expect(page.locator(f"#utvecklingsmal-{goal.pk}-heading")).to_contain_text(goal.title)
    assert (goal.org_unit, goal.start_year, goal.end_year) == (unit, YEAR, YEAR + 1)
    assert_accessible(page)

    # Uppdrag: a special assignment to the administration directly below.
    open_tab(page, "uppdrag")
    page.locator("#add-uppdrag").click()
    page.locator("#uppdrag-new-receiver").select_option(label="Utbildningsförvaltningen")
    page.locator("#uppdrag-new-title").fill("Kartlägg elevernas upplevda trygghet")
    page.locator("#uppdrag-new-deadline").fill(f"{YEAR}-09-30")
    submit(page, "uppdrag-new")
    assignment = Assignment.objects.get()
    assert (assignment.issuer, assignment.receiver.name, assignment.year) == (unit, "Utbildningsförvaltningen", YEAR)
    expect(page.locator("#issued-table")).to_contain_text("Kartlägg elevernas upplevda trygghet")
    assert_accessible(page)

    # Aktiviteter: an activity under the goal.
    open_tab(page, "aktiviteter")
    page.locator("#add-aktivitet").click()
    page.locator("#aktivitet-new-parent").select_option(f"goal-{goal.pk}")
    page.locator("#aktivitet-new-title").fill("Trygghetsvandringar på skolgårdarna")
    page.locator("#aktivitet-new-owner").select_option(str(live_world.users["administration_official"].pk))
    page.locator("#aktivitet-new-start_date").fill(f"{YEAR}-02-01")
    page.locator("#aktivitet-new-end_date").fill(f"{YEAR}-05-31")
    submit(page, "aktivitet-new")
    expect(page.locator("#activity-table")).to_contain_text("Trygghetsvandringar på skolgårdarna")
    assert Activity.objects.get().goal == goal
    assert_accessible(page)

    # Beslut: create the plan and propose it for decision.
    open_tab(page, "beslut")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.locator("#plan-create").click()
    expect(page.locator("#plan-propose")).to_be_visible()
    assert_accessible(page)
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.locator("#plan-propose").click()
    expect(page.locator("#plan-withdraw")).to_be_visible()
    plan = Plan.objects.get(org_unit=unit, year=YEAR)
    assert plan.state == "proposed"
    assert page.locator(f"#adopt-{plan.pk}-decided_on").count() == 0  # the committee decides, not the controller
    assert_accessible(page)
    still_the_same_page(page)

    # The committee politician adopts the plan.
    page.locator("header form[action$='/konto/logga-ut/'] button").click()
    page.wait_for_load_state()
    log_in(page, base, "committee_politician")
    page.goto(f"{base}/enheter/{unit.pk}/plan/{YEAR}/?flik=beslut")
    expect(page.locator('#plan-panel[data-tab="beslut"]')).to_be_visible()
    assert_accessible(page)
    page.evaluate(f"{MARK} = 'kept'")
    page.locator(f"#adopt-{plan.pk}-decided_on").fill(f"{YEAR - 1}-11-20")
    page.locator(f"#adopt-{plan.pk}-paragraph").fill("§ 87")
    page.locator(f"#adopt-{plan.pk}-registration_number").fill("UN 2025/112")
    submit(page, f"adopt-{plan.pk}")
    plan.refresh_from_db()
    assert plan.state == "adopted" and plan.decision is not None and len(plan.snapshot_sha256) == 64
    row = page.locator(f"#plan-{plan.pk}")
    expect(row.locator("code.sha256")).to_have_text(plan.snapshot_sha256)
    expect(row.locator(".decision")).to_contain_text(f"{YEAR - 1}-11-20")
    expect(row.locator(".decision")).to_contain_text("§ 87")
    expect(row.locator(".decision")).to_contain_text("UN 2025/112")
    assert_accessible(page)
    still_the_same_page(page)

    # The adopted plan's content is what was decided.
    goals = plan.snapshot["sections"]["goals"] if plan.snapshot else []
    assert [g["title"] for g in goals] == ["Alla elever ska känna sig trygga i skolan"]
    assert goals[0]["activities"][0]["title"] == "Trygghetsvandringar på skolgårdarna"
    open_tab(page, "utveckling")
    expect(page.locator(f"#utvecklingsmal-{goal.pk} .badge-state-adopted")).to_be_visible()
    still_the_same_page(page)


def test_a_refused_assignment_shows_the_rule_in_place(live_server: Any, live_world: World, page: Any) -> None:
    """A refusal (422) is swapped in like an answer: the rule id next to the field, nothing written."""
    base = live_server.url
    unit = live_world.unit("Utbildningsnämnden")
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/enheter/{unit.pk}/plan/{YEAR}/?flik=utveckling")
    page.evaluate(f"{MARK} = 'kept'")
    page.locator("#add-utvecklingsmal").click()
    page.locator("#utvecklingsmal-new-title").fill("Ett för långt mål")
    page.locator("#utvecklingsmal-new-end_year").fill(str(YEAR + 6))
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.locator("#utvecklingsmal-new-submit").click()
    assert response.value.status == 422
    expect(page.locator("#utvecklingsmal-new-end_year_error")).to_contain_text("GOAL-002")
    expect(page.locator("#utvecklingsmal-new-end_year")).to_be_focused()
    assert not DevelopmentGoal.objects.exists()
    assert_accessible(page)
    still_the_same_page(page)


def test_the_cascade_agenda_and_public_plans_pass_axe(live_server: Any, live_world: World, page: Any) -> None:
    from styr.planning.services import goal_create

    council_goal = goal_create(actor=None, org_unit=live_world.unit("Kommunfullmäktige"), title="Fler i arbete", start_year=YEAR, end_year=YEAR)
    goal_create(
        actor=None, org_unit=live_world.unit("Utbildningsnämnden"), title="Fler elever når målen", start_year=YEAR, end_year=YEAR, contributes_to=[council_goal]
    )
    base = live_server.url
    log_in(page, base, "ks_controller")
    council = live_world.unit("Kommunfullmäktige")
    for path in (f"/mal/kaskad/{YEAR}/", "/agenda-2030/", f"/planer/?ar={YEAR}", f"/enheter/{council.pk}/plan/{YEAR + 1}/?flik=beslut"):
        page.goto(f"{base}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    page.goto(f"{base}/agenda-2030/")
    page.locator("#sdg-4 summary").click()
    assert_accessible(page)
    page.goto(f"{base}/offentlig/alvesta/planer/")
    assert_accessible(page)
