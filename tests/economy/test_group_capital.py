"""The capital elimination in the group's statements (issue 11 §5; GROUP-005): KS's controllers
enter the municipality's book value of its shares in a company, their account and the company's
equity at acquisition; the group page and the API show the entries in the eliminations column.
And the group's cash flow from its consolidated balance sheets and result."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from styr.core.models import AuditEvent
from styr.economy.models import GroupMember
from styr.economy.selectors.group_statements import group_cash_flow_build
from tests.conftest import YEAR, World
from tests.economy.group_books import COMPANY, load_group_books
from tests.economy.test_api_group_statements import call
from tests.economy.test_group_statements import set_up_group
from tests.html_check import vnu_errors


def test_group_005_the_shares_are_eliminated_against_the_equity_at_acquisition_with_the_surplus_on_its_own_line(world: World, tmp_path: Path) -> None:
    """The municipality paid 700 000 for 60 % of AllboHus when its equity was 1 000 000: 600 000 of
    equity is eliminated and 100 000 is a surplus; AllboHus's equity since (1 240 000 now) stays at 60 %."""
    load_group_books(world, tmp_path)
    set_up_group(world)
    company = world.unit(COMPANY)
    url = f"/api/v1/group/members/{company.pk}/capital"
    body = {"shares_book_value_sek": "700000", "shares_account": "1311", "equity_at_acquisition_sek": "1000000"}
    # permission before the input's rules; outside the scope 404
    assert call("auditor", "put", url, {**body, "shares_account": "1510"})[0] == 403
    assert call("outsider", "put", url, body)[0] == 404
    status, found = call("ks_controller", "put", url, {**body, "shares_account": "1510"})
    assert status == 422 and found["code"] == "GROUP-005"
    status, found = call("ks_controller", "put", url, body)
    assert status == 200 and found["shares_book_value_sek"] == "700000.00" and found["shares_account"] == "1311"
    member = GroupMember.objects.get(org_unit=company)
    assert (member.shares_book_value_sek, member.equity_at_acquisition_sek) == (D(700000), D(1000000))
    event = AuditEvent.objects.get(action="group_member.capital_set")
    assert event.before["shares_book_value_sek"] is None and event.after["shares_account"] == "1311"
    status, statements = call("auditor", "get", f"/api/v1/group/statements?year={YEAR}")
    assert status == 200
    key = str(company.pk)
    assert [(e["member"], e["kind"], e["row"], e["amount_sek"]) for e in statements["capital"]] == [
        (key, "shares", "financial_assets", "-700000.00"),
        (key, "equity", "equity", "-600000.00"),
        (key, "surplus", "acquisition_surplus", "100000.00"),
    ]
    lines = {line["key"]: line["amounts_sek"] for line in statements["lines"]}
    assert lines["equity"][1:3] == ["744000.00", "-600000.00"]  # 60 % of 1 240 000; 60 % of the 1 000 000 at acquisition
    assert lines["acquisition_surplus"] == ["0.00", "0.00", "100000.00", "100000.00"]
    assert lines["total_assets"][3] == lines["total_equity_and_liabilities"][3]
    page = world.client("auditor").get(f"/koncernen/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'id="group-capital"' in page and "Kapitaleliminering" in page and "Övervärde vid förvärv (goodwill)" in page
    # the group's cash flow: the municipality's cash 200 000 → 270 000, 60 % of AllboHus's 100 000 → 140 000;
    # the eliminations (internal balances, the capital elimination) stand at both ends and move no cash
    flows = group_cash_flow_build(world.group, YEAR)
    assert (flows.amount("opening_cash"), flows.amount("closing_cash"), flows.amount("year_cash_flow")) == (D(260000), D(354000), D(94000))
    assert flows.amount("year_result") == D(194000) and flows.amount("operating") + flows.amount("investing") + flows.amount("financing") == D(94000)
    assert 'id="group-cash-flow"' in page and "Årets kassaflöde" in page and "94\u00a0000" in page
    writer = world.client("ks_controller").get(f"/koncernen/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Ange ett bolags kapitaleliminering" in writer and "Ange ett bolags kapitaleliminering" not in page
    assert vnu_errors({"capital": page, "writer": writer}) == []


def test_ks_controllers_enter_the_capital_elimination_on_the_group_page(world: World, tmp_path: Path) -> None:
    """GROUP-005 on the page: a non-class-13 account refused on its field, then saved and audited."""
    load_group_books(world, tmp_path)
    set_up_group(world)
    company = world.unit(COMPANY)
    client = world.client("ks_controller")
    form = {"action": "capital", "capital-org_unit": company.pk, "capital-shares_book_value_sek": "500000", "capital-equity_at_acquisition_sek": "1000000"}
    refused = client.post(f"/koncernen/{YEAR}/", {**form, "capital-shares_account": "1510"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert refused.status_code == 422 and "GROUP-005" in refused.content.decode()
    assert GroupMember.objects.get(org_unit=company).shares_book_value_sek is None
    saved = client.post(f"/koncernen/{YEAR}/", {**form, "capital-shares_account": "1311"})
    assert saved.status_code == 302 and GroupMember.objects.get(org_unit=company).shares_book_value_sek == D(500000)
    assert AuditEvent.objects.filter(action="group_member.capital_set").count() == 1
    page = client.get(f"/koncernen/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Undervärde vid förvärv (negativ goodwill)" in page  # 500 000 for 60 % of 1 000 000
    assert world.client("auditor").post(f"/koncernen/{YEAR}/", {**form, "capital-shares_account": "1311"}).status_code == 403
