"""Choosing people and Agenda 2030 targets in the plan's forms (issue 8, §5 "Choosing people and
targets"): the owner and deputy fields offer the people with a role on the unit or below it (not
outsiders, not people of other units or groups), and the forms tag the 169 targets with a picker
grouped by goal, saved through the services and audited."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model

from styr.core.models import AuditEvent
from styr.domain.presets import load_preset_file
from styr.organisation.models import OrgUnit
from styr.organisation.services import group_load_preset, role_assign
from styr.planning import services
from styr.planning.models import DevelopmentGoal, QualityIndicator, SustainabilityGoal, SustainabilityTarget
from tests.conftest import EXEMPELBY, TODAY, YEAR, World

HTMX = {"HX-Request": "true", "HX-Target": "plan-panel"}


def plan_url(world: World, unit: str = "Utbildningsnämnden") -> str:
    return f"/enheter/{world.unit(unit).pk}/plan/{YEAR}/"


def offered(html: str, select_id: str) -> set[str]:
    select = re.search(rf'<select name="\w+"[^>]*id="{re.escape(select_id)}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, select_id
    return {label.strip() for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1)) if value}


def _other_group_person() -> Any:
    group, _ = group_load_preset(actor=None, preset=load_preset_file(EXEMPELBY), today=TODAY)
    stranger = get_user_model().objects.create_user(username="stranger", first_name="Stranger From Exempelby")
    role_assign(actor=None, user=stranger, org_unit=OrgUnit.objects.filter(group=group).order_by("pk")[0], role="OFFICIAL")
    return stranger


def test_owner_and_deputy_offer_exactly_the_people_with_a_role_on_the_unit_or_below(world: World) -> None:
    _other_group_person()
    factor = services.quality_factor_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Trygghet")
    html = world.client("ks_controller").get(f"{plan_url(world)}?flik=kvalitet").content.decode()
    eligible = {"Committee Politician", "Administration Official", "Unit Manager"}
    for field in ("owner", "deputy"):
        assert offered(html, f"kvalitetsindikator-new-{factor.pk}-{field}") == eligible
    # a unit further down offers only its own subtree
    services.quality_factor_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Studiero")
    html = world.client("unit_manager").get(f"{plan_url(world, 'Hagaskolan')}?flik=kvalitet").content.decode()
    factor = world.unit("Hagaskolan").quality_factors.get()  # type: ignore[attr-defined]
    assert offered(html, f"kvalitetsindikator-new-{factor.pk}-owner") == {"Unit Manager"}


def test_the_person_search_box_is_there_for_the_script_and_hidden_without_it(world: World) -> None:
    goal = services.goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Alla elever når målen", start_year=YEAR, end_year=YEAR)
    html = world.client("ks_controller").get(f"{plan_url(world)}?flik=aktiviteter").content.decode()
    assert goal.title in html
    assert re.search(
        r'<input type="search"[^>]*id="aktivitet-new-owner-filter"[^>]*data-filter-select="aktivitet-new-owner"[^>]*aria-label="[^"]+"[^>]*hidden>', html
    )
    assert "styr/pickers" in html


def test_an_outsider_or_a_person_of_another_group_cannot_be_named_owner(world: World) -> None:
    stranger = _other_group_person()
    goal = services.goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Alla elever når målen", start_year=YEAR, end_year=YEAR)
    client = world.client("ks_controller")
    for person in (world.users["outsider"], stranger, world.users["other_committee_politician"]):
        posted = {
            "parent": f"goal-{goal.pk}",
            "title": "Rastvärdar",
            "start_date": f"{YEAR}-01-10",
            "end_date": f"{YEAR}-06-10",
            "status": "planned",
            "owner": person.pk,
        }  # type: ignore[attr-defined]
        response = client.post(f"{plan_url(world)}aktivitet/ny/", posted, headers=HTMX)
        assert response.status_code == 422
    assert not goal.activities.exists()  # type: ignore[attr-defined]
    posted["owner"] = world.users["unit_manager"].pk
    assert client.post(f"{plan_url(world)}aktivitet/ny/", posted, headers=HTMX).status_code == 200
    assert goal.activities.get().owner == world.users["unit_manager"]  # type: ignore[attr-defined]


def test_whoever_holds_an_item_now_stays_offered_when_it_is_changed(world: World) -> None:
    goal = services.goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Alla elever når målen", start_year=YEAR, end_year=YEAR)
    activity = services.activity_create(
        actor=None, goal=goal, title="Rastvärdar", start_date=date(YEAR, 1, 10), end_date=date(YEAR, 6, 10), owner=world.users["ks_controller"]
    )
    html = world.client("ks_controller").get(f"{plan_url(world)}?flik=aktiviteter&redigera=aktivitet-{activity.pk}", headers=HTMX).content.decode()
    assert "Ks Controller" in offered(html, f"aktivitet-{activity.pk}-owner")


def test_the_agenda_picker_groups_the_169_targets_by_goal_with_a_filter(world: World) -> None:
    services.quality_factor_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Trygghet")
    html = world.client("ks_controller").get(f"{plan_url(world)}?flik=grunduppdrag").content.decode()
    picker = html[html.index('class="agenda-picker"') :]
    picker = picker[: picker.index("</form>")]
    assert picker.count('<details class="agenda-picker-goal"') == 17
    assert len(re.findall(r'type="checkbox" name="agenda" value="t\d+"', picker)) == SustainabilityTarget.objects.count() == 169
    assert len(re.findall(r'type="checkbox" name="agenda" value="g\d+"', picker)) == 17
    assert re.search(r'<input type="search"[^>]*data-filter-choices="[^"]+"[^>]*hidden>', picker)
    assert "<select" not in picker and "<legend" in picker


def test_a_quality_indicator_is_tagged_with_a_target_through_the_form_and_it_is_audited(world: World) -> None:
    factor = services.quality_factor_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Trygghet")
    target = SustainabilityTarget.objects.get(code="4.1")
    sdg = SustainabilityGoal.objects.get(number=16)
    posted = {"parent": factor.pk, "name": "Andel trygga elever", "direction": "higher", "source": "manual", "frequency": "yearly"}
    response = world.client("ks_controller").post(
        f"{plan_url(world)}kvalitetsindikator/ny/", {**posted, "agenda": [f"t{target.pk}", f"g{sdg.pk}"]}, headers=HTMX
    )
    assert response.status_code == 200
    indicator = QualityIndicator.objects.get(name="Andel trygga elever")
    assert list(indicator.sustainability_targets.all()) == [target]
    assert list(indicator.sustainability_goals.all()) == [sdg]
    event = AuditEvent.objects.get(action="quality_indicator.created", object_id=str(indicator.pk))
    assert event.after is not None and event.after["sustainability_targets"] == [target.pk]
    # the edit form shows it ticked, inside an opened goal
    html = world.client("ks_controller").get(f"{plan_url(world)}?flik=kvalitet&redigera=kvalitetsindikator-{indicator.pk}", headers=HTMX).content.decode()
    assert re.search(rf'value="t{target.pk}"[^>]*checked', html)


def test_a_development_goal_is_tagged_and_untagged_with_targets_and_the_history_names_them(world: World) -> None:
    client = world.client("ks_controller")
    target = SustainabilityTarget.objects.get(code="4.1")
    other = SustainabilityTarget.objects.get(code="4.2")
    posted = {"title": "Alla elever når målen", "start_year": YEAR, "end_year": YEAR, "measurable": "on", "agenda": [f"t{target.pk}", f"t{other.pk}"]}
    assert client.post(f"{plan_url(world)}utvecklingsmal/ny/", posted, headers=HTMX).status_code == 200
    goal = DevelopmentGoal.objects.get(title="Alla elever når målen")
    assert set(goal.sustainability_targets.all()) == {target, other}
    response = client.post(f"{plan_url(world)}utvecklingsmal/{goal.pk}/", {**posted, "agenda": [f"t{other.pk}"]}, headers=HTMX)
    assert response.status_code == 200
    assert list(goal.sustainability_targets.all()) == [other]
    event = AuditEvent.objects.filter(action="goal.updated", object_id=str(goal.pk)).get()
    assert event.after is not None and event.after["sustainability_targets"] == [other.pk]
    history = world.client("auditor").get(f"/mal/{goal.pk}/").content.decode().split('id="history-heading"')[1]
    assert "4.2 " in history


def test_the_councils_forms_offer_the_whole_group_but_not_the_auditors(world: World) -> None:
    factor = services.quality_factor_create(actor=None, org_unit=world.unit("Kommunfullmäktige"), title="Demokrati")
    html = world.client("ks_controller").get(f"{plan_url(world, 'Kommunfullmäktige')}?flik=kvalitet").content.decode()
    people = offered(html, f"kvalitetsindikator-new-{factor.pk}-owner")
    assert {"Council Chair", "Ks Controller", "Unit Manager", "Other Committee Politician", "Administrator"} <= people
    assert "Auditor" not in people and "Outsider" not in people
