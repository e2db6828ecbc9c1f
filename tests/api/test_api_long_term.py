"""The long-term budget API (issue 11 §6, §3): assumptions entered by KS's controllers (PUT, audited,
MOB-002…MOB-005), the result, balance and cash-flow budgets and the investment room read by those
who see the group (auditors too), refused to the outsider."""

from __future__ import annotations

from typing import Any

from styr.core.models import AuditEvent
from styr.economy.models import BudgetAssumption
from tests.conftest import YEAR, World
from tests.economy.test_api_frames import call
from tests.economy.test_frames_decided import adopt_goals_and_budget
from tests.economy.test_long_term_budget import enter_year, set_frames


def body(**given: Any) -> dict[str, Any]:
    return {"year": YEAR, "key": "tax_revenue", "amount_tsek": "1100000", "source": "SKR cirkulär 26:14", "source_date": f"{YEAR - 1}-04-24"} | given


def test_a_controller_puts_an_assumption_and_others_are_refused(world: World) -> None:
    status, answer = call("ks_controller", "put", "/api/v1/budget-assumptions", body())
    assert status == 200 and answer["amount_tsek"] == "1100000.0" and answer["source_date"] == f"{YEAR - 1}-04-24"
    assert BudgetAssumption.objects.get(year=YEAR, key="tax_revenue").source == "SKR cirkulär 26:14"
    assert AuditEvent.objects.filter(action="budget_assumption.set").count() == 1
    # permission before the input's rules: a negative cost from an auditor is refused as a permission
    for persona in ("auditor", "committee_politician", "outsider"):
        status, answer = call(persona, "put", "/api/v1/budget-assumptions", body(key="depreciation", amount_tsek="-1"))
        assert status == 403 and answer["code"] == "PERM-001", persona
    status, answer = call("ks_controller", "put", "/api/v1/budget-assumptions", body(key="depreciation", amount_tsek="-1"))
    assert status == 422 and answer["code"] == "MOB-003"
    status, answer = call("ks_controller", "put", "/api/v1/budget-assumptions", body(source=" x", amount_tsek="1.25"))
    assert status == 422 and answer["code"] == "MOB-003"
    assert call("auditor", "get", f"/api/v1/budget-assumptions?year={YEAR}")[1][0]["key"] == "tax_revenue"
    assert call("outsider", "get", "/api/v1/budget-assumptions")[0] == 403  # belongs to no group


def test_mob_002_an_assumption_of_an_adopted_year_is_refused_with_409(world: World) -> None:
    adopt_goals_and_budget(world)
    status, answer = call("ks_controller", "put", "/api/v1/budget-assumptions", body())
    assert status == 409 and answer["code"] == "MOB-002" and answer["detail"]["year"] == YEAR
    assert not BudgetAssumption.objects.exists()


def test_the_budgets_and_the_room_read_every_line_for_each_year(world: World) -> None:
    set_frames(world)
    enter_year(world, YEAR)
    status, result = call("auditor", "get", f"/api/v1/long-term-budget/{YEAR}/result-budget")
    assert status == 200 and result["years"] == [YEAR - 1, YEAR, YEAR + 1, YEAR + 2]
    lines = {line["key"]: line for line in result["lines"]}
    assert lines["year_result"]["amounts"][str(YEAR)] == "-28000.0" and lines["year_result"]["amounts"][str(YEAR + 1)] is None
    assert lines["tax_revenue"]["sources"][str(YEAR)].startswith("SKR cirkulär 26:14")
    assert result["missing"][str(YEAR + 1)] == ["depreciation", "tax_revenue", "general_grants"]
    status, flow = call("ks_controller", "get", f"/api/v1/long-term-budget/{YEAR}/cash-flow-budget")
    assert status == 200 and {line["key"]: line["amounts"][str(YEAR)] for line in flow["lines"]}["borrowing"] == "88000.0"
    status, balance = call("ks_controller", "get", f"/api/v1/long-term-budget/{YEAR}/balance-budget")
    assert status == 200 and all(value is None for line in balance["lines"] for value in line["amounts"].values())  # no books to start from
    status, room = call("auditor", "get", f"/api/v1/investment-room/{YEAR}")
    assert status == 200 and room["years"][0]["borrowing_need_tsek"] == "88000.0" and room["per_new_resident_tsek"] == "250"
    for url in (f"/api/v1/long-term-budget/{YEAR}/result-budget", f"/api/v1/investment-room/{YEAR}"):
        assert call("outsider", "get", url)[0] == 403
