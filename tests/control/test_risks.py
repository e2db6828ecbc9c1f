"""The risk analysis services (issue 12 §1): a risk created, changed, scored by year and removed,
the core mission's risks drawn into the register; each write audited and refused to the outsider
before any rule (IC-001…IC-003, IC-010…IC-013)."""

from __future__ import annotations

import pytest
from django.http import Http404

from styr.control.models import Control, ControlRisk, InternalControlPlan, RiskScore
from styr.control.selectors.risks import control_risk_get, risk_history, risk_register
from styr.control.services.risks import (
    control_risk_create,
    control_risk_delete,
    control_risk_update,
    control_risks_copy_from_core_mission,
    risk_score_set,
)
from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.planning.services import core_mission_set, risk_create
from tests.conftest import YEAR, World

OFFICIAL = "administration_official"


def make_risk(world: World, persona: str = OFFICIAL, unit: str = "Utbildningsnämnden", **extra: object) -> ControlRisk:
    fields: dict[str, object] = {"area": "Inköp", "description": "Köp utan avtal", "aims": ["compliance"], "cause": "Okunskap", "owner": "Ekonomichef"}
    return control_risk_create(actor=world.users[persona], org_unit=world.unit(unit), **{**fields, **extra})  # type: ignore[arg-type]


def refused(call: object) -> RuleViolation:
    with pytest.raises(RuleViolation) as err:
        call()  # type: ignore[operator]
    return err.value


def test_an_official_adds_a_risk_to_the_committees_register_and_it_is_audited(world: World) -> None:
    risk = make_risk(world)
    stored = ControlRisk.objects.get()
    assert (stored.org_unit, stored.area, stored.aims, stored.owner, stored.group) == (
        world.unit("Utbildningsnämnden"),
        "Inköp",
        ["compliance"],
        "Ekonomichef",
        world.group,
    )
    event = AuditEvent.objects.get(action="control_risk.created")
    assert event.object_id == str(risk.pk) and event.after["aims"] == ["compliance"] and event.actor == world.users[OFFICIAL]


def test_who_may_not_write_internal_control_is_refused_before_the_rules(world: World) -> None:
    for persona in ("outsider", "auditor", "committee_politician", "ks_politician", "other_committee_politician"):
        with pytest.raises((NotAllowed, Http404)):
            # no aims at all (IC-003) would be refused too: permission is looked at first
            make_risk(world, persona, aims=[])
    assert not ControlRisk.objects.exists() and not AuditEvent.objects.filter(action__startswith="control_risk").exists()


def test_a_unit_below_a_committee_keeps_its_own_risks_and_the_council_none_ic_010(world: World) -> None:
    assert make_risk(world, "unit_manager", unit="Hagaskolan").org_unit.name == "Hagaskolan"
    assert make_risk(world, "ks_controller", unit="Alvesta Energi AB").org_unit.name == "Alvesta Energi AB"
    violation = refused(lambda: make_risk(world, "ks_controller", unit="Kommunfullmäktige"))
    assert violation.code == "IC-010" and violation.field == "org_unit"


def test_ic_003_a_risk_threatens_one_of_the_four_aims(world: World) -> None:
    assert refused(lambda: make_risk(world, aims=[])).code == "IC-003"
    assert refused(lambda: make_risk(world, aims=["profit"])).code == "IC-003"
    risk = make_risk(world)
    assert refused(lambda: control_risk_update(actor=world.users[OFFICIAL], risk=risk, aims=[])).code == "IC-003"


def test_changing_a_risk_is_audited_with_before_and_after(world: World) -> None:
    risk = make_risk(world)
    control_risk_update(actor=world.users[OFFICIAL], risk=risk, effect="Felaktiga priser", aims=["compliance", "effective"])
    risk.refresh_from_db()
    assert (risk.effect, risk.aims) == ("Felaktiga priser", ["compliance", "effective"])
    event = AuditEvent.objects.get(action="control_risk.updated")
    assert event.before["effect"] == "" and event.after["effect"] == "Felaktiga priser"
    with pytest.raises(NotAllowed):
        control_risk_update(actor=world.users["auditor"], risk=risk, effect="x")


