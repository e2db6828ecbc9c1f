"""The world of the internal control plans (issue 12 §2): Utbildningsnämnden's risks scored for the
year (two chosen, one not), built with the ORM (the risk services are the risks helper's), and KS's
common controls."""

from __future__ import annotations

from datetime import date
from typing import Any

from styr.control.models import CommonControl, ControlRisk, InternalControlPlan, RiskScore
from styr.control.services.common_controls import common_control_create, common_controls_adopt
from styr.control.services.plans import control_plan_adopt, control_plan_create, control_plan_propose
from tests.conftest import YEAR, World

DECISION: dict[str, Any] = {"decided_on": date(YEAR - 1, 11, 20), "paragraph": "§ 88", "registration_number": f"UN {YEAR - 1}/12"}


def risks(world: World, unit: str = "Utbildningsnämnden") -> list[ControlRisk]:
    """Three risks of the unit scored for YEAR: attestation (chosen), procurement (chosen), sick leave (not)."""
    body = world.unit(unit)
    made = []
    for area, description, chosen in (
        ("Attestering", "Fakturor attesteras av fel person", True),
        ("Upphandling", "Inköp görs utanför avtal", True),
        ("Personal", "Sjukfrånvaron följs inte upp", False),
    ):
        risk = ControlRisk.objects.create(group=world.group, org_unit=body, area=area, description=description, owner="Ekonomichef", aims=["compliance"])
        RiskScore.objects.create(group=world.group, risk=risk, year=YEAR, likelihood=3, consequence=4 if chosen else 1, chosen=chosen)
        made.append(risk)
    return made


def common(world: World, applies_to: str = "committees", title: str = "Attest av egna utlägg", adopt: bool = True) -> CommonControl:
    """A common control by KS's controller, adopted by KS's politician."""
    made = common_control_create(
        actor=world.users["ks_controller"],
        group=world.group,
        year=YEAR,
        title=title,
        method="sample",
        sample_size=20,
        frequency="twice",
        report_months=[6, 12],
        area="Ekonomi",
        applies_to=applies_to,
    )
    if adopt:
        common_controls_adopt(
            actor=world.users["ks_politician"], group=world.group, year=YEAR, decided_on=date(YEAR - 1, 10, 1), paragraph="§ 120", registration_number="KS 1"
        )
    made.refresh_from_db()
    return made


def adopted_plan(world: World, unit: str = "Utbildningsnämnden", politician: str = "committee_politician") -> InternalControlPlan:
    plan = control_plan_create(actor=world.users["ks_controller"], org_unit=world.unit(unit), year=YEAR)
    control_plan_propose(actor=world.users["ks_controller"], plan=plan)
    return control_plan_adopt(actor=world.users[politician], plan=plan, **DECISION)
