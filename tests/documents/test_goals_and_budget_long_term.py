"""Mål och budget holds its result, balance and cash-flow budgets, the investment room and the
allocation model's summary (issue 11 §6), in the order a council's document has them, as PDF and
Word, and reads them from the adopted snapshot."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from styr.documents.builders import plan_content, plan_content_build
from styr.economy.services import budget_assumption_set, frame_set, sie_import
from styr.planning import services
from tests.conftest import World
from tests.documents.test_plan_documents import docx_text, pdf_text
from tests.economy.test_long_term_budget import plan_investment

ROOT = Path(__file__).resolve().parents[2]
LEDGER_2024 = ROOT / "tests" / "fixtures" / "sie" / "exempelby_kommunbas_resultat.se"
N = 2025
D = Decimal


def prepare(world: World) -> None:
    """Frames and assumptions for 2025–2027 (tkr) and the municipality's books of 2024."""
    controller = world.users["ks_controller"]
    frame_set(actor=controller, org_unit=world.unit("Utbildningsnämnden"), year=N, amount_tsek=D("3000"))
    plan_investment(world, "Utbildningsnämnden", N, D("400"), plan_year=N)
    for year in (N, N + 1, N + 2):
        for key, amount in {"tax_revenue": "2950", "general_grants": "420", "depreciation": "130", "financial_costs": "40", "reserves": "50"}.items():
            budget_assumption_set(actor=controller, group=world.group, year=year, key=key, amount_tsek=D(amount), source="SKR cirkulär 24:31")
    sie_import(actor=controller, org_unit=world.unit("Kommunfullmäktige"), file_name=LEDGER_2024.name, path=LEDGER_2024)


def rows(part: dict[str, Any]) -> dict[str, list[Decimal | None]]:
    return {row["key"]: [D(a) if a else None for a in row["amounts_tsek"]] for row in part["rows"]}


def test_the_result_balance_and_cash_flow_budgets_show_their_arithmetic_beside_last_years_outcome(world: World) -> None:
    prepare(world)
    content = plan_content_build(unit=world.unit("Kommunfullmäktige"), year=N)
    order = list(content["sections"])
    assert order.index("financial_goals") < order.index("long_term_budget") < order.index("frames") < order.index("investments_and_allocation")
    result, balance, flow = content["sections"]["long_term_budget"]
    assert result["headers"][1:] == ["Utfall 2024", "Budget 2025", "Plan 2026", "Plan 2027"]
    figures = rows(result)
    # 2025: −3 000 − 130 − 50 = −3 180 net cost; + 2 950 + 420 = 190; − 40 = 150. 2024 as booked.
    assert figures["net_cost"] == [D("-1548"), D("-3180"), D("-3180"), D("-3180")]
    assert figures["operating_result"] == [D("1752"), D("190"), D("190"), D("190")]
    assert figures["year_result"] == [D("1717"), D("150"), D("150"), D("150")]
    assert figures["frames"][0] == D("-1428")  # revenue 1 650.0 + operating costs −3 078.0
    assert figures["reserves"] == [None, D("-50"), D("-50"), D("-50")]  # not told apart in the books
    assert next(r for r in result["rows"] if r["key"] == "tax_revenue")["source"].startswith("2025: SKR cirkulär 24:31")
    # cash flow 150 + 130 = 280 against 400 invested: 120 borrowed
    assert rows(flow)["borrowing"] == [None, D("120"), 0, 0]
    assert rows(flow)["change_in_liquid_assets"] == [None, 0, D("280"), D("280")]
    # the balance sheet of 2024 (the unclosed result taken into equity), rolled forward and balanced
    sheet = rows(balance)
    assert sheet["total_assets"][0] == sheet["total_claims"][0] == D("7115.8")
    assert sheet["equity"][:2] == [D("4715.8"), D("4865.8")]  # 3 000 + the unclosed 1 715.8; + 150
    assert sheet["fixed_assets"][1] == D("5270")  # 5 000 + 400 − 130
    assert sheet["liabilities"][1] == D("2020")  # 1 900 + 120 borrowed
    assert all(a == c for a, c in zip(sheet["total_assets"], sheet["total_claims"], strict=True))
    plan, _projects, room, *_ = content["sections"]["investments_and_allocation"]
    assert rows(plan)["committee-0"] == rows(plan)["category-expansion"] == rows(plan)["total"] == [D("400"), 0, 0]
    assert rows(room)["self_financing"][0] == D("70") and rows(room)["borrowing_need"][0] == D("120")