def test_a_score_of_the_year_is_one_row_and_scoring_again_updates_it(world: World) -> None:
    risk = make_risk(world)
    official = world.users[OFFICIAL]
    score = risk_score_set(actor=official, risk=risk, year=YEAR, likelihood=3, consequence=4)
    assert (score.risk_value, score.chosen, score.scored_by) == (12, False, official)
    risk_score_set(actor=official, risk=risk, year=YEAR, likelihood=2, consequence=4, chosen=True, reason="Stor volym")
    assert RiskScore.objects.count() == 1
    stored = RiskScore.objects.get()
    assert (stored.likelihood, stored.chosen, stored.reason) == (2, True, "Stor volym")
    updated = AuditEvent.objects.get(action="risk_score.updated")
    assert (updated.before["likelihood"], updated.after["likelihood"], updated.after["risk_value"]) == (3, 2, 8)
    assert AuditEvent.objects.filter(action="risk_score.created").count() == 1
    with pytest.raises((NotAllowed, Http404)):
        risk_score_set(actor=world.users["outsider"], risk=risk, year=YEAR, likelihood=9, consequence=9)


def test_ic_001_a_score_lies_on_the_models_matrix(world: World) -> None:
    risk = make_risk(world)
    violation = refused(lambda: risk_score_set(actor=world.users[OFFICIAL], risk=risk, year=YEAR, likelihood=5, consequence=1))
    assert (violation.code, violation.field) == ("IC-001", "likelihood")
    assert refused(lambda: risk_score_set(actor=world.users[OFFICIAL], risk=risk, year=YEAR, likelihood=1, consequence=0)).field == "consequence"
    assert not RiskScore.objects.exists()


def test_ic_002_a_risk_below_the_threshold_is_chosen_only_with_a_reason(world: World) -> None:
    risk = make_risk(world)
    official = world.users[OFFICIAL]
    violation = refused(lambda: risk_score_set(actor=official, risk=risk, year=YEAR, likelihood=2, consequence=2, chosen=True, reason="  "))
    assert (violation.code, violation.field, violation.detail["treat_from"]) == ("IC-002", "reason", 9)
    # from the threshold a risk must be treated: chosen without a reason
    assert risk_score_set(actor=official, risk=risk, year=YEAR, likelihood=3, consequence=3, chosen=True).chosen


def test_ic_012_the_scores_of_a_year_whose_plan_is_adopted_are_fixed(world: World) -> None:
    risk = make_risk(world)
    risk_score_set(actor=world.users[OFFICIAL], risk=risk, year=YEAR, likelihood=3, consequence=3)
    InternalControlPlan.objects.create(group=world.group, org_unit=risk.org_unit, year=YEAR, state="adopted")
    assert refused(lambda: risk_score_set(actor=world.users[OFFICIAL], risk=risk, year=YEAR, likelihood=1, consequence=1)).code == "IC-012"
    assert risk_score_set(actor=world.users[OFFICIAL], risk=risk, year=YEAR + 1, likelihood=1, consequence=1).year == YEAR + 1


def test_a_risk_is_removed_with_its_scores_each_audited(world: World) -> None:
    risk = make_risk(world)
    for year in (YEAR - 1, YEAR):
        risk_score_set(actor=world.users[OFFICIAL], risk=risk, year=year, likelihood=2, consequence=2)
    with pytest.raises((NotAllowed, Http404)):
        control_risk_delete(actor=world.users["outsider"], risk=risk)
    control_risk_delete(actor=world.users[OFFICIAL], risk=risk)
    assert not ControlRisk.objects.exists() and not RiskScore.objects.exists()
    assert AuditEvent.objects.filter(action="risk_score.deleted").count() == 2
    assert AuditEvent.objects.get(action="control_risk.deleted").before["area"] == "Inköp"


def test_ic_011_a_risk_in_an_adopted_plan_or_with_controls_stays(world: World) -> None:
    risk = make_risk(world)
    risk_score_set(actor=world.users[OFFICIAL], risk=risk, year=YEAR, likelihood=3, consequence=3)
    plan = InternalControlPlan.objects.create(group=world.group, org_unit=risk.org_unit, year=YEAR)
    Control.objects.create(group=world.group, plan=plan, risk=risk, title="Stickprov av inköp")
    violation = refused(lambda: control_risk_delete(actor=world.users[OFFICIAL], risk=risk))
    assert violation.code == "IC-011" and violation.detail["controls"] == 1
    Control.objects.all().delete()
    plan.state = "adopted"
    plan.save()
    violation = refused(lambda: control_risk_delete(actor=world.users[OFFICIAL], risk=risk))
    assert violation.code == "IC-011" and violation.detail["adopted_years"] == [YEAR]
    assert ControlRisk.objects.exists() and not AuditEvent.objects.filter(action="control_risk.deleted").exists()


