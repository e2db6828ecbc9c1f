"""The financial statements in KS's interim accounts and annual report, as content, snapshot, PDF
and Word (issue 11 §5): the municipality's result statement, balance sheet and cash flow with last
year beside them, the operating account per committee and the group's statements."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from docx import Document
from pypdf import PdfReader

from styr.documents.builders import report_content_build
from styr.economy.services import financial_management_assess, frame_set
from styr.economy.services.balance import balance_statement_fill_from_accounts
from styr.economy.services.group import group_member_set
from styr.economy.services.investments import investment_amount_set, investment_project_create
from styr.followup import services as followup
from styr.followup.models import ReportingPeriod
from styr.planning.services.goals import goal_create
from styr.planning.services.plans import financial_goal_create
from tests.conftest import YEAR, World
from tests.economy.group_books import COMPANY, load_group_books
from tests.economy.test_group_statements import set_up_group
from tests.html_check import vnu_errors

KS = "Kommunstyrelsen"


def setup(world: World, tmp_path: Path, kind: str = "annual_report") -> ReportingPeriod:
    load_group_books(world, tmp_path)
    set_up_group(world)
    frame_set(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal("512300"))
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    return ReportingPeriod.objects.get(calendar=calendar, kind=kind, org_unit__isnull=True)


def by_key(lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {line["key"]: line for line in lines}


def test_ks_annual_report_carries_the_statements_with_last_year_beside_them(world: World, tmp_path: Path) -> None:
    period = setup(world, tmp_path)
    [part] = report_content_build(unit=world.unit(KS), period=period)["sections"]["statements"]
    result, balance, flows = by_key(part["result"]), by_key(part["balance"]), by_key(part["cash_flow"])
    assert (result["year_result"]["amount"], result["year_result"]["last"], result["year_result"]["amount_sek"]) == ("140", "133", "140000.00")
    assert (balance["cash"]["amount"], balance["cash"]["last"]) == ("270", "200")  # the last year-end
    assert (flows["year_cash_flow"]["amount"], flows["year_cash_flow"]["last"]) == ("70", "50")
    assert flows["investing"]["amount"] == "-150"
    operating = {row["title"]: row for row in part["operating"]["rows"]}
    assert operating["Utbildningsnämnden"]["budget"] == "512\u00a0300" and part["operating"]["annual"] is True
    group = part["group"]
    assert [c["kind"] for c in group["columns"]] == ["member", "member", "eliminations", "group"] and group["columns"][1]["share"] == "60"
    assert by_key(group["result"])["year_result"]["amounts"] == ["140", "54", "0", "194"]
    assert by_key(group["result"])["revenue"]["amounts_sek"][2] == "-120000.00" and group["unbalanced"] == []
    assert "balance_statement" not in part  # no balance-requirement statement for the year yet: left out
    assert "investment_account" not in part and "good_management" not in part  # no projects, goals or judgement: left out
    # a committee's report carries none of it
    assert report_content_build(unit=world.unit("Utbildningsnämnden"), period=period)["sections"]["statements"] == []


def test_the_interim_accounts_read_the_months_up_to_the_period(world: World, tmp_path: Path) -> None:
    period = setup(world, tmp_path, kind="interim_accounts")
    [part] = report_content_build(unit=world.unit(KS), period=period)["sections"]["statements"]
    assert by_key(part["result"])["revenue"]["amount_sek"] == "50000.00"  # March, not September
    assert by_key(part["balance"])["receivables"]["amount_sek"] == "150000.00" and by_key(part["balance"])["receivables"]["last"] == "100"
    assert part["operating"]["annual"] is False


def test_the_adopted_report_keeps_its_statements_in_pdf_and_word(world: World, tmp_path: Path) -> None:
    period = setup(world, tmp_path)
    ks = world.unit(KS)
    report = followup.report_create(actor=None, org_unit=ks, period=period, analysis="Årets resultat 140 tkr.")
    controller = world.users["ks_controller"]
    followup.report_submit(actor=controller, report=report)
    followup.report_review(actor=controller, report=report)
    followup.report_adopt(actor=world.users["ks_politician"], report=report, decided_on=period.end, paragraph="§ 9", registration_number="KS 9")
    group_member_set(actor=controller, org_unit=world.unit(COMPANY), ownership_percent=Decimal(100))  # after the decision
    report.refresh_from_db()
    assert by_key(report.snapshot["sections"]["statements"][0]["group"]["result"])["year_result"]["amounts"][1] == "54"
    client = world.client("auditor")
    pdf = client.get(f"/enheter/{ks.pk}/rapportering/{period.pk}/rapport.pdf", HTTP_ACCEPT_LANGUAGE="sv")
    assert pdf.status_code == 200
    reader = PdfReader(BytesIO(pdf.content))
    text = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    assert "Resultaträkning" in text and "Balansräkning" in text and "Kassaflödesanalys" in text and "Årets kassaflöde" in text
    assert "Driftredovisning per nämnd" in text and "Koncernens resultaträkning (tkr)" in text and "Eliminering" in text
    assert "AllboHus Fastighets AB (60 %)" in text  # as decided, not the share set after
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    word = client.get(f"/enheter/{ks.pk}/rapportering/{period.pk}/rapport.docx", HTTP_ACCEPT_LANGUAGE="sv")
    document = Document(BytesIO(word.content))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert {"Finansiella rapporter", "Resultaträkning", "Kassaflödesanalys", "Koncernens räkenskaper"} <= set(headings)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Årets kassaflöde" in cells and "AllboHus Fastighets AB (60 %)" in cells and "194" in cells


def test_the_annual_report_carries_the_balance_requirement_statement_once_there_is_one(world: World, tmp_path: Path) -> None:
    period = setup(world, tmp_path)
    balance_statement_fill_from_accounts(actor=world.users["ks_controller"], group=world.group, year=YEAR)
    [part] = report_content_build(unit=world.unit(KS), period=period)["sections"]["statements"]
    balance = part["balance_statement"]
    assert balance["lines"][0]["amount_sek"] == "140000.00" and balance["balance_result_sek"] == "140000.00" and balance["deficits"] == []
    ks = world.unit(KS)
    pdf = world.client("auditor").get(f"/enheter/{ks.pk}/rapportering/{period.pk}/rapport.pdf", HTTP_ACCEPT_LANGUAGE="sv")
    text = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(BytesIO(pdf.content)).pages).split())
    assert f"Balanskravsutredning {YEAR} (tkr)" in text
    word = Document(BytesIO(world.client("auditor").get(f"/enheter/{ks.pk}/rapportering/{period.pk}/rapport.docx", HTTP_ACCEPT_LANGUAGE="sv").content))
    assert "Balanskravsutredning" in [p.text for p in word.paragraphs]
    interim = ReportingPeriod.objects.get(kind="interim_accounts", org_unit__isnull=True)
    assert "balance_statement" not in report_content_build(unit=ks, period=interim)["sections"]["statements"][0]


def test_the_annual_report_carries_the_investment_account_and_the_assessment_of_good_financial_management(world: World, tmp_path: Path) -> None:
    """Issue 11 §5: the investment account per project (also in the interim accounts) and, in the
    annual report, the financial and development goals side by side with the council's judgement."""
    period = setup(world, tmp_path)
    ks = world.unit(KS)
    controller = world.users["ks_controller"]
    school = investment_project_create(
        actor=controller, committee=world.unit("Utbildningsnämnden"), name="Tillbyggnad Hagaskolan", category="expansion", start_year=YEAR, end_year=YEAR
    )
    investment_amount_set(actor=controller, project=school, plan_year=YEAR, year=YEAR, amount_tsek=Decimal("10000.4"))
    council = world.unit("Kommunfullmäktige")
    chair = world.users["council_chair"]
    financial_goal_create(actor=chair, org_unit=council, year=YEAR, title="Resultatet minst 2 %", measure="result_share", target_value=Decimal(2))
    goal_create(actor=None, org_unit=council, title="Fler i arbete", start_year=YEAR, end_year=YEAR)
    financial_management_assess(actor=controller, group=world.group, year=YEAR, conclusion="partly_achieved", judgement="Resultatmålet nås delvis.")
    [part] = report_content_build(unit=ks, period=period)["sections"]["statements"]
    [row] = part["investment_account"]["rows"]
    assert (row["name"], row["committee"]) == ("Tillbyggnad Hagaskolan", "Utbildningsnämnden")
    assert (row["budget"], row["actual"], row["deviation"]) == ("10\u00a0000", "0", "10\u00a0000")
    assert row["budget_tsek"] == "10000.40" and part["investment_account"]["total"]["deviation_tsek"] == "10000.40"
    management = part["good_management"]
    [financial] = management["financial"]
    assert financial["title"] == "Resultatet minst 2 %" and financial["target"] == "2 %" and financial["status"]
    assert [(g["title"], g["status_code"]) for g in management["operational"]] == [("Fler i arbete", "not_assessed")] and management["operational"][0]["status"]
    assert (management["conclusion"], management["judgement"]) == ("Delvis uppfyllt", "Resultatmålet nås delvis.")
    interim = ReportingPeriod.objects.get(kind="interim_accounts", org_unit__isnull=True)
    [interim_part] = report_content_build(unit=ks, period=interim)["sections"]["statements"]
    assert interim_part["investment_account"]["rows"][0]["budget"] == "10\u00a0000" and "good_management" not in interim_part
    # the reporting page shows them, and the adopted report keeps them as decided
    page = world.client("ks_controller").get(f"/enheter/{ks.pk}/rapportering/{period.pk}/", HTTP_ACCEPT_LANGUAGE="sv")
    html = page.content.decode()
    assert 'id="statement-investments"' in html and "Bedömning av god ekonomisk hushållning" in html and "Resultatmålet nås delvis." in html
    assert vnu_errors({"reporting": html}) == []
    report = followup.report_create(actor=None, org_unit=ks, period=period, analysis="Året i korthet.")
    followup.report_submit(actor=controller, report=report)
    followup.report_review(actor=controller, report=report)
    followup.report_adopt(actor=world.users["ks_politician"], report=report, decided_on=period.end, paragraph="§ 9", registration_number="KS 9")
    financial_management_assess(actor=controller, group=world.group, year=YEAR, conclusion="achieved", judgement="Ändrat efter beslutet.")
    report.refresh_from_db()
    kept = report.snapshot["sections"]["statements"][0]
    assert kept["good_management"]["judgement"] == "Resultatmålet nås delvis." and kept["investment_account"]["rows"][0]["name"] == "Tillbyggnad Hagaskolan"
    client = world.client("auditor")
    pdf = client.get(f"/enheter/{ks.pk}/rapportering/{period.pk}/rapport.pdf", HTTP_ACCEPT_LANGUAGE="sv")
    text = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(BytesIO(pdf.content)).pages).split())
    assert f"Investeringsredovisning per projekt {YEAR}: budget, utfall och avvikelse (tkr)" in text and "Tillbyggnad Hagaskolan" in text
    assert "Bedömning av god ekonomisk hushållning" in text and "Fullmäktiges utvecklingsmål" in text and "Resultatmålet nås delvis." in text
    assert "Ändrat efter beslutet." not in text
    document = Document(BytesIO(client.get(f"/enheter/{ks.pk}/rapportering/{period.pk}/rapport.docx", HTTP_ACCEPT_LANGUAGE="sv").content))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert {"Investeringsredovisning", "Bedömning av god ekonomisk hushållning", "Fullmäktiges samlade bedömning"} <= set(headings)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Tillbyggnad Hagaskolan" in cells and "Resultatet minst 2 %" in cells and "Fler i arbete" in cells
    assert "Resultatmålet nås delvis." in [p.text for p in document.paragraphs]
