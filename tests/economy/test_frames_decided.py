"""Frames change only by the council's adoption of Mål och budget or by KS's recorded adjustment
(issue 10 §2): the issue's "today" reproduced, and its fix."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from styr.economy.models import OperatingFrame
from styr.economy.services import frame_set
from styr.planning import services as planning
from styr.planning.models import Plan
from tests.conftest import YEAR, World


def adopt_goals_and_budget(world: World, year: int = YEAR, *, decided_on: date | None = None) -> Plan:
    """The council adopts its Mål och budget for ``year`` (in June the year before)."""
    controller = world.users["ks_controller"]
    plan = planning.plan_create(actor=controller, org_unit=world.unit("Kommunfullmäktige"), year=year)
    plan = planning.plan_propose(actor=controller, plan=plan)
    return planning.plan_adopt(
        actor=world.users["council_chair"],
        plan=plan,
        decided_on=decided_on or date(year - 1, 6, 16),
        paragraph="§ 62",
        registration_number=f"KS {year - 1}/71",
    )


def test_after_the_council_adopted_mal_och_budget_a_controller_cannot_overwrite_a_frame(world: World) -> None:
    """Today: 100 became 200 on the unit page while the snapshot kept 100."""
    committee = world.unit("Utbildningsnämnden")
    controller = world.users["ks_controller"]
    frame_set(actor=controller, org_unit=committee, year=YEAR, amount_tsek=Decimal(100))
    plan = adopt_goals_and_budget(world)
    assert plan.snapshot is not None and plan.snapshot["sections"]["frames"][0]["amount_tsek"] == "100.0"
    from styr.domain.errors import RuleViolation

    with pytest.raises(RuleViolation) as refused:
        frame_set(actor=controller, org_unit=committee, year=YEAR, amount_tsek=Decimal(200))
    assert refused.value.code == "FRAME-001"
    assert OperatingFrame.objects.get(org_unit=committee, year=YEAR).amount_tsek == Decimal(100)
    page = world.client("ks_controller").get(f"/enheter/{committee.pk}/?ar={YEAR}").content.decode()
    assert "200 tkr" not in page


def test_a_ks_politician_records_an_adjustment_as_a_decision(world: World) -> None:
    """Today a KS politician cannot change a frame at all; KS may adjust it during the year."""
    from styr.economy.services import frame_adjust

    committee = world.unit("Utbildningsnämnden")
    frame_set(actor=world.users["ks_controller"], org_unit=committee, year=YEAR, amount_tsek=Decimal(100))
    adopt_goals_and_budget(world)
    frame_adjust(
        actor=world.users["ks_politician"],
        org_unit=committee,
        year=YEAR,
        operating_tsek=Decimal(5),
        reason="Fler elever i grundskolan än i prognosen.",
        decided_on=date(YEAR, 3, 1),
        paragraph="§ 40",
        registration_number=f"KS {YEAR}/12",
    )
    assert OperatingFrame.objects.get(org_unit=committee, year=YEAR).amount_tsek == Decimal(105)
