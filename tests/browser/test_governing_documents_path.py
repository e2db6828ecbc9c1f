"""KS's controller registers a strategy with goals of its own and a passed review date, finds it on
KS's list of parallel steering, on KS's overview and among their own deadlines (seed §7
Styrdokument, DOC-001, DOC-002); then opens a school's quality report in the Education Act's
structure (seed §5.B, QUAL-001); and last revises the strategy on its edit page, reached from the
parallel steering (DOC-002 at its field, then a new review date). axe finds nothing serious on any
page visited, and each reflows at 320 px."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import World
from tests.planning.test_quality_national_requirement import quality_report

pytestmark = pytest.mark.browser


def test_parallel_steering_and_a_quality_report_in_a_national_structure(live_server: Any, live_world: World, page: Any) -> None:
    base = live_server.url
    period = quality_report(live_world)
    log_in(page, base, "ks_controller")

    page.goto(f"{base}/styrdokument/")
    assert_accessible(page)
    form = page.locator("form[aria-labelledby=new-doc-heading]")
    form.get_by_label("Titel").fill("Klimatstrategi 2030")
    form.get_by_label("Dokumenttyp").select_option("STRATEGY")
    form.get_by_label("Beslutat av").fill("Kommunfullmäktige")
    form.get_by_label("Beslutsdatum").fill("2020-03-01")
    form.get_by_label("Gäller från").fill("2020-03-01")
    form.get_by_label("Gäller för").fill("Alvesta kommunkoncern")
    form.get_by_label("Ansvarig för uppföljning").fill("Kommunchef")
    form.get_by_label("Diarienummer").fill("2020-00031")
    form.get_by_label("Ägande enhet").select_option(label="Kommunstyrelsen")
    form.get_by_label("Revideras senast").fill("2024-03-01")
    form.get_by_label("Har egna mål").check()
    form.get_by_role("button", name="Registrera").click()
    page.wait_for_load_state()
    field = form.get_by_label("Dess mål och indikatorer")
    assert "DOC-001" in page.locator("main").inner_text()  # goals of its own, not named: refused at the field
    assert_accessible(page)
    field.fill("Fem klimatmål med egna indikatorer för utsläpp")
    form.get_by_role("button", name="Registrera").click()
    page.wait_for_url(f"{base}/styrdokument/")

    page.get_by_role("link", name="Styrdokument med egna mål eller indikatorer (parallell styrning)").click()
    page.wait_for_url(f"{base}/styrdokument/parallell-styrning/")
    table = page.get_by_role("table", name="Styrdokument med egna mål eller indikatorer")
    assert "Fem klimatmål" in table.inner_text() and "Kommunstyrelsen" in table.inner_text() and "passerat" in table.inner_text()
    assert_accessible(page)

    page.goto(f"{base}/oversikt/")
    section = page.locator("section[aria-labelledby=overview-documents-heading]")
    assert "Klimatstrategi 2030" in section.inner_text()
    assert_accessible(page)

    page.goto(f"{base}/att-gora/")
    assert "Klimatstrategi 2030" in page.locator("section[aria-labelledby=reviews]").inner_text()
    assert_accessible(page)

    unit = live_world.unit("Hagaskolan")
    page.goto(f"{base}/enheter/{unit.pk}/rapportering/{period.pk}/")
    page.get_by_role("link", name="Kvalitetsrapporten i ett nationellt kravs struktur").click()
    page.wait_for_url(f"{base}/enheter/{unit.pk}/rapportering/{period.pk}/nationell-struktur/")
    headings = page.get_by_role("heading", level=3).all_inner_texts()
    assert [h.split(" (")[0] for h in headings] == [
        "1. Förutsättningar och planering",
        "2. Uppföljning av resultat",
        "3. Analys i förhållande till de nationella målen",
        "4. Åtgärder och utveckling",
    ]
    assert "Andel elever som känner sig trygga" in page.locator("main").inner_text()
    assert_accessible(page)

    # KS revises the strategy: from the parallel steering to the document's edit page, a new review date
    page.goto(f"{base}/styrdokument/parallell-styrning/")
    table = page.get_by_role("table", name="Styrdokument med egna mål eller indikatorer")
    table.get_by_role("link", name="Klimatstrategi 2030").click()
    page.wait_for_url(re.compile(r"/styrdokument/\d+/andra/\?fran=parallell$"))
    assert_accessible(page)
    edit = page.locator("form#form-document")
    edit.get_by_label("Revideras senast").fill("2019-01-01")  # before the decision: DOC-002 at the field
    edit.get_by_role("button", name="Spara dokumentet").click()
    assert "DOC-002" in page.locator("main").inner_text()
    assert_accessible(page)
    edit.get_by_label("Revideras senast").fill("2031-03-01")
    edit.get_by_role("button", name="Spara dokumentet").click()
    page.wait_for_url(f"{base}/styrdokument/parallell-styrning/")
    row = page.get_by_role("row", name="Klimatstrategi 2030")
    assert "2031-03-01" in row.inner_text() and "passerat" not in row.inner_text()
