"""Deletes outside planning that cascaded over rows with one audit event (issue 14 §2): an owner
directive's demands and an investment project's amounts are each recorded; a project whose outcome
is followed in the ledger (an accounting object mapped to it) is not removed (DEL-001)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styr.control.services.companies import owner_directive_delete
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import InvestmentAmount, InvestmentProject, Ledger, LedgerObject
from styr.economy.services.investments import investment_amount_set, investment_project_create, investment_project_delete
from tests.conftest import YEAR, World
from tests.control.companies_setup import add_company_personas, subsidiary_directive


def test_an_owner_directive_is_removed_with_one_event_per_demand(world: World) -> None:
    add_company_personas(world)
    directive, demand = subsidiary_directive(world)
    ids = (str(demand.pk), str(directive.pk))
    AuditEvent.objects.all().delete()
    owner_directive_delete(actor=world.users["ks_controller"], directive=directive)
    events = list(AuditEvent.objects.order_by("pk").values_list("action", "object_id"))
    assert events == [("directive_demand.deleted", ids[0]), ("owner_directive.deleted", ids[1])]


def project_with_amounts(world: World) -> InvestmentProject:
    committee = world.unit("Utbildningsnämnden")
    project = investment_project_create(actor=None, committee=committee, name="Ny skola", category="expansion", start_year=YEAR, end_year=YEAR + 1)
    investment_amount_set(actor=None, project=project, plan_year=YEAR, year=YEAR, amount_tsek=Decimal(30000))
    investment_amount_set(actor=None, project=project, plan_year=YEAR, year=YEAR + 1, amount_tsek=Decimal(12000))
    return project


def test_an_investment_project_is_removed_with_one_event_per_amount(world: World) -> None:
    project = project_with_amounts(world)
    AuditEvent.objects.all().delete()
    investment_project_delete(actor=world.users["ks_controller"], project=project)
    assert not InvestmentProject.objects.filter(pk=project.pk).exists() and not InvestmentAmount.objects.exists()
    events = list(AuditEvent.objects.order_by("pk"))
    assert [e.action for e in events] == ["investment_amount.deleted", "investment_amount.deleted", "investment_project.deleted"]
    assert [(e.before["year"], e.before["amount_tsek"]) for e in events[:2]] == [(YEAR, "30000.0"), (YEAR + 1, "12000.0")]


def test_del_001_an_investment_project_followed_in_the_ledger_is_not_removed(world: World) -> None:
    project = project_with_amounts(world)
    # the mapping a SIE import makes (economy's services), written directly to keep the test short
    ledger = Ledger.objects.create(group=world.group, org_unit=world.unit("Kommunstyrelsen"))
    LedgerObject.objects.create(group=world.group, ledger=ledger, dimension="6", code="P100", investment_project=project)
    AuditEvent.objects.all().delete()
    with pytest.raises(RuleViolation) as err:
        investment_project_delete(actor=world.users["ks_controller"], project=project)
    assert err.value.code == "DEL-001" and err.value.detail["below"] == {"ledger_objects": 1}
    assert InvestmentProject.objects.filter(pk=project.pk).exists() and InvestmentAmount.objects.filter(project=project).count() == 2
    assert not AuditEvent.objects.exists()
