"""The Alvesta companies' directives, built through the services (issue 12 §5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from styr.control.models import DirectiveDemand, OwnerDirective
from styr.control.services import companies as services
from styr.organisation.services import role_assign
from tests.conftest import World

PARENT = "Alvesta Kommunföretag AB"
ALLBOHUS = "AllboHus Fastighets AB"
ENERGI = "Alvesta Energi AB"


def add_company_personas(world: World) -> None:
    """AllboHus's official and board member, the parent company's controller."""
    User = get_user_model()
    for persona, role, unit in (
        ("allbohus_official", "OFFICIAL", ALLBOHUS),
        ("allbohus_board", "POLITICIAN", ALLBOHUS),
        ("parent_controller", "CONTROLLER", PARENT),
    ):
        user = User.objects.create_user(username=persona, password="x")
        role_assign(actor=None, user=user, org_unit=world.unit(unit), role=role)
        world.users[persona] = user


def general_directive(world: World) -> tuple[OwnerDirective, DirectiveDemand]:
    directive = services.owner_directive_create(
        actor=world.users["ks_controller"],
        kind="general",
        title="Generellt ägardirektiv för de kommunala bolagen",
        issuer=world.unit("Kommunfullmäktige"),
        company=None,
        decided_on=date(2020, 6, 15),
        valid_from=date(2021, 1, 1),
        decision_reference="KF § 50/2020",
    )
    demand = services.directive_demand_create(
        actor=world.users["ks_controller"], directive=directive, kind="reporting_duty", text="Bolagen rapporterar per tertial till moderbolaget."
    )
    return directive, demand


def subsidiary_directive(world: World) -> tuple[OwnerDirective, DirectiveDemand]:
    directive = services.owner_directive_create(
        actor=world.users["ks_controller"],
        kind="subsidiary_specific",
        title="Specifikt ägardirektiv för AllboHus Fastighets AB",
        issuer=world.unit(PARENT),
        company=world.unit(ALLBOHUS),
        decided_on=date(2025, 4, 1),
        valid_from=date(2025, 5, 1),
    )
    demand = services.directive_demand_create(
        actor=world.users["ks_controller"],
        directive=directive,
        kind="return_target",
        text="Avkastning på justerat eget kapital",
        target_value=Decimal("5"),
        target_unit="%",
    )
    return directive, demand