def test_the_adopted_goals_and_budget_keeps_its_budgets_in_pdf_and_word(world: World) -> None:
    prepare(world)
    council, controller = world.unit("Kommunfullmäktige"), world.users["ks_controller"]
    plan = services.plan_propose(actor=controller, plan=services.plan_create(actor=controller, org_unit=council, year=N))
    services.plan_adopt(actor=world.users["council_chair"], plan=plan, decided_on=date(N - 1, 6, 16), paragraph="§ 62", registration_number="2024-00071")
    # a later change of next year's assumptions does not reach the adopted document
    budget_assumption_set(actor=controller, group=world.group, year=N + 1, key="tax_revenue", amount_tsek=D("9999"), source="SKR 25:10")
    plan.refresh_from_db()
    assert rows(plan_content(plan, reader=None)["sections"]["long_term_budget"][0])["tax_revenue"][2] == D("2950")
    client = world.client("auditor")
    pdf = pdf_text(client.get(f"/planer/{plan.pk}/dokument.pdf", HTTP_ACCEPT_LANGUAGE="sv").content)
    assert "Resultatbudget" in pdf and "Balansbudget" in pdf and "Kassaflödesbudget" in pdf and "Investeringsutrymme" in pdf and "Investeringsplan" in pdf
    assert "Utfall 2024" in pdf and "SKR cirkulär 24:31" in pdf and "9999" not in pdf
    word = docx_text(client.get(f"/planer/{plan.pk}/dokument.docx", HTTP_ACCEPT_LANGUAGE="sv").content)
    assert "Resultatbudget" in word and "Verksamhetens nettokostnad" in word and "-3180" in word and "Utfall 2024" in word


def test_the_frames_table_reads_the_investment_plans_frame_and_the_plan_lists_its_projects_in_pdf_and_word(world: World) -> None:
    from styr.economy.services import investment_amount_set, investment_project_create

    prepare(world)  # the frame entered without an investment frame; the plan holds 400 for 2025
    committee = world.unit("Utbildningsnämnden")
    school = investment_project_create(actor=None, committee=committee, name="Ny förskola Norr", category="reinvestment", start_year=N, end_year=N + 2)
    for year, amount in ((N, "1100"), (N + 1, "800"), (N + 2, "300")):
        investment_amount_set(actor=None, project=school, plan_year=N, year=year, amount_tsek=D(amount))
    content = plan_content_build(unit=world.unit("Kommunfullmäktige"), year=N)
    # the frames table and the plan read the same figure: 400 + 1 100
    assert [(f["title"], f["investment_tsek"]) for f in content["sections"]["frames"]] == [("Utbildningsnämnden", "1500.0")]
    plan_part, projects, *_ = content["sections"]["investments_and_allocation"]
    assert rows(plan_part)["committee-0"] == [D("1500"), D("800"), D("300")]
    assert projects["key"] == "investment_projects" and projects["headers"] == ["Projekt (tkr)", "Kategori", "2025", "2026", "2027", "Summa"]
    found = {r["label"]: (r["committee"], r["cells"]) for r in projects["rows"]}
    assert found["Ny förskola Norr"] == ("Utbildningsnämnden", ["Reinvestering", "1100", "800", "300", "2200"])
    assert found["Projekt Utbildningsnämnden 2025"] == ("Utbildningsnämnden", ["Expansion", "400", "0", "0", "400"])
    assert projects["rows"][-1]["is_sum"] and projects["rows"][-1]["amounts_tsek"] == ["1500.0", "800.0", "300.0", "2600.0"]
    # the adopted document, as PDF and Word
    controller = world.users["ks_controller"]
    plan = services.plan_propose(actor=controller, plan=services.plan_create(actor=controller, org_unit=world.unit("Kommunfullmäktige"), year=N))
    services.plan_adopt(actor=world.users["council_chair"], plan=plan, decided_on=date(N - 1, 6, 16), paragraph="§ 62", registration_number="2024-00071")
    client = world.client("auditor")
    pdf = pdf_text(client.get(f"/planer/{plan.pk}/dokument.pdf", HTTP_ACCEPT_LANGUAGE="sv").content)
    assert "Investeringsprojekt" in pdf and "Ny förskola Norr Reinvestering 1100 800 300 2200" in pdf
    assert "Utbildningsnämnden 3000 1500" in pdf  # the frames table: operating and investment frame
    word = docx_text(client.get(f"/planer/{plan.pk}/dokument.docx", HTTP_ACCEPT_LANGUAGE="sv").content)
    assert "Ny förskola Norr" in word and "Reinvestering" in word and "2200" in word
