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
from styr.economy.services import frame_set
from styr.economy.services.balance import balance_statement_fill_from_accounts
from styr.economy.services.group import group_member_set
from styr.followup import services as followup
from styr.followup.models import ReportingPeriod
from tests.conftest import YEAR, World
from tests.economy.group_books import COMPANY, load_group_books
from tests.economy.test_group_statements import set_up_group

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
