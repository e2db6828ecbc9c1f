"""The reserve across the law change of 2024 through the services, the page and the API: the
result equalisation reserve up to 2023, the result reserve with its 5 % cap from 2024 (BAL-014),
the RUR kept beside it and used under the old rules (prop. 2022/23:119; see
tests/domain/test_balance_reserve.py for the sources and the rules in full)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.test import Client

from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import BalanceStatementYear
from styr.economy.selectors.balance_requirement import balance_statement_list
from styr.economy.services.balance import balance_statement_save
from tests.conftest import World
from tests.economy.test_api_frames import call


def test_a_statement_for_2024_applies_the_result_reserve_and_2023_the_rur(world: World) -> None:
    """2023: 10 mkr in the RUR, 15 mkr provided (1 % of 1 000 mkr leaves 20 mkr) → 25 mkr.
    2024: the 25 mkr are kept; 52 mkr to the result reserve is its cap (5 % of 1 040 mkr); 52.000001
    mkr is refused (BAL-014) and nothing is stored. 2025: 12 mkr of the kept RUR cover part of a
    −20 mkr result after adjustments (old rules), the API shows both reserves."""
    controller = world.users["ks_controller"]
    save = {"actor": controller, "group": world.group}
    balance_statement_save(
        **save,
        year=2023,
        changes={
            "year_result_sek": D(30_000_000),
            "tax_and_grants_sek": D(1_000_000_000),
            "reserve_provision_sek": D(15_000_000),
            "reserve_opening_sek": D(10_000_000),
        },
    )
    with pytest.raises(RuleViolation) as err:
        balance_statement_save(
            **save, year=2024, changes={"year_result_sek": D(70_000_000), "tax_and_grants_sek": D(1_040_000_000), "reserve_provision_sek": D("52000000.01")}
        )
    assert err.value.code == "BAL-014" and not BalanceStatementYear.objects.filter(year=2024).exists()
    balance_statement_save(
        **save, year=2024, changes={"year_result_sek": D(70_000_000), "tax_and_grants_sek": D(1_040_000_000), "reserve_provision_sek": D(52_000_000)}
    )
    y2023, y2024 = balance_statement_list(world.users["auditor"], world.group)
    assert (y2023.reserve_name, y2023.reserve_closing_sek, y2023.legacy_reserve_name) == ("resultatutjämningsreserv", D(25_000_000), None)
    assert (y2024.reserve_name, y2024.reserve_closing_sek, y2024.reserve_cap_sek, y2024.balance_result_sek) == (
        "resultatreserv",
        D(52_000_000),
        D(52_000_000),
        D(18_000_000),
    )
    assert (y2024.legacy_reserve_name, y2024.legacy_reserve_opening_sek, y2024.legacy_reserve_closing_sek) == (
        "resultatutjämningsreserv",
        D(25_000_000),
        D(25_000_000),
    )
    page = Client()
    page.force_login(world.users["auditor"])
    html = page.get("/balanskrav/").content.decode()
    assert "Reservering till resultatreserv" in html and "Reservering till resultatutjämningsreserv" in html
    # the kept RUR, used under the old rules: no more than the negative result (BAL-003)
    status, body = call("ks_controller", "patch", "/api/v1/balance-statements/2025", {"year_result_sek": "-20000000", "legacy_reserve_use_sek": "21000000"})
    assert status == 422 and body["code"] == "BAL-003"
    assert call("auditor", "patch", "/api/v1/balance-statements/2025", {"legacy_reserve_use_sek": "1"})[0] == 403
    status, body = call("ks_controller", "patch", "/api/v1/balance-statements/2025", {"year_result_sek": "-20000000", "legacy_reserve_use_sek": "12000000"})
    assert status == 200 and body["balance_result_sek"] == "-8000000.00"
    assert (body["reserve_name"], body["legacy_reserve_name"], body["legacy_reserve_closing_sek"]) == (
        "resultatreserv",
        "resultatutjämningsreserv",
        "13000000.00",
    )
    assert {line["key"]: line["amount_sek"] for line in body["lines"]}["legacy_reserve_use"] == "12000000.00"
    assert BalanceStatementYear.objects.get(year=2025).legacy_reserve_use_sek == D(12_000_000)
    event = AuditEvent.objects.filter(action="balance_statement.saved").order_by("-pk").first()
    assert event is not None and event.after["legacy_reserve_use_sek"] == "12000000.00"
