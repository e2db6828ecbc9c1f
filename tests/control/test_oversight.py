"""KS's oversight of the group's internal control (issue 12 §4): the figures per body, who sees what,
KS's evaluation written by its controllers and adopted by KS with a decision and a snapshot (IC-040,
IC-041, IC-042), the overview's queries."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.control.models import OversightEvaluation
from styr.control.selectors.oversight import oversight_overview, overview_content
from styr.control.services.oversight import evaluation_adopt, evaluation_create, evaluation_update
from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.domain.plans import snapshot_hash
from styr.organisation.services import org_unit_create
from tests.conftest import World
from tests.control.oversight_setup import TODAY, YEAR, control, deviation, oversight_world, plan, result


def _by_name(content: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["name"]: b for b in content["bodies"]}


def test_the_overview_counts_plans_controls_results_deviations_and_overdue_actions_per_body(world: World) -> None:
    oversight_world(world)
    content = overview_content(oversight_overview(world.users["ks_controller"], group=world.group, year=YEAR, today=TODAY))
    bodies = _by_name(content)
    un, on, allbo = bodies["Utbildningsnämnden"], bodies["Omsorgsnämnden"], bodies["AllboHus Fastighets AB"]
    assert (un["plan_state"], un["controls"], un["reported"]) == ("adopted", 3, 2)
    assert un["results"] == {"not_achieved": 1, "partly_achieved": 1}  # the latest result per control
    assert un["deviations"] == {"high": 1, "medium": 0, "low": 1}
    assert [a["deadline"] for a in un["overdue_actions"]] == [f"{YEAR}-11-01"]  # done and not yet due are left out
    assert un["decision"]["paragraph"] == "§ 12"
    assert (on["plan_state"], on["controls"], on["reported"], on["results"]) == ("draft", 2, 2, {"achieved": 2})
    # an action of last year's plan still open carries over
    assert [(a["year"], a["owner"]) for a in on["overdue_actions"]] == [(YEAR - 1, "Förvaltningschef")]
    assert (allbo["company"], allbo["plan_state"], allbo["controls"], allbo["reported"], allbo["results"]) == (True, "adopted", 1, 0, {})
    assert bodies["Kultur- och fritidsnämnden"]["plan_state"] == ""
    # the control's area, else its risk's area
    assert content["areas"] == [{"area": "Dataskydd", "high": 0, "medium": 1, "low": 0}, {"area": "Inköp", "high": 1, "medium": 0, "low": 1}]
    [common] = content["common_controls"]
    assert [(b["name"], b["status"]) for b in common["bodies"]] == [("Utbildningsnämnden", ""), ("Omsorgsnämnden", "achieved")]
    # committees first (KS first of them), then the companies
    kinds = [b["company"] for b in content["bodies"]]
    assert kinds == sorted(kinds) and content["bodies"][0]["name"] == "Kommunstyrelsen"


def test_a_committee_politician_sees_only_their_committee(world: World) -> None:
    oversight_world(world)
    content = overview_content(oversight_overview(world.users["committee_politician"], group=world.group, year=YEAR, today=TODAY))
    assert [b["name"] for b in content["bodies"]] == ["Utbildningsnämnden"]
    assert [b["name"] for b in content["common_controls"][0]["bodies"]] == ["Utbildningsnämnden"]
    assert content["areas"] == [{"area": "Inköp", "high": 1, "medium": 0, "low": 1}]


def test_the_overview_reads_in_the_same_number_of_queries_as_bodies_grow(world: World) -> None:
    oversight_world(world)
    user = world.users["ks_controller"]
    with CaptureQueriesContext(connection) as before:
        overview_content(oversight_overview(user, group=world.group, year=YEAR, today=TODAY))
    for n in range(6):
        unit = org_unit_create(actor=None, group=world.group, parent=world.unit("Kommunfullmäktige"), kind="COMMITTEE", name=f"Nämnd {n}", valid_from=TODAY)
        world.units[unit.name] = unit
        p = plan(world, unit.name, state="adopted", decided_on=date(YEAR, 3, 1))
        c = control(p, f"Kontroll {n}", area=f"Område {n}")
        deviation(result(c, 11, "not_achieved"), "high")
    with CaptureQueriesContext(connection) as after:
        content = overview_content(oversight_overview(user, group=world.group, year=YEAR, today=TODAY))
    assert len(after.captured_queries) == len(before.captured_queries)
    assert _by_name(content)["Nämnd 5"]["results"] == {"not_achieved": 1}


def test_ks_controllers_write_the_evaluation_and_ks_adopts_it_with_a_decision_and_snapshot(world: World) -> None:
    oversight_world(world)
    evaluation = evaluation_create(actor=world.users["ks_controller"], group=world.group, year=YEAR, evaluation="God intern kontroll.")
    evaluation = evaluation_update(actor=world.users["ks_controller"], evaluation=evaluation, measures="Omsorgsnämnden antar sin plan.")
    assert AuditEvent.objects.filter(action="oversight_evaluation.created").count() == 1
    assert AuditEvent.objects.filter(action="oversight_evaluation.updated").count() == 1
    adopted = evaluation_adopt(
        actor=world.users["ks_politician"],
        evaluation=evaluation,
        decided_on=date(YEAR, 12, 1),
        paragraph="§ 200",
        registration_number="KS 2026/90",
        today=TODAY,
    )
    adopted.refresh_from_db()
    assert adopted.state == "adopted" and adopted.decision is not None and adopted.decision.body == world.unit("Kommunstyrelsen")
    assert adopted.snapshot is not None and adopted.snapshot["measures"] == "Omsorgsnämnden antar sin plan."
    assert adopted.snapshot_sha256 == snapshot_hash(adopted.snapshot)
    assert _by_name(adopted.snapshot["overview"])["Utbildningsnämnden"]["controls"] == 3
    event = AuditEvent.objects.get(action="oversight_evaluation.adopted")
    assert event.after["snapshot_sha256"] == adopted.snapshot_sha256
    assert AuditEvent.objects.filter(action="decision.recorded").count() == 1


def test_an_adopted_evaluation_is_locked_ic_040(world: World) -> None:
    evaluation = evaluation_create(actor=world.users["ks_controller"], group=world.group, year=YEAR, evaluation="Text")
    evaluation_adopt(actor=world.users["ks_politician"], evaluation=evaluation, decided_on=date(YEAR, 12, 1), paragraph="§ 1", registration_number="KS 1")
    with pytest.raises(RuleViolation) as locked:
        evaluation_update(actor=world.users["ks_controller"], evaluation=evaluation, text="Ändrad")
    assert locked.value.code == "IC-040"
    with pytest.raises(RuleViolation) as again:
        evaluation_adopt(actor=world.users["ks_politician"], evaluation=evaluation, decided_on=date(YEAR, 12, 2), paragraph="§ 2", registration_number="KS 2")
    assert again.value.code == "IC-040"
    assert OversightEvaluation.objects.get().evaluation == "Text"


def test_an_evaluation_without_text_is_not_adopted_ic_041(world: World) -> None:
    evaluation = evaluation_create(actor=world.users["ks_controller"], group=world.group, year=YEAR)
    with pytest.raises(RuleViolation) as refused:
        evaluation_adopt(actor=world.users["ks_politician"], evaluation=evaluation, decided_on=date(YEAR, 12, 1), paragraph="§ 1", registration_number="KS 1")
    assert refused.value.code == "IC-041" and OversightEvaluation.objects.get().state == "draft"


def test_one_evaluation_a_year_ic_042(world: World) -> None:
    evaluation_create(actor=world.users["ks_controller"], group=world.group, year=YEAR)
    with pytest.raises(RuleViolation) as refused:
        evaluation_create(actor=world.users["ks_controller"], group=world.group, year=YEAR)
    assert refused.value.code == "IC-042"


@pytest.mark.parametrize("persona", ["ks_politician", "committee_politician", "auditor", "administration_official", "outsider"])
def test_only_ks_controllers_write_the_evaluation(world: World, persona: str) -> None:
    with pytest.raises(NotAllowed):
        evaluation_create(actor=world.users[persona], group=world.group, year=YEAR, evaluation="x")
    assert not OversightEvaluation.objects.exists()


@pytest.mark.parametrize("persona", ["ks_controller", "council_chair", "committee_politician", "auditor", "outsider"])
def test_only_a_politician_on_ks_adopts_the_evaluation(world: World, persona: str) -> None:
    evaluation = evaluation_create(actor=world.users["ks_controller"], group=world.group, year=YEAR, evaluation="Text")
    with pytest.raises(NotAllowed):
        evaluation_adopt(actor=world.users[persona], evaluation=evaluation, decided_on=date(YEAR, 12, 1), paragraph="§ 1", registration_number="KS 1")
    assert OversightEvaluation.objects.get().state == "draft"


def test_every_body_is_held_to_the_plans_deadline_and_one_not_adopted_after_it_is_late(world: World) -> None:
    """KS, the committees and the companies alike: the årshjul's one deadline for the year's plans (the
    preset's 30 November of the year before, without a calendar); a plan adopted after it, or not
    adopted once it has passed, is not on time."""
    plan(world, "Utbildningsnämnden", state="adopted", decided_on=date(YEAR - 1, 11, 20))
    plan(world, "Kommunstyrelsen", state="adopted", decided_on=date(YEAR, 1, 15))
    plan(world, "AllboHus Fastighets AB", state="draft")
    bodies = {b.unit.name: b for b in oversight_overview(world.users["ks_controller"], group=world.group, year=YEAR, today=TODAY).bodies}
    assert {b.deadline for b in bodies.values()} == {date(YEAR - 1, 11, 30)}
    assert bodies["Utbildningsnämnden"].on_time is True
    assert bodies["Kommunstyrelsen"].on_time is False
    assert bodies["AllboHus Fastighets AB"].on_time is False and bodies["Omsorgsnämnden"].on_time is False
    early = oversight_overview(world.users["ks_controller"], group=world.group, year=YEAR, today=date(YEAR - 1, 10, 1))
    assert {b.unit.name: b.on_time for b in early.bodies}["Omsorgsnämnden"] is None  # not yet due
