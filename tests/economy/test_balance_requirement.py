"""The balance requirement's services (issue 11 §4): controllers prepare a year's statement (entered
or from the accounts), the council adopts it and decides on a deficit's recovery plan or synnerliga
skäl; the deficit ledger follows the chain. Rules BAL-001, BAL-006, BAL-007, BAL-009, BAL-011…BAL-013."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from django.http import Http404

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import BalanceDeficit, BalanceStatementYear
from styr.economy.selectors.balance_requirement import balance_statement, balance_statement_list
from styr.economy.services import sie_import
from styr.economy.services.balance import balance_deficit_decide, balance_statement_adopt, balance_statement_fill_from_accounts, balance_statement_save
from tests.conftest import World

DECISION: dict[str, Any] = {"decided_on": date(2026, 4, 20), "paragraph": "§ 41", "registration_number": "KS 2026/101"}


def enter_past_years(world: World) -> None:
    """2023 a deficit of 12 mkr, restored by 2024 (5) and 2025 (7), as a controller enters them."""
    controller = world.users["ks_controller"]
    balance_statement_save(
        actor=controller,
        group=world.group,
        year=2023,
        changes={"year_result_sek": D(-9_000_000), "realisation_gains_sek": D(3_000_000), "reserve_opening_sek": D(0)},
    )
    balance_statement_save(actor=controller, group=world.group, year=2024, changes={"year_result_sek": D(5_000_000)})
    balance_statement_save(
        actor=controller,
        group=world.group,
        year=2025,
        changes={"year_result_sek": D(20_000_000), "tax_and_grants_sek": D(1_500_000_000), "reserve_provision_sek": D(0)},
    )


def test_a_controller_enters_past_years_and_the_deficit_ledger_shows_the_restoration(world: World) -> None:
    enter_past_years(world)
    y2023, y2024, y2025 = balance_statement_list(world.users["auditor"], world.group)
    assert y2023.balance_result_sek == D(-12_000_000) and y2023.to_restore_sek == D(12_000_000)
    assert (y2024.restored_sek, y2024.to_restore_sek) == (D(5_000_000), D(7_000_000))
    assert (y2025.restored_sek, y2025.to_restore_sek) == (D(7_000_000), D(0))
    (deficit,) = y2025.deficits
    assert deficit.restorations == ((2024, D(5_000_000)), (2025, D(7_000_000))) and deficit.deadline_year == 2026 and not deficit.overdue
    stored = BalanceDeficit.objects.get(group=world.group)
    assert (stored.origin_year, stored.amount_sek, stored.restored_sek, stored.deadline_year) == (2023, D(12_000_000), D(12_000_000), 2026)
    assert [line.source for line in y2023.lines[:2]] == ["entered", "entered"]
    event = AuditEvent.objects.filter(action="balance_statement.saved").order_by("pk").first()
    assert event is not None and event.after["year_result_sek"] == "-9000000.00" and event.actor == world.users["ks_controller"]


@pytest.mark.parametrize("persona", ["committee_politician", "outsider", "auditor", "council_chair"])
def test_only_controllers_prepare_the_statement(world: World, persona: str) -> None:
    with pytest.raises((NotAllowed, Http404)):
        balance_statement_save(actor=world.users[persona], group=world.group, year=2025, changes={"year_result_sek": D(1)})
    assert not BalanceStatementYear.objects.exists()


def test_bal_009_a_year_must_join_the_chain_and_bal_001_the_ceiling_holds(world: World) -> None:
    controller = world.users["ks_controller"]
    balance_statement_save(actor=controller, group=world.group, year=2024, changes={"year_result_sek": D(1)})
    with pytest.raises(RuleViolation) as err:
        balance_statement_save(actor=controller, group=world.group, year=2026, changes={"year_result_sek": D(1)})
    assert err.value.code == "BAL-009"
    with pytest.raises(RuleViolation) as err:
        balance_statement_save(
            actor=controller,
            group=world.group,
            year=2025,
            changes={"year_result_sek": D(20_000_000), "tax_and_grants_sek": D(1_500_000_000), "reserve_provision_sek": D(5_000_001)},
        )
    assert err.value.code == "BAL-001"
    assert not BalanceStatementYear.objects.filter(year=2025).exists()


def test_the_council_adopts_in_order_and_an_adopted_year_is_locked(world: World) -> None:
    enter_past_years(world)
    chair = world.users["council_chair"]
    with pytest.raises(RuleViolation) as err:
        balance_statement_adopt(actor=chair, group=world.group, year=2024, **DECISION)
    assert err.value.code == "BAL-011"
    with pytest.raises(NotAllowed):
        balance_statement_adopt(actor=world.users["ks_politician"], group=world.group, year=2023, **DECISION)
    row = balance_statement_adopt(actor=chair, group=world.group, year=2023, **DECISION)
    assert row.is_adopted and row.decision is not None and row.decision.body == world.unit("Kommunfullmäktige")
    assert row.snapshot["lines"][-1] == {"key": "balance_result", "label": "Balanskravsresultat", "amount_sek": "-12000000.00", "source": ""}
    assert len(row.snapshot_sha256) == 64
    assert AuditEvent.objects.filter(action="balance_statement.adopted", object_id=str(row.pk)).exists()
    with pytest.raises(RuleViolation) as err:
        balance_statement_save(actor=world.users["ks_controller"], group=world.group, year=2023, changes={"year_result_sek": D(0)})
    assert err.value.code == "BAL-007"


def test_the_council_decides_synnerliga_skal_and_a_recovery_plan(world: World) -> None:
    enter_past_years(world)
    chair = world.users["council_chair"]
    with pytest.raises(NotAllowed):
        balance_deficit_decide(actor=world.users["ks_controller"], group=world.group, origin_year=2023, kind="recovery_plan", text="Plan", **DECISION)
    with pytest.raises(RuleViolation) as err:
        balance_deficit_decide(actor=chair, group=world.group, origin_year=2024, kind="recovery_plan", text="Plan", **DECISION)
    assert err.value.code == "BAL-012"
    with pytest.raises(RuleViolation) as err:
        balance_deficit_decide(actor=chair, group=world.group, origin_year=2023, kind="synnerliga_skal", text=" ", waived_sek=D(1), **DECISION)
    assert err.value.code == "BAL-006"
    balance_deficit_decide(actor=chair, group=world.group, origin_year=2023, kind="recovery_plan", text="Lägre kostnader 2024–2025", **DECISION)
    deficit = balance_deficit_decide(
        actor=chair, group=world.group, origin_year=2023, kind="synnerliga_skal", text="Engångsnedskrivning", waived_sek=D(2_000_000), **DECISION
    )
    assert deficit.waived_sek == D(2_000_000) and deficit.recovery_plan_decision is not None and deficit.waiver_decision is not None
    view = balance_statement(world.group, 2024)
    assert view is not None and view.deficits[0].open_sek == D(5_000_000) and view.deficits[0].recovery_plan == "Lägre kostnader 2024–2025"
    # with 2 mkr waived, 2025 needs only 5 of its 20 to restore the rest
    after = balance_statement(world.group, 2025)
    assert after is not None and after.restored_sek == D(5_000_000)
    assert AuditEvent.objects.filter(action="balance_deficit.synnerliga_skal").count() == 1


def test_a_year_is_read_from_the_municipalitys_ledger(world: World, tmp_path: Path) -> None:
    """Årets resultat, realisation gains on Kommun-Bas 381 (the preset's range 38), tax revenue and
    general grants and equity come from the council's ledger; BAL-013 for a year it does not hold."""
    sie = tmp_path / "alvesta_2025.se"
    sie.write_text(
        "\n".join(
            [
                "#FLAGGA 0",
                "#FORMAT PC8",
                "#SIETYP 4",
                '#FNAMN "Alvesta kommun"',
                "#RAR 0 20250101 20251231",
                '#KONTO 2031 "Eget kapital"',
                '#KONTO 193 "Bank"',
                '#KONTO 381 "Realisationsvinster mark"',
                '#KONTO 501 "Loner"',
                '#KONTO 801 "Kommunalskatt"',
                '#KONTO 825 "Utjamningsbidrag"',
                "#UB 0 2031 -3000000.00",
                "#UB 0 193 3000000.00",
                "#RES 0 381 -250000.00",
                "#RES 0 501 900000.00",
                "#RES 0 801 -1000000.00",
                "#RES 0 825 -200000.00",
                "",
            ]
        ),
        encoding="cp437",
    )
    controller = world.users["ks_controller"]
    sie_import(actor=controller, org_unit=world.unit("Kommunfullmäktige"), file_name=sie.name, path=sie)
    row = balance_statement_fill_from_accounts(actor=controller, group=world.group, year=2025)
    assert (row.year_result_sek, row.realisation_gains_sek, row.tax_and_grants_sek, row.equity_sek) == (D(550000), D(250000), D(1200000), D(3000000))
    assert (row.year_result_source, row.realisation_gains_source, row.tax_and_grants_source, row.equity_source) == ("accounts",) * 4
    view = balance_statement(world.group, 2025)
    # 2025 is under the 2024 rule: 1 % of 1 200 000 leaves 288 000, but the result reserve's cap
    # (5 %, BAL-014) is 60 000
    assert view is not None and view.result_after_sek == D(300000) and view.reserve_room_sek == D(60000)
    assert (view.reserve_name, view.reserve_cap_sek, view.legacy_reserve_name) == ("resultatreserv", D(60000), None)
    with pytest.raises(RuleViolation) as err:
        balance_statement_fill_from_accounts(actor=controller, group=world.group, year=2024)
    assert err.value.code == "BAL-013"
