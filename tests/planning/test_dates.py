"""DATE-001: a deadline, an activity's dates, a meeting and a decision lie within the model's
years (issue 8, point 1: year 1 and year 9999 were accepted). Applied in the services, so the
forms and the API both get it."""

from datetime import date
from typing import Any

import pytest

from styr.domain.errors import RuleViolation
from styr.domain.limits import MAX_DATE, MIN_DATE, check_date
from styr.followup import services as followup
from styr.planning import services
from styr.planning.models import Activity, Assignment
from tests.api.test_api_planning import as_, refused, uid
from tests.conftest import YEAR, World

FAR = ["0001-01-01", "1999-12-31", "2101-01-01", "9999-12-31"]


def test_date_001_the_bounds_are_inside_and_a_day_beyond_is_refused() -> None:
    check_date(field="deadline", label="Deadline", value=MIN_DATE)
    check_date(field="deadline", label="Deadline", value=MAX_DATE)
    for beyond in (date(1, 1, 1), date(MIN_DATE.year - 1, 12, 31), date(MAX_DATE.year + 1, 1, 1), date(9999, 12, 31)):
        with pytest.raises(RuleViolation) as refused_date:
            check_date(field="deadline", label="Deadline", value=beyond)
        assert refused_date.value.code == "DATE-001" and refused_date.value.field == "deadline"


@pytest.mark.parametrize("far", FAR)
def test_date_001_an_assignment_deadline_far_away_is_refused_through_the_api(world: World, far: str) -> None:
    body = {"issuer": uid(world, "Utbildningsnämnden"), "receiver": uid(world, "Utbildningsförvaltningen"), "year": YEAR, "title": "Utred", "deadline": far}
    answer = refused(as_(world, "committee_politician").post("/assignments", body), 422, "DATE-001")
    assert answer["detail"]["field"] == "deadline" and "2000-01-01" in answer["message"] and "2100-12-31" in answer["message"]
    assert not Assignment.objects.exists()


def test_date_001_activities_and_changes_are_held_too(world: World) -> None:
    goal = services.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Lugn", start_year=YEAR, end_year=YEAR)
    manager = as_(world, "unit_manager")
    body: dict[str, Any] = {"goal": goal.pk, "title": "Rastvakter", "start_date": "0001-01-01", "end_date": f"{YEAR}-06-01"}
    refused(manager.post("/activities", body), 422, "DATE-001")
    refused(manager.post("/activities", {**body, "start_date": f"{YEAR}-01-10", "end_date": "9999-12-31"}), 422, "DATE-001")
    assert not Activity.objects.exists()
    activity = services.activity_create(actor=None, goal=goal, title="Rastvakter", start_date=date(YEAR, 1, 10), end_date=date(YEAR, 6, 1))
    refused(manager.patch(f"/activities/{activity.pk}", {"end_date": "9999-12-31"}), 422, "DATE-001")
    assert Activity.objects.get().end_date == date(YEAR, 6, 1)
    assignment = services.assignment_create(
        actor=None, issuer=world.unit("Utbildningsnämnden"), receiver=world.unit("Utbildningsförvaltningen"), year=YEAR, title="x", deadline=date(YEAR, 5, 1)
    )
    refused(as_(world, "committee_politician").patch(f"/assignments/{assignment.pk}", {"deadline": "0001-01-01"}), 422, "DATE-001")
    assert Assignment.objects.get().deadline == date(YEAR, 5, 1)


def test_date_001_the_plan_page_form_names_the_field_in_swedish(world: World) -> None:
    unit = world.unit("Utbildningsnämnden")
    response = world.client("committee_politician").post(
        f"/enheter/{unit.pk}/plan/{YEAR}/uppdrag/ny/",
        {"receiver": uid(world, "Utbildningsförvaltningen"), "title": "Utred", "deadline": "9999-12-31", "execution_form": "line"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 422 and "DATE-001" in body and "Sista dag" in body
    assert 'min="2000-01-01"' in body and 'max="2100-12-31"' in body  # the picker offers only the model's years
    assert not Assignment.objects.exists()


def test_date_001_meetings_and_decisions_too(world: World) -> None:
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    with pytest.raises(RuleViolation) as meeting:
        followup.meeting_add(actor=None, calendar=calendar, body=world.unit("Kommunstyrelsen"), on=date(9999, 1, 1), title="KS")
    assert meeting.value.code == "DATE-001"
    with pytest.raises(RuleViolation) as adopted:
        followup.calendar_adopt(actor=None, calendar=calendar, decided_on=date(1, 1, 1), paragraph="§ 1", registration_number="KS 2026/1")
    assert adopted.value.code == "DATE-001"


def test_date_001_next_years_plan_is_not_started_beyond_the_models_last_year(world: World) -> None:
    """The one year a service computes itself (the plan's year + 1) is held to the model's years:
    a plan for 2101 would have no page, no list and no URL (the converters refuse the year)."""
    from styr.domain.limits import MAX_YEAR
    from styr.planning.models import Plan

    unit = world.unit("Utbildningsnämnden")
    last = services.plan_create(actor=None, org_unit=unit, year=MAX_YEAR)
    with pytest.raises(RuleViolation) as beyond:
        services.plan_start_next_year(actor=world.users["ks_controller"], plan=last)
    assert beyond.value.code == "DATE-001" and beyond.value.field == "year"
    assert not Plan.objects.filter(year=MAX_YEAR + 1).exists()
    response = world.client("ks_controller").post(f"/planer/{last.pk}/nasta-ar/")
    assert response.status_code == 422 and "DATE-001" in response.content.decode()
