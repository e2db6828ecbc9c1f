"""The demo's balance requirement (issue 11 §4): entered past years with a deficit, its recovery
plan and restoration, and last year read from the municipality's ledger (or entered without it)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from styr.demo.balance import load_demo_balance
from styr.economy.selectors.balance_requirement import balance_statement_list
from tests.conftest import World


def test_the_demo_enters_a_deficit_and_its_restoration(world: World) -> None:
    users = {"ks.controller": world.users["ks_controller"], "kf.ordforande": world.users["council_chair"]}
    load_demo_balance(group=world.group, users=users, today=date(2026, 3, 2))
    years = balance_statement_list(world.users["auditor"], world.group)
    assert [v.year for v in years] == [2022, 2023, 2024, 2025]
    assert [v.state for v in years] == ["adopted", "adopted", "adopted", "draft"]
    assert years[0].reserve_closing_sek == D(22_000_000) and years[1].reserve_closing_sek == D(12_000_000)
    assert years[1].balance_result_sek == D(-16_100_000)
    # from 2024 the result reserve (prop. 2022/23:119); the RUR's 12 mkr are kept beside it
    assert [v.reserve_name for v in years] == ["resultatutjämningsreserv"] * 2 + ["resultatreserv"] * 2
    assert (years[2].reserve_opening_sek, years[2].legacy_reserve_opening_sek, years[3].legacy_reserve_closing_sek) == (D(0), D(12_000_000), D(12_000_000))
    assert years[2].restored_sek == D(9_600_000) and years[2].to_restore_sek == D(6_500_000)
    deficit = years[2].deficits[0]
    assert deficit.deadline_year == 2026 and deficit.recovery_plan_decision is not None
