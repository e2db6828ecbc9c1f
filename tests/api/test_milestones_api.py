"""The planning year's steps in the API (issue 10 §3): read by everyone in the group, moved by KS's
controllers before KS adopts the calendar, confirmed by a controller of the body; each tried by
someone allowed, someone out of scope and the outsider."""

from datetime import date

from django.contrib.auth import get_user_model

from styr.core.models import AuditEvent
from styr.followup import services
from styr.followup.models import MilestoneConfirmation, PlanningCalendar, PlanningMilestone
from styr.organisation.services import org_unit_create, role_assign
from tests.api.test_api_planning import Api
from tests.conftest import TODAY, World

YEAR = 2027


def make(world: World) -> PlanningCalendar:
    return services.calendar_create(actor=None, group=world.group, year=YEAR)


def test_everyone_in_the_group_reads_the_steps_and_the_outsider_does_not(world: World) -> None:
    make(world)
    answer = Api(world, "unit_manager").get(f"/planning-calendars/{YEAR}/milestones")
    assert answer.status_code == 200
    steps = {s["kind"]: s for s in answer.json()}
    assert list(steps) == ["carry_over", "allocation_model", "frames", "goals_and_budget", "internal_budget", "operational_plan", "internal_control_plan"]
    plans = steps["operational_plan"]
    assert (plans["plan_year"], plans["due"], plans["level"], plans["done_count"], plans["total"], plans["checked"]) == (
        2028,
        "2027-11-30",
        "COMMITTEE",
        0,
        6,
        True,
    )
    assert {b["name"] for b in plans["bodies"]} >= {"Kommunstyrelsen", "Utbildningsnämnden"}
    assert steps["goals_and_budget"]["bodies"][0]["url"].endswith("/plan/2028/")
    assert Api(world, "outsider").get(f"/planning-calendars/{YEAR}/milestones").status_code in (403, 404)
    assert Api(world, "unit_manager").get(f"/planning-calendars/{YEAR + 5}/milestones").status_code == 404


def test_ks_controller_moves_a_step_and_others_may_not(world: World) -> None:
    calendar = make(world)
    plans = PlanningMilestone.objects.get(calendar=calendar, kind="operational_plan")
    path = f"/planning-milestones/{plans.pk}"
    moved = Api(world, "ks_controller").patch(path, {"due": "2027-11-20"})
    assert moved.status_code == 200 and moved.json()["due"] == "2027-11-20"
    assert AuditEvent.objects.filter(action="calendar.milestone_moved").count() == 1
    refused = Api(world, "ks_controller").patch(path, {"due": "2028-01-10"})
    assert refused.status_code == 422 and refused.json()["code"] == "CAL-007"
    assert Api(world, "committee_politician").patch(path, {"due": "2027-11-25"}).status_code == 403
    assert Api(world, "outsider").patch(path, {"due": "2027-11-25"}).status_code in (403, 404)
    services.calendar_adopt(actor=None, calendar=calendar, decided_on=date(YEAR - 1, 12, 1), paragraph="§ 1", registration_number="1")
    locked = Api(world, "ks_controller").patch(path, {"due": "2027-11-25"})
    assert locked.status_code == 409 and locked.json()["code"] == "CAL-006"
    assert PlanningMilestone.objects.get(pk=plans.pk).due == date(YEAR, 11, 20)


def test_a_controller_confirms_a_bodys_step_and_others_may_not(world: World) -> None:
    calendar = make(world)
    model = PlanningMilestone.objects.get(calendar=calendar, kind="allocation_model")
    ks = world.unit("Kommunstyrelsen")
    path = f"/planning-milestones/{model.pk}/confirmations"
    created = Api(world, "ks_controller").post(path, {"body": ks.pk, "note": "Scenario B"})
    assert created.status_code == 201 and created.json()["body_id"] == ks.pk and created.json()["confirmed_by"] == "Ks Controller"
    assert Api(world, "ks_controller").post(path, {"body": ks.pk}).status_code == 200
    assert AuditEvent.objects.filter(action="calendar.milestone_confirmed").count() == 1
    # out of scope: a politician, and a committee's controller (KS is not in its scope)
    assert Api(world, "ks_politician").post(path, {"body": ks.pk}).status_code == 403
    controller = get_user_model().objects.create_user(username="on_controller")
    role_assign(actor=None, user=controller, org_unit=world.unit("Omsorgsnämnden"), role="CONTROLLER")
    world.users["on_controller"] = controller
    assert Api(world, "outsider").post(path, {"body": ks.pk}).status_code in (403, 404)
    assert Api(world, "on_controller").post(path, {"body": ks.pk}).status_code in (403, 404)
    # a step read from the data is refused, as is a body that does not answer for the step
    school = world.unit("Utbildningsnämnden")
    for kind in ("operational_plan", "internal_budget"):
        step = PlanningMilestone.objects.get(calendar=calendar, kind=kind)
        refused = Api(world, "ks_controller").post(f"/planning-milestones/{step.pk}/confirmations", {"body": school.pk})
        assert refused.status_code == 422 and refused.json()["code"] == "CAL-010"
    unit = org_unit_create(actor=None, group=world.group, parent=world.unit("Grundskola"), kind="UNIT", name="Ny skola", valid_from=TODAY)
    refused = Api(world, "ks_controller").post(path, {"body": unit.pk})
    assert refused.status_code == 422 and refused.json()["code"] == "CAL-011"
    assert MilestoneConfirmation.objects.count() == 1
    listed = {s["kind"]: s for s in Api(world, "auditor").get(f"/planning-calendars/{YEAR}/milestones").json()}
    assert listed["allocation_model"]["done_count"] == 1 and not listed["allocation_model"]["checked"]
    assert listed["internal_budget"]["checked"]
