"""The result statement and balance sheet of a ledger, by its chart's statement mapping (issue 9 §1)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from styr.economy.selectors import result_statement
from styr.economy.selectors.statement import plan_kept_by
from styr.economy.services import sie_import
from tests.api.test_api import bearer, token_for
from tests.conftest import World
from tests.html_check import vnu_errors

ROOT = Path(__file__).resolve().parents[2]
KOMMUN = ROOT / "tests" / "fixtures" / "sie" / "exempelby_kommunbas_resultat.se"
BOLAG = ROOT / "tests" / "fixtures" / "sie" / "exempelby_bolag_bas.se"
MUNICIPALITY = "Kommunfullmäktige"
COMPANY = "AllboHus Fastighets AB"
API = "/api/v1/accounting/result-statement"


def load(world: World, unit: str = MUNICIPALITY, path: Path = KOMMUN) -> None:
    sie_import(actor=world.users["ks_controller"], org_unit=world.unit(unit), file_name=path.name, path=path)


def amounts(lines: object) -> dict[str, Decimal]:
    return {line.key: line.amount_sek for line in lines}  # type: ignore[attr-defined]


def test_the_municipality_keeps_kommun_bas_and_the_companies_bas(world: World) -> None:
    assert plan_kept_by(world.unit(MUNICIPALITY)) == "kommun-bas"
    assert plan_kept_by(world.unit("Utbildningsnämnden")) == "kommun-bas"
    assert plan_kept_by(world.unit(COMPANY)) == "bas"
    assert plan_kept_by(world.unit("Alvesta Kommunföretag AB")) == "bas"


def test_the_result_statement_sums_to_the_ore(world: World) -> None:
    load(world)
    statement = result_statement(world.users["ks_controller"], world.unit(MUNICIPALITY), 2024)
    assert statement.plan == "kommun-bas" and statement.fiscal_year_start is not None
    result = amounts(statement.result)
    assert result["revenue"] == Decimal("1650000.75")  # 301 and the own account 3511
    assert result["operating_costs"] == Decimal("-3078000.25")  # 4567, 501, 561 and 6011 by range
    assert result["depreciation"] == Decimal("-120000.00")
    assert result["net_cost"] == Decimal("-1547999.50")
    assert result["tax_revenue"] == Decimal("2900000.00")
    assert result["general_grants"] == Decimal("400000.00")
    assert result["financial_income"] == Decimal("10000.33")
    assert result["financial_costs"] == Decimal("-45000.00")
    assert result["extraordinary"] == Decimal("0.00")
    assert result["year_result"] == Decimal("1717000.83")
    # every mapped result account, as booked, is the year's result with its sign turned
    booked = sum((a.amount_sek for line in statement.result if not line.is_sum for a in line.accounts), Decimal(0))
    assert booked == result["year_result"]
    assert {a.account for a in statement.line("operating_costs").accounts} == {"4567", "501", "561", "6011"}
    assert statement.line("operating_costs").budget_sek == Decimal("-340000.00")
    assert statement.line("revenue").budget_sek == Decimal("100000.00")
    balance = amounts(statement.balance)
    assert balance["tangible_assets"] == Decimal("5000000.00")
    assert balance["total_assets"] == Decimal("7115766.67")
    assert balance["equity"] == Decimal("3000000.00")
    assert balance["liabilities"] == Decimal("1900000.40")
    assert balance["total_equity_and_liabilities"] == Decimal("5400000.40")
    # before the books are closed the two sides differ by the year's result (the unmapped 9110 too)
    unmapped = sum((a.amount_sek for a in statement.unmapped), Decimal(0))
    assert balance["total_assets"] - balance["total_equity_and_liabilities"] == result["year_result"] - unmapped


def test_acc_002_an_account_on_no_row_is_listed_apart_not_dropped(world: World) -> None:
    load(world)
    statement = result_statement(world.users["ks_controller"], world.unit(MUNICIPALITY), 2024)
    assert [(a.account, a.name, a.amount_sek) for a in statement.unmapped] == [("9110", "Interna poster", Decimal("1234.56"))]


def test_a_company_reads_its_ledger_by_bas(world: World) -> None:
    load(world, COMPANY, BOLAG)
    statement = result_statement(world.users["ks_controller"], world.unit(COMPANY), 2024)
    assert statement.plan == "bas"
    result = amounts(statement.result)
    assert result["revenue"] == Decimal("5000000.00")
    assert result["operating_costs"] == Decimal("-2250000.00")
    assert result["net_cost"] == Decimal("1850000.00")
    assert result["result_after_financial"] == Decimal("1250000.00")
    assert result["year_result"] == Decimal("900000.00")
    assert result["closing"] == Decimal("-900000.00")  # the closing account, in no sum
    assert [a.account for a in statement.unmapped] == ["8600"]


def test_a_unit_without_a_ledger_has_empty_rows(world: World) -> None:
    statement = result_statement(world.users["ks_controller"], world.unit("Omsorgsnämnden"), 2024)
    assert not statement.has_ledger and statement.line("year_result").amount_sek == 0


def test_an_outsider_or_a_unit_out_of_scope_cannot_read_the_statement(world: World) -> None:
    load(world)
    with pytest.raises(Http404):
        result_statement(world.users["outsider"], world.unit(MUNICIPALITY), 2024)
    with pytest.raises(Http404):
        result_statement(world.users["unit_manager"], world.unit(MUNICIPALITY), 2024)
    assert world.client("unit_manager").get(f"/enheter/{world.unit(MUNICIPALITY).pk}/resultatrakning/?ar=2024").status_code == 404
    assert world.client("outsider").get(f"/enheter/{world.unit(MUNICIPALITY).pk}/resultatrakning/?ar=2024").status_code == 404
    response = world.client(None).get(f"{API}?org_unit={world.unit(MUNICIPALITY).pk}&year=2024")
    assert response.status_code == 401


def test_the_api_answers_the_statement(world: World) -> None:
    load(world)
    unit = world.unit(MUNICIPALITY)
    response = world.client(None).get(f"{API}?org_unit={unit.pk}&year=2024", headers=bearer(token_for("auditor")))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["plan"] == "kommun-bas" and body["fiscal_year"] == {"start": "2024-01-01", "end": "2024-12-31"}
    rows = {row["key"]: row for row in body["result"]}
    assert rows["year_result"]["amount_sek"] == "1717000.83" and rows["year_result"]["sum"] is True
    assert rows["net_cost"]["label"] == "Verksamhetens nettokostnad"
    assert {a["account"] for a in rows["revenue"]["accounts"]} == {"301", "3511"}
    assert body["unmapped"] == [{"account": "9110", "name": "Interna poster", "amount_sek": "1234.56", "code": "ACC-002"}]
    hidden = world.client(None).get(f"{API}?org_unit={unit.pk}&year=2024", headers=bearer(token_for("outsider")))
    assert hidden.status_code == 404 and hidden.json()["code"] == "NOT-FOUND"
    bad = world.client(None).get(f"{API}?org_unit={unit.pk}&year=twenty", headers=bearer(token_for("auditor")))
    assert bad.status_code == 422 and bad.json()["code"] == "INPUT-001"


def test_the_page_shows_the_statement_in_swedish_numbers_and_is_valid_html(world: World) -> None:
    load(world)
    unit = world.unit(MUNICIPALITY)
    client = world.client("ks_controller")
    unit_page = client.get(f"/enheter/{unit.pk}/?ar=2024").content.decode()
    assert f"/enheter/{unit.pk}/resultatrakning/?ar=2024" in unit_page
    response = client.get(f"/enheter/{unit.pk}/resultatrakning/?ar=2024")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Verksamhetens nettokostnad" in html and "Generella statsbidrag och utjämning" in html
    assert "1\u00a0717\u00a0001" in html  # 1 717 000,83 rounded to whole kronor
    assert "9110" in html and "ACC-002" in html
    empty = client.get(f"/enheter/{world.unit('Omsorgsnämnden').pk}/resultatrakning/?ar=2024").content.decode()
    model = client.get("/styrmodell/").content.decode()
    assert 'id="account-plans-h"' in model and "Kommun-Bas (SKR)" in model and "BAS-kontoplanen (företag)" in model
    assert vnu_errors({"statement": html, "empty": empty, "unit": unit_page, "model": model}) == []


def test_the_statement_costs_the_same_queries_however_many_accounts(world: World, tmp_path: Path) -> None:
    load(world)
    user = world.users["ks_controller"]
    unit = world.unit(MUNICIPALITY)
    result_statement(user, unit, 2024)  # warm the group's model
    with CaptureQueriesContext(connection) as few:
        result_statement(user, unit, 2024)
    lines = [f'#KONTO {4000 + n} "Eget konto {n}"\n#RES 0 {4000 + n} {n}.25\n' for n in range(60)]
    more = KOMMUN.read_bytes().decode("cp437").replace("\r\n", "\n") + "".join(lines)
    path = tmp_path / "many.se"
    path.write_bytes(more.encode("cp437"))
    load(world, MUNICIPALITY, path)
    with CaptureQueriesContext(connection) as many:
        statement = result_statement(user, unit, 2024)
    assert len(statement.line("operating_costs").accounts) == 64
    assert len(many.captured_queries) == len(few.captured_queries)
