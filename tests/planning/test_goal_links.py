"""A goal's links upward (issue 8, §2): an edit keeps the links the editor cannot see, every change
of links is in the audit's before and after, and adopted goals above a unit can be linked by
those who may write the unit's goals (GOAL-005 still applies), in the plan form and the API."""

import json
import re
from typing import Any

from styr.core.models import AuditEvent
from styr.planning import services
from styr.planning.models import DevelopmentGoal
from tests.conftest import YEAR, World

HTMX = {"HX-Request": "true", "HX-Target": "plan-panel"}


def goal_url(world: World, unit: str, pk: int | None = None) -> str:
    base = f"/enheter/{world.unit(unit).pk}/plan/{YEAR}/utvecklingsmal/"
    return f"{base}{pk}/" if pk is not None else f"{base}ny/"


def links(goal: DevelopmentGoal) -> list[int]:
    return sorted(DevelopmentGoal.objects.get(pk=goal.pk).contributes_to.values_list("pk", flat=True))


def committee_goals(world: World) -> tuple[DevelopmentGoal, DevelopmentGoal]:
    """A draft goal of the committee (the unit manager cannot see it) and an adopted one (public)."""
    committee = world.unit("Utbildningsnämnden")
    draft = services.goal_create(actor=None, org_unit=committee, title="Utkast: läsförståelse", start_year=YEAR, end_year=YEAR)
    adopted = services.goal_create(actor=None, org_unit=committee, title="Alla elever når målen", start_year=YEAR, end_year=YEAR + 1)
    services.goal_adopt(actor=None, goal=adopted)
    return draft, adopted


def api(world: World, persona: str, method: str, path: str, body: Any = None) -> Any:
    client = world.client(persona)
    call = getattr(client, method)
    return call(f"/api/v1{path}", data=json.dumps(body), content_type="application/json") if body is not None else call(f"/api/v1{path}")


def test_editing_a_title_in_the_plan_form_keeps_the_link_the_editor_cannot_see(world: World) -> None:
    draft, _adopted = committee_goals(world)
    school = world.unit("Hagaskolan")
    goal = services.goal_create(actor=None, org_unit=school, title="Fler läser", start_year=YEAR, end_year=YEAR, contributes_to=[draft])
    form = world.client("unit_manager").get(f"/enheter/{school.pk}/plan/{YEAR}/?flik=utveckling&redigera=utvecklingsmal-{goal.pk}").content.decode()
    assert "Utkast: läsförståelse" not in form  # not shown to someone who cannot see it
    shown = world.client("unit_manager").get(f"/enheter/{school.pk}/plan/{YEAR}/?flik=utveckling").content.decode()
    assert "Fler läser" in shown and "Utkast: läsförståelse" not in shown
    assert "Utkast: läsförståelse" in world.client("ks_controller").get(f"/enheter/{school.pk}/plan/{YEAR}/?flik=utveckling").content.decode()
    posted = {"title": "Fler läser varje dag", "start_year": YEAR, "end_year": YEAR, "measurable": "on"}
    response = world.client("unit_manager").post(goal_url(world, "Hagaskolan", goal.pk), posted, headers=HTMX)
    assert response.status_code in (200, 302)
    assert DevelopmentGoal.objects.get(pk=goal.pk).title == "Fler läser varje dag"
    assert links(goal) == [draft.pk]
    event = AuditEvent.objects.filter(action="goal.updated", object_id=str(goal.pk)).get()
    assert event.before["contributes_to"] == [draft.pk] and event.after["contributes_to"] == [draft.pk]
    assert event.before["title"] == "Fler läser" and event.after["title"] == "Fler läser varje dag"


def test_the_api_keeps_hidden_links_when_the_caller_sets_the_ones_it_sees(world: World) -> None:
    draft, adopted = committee_goals(world)
    goal = services.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Fler läser", start_year=YEAR, end_year=YEAR, contributes_to=[draft])
    response = api(world, "unit_manager", "patch", f"/goals/{goal.pk}", {"contributes_to": [adopted.pk]})
    assert response.status_code == 200, response.content
    assert links(goal) == sorted([draft.pk, adopted.pk])
    event = AuditEvent.objects.filter(action="goal.updated", object_id=str(goal.pk)).get()
    assert event.before["contributes_to"] == [draft.pk] and event.after["contributes_to"] == sorted([draft.pk, adopted.pk])
    response = api(world, "unit_manager", "patch", f"/goals/{goal.pk}", {"contributes_to": []})
    assert response.status_code == 200 and links(goal) == [draft.pk]  # the adopted one is removed, the hidden one stays


def test_every_change_of_links_is_in_the_audit_before_and_after(world: World) -> None:
    draft, adopted = committee_goals(world)
    goal = services.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Fler läser", start_year=YEAR, end_year=YEAR, contributes_to=[draft])
    services.goal_update(
        actor=world.users["ks_controller"],
        goal=goal,
        title="Fler läser",
        citizen_change="",
        start_year=YEAR,
        end_year=YEAR,
        measurable=True,
        contributes_to=[adopted],
    )
    event = AuditEvent.objects.filter(action="goal.updated", object_id=str(goal.pk)).get()
    assert event.before["contributes_to"] == [draft.pk] and event.after["contributes_to"] == [adopted.pk]  # the controller sees both
    assert event.before["sustainability_goals"] == [] and event.after["sustainability_goals"] == []


