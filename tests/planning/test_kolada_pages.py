"""Kolada on the pages (issue 13 §1): the KPI picker with and without htmx, binding through a
plain POST, Kolada's title, definition and unit on the goal page and the quality tab, the
comparison with its table and "Källa: Kolada", the review list, the reporting page and the report."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from docx import Document
from pypdf import PdfReader

from styr.core.models import AuditEvent
from styr.followup import services as followup
from styr.followup.models import ReportingPeriod
from styr.planning.models import GoalIndicator, QualityIndicator
from styr.planning.services import quality_factor_create, quality_indicator_create
from styr.planning.services.kolada import kolada_catalogue_store
from styr.planning.services.kolada_bindings import indicator_kolada_bind
from tests.conftest import YEAR, World
from tests.planning.kolada_world import KPI, kolada_catalogue, kolada_goal, kolada_settings_for_tests, value_marked_as_from_kolada


@pytest.fixture
def kolada(world: World) -> World:
    kolada_catalogue(world)
    kolada_settings_for_tests(world)
    return world


def test_the_picker_without_javascript_is_a_page_and_binding_is_a_plain_post(kolada: World) -> None:
    goal, indicator = kolada_goal(kolada)
    client = kolada.client("ks_controller")
    page = client.get(f"/kolada/nyckeltal/sok/?goal_indicator={indicator.pk}&q=behöriga+yrkesprogram", HTTP_ACCEPT_LANGUAGE="sv")
    html = page.content.decode()
    assert page.status_code == 200 and "<html" in html and 'value="N15419"' in html and "Koppla till det valda nyckeltalet" in html
    response = client.post(f"/kolada/indikatorer/mal/{indicator.pk}/koppla/", {"kolada_kpi": KPI.id, "next": f"/mal/{goal.pk}/"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 302 and response["Location"] == f"/mal/{goal.pk}/"
    assert GoalIndicator.objects.get(pk=indicator.pk).kolada_kpi == KPI.id
    assert AuditEvent.objects.filter(action="goal_indicator.kolada_bound").count() == 1


def test_the_picker_answers_htmx_with_the_results_only(kolada: World) -> None:
    _goal, indicator = kolada_goal(kolada)
    fragment = kolada.client("ks_controller").get(
        f"/kolada/nyckeltal/sok/?goal_indicator={indicator.pk}&q=N09022", HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="sv"
    )
    html = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in html and "N09022" in html and "Nettokostnad äldreomsorg, kr/inv" in html


def test_kolada_010_binding_an_unknown_kpi_on_the_page_answers_422_and_writes_nothing(kolada: World) -> None:
    _goal, indicator = kolada_goal(kolada)
    response = kolada.client("ks_controller").post(f"/kolada/indikatorer/mal/{indicator.pk}/koppla/", {"kolada_kpi": "N00000"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 422 and "KOLADA-010" in response.content.decode()
    assert GoalIndicator.objects.get(pk=indicator.pk).kolada_kpi == ""


@pytest.mark.parametrize(("persona", "status"), [("other_committee_politician", 404), ("outsider", 404), ("auditor", 403), ("committee_politician", 302)])
def test_binding_on_the_page_is_refused_out_of_scope(kolada: World, persona: str, status: int) -> None:
    _goal, indicator = kolada_goal(kolada)
    response = kolada.client(persona).post(f"/kolada/indikatorer/mal/{indicator.pk}/koppla/", {"kolada_kpi": KPI.id})
    assert response.status_code == status
    assert (GoalIndicator.objects.get(pk=indicator.pk).kolada_kpi == KPI.id) == (status == 302)


def test_the_goal_page_shows_koladas_title_definition_unit_comparison_and_source(kolada: World) -> None:
    goal, indicator = kolada_goal(kolada)
    indicator_kolada_bind(actor=kolada.users["ks_controller"], indicator=indicator, kpi_id=KPI.id)
    value_marked_as_from_kolada(kolada, indicator, date(YEAR, 1, 1), Decimal("81.5"))
    html = kolada.client("committee_politician").get(f"/mal/{goal.pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert KPI.title in html and KPI.description in html and "Enhet (Kolada)" in html
    assert 'href="https://www.kolada.se/verktyg/fri-sokning/?kpis=N15419"' in html and "(öppnar Koladas webbplats)" in html
    assert html.count("Källa: Kolada") >= 4  # the binding, the value, the chart's note, the comparison
    # the comparison: own 80.5 (women 83.1, men 78), the group 70, 90, 85 (Tingsryd unpublished), Ljungby 88.2 chosen: the median of 70, 85, 88.2 and 90 is 86.6
    assert "kolada-comparison-table" in html and '<th scope="col"' in html and "<caption" in html
    assert "Alvesta, kvinnor" in html and "83,1" in html and "Gruppens median" in html and "86,6" in html and "88,2" in html
    assert "gruppens median 86,6 (lägsta 70, högsta 90, 4 kommuner). Källa: Kolada." in html  # the chart's text alternative


def test_a_changed_definition_shows_a_warning_and_the_review_list_accepts_it(kolada: World) -> None:
    goal, indicator = kolada_goal(kolada)
    indicator_kolada_bind(actor=kolada.users["ks_controller"], indicator=indicator, kpi_id=KPI.id)
    changed = dataclasses.replace(KPI, description="Ny definition från och med i år.")
    kolada_catalogue_store(actor=None, kpis=[changed])
    client = kolada.client("ks_controller")
    assert "Kolada ändrade definitionen av N15419" in client.get(f"/mal/{goal.pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    listing = client.get("/kolada/granska/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Ny definition från och med i år." in listing and f"review-goal-{indicator.pk}" in listing
    assert "behöver granskas" in kolada.client("other_committee_politician").get("/kolada/granska/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    response = client.post(f"/kolada/indikatorer/mal/{indicator.pk}/granska/", {"next": "/kolada/granska/"})
    assert response.status_code == 302 and GoalIndicator.objects.get(pk=indicator.pk).kolada_hash == changed.metadata_hash()
    assert AuditEvent.objects.filter(action="goal_indicator.kolada_reviewed").count() == 1
    assert f"review-goal-{indicator.pk}" not in client.get("/kolada/granska/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()


def test_the_quality_tab_shows_a_bound_quality_indicators_kpi(kolada: World) -> None:
    unit = kolada.unit("Utbildningsnämnden")
    factor = quality_factor_create(actor=kolada.users["ks_controller"], org_unit=unit, title="Trygghet")
    indicator = quality_indicator_create(actor=kolada.users["ks_controller"], factor=factor, name="Behöriga", direction="higher")
    response = kolada.client("ks_controller").post(f"/kolada/indikatorer/kvalitet/{indicator.pk}/koppla/", {"kolada_kpi": KPI.id})
    assert response.status_code == 302 and QualityIndicator.objects.get(pk=indicator.pk).source == "kolada"
    html = kolada.client("ks_controller").get(f"/enheter/{unit.pk}/plan/{YEAR}/?flik=kvalitet", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert KPI.title in html and "Källa: Kolada" in html and "Ta bort kopplingen till Kolada" in html


def _report_period(world: World) -> ReportingPeriod:
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    return ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end__month=2, org_unit__isnull=True)


def test_the_reporting_page_marks_koladas_values_and_loads_the_comparison(kolada: World) -> None:
    _goal, indicator = kolada_goal(kolada)
    indicator_kolada_bind(actor=kolada.users["ks_controller"], indicator=indicator, kpi_id=KPI.id)
    value_marked_as_from_kolada(kolada, indicator, date(YEAR, 2, 1), Decimal("81.5"))
    period = _report_period(kolada)
    unit = kolada.unit("Utbildningsnämnden")
    client = kolada.client("ks_controller")
    html = client.get(f"/enheter/{unit.pk}/rapportering/{period.pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Källa: Kolada" in html and f"/kolada/jamforelse/{unit.pk}/{YEAR}/" in html
    fragment = client.get(f"/kolada/jamforelse/{unit.pk}/{YEAR}/", HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "kolada-comparison-table" in fragment and "Källa: Kolada" in fragment and "Gruppens högsta" in fragment
    assert kolada.client("outsider").get(f"/kolada/jamforelse/{unit.pk}/{YEAR}/").status_code == 404


def test_the_report_pdf_and_word_say_kolada_is_the_source(kolada: World) -> None:
    _goal, indicator = kolada_goal(kolada)
    indicator_kolada_bind(actor=kolada.users["ks_controller"], indicator=indicator, kpi_id=KPI.id)
    value_marked_as_from_kolada(kolada, indicator, date(YEAR, 2, 1), Decimal("81.5"))
    period = _report_period(kolada)
    unit = kolada.unit("Utbildningsnämnden")
    followup.report_create(actor=None, org_unit=unit, period=period)
    client = kolada.client("ks_controller")
    pdf = client.get(f"/enheter/{unit.pk}/rapportering/{period.pk}/rapport.pdf", HTTP_ACCEPT_LANGUAGE="sv")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    assert pdf.status_code == 200 and "Källa: Kolada" in text
    word = client.get(f"/enheter/{unit.pk}/rapportering/{period.pk}/rapport.docx", HTTP_ACCEPT_LANGUAGE="sv")
    cells = [cell.text for table in Document(BytesIO(word.content)).tables for row in table.rows for cell in row.cells]
    assert any("Källa: Kolada" in cell and "81,5" in cell for cell in cells)


def test_the_goal_pages_indicator_form_binds_the_new_indicator_or_writes_nothing(kolada: World) -> None:
    goal, _indicator = kolada_goal(kolada)
    client = kolada.client("ks_controller")
    form = {"name": "Behöriga åk 9", "unit_label": "%", "direction": "higher", "baseline_year": YEAR - 1, "baseline_value": "80"}
    form |= {"target_year": YEAR + 1, "target_value": "85"}
    refused = client.post(f"/mal/{goal.pk}/indikatorer/ny/", {**form, "kolada_kpi": "N00000"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert refused.status_code == 422 and "KOLADA-010" in refused.content.decode()
    assert not GoalIndicator.objects.filter(name="Behöriga åk 9").exists()
    created = client.post(f"/mal/{goal.pk}/indikatorer/ny/", {**form, "kolada_kpi": KPI.id}, HTTP_ACCEPT_LANGUAGE="sv")
    assert created.status_code == 302
    assert GoalIndicator.objects.get(name="Behöriga åk 9").kolada_hash == KPI.metadata_hash()
