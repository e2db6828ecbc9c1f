"""Issue 12 §7's path through internal control, as its users walk it: KS's controller drafts a
common control and KS adopts it; Utbildningsnämnden's official scores three risks, chooses two (one
below the threshold, with its reason) and makes the plan from them, fills in its controls and
proposes it; the committee adopts it; the official reports a control with a deviation and an action;
the report goes from the official through KS's controller to the committee's decision; KS's
oversight shows the adopted plan, the result's colour, the deviation and the action, and KS's
controller writes the evaluation that KS adopts. A click on a cell of the risk matrix filters the
list. axe on every page visited, reflow at 320 px on each.

The preset's matrix is 4 × 4 and a risk is to be treated from the value 9 (treat_from):
- "Felaktiga utbetalningar" 3 × 4 = 12 (Hög): must be treated, chosen;
- "Bristande dokumentation" 2 × 2 = 4 (Medel): below the threshold, chosen with a reason;
- "Sen fakturering" 1 × 2 = 2 (Låg): not chosen.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from styr.control.models import Action, CommonControl, Control, ControlResult, Deviation, InternalControlPlan, InternalControlReport, OversightEvaluation
from tests.browser.conftest import assert_accessible
from tests.browser.test_budget_process_path import log_out
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import YEAR, World

pytestmark = pytest.mark.browser

COMMON = "Attest av leverantörsfakturor"
RISKS = (
    # area, risk, likelihood, consequence, chosen, reason
    ("Ekonomi", "Felaktiga utbetalningar", 3, 4, True, ""),
    ("Elevhälsa", "Bristande dokumentation", 2, 2, True, "Skolinspektionen påtalade brister förra året."),
    ("Ekonomi", "Sen fakturering", 1, 2, False, ""),
)
DEVIATION = "Två fakturor saknade attest."
ACTION = "Påminna attestanterna om attestreglementet."


def decide(form: Any, *, day: str, paragraph: str, number: str) -> None:
    """Fill in a decision's fields (date, § and registration number) in Swedish."""
    form.get_by_label("Beslutsdatum").fill(day)
    form.get_by_label("Paragraf").fill(paragraph)
    form.get_by_label("Diarienummer").fill(number)