def test_a_unit_manager_links_a_goal_to_the_committees_adopted_goal_in_the_plan_form(world: World) -> None:
    draft, adopted = committee_goals(world)
    school = world.unit("Hagaskolan")
    page = world.client("unit_manager").get(f"/enheter/{school.pk}/plan/{YEAR}/?flik=utveckling&redigera=utvecklingsmal-new").content.decode()
    select = re.search(r'<select name="contributes_to".*?</select>', page, re.S)
    assert select is not None and "Alla elever når målen" in select.group(0) and "Utkast: läsförståelse" not in select.group(0)
    posted = {"title": "Fler behöriga", "start_year": YEAR, "end_year": YEAR, "measurable": "on", "contributes_to": [str(adopted.pk)]}
    response = world.client("unit_manager").post(goal_url(world, "Hagaskolan"), posted, headers=HTMX)
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    created = DevelopmentGoal.objects.get(title="Fler behöriga")
    assert links(created) == [adopted.pk]
    hidden = world.client("unit_manager").post(goal_url(world, "Hagaskolan"), {**posted, "title": "Annat", "contributes_to": [str(draft.pk)]}, headers=HTMX)
    assert hidden.status_code == 422 and not DevelopmentGoal.objects.filter(title="Annat").exists()


def test_a_unit_manager_links_to_the_committees_adopted_goal_through_the_api(world: World) -> None:
    draft, adopted = committee_goals(world)
    school = world.unit("Hagaskolan")
    goal = services.goal_create(actor=None, org_unit=school, title="Fler läser", start_year=YEAR, end_year=YEAR)
    response = api(world, "unit_manager", "patch", f"/goals/{goal.pk}", {"contributes_to": [adopted.pk]})
    assert response.status_code == 200, response.content
    assert links(goal) == [adopted.pk]
    new = {"org_unit": school.pk, "title": "Fler behöriga", "start_year": YEAR, "end_year": YEAR, "contributes_to": [adopted.pk]}
    created = api(world, "unit_manager", "post", "/goals", new)
    assert created.status_code == 201, created.content
    assert api(world, "unit_manager", "patch", f"/goals/{goal.pk}", {"contributes_to": [draft.pk]}).status_code in (403, 404)
    assert links(goal) == [adopted.pk]


def test_goal_005_still_refuses_an_adopted_goal_that_is_not_above(world: World) -> None:
    care = world.unit("Omsorgsnämnden")
    other = services.goal_create(actor=None, org_unit=care, title="Trygg omsorg", start_year=YEAR, end_year=YEAR)
    services.goal_adopt(actor=None, goal=other)
    goal = services.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Fler läser", start_year=YEAR, end_year=YEAR)
    response = api(world, "unit_manager", "patch", f"/goals/{goal.pk}", {"contributes_to": [other.pk]})
    assert response.status_code == 422 and response.json()["code"] == "GOAL-005"
    assert links(goal) == []
    page = world.client("unit_manager").get(f"/enheter/{world.unit('Hagaskolan').pk}/plan/{YEAR}/?flik=utveckling&redigera=utvecklingsmal-new").content.decode()
    assert "Trygg omsorg" not in page  # the form offers only goals above


def test_the_history_does_not_show_the_title_of_a_linked_goal_the_reader_cannot_see(world: World) -> None:
    """The audit keeps every link (hidden ones too); the history shows a link's title only to those
    who may see it: the adopted goal by its title, the committee's draft not at all."""
    draft, adopted = committee_goals(world)
    goal = services.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Fler läser", start_year=YEAR, end_year=YEAR, contributes_to=[draft])
    response = api(world, "unit_manager", "patch", f"/goals/{goal.pk}", {"contributes_to": [adopted.pk]})
    assert response.status_code == 200, response.content
    page = world.client("unit_manager").get(f"/mal/{goal.pk}/").content.decode()
    history = page.split('id="history"')[-1] if 'id="history"' in page else page
    assert "Alla elever når målen" in history
    assert "Utkast: läsförståelse" not in page
    assert "Utkast: läsförståelse" in world.client("ks_controller").get(f"/mal/{goal.pk}/").content.decode()


def test_a_plan_document_names_only_the_linked_goals_its_reader_may_see(world: World) -> None:
    """The plan's content for the PDF, Word, the comparison and the API: the committee's draft is
    named to those who see it, never to the unit manager, and never in what an adoption freezes."""
    from styr.documents.builders import plan_content_build

    draft, adopted = committee_goals(world)
    school = world.unit("Hagaskolan")
    services.goal_create(actor=None, org_unit=school, title="Fler läser", start_year=YEAR, end_year=YEAR, contributes_to=[draft, adopted])

    def linked(reader: Any) -> list[str]:
        content = plan_content_build(unit=school, year=YEAR, reader=reader)
        return [title for goal in content["sections"]["goals"] for title in goal["contributes_to"]]

    assert linked(world.users["unit_manager"]) == ["Alla elever når målen"]
    assert sorted(linked(world.users["ks_controller"])) == sorted(["Alla elever når målen", "Utkast: läsförståelse"])
    assert linked(None) == ["Alla elever når målen"]
