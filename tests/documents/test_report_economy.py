"""The economy in a unit's monthly report and interim accounts, as PDF and Word (issue 9 §3): a
table of budget and actual per month and a chart with its data, the forecast and its deviation."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from docx import Document
from pypdf import PdfReader

from styr.documents.builders import report_content_build
from styr.economy.services import budget_set, forecast_set, frame_set
from styr.followup import services as followup
from styr.followup.models import ReportingPeriod
from tests.conftest import YEAR, World
from tests.economy.test_economy_followup import municipal_books

D = Decimal


def setup(world: World, kind: str = "monthly_report", month: int = 2) -> ReportingPeriod:
    municipal_books(world)
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    period = ReportingPeriod.objects.get(calendar=calendar, kind=kind, end__month=month, org_unit__isnull=True)
    committee = world.unit("Utbildningsnämnden")
    frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=D(12))
    budget_set(actor=None, org_unit=world.unit("Hagaskolan"), year=YEAR, months=[D(1000)] * 12)
    report = followup.report_create(actor=None, org_unit=committee, period=period)
    forecast_set(actor=None, report=report, amount_sek=D(12600), comment="Vikariekostnader över plan.")
    return period


def test_the_monthly_reports_content_has_the_economy_and_the_quality_report_has_none(world: World) -> None:
    period = setup(world)
    economy = report_content_build(unit=world.unit("Utbildningsnämnden"), period=period)["sections"]["economy"]
    assert len(economy) == 1
    part = economy[0]
    assert part["frame"] == "12\u00a0000" and part["actual_to_date"] == "1300" and part["budget_to_date"] == "2000"
    assert part["forecast"] == "12\u00a0600" and part["variance"] == "-600" and part["variance_percent"] == "-5"
    assert part["status_code"] == "not_achieved" and part["months"][0]["actual"] == "1300" and part["months"][2]["actual"] == ""
    quality = ReportingPeriod.objects.filter(kind="quality_report").first()
    if quality is not None:
        assert report_content_build(unit=world.unit("Utbildningsnämnden"), period=quality)["sections"]["economy"] == []


def test_the_pdf_has_the_economy_table_and_chart_data(world: World) -> None:
    period = setup(world)
    committee = world.unit("Utbildningsnämnden")
    response = world.client("ks_controller").get(f"/enheter/{committee.pk}/rapportering/{period.pk}/rapport.pdf", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Ekonomi" in text and "Budget och utfall per månad" in text and f"{YEAR}-01" in text
    assert "Helårsprognos" in text and "Vikariekostnader över plan." in text and "Ej uppfyllt" in text
    assert "Ekonomi 2026: utfall mot budget" in text and "Prognos (tkr)" in text  # the chart and its data table


def test_the_interim_accounts_word_document_opens_with_the_economy(world: World) -> None:
    period = setup(world, kind="interim_accounts", month=8)
    committee = world.unit("Utbildningsnämnden")
    response = world.client("ks_controller").get(f"/enheter/{committee.pk}/rapportering/{period.pk}/rapport.docx", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    document = Document(BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Ekonomi" in paragraphs and any(p.startswith("Helårsprognos:") for p in paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert f"{YEAR}-08" in cells and "Utfall, ackumulerat" in cells and "Prognos (tkr)" in cells
    assert len(document.inline_shapes) >= 1  # the chart


def test_an_adopted_report_keeps_its_economy_as_decided(world: World) -> None:
    period = setup(world)
    committee = world.unit("Utbildningsnämnden")
    report = committee.reports.get(period=period)
    controller = world.users["ks_controller"]
    followup.report_submit(actor=controller, report=report)
    followup.report_review(actor=controller, report=report)
    followup.report_adopt(actor=world.users["committee_politician"], report=report, decided_on=period.end, paragraph="§ 3", registration_number="UN 3")
    budget_set(actor=None, org_unit=world.unit("Hagaskolan"), year=YEAR, months=[D(5000)] * 12)  # a later change of budget
    report.refresh_from_db()
    assert report.snapshot is not None and report.snapshot["sections"]["economy"][0]["budget_to_date"] == "2000"
    response = world.client("ks_controller").get(f"/enheter/{committee.pk}/rapportering/{period.pk}/rapport.pdf", HTTP_ACCEPT_LANGUAGE="sv")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "budget hittills 2000 kr" in text


def test_a_unit_without_any_economy_gets_the_table_but_no_flat_chart(world: World) -> None:
    from styr.documents.builders import report_charts

    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    period = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end__month=2, org_unit__isnull=True)
    content = report_content_build(unit=world.unit("Omsorgsnämnden"), period=period)
    assert content["sections"]["economy"][0]["has_figures"] is False and len(content["sections"]["economy"][0]["months"]) == 12
    assert not any(key.startswith("economy:") for key in report_charts(content))
