"""The balance requirement API (issue 11 §4): /api/v1/balance-statements and /api/v1/balance-deficits;
writes tried by someone allowed, someone who may not, and the outsider; refusals with their rule ids."""

from __future__ import annotations

from decimal import Decimal

from styr.core.models import AuditEvent
from styr.economy.models import BalanceDeficit, BalanceStatementYear
from tests.conftest import World
from tests.economy.test_api_frames import call

ADOPTION = {"decided_on": "2026-04-20", "paragraph": "§ 41", "registration_number": "KF 2026/12"}


def test_a_controller_enters_a_year_and_the_council_adopts_it(world: World) -> None:
    status, body = call("ks_controller", "patch", "/api/v1/balance-statements/2024", {"year_result_sek": "-4000000", "reserve_opening_sek": "0"})
    assert status == 200 and body["balance_result_sek"] == "-4000000.00" and body["to_restore_sek"] == "4000000.00"
    assert body["lines"][0] == {
        "key": "year_result",
        "label_sv": "Årets resultat enligt resultaträkningen",
        "label_en": "Result for the year (result statement)",
        "amount_sek": "-4000000.00",
        "is_sum": False,
        "source": "entered",
    }
    assert BalanceStatementYear.objects.get(year=2024).year_result_sek == Decimal(-4000000)
    assert AuditEvent.objects.filter(action="balance_statement.saved").count() == 1
    # permission before input rules: the council chair may not prepare, even with a bad amount
    assert call("council_chair", "patch", "/api/v1/balance-statements/2024", {"reserve_use_sek": "-1"})[0] == 403
    assert call("outsider", "get", "/api/v1/balance-statements")[0] == 403  # no group of their own
    status, body = call("ks_controller", "patch", "/api/v1/balance-statements/2024", {"reserve_use_sek": "1"})
    assert status == 422 and body["code"] == "BAL-004"
    assert call("ks_controller", "post", "/api/v1/balance-statements/2024/adoption", ADOPTION)[0] == 403
    status, body = call("council_chair", "post", "/api/v1/balance-statements/2024/adoption", ADOPTION)
    assert status == 200 and body["state"] == "adopted" and body["decision"]["paragraph"] == "§ 41"
    status, body = call("ks_controller", "patch", "/api/v1/balance-statements/2024", {"year_result_sek": "0"})
    assert status == 409 and body["code"] == "BAL-007"
    status, body = call("auditor", "get", "/api/v1/balance-statements/2024")
    assert status == 200 and body["deficits"][0]["deadline_year"] == 2027
    assert call("auditor", "get", "/api/v1/balance-statements/2030")[0] == 404


def test_the_council_records_a_recovery_plan_on_the_deficit_ledger(world: World) -> None:
    call("ks_controller", "patch", "/api/v1/balance-statements/2024", {"year_result_sek": "-4000000"})
    call("ks_controller", "patch", "/api/v1/balance-statements/2025", {"year_result_sek": "1000000"})
    decision = {**ADOPTION, "kind": "recovery_plan", "text": "Åtgärdsplan: vakanser hålls 2025–2026."}
    assert call("ks_controller", "post", "/api/v1/balance-deficits/2024/decisions", decision)[0] == 403
    status, body = call("council_chair", "post", "/api/v1/balance-deficits/2025/decisions", decision)
    assert status == 422 and body["code"] == "BAL-012"
    status, body = call("council_chair", "post", "/api/v1/balance-deficits/2024/decisions", decision)
    assert status == 200 and body["recovery_plan_decision"]["registration_number"] == "KF 2026/12"
    assert body["restorations"] == [[2025, "1000000.00"]] and body["open_sek"] == "3000000.00"
    assert BalanceDeficit.objects.get(origin_year=2024).recovery_plan.startswith("Åtgärdsplan")
    status, body = call("auditor", "get", "/api/v1/balance-deficits")
    assert status == 200 and [d["origin_year"] for d in body] == [2024]
