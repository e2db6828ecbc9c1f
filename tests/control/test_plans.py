"""The internal control plan's services (issue 12 §2): built from the chosen risks and KS's common
controls, changed while a draft, adopted by the body itself with a decision and a snapshot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.http import Http404

from styr.control.models import CommonControl, Control, InternalControlPlan
from styr.control.services.common_controls import common_control_create, common_control_delete, common_control_update, common_controls_adopt
from styr.control.services.plans import (
    control_create,
    control_delete,
    control_plan_adopt,
    control_plan_create,
    control_plan_propose,
    control_plan_sync,
    control_plan_withdraw,
    control_update,
)
from styr.core.errors import LOCKED_RULES, NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.domain.plans import snapshot_hash
from tests.conftest import YEAR, World
from tests.control.plans_setup import DECISION, adopted_plan, common, risks


def test_a_plan_gets_a_draft_control_for_each_risk_chosen_for_the_year(world: World) -> None:
    made = risks(world)
    plan = control_plan_create(actor=world.users["administration_official"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    controls = list(plan.controls.order_by("pk"))
    assert [c.risk_id for c in controls] == [made[0].pk, made[1].pk]
    assert (controls[0].area, controls[0].title, controls[0].responsible) == ("Attestering", "Fakturor attesteras av fel person", "Ekonomichef")
    assert plan.state == "draft" and plan.revision == 1
    assert AuditEvent.objects.filter(action="control_plan.created", object_id=str(plan.pk)).count() == 1
    assert AuditEvent.objects.filter(action="control.created").count() == 2


def test_ic_004_only_a_committee_ks_or_company_board_keeps_a_plan(world: World) -> None:
    with pytest.raises(RuleViolation) as err:
        control_plan_create(actor=None, org_unit=world.unit("Utbildningsförvaltningen"), year=YEAR)
    assert err.value.code == "IC-004"
    assert control_plan_create(actor=None, org_unit=world.unit("AllboHus Fastighets AB"), year=YEAR).pk


def test_ic_020_one_plan_per_body_and_year(world: World) -> None:
    control_plan_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    with pytest.raises(RuleViolation) as err:
        control_plan_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    assert err.value.code == "IC-020" and "IC-020" in LOCKED_RULES


def test_an_outsider_or_an_auditor_cannot_make_a_plan(world: World) -> None:
    for persona in ("outsider", "auditor", "other_committee_politician"):
        with pytest.raises((NotAllowed, Http404)):
            control_plan_create(actor=world.users[persona], org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    assert not InternalControlPlan.objects.exists()


def test_adopted_common_controls_appear_in_the_plans_they_apply_to_and_cannot_be_removed(world: World) -> None:
    for_committees = common(world)
    plan = control_plan_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    company = control_plan_create(actor=None, org_unit=world.unit("AllboHus Fastighets AB"), year=YEAR)
    carried = plan.controls.get(common_control=for_committees)
    assert (carried.title, carried.sample_size, carried.report_months) == ("Attest av egna utlägg", 20, [6, 12])
    assert not company.controls.exists()
    official = world.users["administration_official"]
    with pytest.raises(RuleViolation) as err:
        control_delete(actor=official, control=carried)
    assert err.value.code == "IC-023" and "IC-023" in LOCKED_RULES
    with pytest.raises(RuleViolation) as err:
        control_update(actor=official, control=carried, title="Något annat")
    assert err.value.code == "IC-023"
    # who is responsible and when it is reported may be set in the plan
    changed = control_update(actor=official, control=carried, responsible="Controller UF", report_months=[5, 11])
    assert (changed.responsible, changed.report_months) == ("Controller UF", [5, 11])
    assert Control.objects.filter(pk=carried.pk).exists()


def test_common_controls_adopted_later_are_added_to_every_draft_plan_of_the_year(world: World) -> None:
    un = control_plan_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    ks = control_plan_create(actor=None, org_unit=world.unit("Kommunstyrelsen"), year=YEAR)
    energy = control_plan_create(actor=None, org_unit=world.unit("Alvesta Energi AB"), year=YEAR)
    everyone = common(world, applies_to="all", title="Dataskydd: registerförteckning")
    assert {c.plan_id for c in everyone.controls.all()} == {un.pk, ks.pk, energy.pk}
    assert AuditEvent.objects.filter(action="common_control.adopted").count() == 1
    # adopted: locked (IC-027)
    with pytest.raises(RuleViolation) as err:
        common_control_update(actor=world.users["ks_controller"], common=everyone, title="x")
    assert err.value.code == "IC-027"
    with pytest.raises(RuleViolation) as err:
        common_control_delete(actor=world.users["ks_controller"], common=everyone)
    assert err.value.code == "IC-027"
    # nothing left to adopt (IC-028)
    with pytest.raises(RuleViolation) as err:
        common_controls_adopt(actor=world.users["ks_politician"], group=world.group, year=YEAR, **DECISION)
    assert err.value.code == "IC-028"


def test_only_ks_controllers_write_and_ks_politicians_adopt_common_controls(world: World) -> None:
    with pytest.raises(NotAllowed):
        common_control_create(actor=world.users["administration_official"], group=world.group, year=YEAR, title="x", sample_size=1, report_months=[12])
    draft = common(world, adopt=False)
    for persona in ("ks_controller", "council_chair", "committee_politician", "auditor"):
        with pytest.raises(NotAllowed):
            common_controls_adopt(actor=world.users[persona], group=world.group, year=YEAR, **DECISION)
    assert CommonControl.objects.get(pk=draft.pk).decision is None


def test_a_control_by_sample_needs_its_size_and_months_as_often_as_its_frequency(world: World) -> None:
    plan = control_plan_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    official = world.users["administration_official"]
    cases: list[tuple[dict[str, Any], str]] = [
        ({"method": "sample", "report_months": [12]}, "IC-024"),
        ({"method": "review", "report_months": []}, "IC-025"),
        ({"method": "review", "report_months": [13]}, "IC-025"),
        ({"method": "review", "report_months": [4, 4]}, "IC-025"),
        ({"method": "review", "frequency": "quarterly", "report_months": [3, 6]}, "IC-026"),
    ]
    for fields, code in cases:
        with pytest.raises(RuleViolation) as err:
            control_create(actor=official, plan=plan, title="Kontroll", **fields)
        assert err.value.code == code
    made = control_create(
        actor=official, plan=plan, title="Avtalstrohet", method="sample", sample_size=25, frequency="tertial", report_months=[4, 8, 12], responsible="Inköp"
    )
    assert made.sample_size == 25
    control_delete(actor=official, control=made)
    assert AuditEvent.objects.filter(action__in=["control.created", "control.deleted"]).count() == 2


def test_the_committees_politician_adopts_with_a_decision_and_a_snapshot(world: World) -> None:
    risks(world)
    common(world)
    plan = adopted_plan(world)
    plan.refresh_from_db()
    assert plan.state == "adopted" and plan.decision is not None and plan.decision.paragraph == "§ 88"
    assert plan.decision.body_id == world.unit("Utbildningsnämnden").pk
    assert len(plan.snapshot["controls"]) == 3 and plan.snapshot["meta"]["decision"]["paragraph"] == "§ 88"
    assert plan.snapshot_sha256 == snapshot_hash(plan.snapshot)
    assert plan.snapshot["open_actions"] == []
    event = AuditEvent.objects.get(action="control_plan.adopted")
    assert event.after["snapshot_sha256"] == plan.snapshot_sha256
    assert AuditEvent.objects.filter(action="control_plan.proposed").count() == 1


def test_an_official_or_a_ks_politician_cannot_adopt_a_committees_plan(world: World) -> None:
    risks(world)
    plan = control_plan_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    control_plan_propose(actor=world.users["administration_official"], plan=plan)
    for persona in ("administration_official", "ks_politician", "ks_controller", "council_chair", "auditor", "other_committee_politician"):
        with pytest.raises(NotAllowed):
            control_plan_adopt(actor=world.users[persona], plan=plan, **DECISION)
    plan.refresh_from_db()
    assert plan.state == "proposed" and plan.decision is None


def test_an_adopted_plan_is_locked(world: World) -> None:
    risks(world)
    plan = adopted_plan(world)
    control = plan.controls.first()
    assert control is not None
    official = world.users["administration_official"]
    calls: tuple[Callable[[], object], ...] = (
        lambda: control_create(actor=official, plan=plan, title="Ny", method="review", report_months=[12]),
        lambda: control_update(actor=official, control=control, responsible="x"),
        lambda: control_delete(actor=official, control=control),
        lambda: control_plan_sync(actor=official, plan=plan),
    )
    for call in calls:
        with pytest.raises(RuleViolation) as err:
            call()
        assert err.value.code == "IC-021" and "IC-021" in LOCKED_RULES
    states: tuple[Callable[[], object], ...] = (
        lambda: control_plan_withdraw(actor=official, plan=plan),
        lambda: control_plan_propose(actor=official, plan=plan),
    )
    for call in states:
        with pytest.raises(RuleViolation) as err:
            call()
        assert err.value.code == "IC-022"


def test_a_proposed_plan_is_changed_only_after_withdrawing_it_and_an_empty_one_is_not_proposed(world: World) -> None:
    plan = control_plan_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    with pytest.raises(RuleViolation) as err:
        control_plan_propose(actor=None, plan=plan)
    assert err.value.code == "IC-029"
    risks(world)
    assert len(control_plan_sync(actor=world.users["administration_official"], plan=plan)) == 2
    control_plan_propose(actor=None, plan=plan)
    with pytest.raises(RuleViolation) as err:
        control_create(actor=None, plan=plan, title="Ny", method="review", report_months=[12])
    assert err.value.code == "IC-021"
    control_plan_withdraw(actor=None, plan=plan)
    assert control_create(actor=None, plan=plan, title="Ny", method="review", report_months=[12]).pk
