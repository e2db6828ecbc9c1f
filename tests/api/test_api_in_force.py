"""The API's adopted view during an open revision (issue 8, §2; PLAN-002): the goal stays
``adopted`` and is marked ``pending_revision`` while the editors' draft is not adopted; the adopted
plan's snapshot keeps the content in force, with the goal's id to find it by."""

from datetime import date
from decimal import Decimal

from styr.planning import services
from styr.planning.models import Plan
from tests.conftest import YEAR, World


def adopt(world: World, plan: Plan, decided_on: date) -> Plan:
    return services.plan_adopt(
        actor=world.users["council_chair"],
        plan=services.plan_propose(actor=None, plan=plan),
        decided_on=decided_on,
        paragraph="§ 120",
        registration_number="KS 2025/300",
    )


def test_state_adopted_marks_a_goal_whose_revision_is_drafted(world: World) -> None:
    council = world.unit("Kommunfullmäktige")
    goal = services.goal_create(actor=None, org_unit=council, title="Attraktiv kommun att bo i", start_year=YEAR, end_year=YEAR + 1)
    indicator = services.indicator_create(
        actor=None, goal=goal, name="Invånare", baseline_year=YEAR - 1, baseline_value=Decimal(20134), target_year=YEAR + 1, target_value=Decimal(20500)
    )
    plan = adopt(world, services.plan_create(actor=None, org_unit=council, year=YEAR), date(YEAR - 1, 11, 20))
    client = world.client("council_chair")

    def adopted() -> list[dict[str, object]]:
        response = client.get("/api/v1/goals?state=adopted&limit=100")
        assert response.status_code == 200
        return [{k: g[k] for k in ("id", "title", "state", "pending_revision")} for g in response.json()["items"]]

    assert adopted() == [{"id": goal.pk, "title": "Attraktiv kommun att bo i", "state": "adopted", "pending_revision": False}]
    revision = services.plan_revise(actor=None, plan=plan)
    patched = client.patch(f"/api/v1/goals/{goal.pk}", {"title": "Ny lydelse"}, content_type="application/json")
    assert patched.status_code == 200 and patched.json()["pending_revision"] is True and patched.json()["state"] == "adopted"
    services.target_set(actor=None, indicator=indicator, year=YEAR + 1, value=Decimal(99999))
    assert adopted() == [{"id": goal.pk, "title": "Ny lydelse", "state": "adopted", "pending_revision": True}]
    assert client.get(f"/api/v1/goals/{goal.pk}").json()["pending_revision"] is True
    # what is in force: the adopted plan's snapshot, found by the goal's id
    in_force = client.get(f"/api/v1/plans/{plan.pk}").json()["snapshot"]["sections"]["goals"]
    assert [(g["id"], g["title"]) for g in in_force] == [(goal.pk, "Attraktiv kommun att bo i")]
    assert in_force[0]["indicators"][0]["target_values"] == [{"year": YEAR + 1, "value": "20500.00"}]
    adopt(world, revision, date(YEAR, 3, 20))
    assert adopted() == [{"id": goal.pk, "title": "Ny lydelse", "state": "adopted", "pending_revision": False}]
