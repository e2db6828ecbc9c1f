"""The year-end carry-over (issue 11 §2): a controller computes each committee's result against its
frame and the rules' proposal; only the council's decision makes it final, and the decided amount
is carried into this year's frame as its own line (CARRY-002…CARRY-008)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import CarryOver, CarryOverState
from styr.economy.selectors import frame_figures
from styr.economy.selectors.carry_over import carry_over_for
from styr.economy.services import Decided, carry_overs_compute, carry_overs_decide, frame_set
from tests.conftest import YEAR, World
from tests.economy.carry_over_setup import AFTER, LAST, year_end

D = Decimal


def decide(world: World, persona: str = "council_chair", **amounts: Decided) -> list[CarryOver]:
    ids = {c.org_unit.name: c.pk for c in CarryOver.objects.filter(year=LAST).select_related("org_unit")}
    return carry_overs_decide(
        actor=world.users[persona],
        group=world.group,
        year=LAST,
        decided_on=date(YEAR, 4, 20),
        paragraph="§ 31",
        registration_number=f"KS {YEAR}/44",
        amounts={ids[name.replace("_", "")]: d for name, d in amounts.items()},
    )


def test_a_controller_computes_each_committees_result_and_the_rules_proposal(world: World) -> None:
    year_end(world)
    found = {c.org_unit.name: c for c in carry_overs_compute(actor=world.users["ks_controller"], group=world.group, year=LAST, today=AFTER)}
    un, on = found["Utbildningsnämnden"], found["Omsorgsnämnden"]
    # frame 1 400 − actual 1 300 = +100, capped at 3 % of the frame
    assert (un.frame_tsek, un.actual_tsek, un.result_tsek, un.proposed_tsek) == (D("1400.0"), D("1300.00"), D("100.00"), D("42.00"))
    # frame 600 − actual 700.12345 = −100.12345 → −100.12, carried in full
    assert (on.result_tsek, on.proposed_tsek, on.state) == (D("-100.12"), D("-100.12"), CarryOverState.PROPOSED)
    event = AuditEvent.objects.get(action="carry_over.computed", object_id=str(un.pk))
    assert event.after["proposed_tsek"] == "42.00" and event.after["limited_by"] == "cap"
    assert carry_over_for(world.unit("Utbildningsnämnden"), YEAR) is None  # a proposal carries nothing yet


@pytest.mark.parametrize("persona", ["outsider", "committee_politician", "council_chair", "auditor"])
def test_only_a_controller_computes_the_proposals(world: World, persona: str) -> None:
    year_end(world)
    with pytest.raises(NotAllowed):
        carry_overs_compute(actor=world.users[persona], group=world.group, year=LAST, today=AFTER)
    assert not CarryOver.objects.exists()


def test_carry_002_and_007_nothing_is_computed_before_the_years_end_or_without_adopted_frames(world: World) -> None:
    year_end(world)
    with pytest.raises(RuleViolation) as early:
        carry_overs_compute(actor=world.users["ks_controller"], group=world.group, year=LAST, today=date(LAST, 12, 31))
    assert early.value.code == "CARRY-002"
    with pytest.raises(RuleViolation) as unadopted:
        carry_overs_compute(actor=world.users["ks_controller"], group=world.group, year=LAST - 1, today=AFTER)
    assert unadopted.value.code == "CARRY-007"


def test_the_council_decides_another_amount_with_its_reason_and_it_shows_in_this_years_frame(world: World) -> None:
    year_end(world)
    carry_overs_compute(actor=world.users["ks_controller"], group=world.group, year=LAST, today=AFTER)
    frame_set(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=D("1500.0"))
    decided = {c.org_unit.name: c for c in decide(world, Utbildningsnämnden=Decided(D("30"), "Överskottet beror delvis på vakanser."))}
    un, on = decided["Utbildningsnämnden"], decided["Omsorgsnämnden"]
    assert (un.decided_tsek, un.state, un.comment) == (D("30"), CarryOverState.DECIDED, "Överskottet beror delvis på vakanser.")
    assert on.decided_tsek == D("-100.12")  # as proposed
    assert un.decision is not None and un.decision == on.decision
    assert (un.decision.body, un.decision.paragraph) == (world.unit("Kommunfullmäktige"), "§ 31")
    event = AuditEvent.objects.get(action="carry_over.decided", object_id=str(un.pk))
    assert (event.before["state"], event.after["state"], event.after["decided_tsek"]) == ("proposed", "decided", "30.00")
    assert carry_over_for(world.unit("Utbildningsnämnden"), YEAR) == D("30.00")
    figures = frame_figures(world.unit("Utbildningsnämnden"), YEAR)
    assert (figures.current_tsek, figures.carry_over_tsek, figures.in_force_tsek) == (D("1500.0"), D("30.00"), D("1530.00"))


@pytest.mark.parametrize("persona", ["ks_politician", "ks_controller", "committee_politician", "outsider"])
def test_only_a_politician_on_the_council_itself_decides(world: World, persona: str) -> None:
    year_end(world)
    carry_overs_compute(actor=world.users["ks_controller"], group=world.group, year=LAST, today=AFTER)
    with pytest.raises(NotAllowed):
        decide(world, persona)
    assert not CarryOver.objects.filter(state=CarryOverState.DECIDED).exists()


def test_carry_003_a_decided_carry_over_is_locked(world: World) -> None:
    year_end(world)
    carry_overs_compute(actor=world.users["ks_controller"], group=world.group, year=LAST, today=AFTER)
    decide(world)
    # recomputing leaves the council's decision as it is
    assert carry_overs_compute(actor=world.users["ks_controller"], group=world.group, year=LAST, today=AFTER) == []
    with pytest.raises(RuleViolation) as locked:
        decide(world, Utbildningsnämnden=Decided(D(0), "Ändrat oss."))
    assert locked.value.code == "CARRY-003"
    with pytest.raises(RuleViolation) as nothing_left:
        decide(world)
    assert nothing_left.value.code == "CARRY-008"
    assert CarryOver.objects.get(org_unit__name="Utbildningsnämnden").decided_tsek == D("42.00")


def test_carry_004_another_amount_without_a_reason_decides_nothing(world: World) -> None:
    year_end(world)
    carry_overs_compute(actor=world.users["ks_controller"], group=world.group, year=LAST, today=AFTER)
    with pytest.raises(RuleViolation) as refused:
        decide(world, Omsorgsnämnden=Decided(D("-50")))
    assert refused.value.code == "CARRY-004"
    assert not CarryOver.objects.filter(state=CarryOverState.DECIDED).exists()
