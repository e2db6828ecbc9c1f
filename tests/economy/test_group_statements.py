"""The municipality's cash flow and the group's statements from SIE files imported through the
real import (issue 11 §5; GROUP-001, GROUP-002, GROUP-004)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.http import Http404

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import GroupMember
from styr.economy.selectors.group_statements import cash_flow_statement, group_statements
from styr.economy.services.group import group_member_set, internal_account_set
from tests.conftest import YEAR, World
from tests.economy.group_books import COMPANY, MUNICIPALITY, load_group_books

D = Decimal


def set_up_group(world: World, share: str = "60") -> None:
    controller = world.users["ks_controller"]
    municipality, company = world.unit(MUNICIPALITY), world.unit(COMPANY)
    group_member_set(actor=controller, org_unit=company, ownership_percent=D(share))
    for unit, account, counterpart in (
        (municipality, "4611", company),
        (municipality, "2442", company),
        (company, "3012", municipality),
        (company, "1512", municipality),
    ):
        internal_account_set(actor=controller, org_unit=unit, account=account, counterpart=counterpart)


def test_the_municipalitys_cash_flow_adds_up_to_the_change_in_cash(world: World, tmp_path: Path) -> None:
    load_group_books(world, tmp_path)
    flows = cash_flow_statement(world.users["auditor"], world.unit(MUNICIPALITY), YEAR)
    assert flows.amount("year_result") == D(140000) and flows.amount("depreciation") == D(50000) and flows.amount("provisions") == D(10000)
    assert flows.amount("receivables") == D(-20000) and flows.amount("current_liabilities") == D(-10000)
    assert flows.amount("operating") == D(170000) and flows.amount("investing") == D(-150000) and flows.amount("financing") == D(50000)
    assert flows.amount("year_cash_flow") == D(70000) and (flows.amount("opening_cash"), flows.amount("closing_cash")) == (D(200000), D(270000))
    with pytest.raises(Http404):
        cash_flow_statement(world.users["outsider"], world.unit(MUNICIPALITY), YEAR)


def test_the_group_takes_the_company_at_its_share_and_eliminates_their_trade(world: World, tmp_path: Path) -> None:
    load_group_books(world, tmp_path)
    set_up_group(world)
    found = group_statements(world.users["auditor"], world.group, YEAR).consolidation
    company = str(world.unit(COMPANY).pk)
    assert [c.key for c in found.columns] == ["municipality", company, "eliminations", "group"]
    assert found.line("revenue").amounts == (D(300000), D(240000), D(-120000), D(420000))
    assert found.line("operating_costs").amounts == (D(-1100000), D(-90000), D(120000), D(-1070000))
    assert found.line("year_result").amounts == (D(140000), D(54000), D(0), D(194000))
    assert found.line("receivables").amounts == (D(120000), D(30000), D(-12000), D(138000))
    assert found.line("current_liabilities").amounts == (D(90000), D(30000), D(-12000), D(108000))
    assert found.unbalanced == ()


def test_group_002_an_internal_account_without_its_match_is_listed(world: World, tmp_path: Path) -> None:
    load_group_books(world, tmp_path)
    set_up_group(world)
    internal_account_set(actor=None, org_unit=world.unit(MUNICIPALITY), account="5011", counterpart=world.unit(COMPANY))  # salaries are not trade
    found = group_statements(world.users["ks_controller"], world.group, YEAR).consolidation
    assert [(u.part, u.difference_sek, u.code) for u in found.unbalanced] == [("result", D(-900000), "GROUP-002")]


def test_the_ownership_share_is_set_by_ks_controllers_audited_and_checked(world: World) -> None:
    company = world.unit(COMPANY)
    member = group_member_set(actor=world.users["ks_controller"], org_unit=company, ownership_percent=D("60"))
    group_member_set(actor=world.users["ks_controller"], org_unit=company, ownership_percent=D("75.5"))
    member.refresh_from_db()
    assert member.ownership_percent == D("75.50")
    event = AuditEvent.objects.filter(action="group_member.set").order_by("-pk").first()
    assert event is not None and event.before["ownership_percent"] == "60.00" and event.after["ownership_percent"] == "75.50"
    with pytest.raises(RuleViolation) as raised:
        group_member_set(actor=world.users["ks_controller"], org_unit=company, ownership_percent=D("101"))
    assert raised.value.code == "GROUP-001"
    with pytest.raises(RuleViolation) as raised:
        group_member_set(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), ownership_percent=D("50"))
    assert raised.value.code == "GROUP-004"
    with pytest.raises(RuleViolation) as raised:
        internal_account_set(actor=world.users["ks_controller"], org_unit=company, account="3012", counterpart=company)
    assert raised.value.code == "GROUP-004"
    for persona in ("committee_politician", "auditor", "outsider"):
        with pytest.raises(NotAllowed):
            group_member_set(actor=world.users[persona], org_unit=company, ownership_percent=D("50"))
    assert GroupMember.objects.get(org_unit=company).ownership_percent == D("75.50")
