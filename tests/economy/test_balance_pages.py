"""The balance requirement page /balanskrav/ (issue 11 §4): the chain with the law's rows, the deficit
ledger with deadlines (an overdue deficit flagged, BAL-005), a controller's entry, the council's
adoption and decision; valid HTML."""

from __future__ import annotations

from decimal import Decimal as D

from styr.economy.models import BalanceDeficit, BalanceStatementYear
from styr.economy.services.balance import balance_statement_save
from tests.conftest import World
from tests.html_check import vnu_errors

URL = "/balanskrav/"


def test_the_page_shows_the_chain_and_flags_an_overdue_deficit(world: World) -> None:
    controller = world.users["ks_controller"]
    balance_statement_save(actor=controller, group=world.group, year=2021, changes={"year_result_sek": D(-3_000_000)})
    for year in (2022, 2023):
        balance_statement_save(actor=controller, group=world.group, year=year, changes={"year_result_sek": D(1_000_000)})
    balance_statement_save(actor=controller, group=world.group, year=2024, changes={"year_result_sek": D(500_000)})
    html = world.client("auditor").get(URL).content.decode()
    assert "Årets resultat efter balanskravsjusteringar" in html and "Balanskravsresultat" in html
    assert "efter sin tidsfrist" in html or "past its deadline" in html  # 2021's 500 000 still open after 2024
    assert "500\xa0000" in html
    assert "Spara" not in html  # the auditor reads only
    assert vnu_errors({"balance": html, "controller": world.client("ks_controller").get(URL).content.decode()}) == []


def test_a_controller_enters_a_year_and_the_council_adopts_it_on_the_page(world: World) -> None:
    client = world.client("ks_controller")
    fields = {"action": "new", "new-year": "2025", "new-year_result_sek": "-2000000", "new-realisation_gains_sek": "0", "new-exception_gains_sek": "0"}
    fields |= {f"new-{name}": "0" for name in ("exception_losses_sek", "unrealised_securities_sek", "unrealised_reversal_sek", "reserve_provision_sek")}
    response = client.post(URL, {**fields, "new-reserve_use_sek": "5"})
    assert response.status_code == 422 and "BAL-004" in response.content.decode()
    assert client.post(URL, {**fields, "new-reserve_use_sek": "0"}).status_code == 302
    assert BalanceStatementYear.objects.get(year=2025).year_result_sek == D(-2_000_000)
    assert BalanceDeficit.objects.get(origin_year=2025).amount_sek == D(2_000_000)
    adopt = {"action": "adopt", "adopt-year": "2025", "adopt-decided_on": "2026-04-20", "adopt-paragraph": "§ 41", "adopt-registration_number": "KF 2026/12"}
    assert client.post(URL, adopt).status_code == 403
    assert world.client("council_chair").post(URL, adopt).status_code == 302
    assert BalanceStatementYear.objects.get(year=2025).is_adopted
    decide = {
        "action": "decide",
        "decide-origin_year": "2025",
        "decide-kind": "recovery_plan",
        "decide-text": "Åtgärdsplan 2026–2028",
        "decide-decided_on": "2026-04-20",
        "decide-paragraph": "§ 42",
        "decide-registration_number": "KF 2026/13",
    }
    assert world.client("council_chair").post(URL, decide).status_code == 302
    page = world.client("council_chair").get(URL).content.decode()
    assert "Åtgärdsplan 2026–2028" in page and "2028" in page
