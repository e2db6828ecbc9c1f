"""The investment account (investeringsredovisning, issue 11 §3): the actual spend per project
from SIE files read through the real import, against the plan (INV-008 for the mapping)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import InvestmentProject, LedgerObject
from styr.economy.selectors.investments import investment_account, investment_account_total
from styr.economy.services import investment_amount_set, investment_project_create, ledger_project_map, sie_import
from tests.conftest import YEAR, World

D = Decimal
KEEPER = "Kommunfullmäktige"

TRANSACTIONS = f"""#FLAGGA 0
#PROGRAM "Styr test" 1.0
#FORMAT PC8
#GEN {YEAR}0501
#SIETYP 4
#FNAMN "Alvesta kommun"
#RAR 0 {YEAR}0101 {YEAR}1231
#KONTO 1180 "Pagaende ny- och ombyggnad"
#KONTO 1210 "Maskiner och inventarier"
#KONTO 1930 "Bank"
#KONTO 5410 "Forbrukningsinventarier"
#DIM 1 "Ansvar"
#DIM 6 "Projekt"
#OBJEKT 6 "P100" "Tillbyggnad Hagaskolan"
#OBJEKT 6 "P900" "Bredband landsbygd"
#VER A 1 {YEAR}0210 "Entreprenad etapp 1"
{{
#TRANS 1180 {{6 "P100"}} 2500000.00
#TRANS 1930 {{}} -2500000.00
}}
#VER A 2 {YEAR}0312 "Entreprenad etapp 2 och inventarier"
{{
#TRANS 1180 {{6 "P100"}} 1000000.00
#TRANS 1210 {{6 "P100"}} 49950.00
#TRANS 5410 {{6 "P100"}} 80000.00
#TRANS 1180 {{6 "P900"}} 300000.00
#TRANS 1930 {{}} -1429950.00
}}
"""

BALANCES = f"""#FLAGGA 0
#PROGRAM "Styr test" 1.0
#FORMAT PC8
#GEN {YEAR}0501
#SIETYP 4
#FNAMN "Alvesta kommun"
#RAR 0 {YEAR}0101 {YEAR}1231
#KONTO 1180 "Pagaende ny- och ombyggnad"
#KONTO 1930 "Bank"
#DIM 1 "Ansvar"
#DIM 6 "Projekt"
#OBJEKT 1 "3100" "Utbildningsforvaltningen"
#OBJEKT 6 "P100" "Tillbyggnad Hagaskolan"
#OIB 0 1180 {{1 "3100" 6 "P100"}} 600000.00
#OUB 0 1180 {{1 "3100" 6 "P100"}} 4800000.00
#VER A 1 {YEAR}0210 "Entreprenad"
{{
#TRANS 1180 {{1 "3100" 6 "P100"}} 4200000.00
#TRANS 1930 {{}} -4200000.00
}}
"""


def read(world: World, text: str, name: str = "kommun.se") -> None:
    sie_import(actor=world.users["ks_controller"], org_unit=world.unit(KEEPER), file_name=name, stream=io.BytesIO(text.encode("cp437")))


def school(world: World) -> InvestmentProject:
    project = investment_project_create(
        actor=world.users["ks_controller"],
        committee=world.unit("Utbildningsnämnden"),
        name="Tillbyggnad Hagaskolan",
        category="expansion",
        start_year=YEAR,
        end_year=YEAR + 1,
        code="P100",
    )
    investment_amount_set(actor=world.users["ks_controller"], project=project, plan_year=YEAR, year=YEAR, amount_tsek=D("5000"))
    return project


def test_the_spend_on_the_investment_accounts_counts_for_the_project_with_the_objects_code(world: World) -> None:
    """Transactions kept under the project dimension on accounts 10–13; the operating cost on 5410 does not count."""
    project = school(world)
    read(world, TRANSACTIONS)
    rows = investment_account(world.group, YEAR)
    assert [(r.project, r.code, r.budget_tsek, r.actual_tsek, r.deviation_tsek) for r in rows] == [
        (project, "P100", D("5000.0"), D("3550.0"), D("1450.0")),
        (None, "P900", D(0), D("300.0"), D("-300.0")),
    ]
    assert rows[0].committee == "Utbildningsnämnden" and rows[1].name == "Bredband landsbygd"
    total = investment_account_total(rows)
    assert (total.budget_tsek, total.actual_tsek, total.deviation_tsek) == (D("5000.0"), D("3850.0"), D("1150.0"))
    assert investment_account(world.group, YEAR - 1) == []


def test_object_balances_give_the_spend_when_rows_carry_a_responsibility_as_well(world: World) -> None:
    """#OUB − #OIB on the investment account for the object list holding the project object."""
    school(world)
    read(world, BALANCES)
    [row] = investment_account(world.group, YEAR)
    assert (row.code, row.actual_tsek, row.deviation_tsek) == ("P100", D("4200.0"), D("800.0"))


def test_a_controller_maps_a_project_object_to_a_project_and_its_spend_follows(world: World) -> None:
    school(world)
    read(world, TRANSACTIONS)
    broadband = investment_project_create(
        actor=world.users["ks_controller"], committee=world.unit("Kommunstyrelsen"), name="Bredband", category="expansion", start_year=YEAR, end_year=YEAR
    )
    obj = LedgerObject.objects.get(dimension="6", code="P900")
    ledger_project_map(actor=world.users["ks_controller"], ledger_object=obj, project=broadband)
    assert LedgerObject.objects.get(pk=obj.pk).investment_project == broadband
    event = AuditEvent.objects.get(action="ledger_object.project_mapped")
    assert event.before == {"investment_project": None} and event.after == {"investment_project": broadband.pk}
    rows = {r.name: r.actual_tsek for r in investment_account(world.group, YEAR)}
    assert rows == {"Tillbyggnad Hagaskolan": D("3550.0"), "Bredband": D("300.0")}
    with pytest.raises(NotAllowed):
        ledger_project_map(actor=world.users["administration_official"], ledger_object=obj, project=None)


def test_inv_008_only_project_objects_map_to_projects_of_the_keepers_part_of_the_group(world: World) -> None:
    project = school(world)
    read(world, BALANCES)
    responsibility = LedgerObject.objects.get(dimension="1", code="3100")
    with pytest.raises(RuleViolation) as refused:
        ledger_project_map(actor=world.users["ks_controller"], ledger_object=responsibility, project=project)
    assert refused.value.code == "INV-008"
    # a company's books: its project objects are not the committees' projects, nor in the municipality's account
    company = world.unit("AllboHus Fastighets AB")
    sie_import(actor=None, org_unit=company, file_name="bolag.se", stream=io.BytesIO(BALANCES.replace("Alvesta kommun", "AllboHus").encode("cp437")))
    company_object = LedgerObject.objects.get(ledger__org_unit=company, dimension="6", code="P100")
    with pytest.raises(RuleViolation) as refused:
        ledger_project_map(actor=None, ledger_object=company_object, project=project)
    assert refused.value.code == "INV-008"
    assert not LedgerObject.objects.filter(investment_project__isnull=False).exists()
    [row] = investment_account(world.group, YEAR)
    assert row.actual_tsek == D("4200.0")