def core_mission_risks(world: World) -> None:
    mission = core_mission_set(actor=None, org_unit=world.unit("Utbildningsnämnden"), purpose="Utbildning")
    risk_create(actor=None, core_mission=mission, description="Lärarbrist", likelihood=3, consequence=4)
    risk_create(actor=None, core_mission=mission, description="Ökade elevtal", likelihood=2, consequence=2)


def test_the_core_missions_risks_are_copied_into_the_register_with_the_years_score(world: World) -> None:
    core_mission_risks(world)
    official = world.users[OFFICIAL]
    with pytest.raises(NotAllowed):
        control_risks_copy_from_core_mission(
            actor=world.users["committee_politician"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR, aims=["effective"]
        )
    made = control_risks_copy_from_core_mission(actor=official, org_unit=world.unit("Utbildningsnämnden"), year=YEAR, aims=["effective"])
    assert [(r.description, r.source_risk.description, r.area, r.aims) for r in made] == [  # type: ignore[union-attr]
        ("Lärarbrist", "Lärarbrist", "Grunduppdrag", ["effective"]),
        ("Ökade elevtal", "Ökade elevtal", "Grunduppdrag", ["effective"]),
    ]
    assert [(s.likelihood, s.consequence, s.year) for s in RiskScore.objects.order_by("risk_id")] == [(3, 4, YEAR), (2, 2, YEAR)]
    assert AuditEvent.objects.filter(action="control_risk.created").count() == 2
    # IC-013: none left to copy
    violation = refused(lambda: control_risks_copy_from_core_mission(actor=official, org_unit=world.unit("Utbildningsnämnden"), year=YEAR, aims=["effective"]))
    assert violation.code == "IC-013"


def test_the_register_holds_each_risks_value_band_and_must_treat_and_the_matrix_counts(world: World) -> None:
    official = world.users[OFFICIAL]
    high, low, unscored = make_risk(world, area="A"), make_risk(world, area="B"), make_risk(world, area="C")
    risk_score_set(actor=official, risk=high, year=YEAR, likelihood=3, consequence=4)
    risk_score_set(actor=official, risk=low, year=YEAR, likelihood=1, consequence=2)
    register = risk_register(world.users["auditor"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    rows = {r.risk.area: r for r in register.rows}
    assert (rows["A"].value, rows["A"].band.label_sv, rows["A"].must_treat) == (12, "Hög", True)  # type: ignore[union-attr]
    assert (rows["B"].value, rows["B"].band.label_sv, rows["B"].must_treat) == (2, "Låg", False)  # type: ignore[union-attr]
    assert rows["C"].score is None and unscored.pk == rows["C"].risk.pk
    assert register.counts() == {(3, 4): 1, (1, 2): 1}
    assert [r.risk.area for r in register.in_cell(3, 4)] == ["A"]
    with pytest.raises(Http404):
        risk_register(world.users["other_committee_politician"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR)


def test_the_history_shows_how_the_risk_moved_year_by_year(world: World) -> None:
    risk = make_risk(world)
    official = world.users[OFFICIAL]
    for year, (likelihood, consequence) in {YEAR - 2: (2, 2), YEAR - 1: (3, 3), YEAR: (3, 3)}.items():
        risk_score_set(actor=official, risk=risk, year=year, likelihood=likelihood, consequence=consequence)
    risk_score_set(actor=official, risk=risk, year=YEAR + 1, likelihood=1, consequence=3)
    history = risk_history(control_risk_get(world.users["auditor"], risk.pk))
    assert [(h.score.year, h.score.risk_value, h.movement, h.change) for h in history] == [
        (YEAR - 2, 4, "", None),
        (YEAR - 1, 9, "up", 5),
        (YEAR, 9, "same", 0),
        (YEAR + 1, 3, "down", -6),
    ]
    with pytest.raises(Http404):
        control_risk_get(world.users["outsider"], risk.pk)