def test_internal_control_goes_from_the_risks_to_ks_evaluation(live_server: Any, live_world: World, page: Any) -> None:
    base = live_server.url
    board = live_world.unit("Utbildningsnämnden")
    index = f"{base}/internkontroll/{YEAR}/"

    # 1. KS's controller drafts a common control ...
    log_in(page, base, "ks_controller")
    page.goto(index)
    assert_accessible(page)
    page.get_by_role("link", name="Gemensamma kontrollmoment").click()
    page.wait_for_url(f"{base}/internkontroll/gemensamma/{YEAR}/")
    assert_accessible(page)
    add = page.locator("#common-add")
    add.get_by_label("Vad som kontrolleras").fill(COMMON)
    add.get_by_label("Process eller område").fill("Ekonomi")
    add.locator("[name=method]").select_option(value="sample")
    add.locator("[name=sample_size]").fill("20")
    add.locator("[name=frequency]").select_option(value="once")
    add.locator("[name=report_months][value='10']").check()
    add.get_by_role("button", name="Lägg till kontrollmomentet").click()
    expect(page.locator("#common-table")).to_contain_text(COMMON)
    assert_accessible(page)
    log_out(page)

    # ... and KS's politician records KS's decision adopting it.
    log_in(page, base, "ks_politician")
    page.goto(f"{base}/internkontroll/gemensamma/{YEAR}/")
    assert_accessible(page)
    adopt = page.locator("#common-adopt")
    decide(adopt, day=f"{YEAR - 1}-11-20", paragraph="§ 180", number=f"KS {YEAR - 1}/301")
    adopt.get_by_role("button", name="Anta de gemensamma kontrollmomenten").click()
    expect(page.locator("#common-table")).to_contain_text("§ 180")
    assert_accessible(page)
    assert CommonControl.objects.get(title=COMMON).decision is not None
    log_out(page)

    # 2. The committee's official scores three risks and chooses two.
    log_in(page, base, "administration_official")
    page.goto(index)
    assert_accessible(page)
    page.locator(f"#body-{board.pk}").get_by_role("link", name=re.compile("^Risker")).click()
    page.wait_for_url(f"{base}/internkontroll/{board.pk}/risker/{YEAR}/")
    assert_accessible(page)
    for area, risk, likelihood, consequence, chosen, reason in RISKS:
        form = page.get_by_role("form", name="Lägg till en risk")
        form.get_by_label("Process eller område").fill(area)
        form.get_by_label(re.compile("^Risk:?$")).fill(risk)
        form.get_by_label("Sannolikhet").fill(str(likelihood))
        form.get_by_label("Konsekvens").fill(str(consequence))
        form.locator("[name=aims][value='compliance']").check()
        if chosen:
            form.get_by_label("Vald till planen").check()
        if reason:
            form.get_by_label("Skäl").fill(reason)
        form.get_by_role("button", name="Lägg till risken").click()
        expect(page.locator("#risk-table")).to_contain_text(risk)
    table = page.locator("#risk-table")
    expect(table.get_by_role("row", name=re.compile("Bristande dokumentation"))).to_contain_text("Skolinspektionen")
    assert_accessible(page)

    # A click on a cell of the matrix filters the list: likelihood 3, consequence 4 holds one risk.
    page.locator("svg#risk-matrix").get_by_role("link", name=re.compile("^Sannolikhet 3 .*, konsekvens 4 ")).click()
    page.wait_for_url(re.compile(r"\?l=3&c=4"))
    expect(page.locator("#risk-filter")).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("Felaktiga utbetalningar")
    expect(table).not_to_contain_text("Sen fakturering")
    assert_accessible(page)

    # 3. The official makes the plan from the chosen risks and the adopted common control ...
    page.goto(index)
    page.locator(f"#body-{board.pk}").get_by_role("link", name=re.compile("^Plan")).click()
    page.wait_for_url(f"{base}/internkontroll/{board.pk}/plan/{YEAR}/")
    assert_accessible(page)
    page.locator("#plan-create").get_by_role("button", name="Skapa planen").click()
    controls = page.locator("#controls-table tbody")
    expect(controls.locator("tr")).to_have_count(3)
    expect(controls).to_contain_text(COMMON)
    expect(controls).not_to_contain_text("Sen fakturering")
    assert_accessible(page)
    # ... fills in how each control from a risk is made, who is responsible and when it is reported ...
    plan = InternalControlPlan.objects.get(org_unit=board, year=YEAR)
    for control in Control.objects.filter(plan=plan, risk__isnull=False).order_by("pk"):
        details = page.locator(f"#edit-control-{control.pk}")
        details.locator("summary").click()
        details.locator("[name=method]").select_option(value="review")
        details.locator("[name=method_text]").fill("Granskning av underlagen för ett urval av ärenden.")
        details.locator("[name=frequency]").select_option(value="once")
        details.locator("[name=report_months]:checked").uncheck()
        details.locator("[name=report_months][value='11']").check()
        details.get_by_label("Ansvarig").fill("Ekonomichef")
        details.get_by_role("button", name="Spara", exact=True).click()
        expect(page.locator(f"#control-{control.pk}")).to_contain_text("Ekonomichef")
        expect(page.locator(f"#control-{control.pk}")).to_contain_text("november")
    assert_accessible(page)
    # ... and proposes it for decision.
    page.locator("#plan-propose").get_by_role("button").click()
    expect(page.locator("#plan-withdraw")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # 4. The committee's politician records the committee's decision adopting the plan.
    log_in(page, base, "committee_politician")
    page.goto(f"{base}/internkontroll/{board.pk}/plan/{YEAR}/")
    assert_accessible(page)
    adopt = page.locator("#plan-adopt")
    decide(adopt, day=f"{YEAR - 1}-12-10", paragraph="§ 95", number=f"UN {YEAR - 1}/88")
    adopt.get_by_role("button", name="Besluta planen").click()
    expect(page.locator("#plan-decision")).to_contain_text("§ 95")
    assert_accessible(page)
    plan.refresh_from_db()
    assert plan.state == "adopted" and plan.snapshot_sha256
    log_out(page)

    # 5. The official reports the common control: partly achieved, a deviation and an action.
    log_in(page, base, "administration_official")
    page.goto(index)
    page.locator(f"#body-{board.pk}").get_by_role("link", name=re.compile("^Uppföljning")).click()
    page.wait_for_url(f"{base}/internkontroll/{board.pk}/uppfoljning/{YEAR}/")
    assert_accessible(page)
    page.get_by_role("link", name=COMMON).click()
    control = Control.objects.get(plan=plan, common_control__title=COMMON)
    page.wait_for_url(f"{base}/internkontroll/kontroller/{control.pk}/")
    assert_accessible(page)
    occasion = page.locator("#occasion-10")
    occasion.get_by_label(re.compile("^Resultat:?$")).select_option(label="Delvis uppfyllt")
    occasion.get_by_label("Vad som hittades").fill("Två av tjugo fakturor saknade attest.")
    occasion.get_by_label("Kontrollerade poster").fill("20")
    occasion.get_by_label(re.compile("^Avvikelser:?$")).fill("2")
    occasion.get_by_role("button", name="Spara resultatet").click()
    expect(occasion.locator("h2")).to_contain_text("Delvis uppfyllt")
    assert_accessible(page)
    occasion.get_by_text("Registrera en brist").click()
    occasion.get_by_label(re.compile("^Avvikelse:?$")).fill(DEVIATION)
    occasion.get_by_role("button", name="Spara bristen").click()
    expect(occasion).to_contain_text(DEVIATION)
    deviation = Deviation.objects.get(result__control=control)
    box = page.locator(f"#deviation-{deviation.pk}")
    box.locator("summary").click()
    box.get_by_label(re.compile("^Åtgärd:?$")).fill(ACTION)
    box.get_by_label("Ägare").fill("Ekonomichef")
    box.get_by_label("Sista dag").fill(f"{YEAR}-11-15")
    box.get_by_role("button", name="Spara åtgärden").click()
    expect(page.locator(f"#deviation-{deviation.pk}")).to_contain_text(ACTION)
    assert_accessible(page)
    assert ControlResult.objects.get(control=control).status == "partly_achieved"
    assert Action.objects.get(deviation=deviation).description == ACTION

    # 6. The report: the official creates and submits it ...
    page.goto(f"{base}/internkontroll/{board.pk}/uppfoljning/{YEAR}/")
    page.get_by_role("link", name="Rapporten om intern kontroll").click()
    page.wait_for_url(f"{base}/internkontroll/{board.pk}/rapport/{YEAR}/")
    assert_accessible(page)
    page.get_by_role("button", name="Skapa rapporten").click()
    page.get_by_role("textbox", name="Sammanfattning och bedömning").fill("Kontrollerna visar en brist i attesten som åtgärdas.")
    page.get_by_role("button", name="Spara sammanfattningen").click()
    expect(page.locator("main")).to_contain_text(DEVIATION)
    assert_accessible(page)
    page.get_by_role("button", name="Lämna in").click()
    expect(page.locator("#report-state")).to_contain_text("Inlämnad")
    log_out(page)
    # ... KS's controller reviews it ...
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/internkontroll/{board.pk}/rapport/{YEAR}/")
    assert_accessible(page)
    page.get_by_role("button", name="Markera som granskad").click()
    expect(page.locator("#report-state")).to_contain_text("Granskad")
    log_out(page)
    # ... and the committee adopts it.
    log_in(page, base, "committee_politician")
    page.goto(f"{base}/internkontroll/{board.pk}/rapport/{YEAR}/")
    assert_accessible(page)
    form = page.get_by_role("form", name="Organets beslut")
    decide(form, day=f"{YEAR}-11-25", paragraph="§ 120", number=f"UN {YEAR}/140")
    form.get_by_role("button", name="Besluta rapporten").click()
    expect(page.locator("#report-state")).to_contain_text("§ 120")
    assert_accessible(page)
    assert InternalControlReport.objects.get(org_unit=board, year=YEAR).state == "adopted"
    log_out(page)

    # 7. KS's oversight shows the committee's adopted plan, the result's colour, the deviation and
    # the action past its deadline; KS's controller writes the evaluation ...
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/internkontroll/uppsikt/{YEAR}/")
    row = page.locator(f"#live-body-{board.pk}")
    expect(row).to_contain_text("Beslutad")
    expect(row).to_contain_text("§ 95")
    expect(row.locator("svg.status-bar rect[fill='#b58105']")).to_have_count(1)
    expect(row.locator("svg.status-bar title")).to_contain_text("Delvis uppfyllt")
    expect(page.locator("#live-areas-heading + .table-scroll")).to_contain_text("Ekonomi")
    expect(page.locator("#live-actions-heading + .table-scroll")).to_contain_text(ACTION)
    assert_accessible(page)
    form = page.locator("#evaluation-form")
    form.get_by_label("Kommunstyrelsens utvärdering av den samlade interna kontrollen").fill("Den interna kontrollen är i huvudsak tillräcklig.")
    form.get_by_role("button", name="Spara utvärderingen").click()
    expect(page.locator("#evaluation")).to_contain_text("Utkast")
    assert_accessible(page)
    log_out(page)
    # ... and KS's politician records KS's decision adopting it.
    log_in(page, base, "ks_politician")
    page.goto(f"{base}/internkontroll/uppsikt/{YEAR}/")
    assert_accessible(page)
    form = page.locator("#adopt-form")
    decide(form, day=f"{YEAR}-12-01", paragraph="§ 210", number=f"KS {YEAR}/350")
    form.get_by_role("button", name="Besluta utvärderingen").click()
    expect(page.locator("#evaluation .decision")).to_contain_text("§ 210")
    expect(page.locator("#evaluation")).to_contain_text("Den interna kontrollen är i huvudsak tillräcklig.")
    assert_accessible(page)
    assert OversightEvaluation.objects.get(group=live_world.group, year=YEAR).state == "adopted"
