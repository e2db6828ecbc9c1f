"""The API of a project assignment's organisation and timetable and a process's reviews (seed §7,
PROJ-001…005): who may write, the rules answered as 422, If-Match versions, audit."""

from datetime import UTC, datetime
from typing import Any

import time_machine

from styr.organisation.models import GoverningDocument
from styr.planning.models import Assignment, ProcessReview, ProjectMember, ProjectMilestone
from tests.api.test_api_planning import as_, audited, refused, uid
from tests.conftest import World

YEAR = 2027
NOW = datetime(YEAR, 4, 1, 12, 0, tzinfo=UTC)


def body(world: World, **fields: Any) -> dict[str, Any]:
    return {
        "issuer": uid(world, "Utbildningsnämnden"),
        "receiver": uid(world, "Utbildningsförvaltningen"),
        "year": YEAR,
        "title": "Ny skolstruktur",
        "deadline": f"{YEAR}-12-01",
        "execution_form": "project",
        **fields,
    }


@time_machine.travel(NOW, tick=False)
def test_a_project_assignment_with_its_organisation_and_a_milestone_that_slips(world: World) -> None:
    politician, official = as_(world, "committee_politician"), as_(world, "administration_official")
    lead = world.users["administration_official"].pk
    response = politician.post(
        "/assignments", body(world, project_owner=world.users["committee_politician"].pk, project_lead=lead, project_budget_sek="250000")
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["project_lead_id"] == lead and created["project_budget_sek"] == "250000" and created["process_document_ids"] == []
    assignment = Assignment.objects.get(pk=created["id"])
    refused(politician.post("/assignments", body(world, execution_form="line", project_lead=lead)), 422, "PROJ-001")
    refused(politician.post("/assignments", body(world, project_lead=world.users["outsider"].pk)), 404, "NOT-FOUND")  # no role in the group

    # the receiver keeps the timetable
    step = {"assignment": assignment.pk, "title": "Lokalutredning klar", "due": f"{YEAR}-03-15"}
    response = official.post("/project-milestones", step)
    assert response.status_code == 201, response.content
    milestone = response.json()
    assert milestone["state"] == "late" and audited("project_milestone.created", ProjectMilestone.objects.get())
    refused(politician.post("/project-milestones", step), 403, "PERM-001")
    refused(as_(world, "outsider").post("/project-milestones", step), 404, "NOT-FOUND")
    refused(official.post("/project-milestones", {**step, "due": f"{YEAR}-12-02"}), 422, "PROJ-003")
    assert official.get(f"/project-milestones?assignment={assignment.pk}").json()["count"] == 1
    assert as_(world, "other_committee_politician").get(f"/project-milestones/{milestone['id']}").status_code == 404

    # EDIT-001: a stale version is refused, the current one is accepted
    refused(_patch(official, milestone["id"], '"7"'), 409, "EDIT-001")
    response = _patch(official, milestone["id"], f'"{milestone["version"]}"')
    assert response.status_code == 200 and response.json()["state"] == "done_late" and response.json()["version"] == 2
    refused(official.patch(f"/project-milestones/{milestone['id']}", {"done_on": f"{YEAR}-04-02"}), 422, "PROJ-003")
    assert official.delete(f"/project-milestones/{milestone['id']}").status_code == 204 and not ProjectMilestone.objects.exists()


def _patch(api: Any, pk: int, version: str) -> Any:
    return api.client.patch(
        f"/api/v1/project-milestones/{pk}", data=f'{{"done_on": "{YEAR}-03-30"}}', content_type="application/json", headers={**api.headers, "If-Match": version}
    )


@time_machine.travel(NOW, tick=False)
def test_the_project_and_steering_groups_are_people_or_roles_on_units(world: World) -> None:
    politician = as_(world, "committee_politician")
    assignment = politician.post("/assignments", body(world)).json()
    seat = {"assignment": assignment["id"], "body": "steering", "org_unit": uid(world, "Utbildningsförvaltningen"), "role_title": "Förvaltningschef"}
    response = politician.post("/project-members", seat)
    assert response.status_code == 201, response.content
    assert audited("project_member.created", ProjectMember.objects.get())
    person = {"assignment": assignment["id"], "body": "group", "person": world.users["unit_manager"].pk}
    assert politician.post("/project-members", person).status_code == 201
    refused(politician.post("/project-members", {**seat, "person": world.users["unit_manager"].pk}), 422, "PROJ-005")
    refused(as_(world, "administration_official").post("/project-members", person), 403, "PERM-001")
    assert politician.get(f"/project-members?assignment={assignment['id']}").json()["count"] == 2
    member = ProjectMember.objects.filter(body="group").get()
    assert politician.delete(f"/project-members/{member.pk}").status_code == 204 and ProjectMember.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_a_process_assignment_names_its_process_documents_and_reviews(world: World) -> None:
    politician, official = as_(world, "committee_politician"), as_(world, "administration_official")
    document = GoverningDocument.objects.filter(group=world.group).first()
    assert document is not None
    fields = {"execution_form": "process", "process_name": "SKA-hjulet", "process_owner": world.users["administration_official"].pk}
    response = politician.post("/assignments", body(world, process_documents=[document.pk], **fields))
    assert response.status_code == 201, response.content
    assignment = response.json()
    assert assignment["process_document_ids"] == [document.pk] and assignment["process_name"] == "SKA-hjulet"
    refused(politician.patch(f"/assignments/{assignment['id']}", {"project_lead": world.users["administration_official"].pk}), 422, "PROJ-001")
    review = {"assignment": assignment["id"], "title": "Årlig genomgång", "due": f"{YEAR + 2}-09-01"}
    response = official.post("/process-reviews", review)
    assert response.status_code == 201 and response.json()["state"] == "planned"
    assert audited("process_review.created", ProcessReview.objects.get())
    refused(official.post("/project-milestones", {**review, "due": f"{YEAR}-05-01"}), 422, "PROJ-001")
    refused(
        politician.patch(f"/assignments/{assignment['id']}", {"execution_form": "line", "process_name": "", "process_owner": None, "process_documents": []}),
        422,
        "PROJ-002",
    )
    assert official.patch(f"/process-reviews/{response.json()['id']}", {"done_on": f"{YEAR}-03-01"}).json()["state"] == "done"
