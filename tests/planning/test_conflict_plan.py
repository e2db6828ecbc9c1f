"""EDIT-001 on the plan page: two people open the same item's in-place form and both save. The
second is refused with 409 and both versions side by side; nothing stored changes and no audit
event is written. Saving again from the conflict (with the saved version) is a conscious override."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models
from django.test import Client

from styr.core.models import AuditEvent
from styr.planning.models import Activity, CoreMission, DevelopmentGoal, QualityIndicator
from tests.conftest import World
from tests.core.test_conflicts import Posted, changed, read_form
from tests.planning.test_plan_pages import HTMX, body, fill_plan, item_url, plan_url

FIRST, SECOND = "ks_controller", "committee_politician"
#: the controller in two browsers, for the parts of the plan the politicians do not write
BOTH_CONTROLLER = (FIRST, FIRST)


def open_form(client: Client, world: World, tab: str, key: str) -> Posted:
    html = body(client.get(f"{plan_url(world)}?flik={tab}&redigera={key}"))
    return read_form(html, f"form-{key}")


def events(obj: models.Model) -> int:
    return AuditEvent.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name).count()


def stale_second_save(
    world: World, *, kind: str, tab: str, obj: models.Model, field: str, first: str, second: str, htmx: bool, writers: tuple[str, str] = (FIRST, SECOND)
) -> tuple[Any, Client, Posted]:
    """Both open the form; the first saves; the second saves over the version it read."""
    one, two = world.client(writers[0]), world.client(writers[1])
    key = f"{kind}-{obj.pk}"
    form_one, form_two = open_form(one, world, tab, key), open_form(two, world, tab, key)
    assert form_one["version"] == form_two["version"] == [str(obj.version)]  # type: ignore[attr-defined]
    saved = one.post(item_url(world, kind, obj.pk), changed(form_one, **{field: first}))
    assert saved.status_code == 302
    headers = HTMX if htmx else {}
    return two.post(item_url(world, kind, obj.pk), changed(form_two, **{field: second}), headers=headers), two, form_two


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_the_second_save_of_a_development_goal_is_refused_and_shows_both_versions(world: World, htmx: bool) -> None:
    goal = fill_plan(world).goal
    response, _, _ = stale_second_save(
        world, kind="utvecklingsmal", tab="utveckling", obj=goal, field="title", first="Alla elever når kunskapsmålen", second="Alla elever trivs", htmx=htmx
    )
    html = body(response)
    assert response.status_code == 409
    stored = DevelopmentGoal.objects.get(pk=goal.pk)
    assert stored.title == "Alla elever når kunskapsmålen" and stored.version == goal.version + 1
    assert events(goal) == 1 + 1  # created, then the first save: nothing of the second
    assert ("<html" in html) is not htmx
    assert 'role="alert"' in html and "EDIT-001" in html
    assert "Din version" in html and "Sparad version" in html and "Använd sparad version" in html
    assert "<caption" in html
    assert '<th scope="row">Mål</th><td>Alla elever trivs</td><td>Alla elever når kunskapsmålen</td>' in html
    form = read_form(html, f"form-utvecklingsmal-{goal.pk}")
    assert form["title"] == ["Alla elever trivs"]  # the person's own values are kept
    assert form["version"] == [str(stored.version)]  # the saved version: saving again overrides consciously


def test_saving_again_from_the_conflict_replaces_the_saved_version(world: World) -> None:
    goal = fill_plan(world).goal
    response, two, _ = stale_second_save(world, kind="utvecklingsmal", tab="utveckling", obj=goal, field="title", first="Först", second="Sedan", htmx=True)
    again = read_form(body(response), f"form-utvecklingsmal-{goal.pk}")
    response = two.post(item_url(world, "utvecklingsmal", goal.pk), again, headers=HTMX)
    assert response.status_code == 200
    stored = DevelopmentGoal.objects.get(pk=goal.pk)
    assert stored.title == "Sedan" and stored.version == goal.version + 2
    assert AuditEvent.objects.filter(action="goal.updated", object_id=str(goal.pk)).count() == 2


def test_use_the_saved_version_reloads_the_form_with_the_saved_values(world: World) -> None:
    goal = fill_plan(world).goal
    response, two, _ = stale_second_save(world, kind="utvecklingsmal", tab="utveckling", obj=goal, field="title", first="Först", second="Sedan", htmx=False)
    link = f"{plan_url(world)}?flik=utveckling&amp;redigera=utvecklingsmal-{goal.pk}"
    assert f'href="{link}"' in body(response)
    form = open_form(two, world, "utveckling", f"utvecklingsmal-{goal.pk}")
    assert form["title"] == ["Först"] and form["version"] == [str(goal.version + 1)]


def test_a_fresh_save_of_a_goal_is_saved_and_raises_its_version(world: World) -> None:
    goal = fill_plan(world).goal
    client = world.client(FIRST)
    form = open_form(client, world, "utveckling", f"utvecklingsmal-{goal.pk}")
    response = client.post(item_url(world, "utvecklingsmal", goal.pk), changed(form, title="Nytt namn"), headers=HTMX)
    assert response.status_code == 200
    stored = DevelopmentGoal.objects.get(pk=goal.pk)
    assert stored.title == "Nytt namn" and stored.version == goal.version + 1
    assert AuditEvent.objects.filter(action="goal.updated", object_id=str(goal.pk)).exists()


def test_a_stale_quality_indicator_is_refused(world: World) -> None:
    fill_plan(world)
    indicator = QualityIndicator.objects.get(name="Andel trygga elever")
    before = events(indicator)
    first, second = "Andel elever som känner sig trygga", "Trygga elever"
    response, _, _ = stale_second_save(
        world, kind="kvalitetsindikator", tab="kvalitet", obj=indicator, field="name", first=first, second=second, htmx=True, writers=BOTH_CONTROLLER
    )
    assert response.status_code == 409 and "EDIT-001" in body(response)
    assert QualityIndicator.objects.get(pk=indicator.pk).name == "Andel elever som känner sig trygga"
    assert events(indicator) == before + 1


def test_a_stale_activity_is_refused(world: World) -> None:
    fill_plan(world)
    activity = Activity.objects.get(title="Rastvärdar")
    before = events(activity)
    response, _, _ = stale_second_save(
        world, kind="aktivitet", tab="aktiviteter", obj=activity, field="title", first="Rastvakter", second="Rastlekar", htmx=False, writers=BOTH_CONTROLLER
    )
    html = body(response)
    assert response.status_code == 409 and "EDIT-001" in html
    assert "<td>Rastlekar</td><td>Rastvakter</td>" in html
    assert Activity.objects.get(pk=activity.pk).title == "Rastvakter"
    assert events(activity) == before + 1


def test_a_stale_core_mission_is_refused(world: World) -> None:
    fill_plan(world)
    mission = CoreMission.objects.get(org_unit=world.unit("Utbildningsnämnden"))
    one, two = world.client(FIRST), world.client(FIRST)  # the controller in two browsers: the core mission is the administration's text
    form_one, form_two = (open_form(c, world, "grunduppdrag", "grunduppdrag") for c in (one, two))
    assert one.post(item_url(world, "grunduppdrag"), changed(form_one, serves="Barn, elever och vårdnadshavare")).status_code == 302
    before = events(mission)
    response = two.post(item_url(world, "grunduppdrag"), changed(form_two, serves="Elever"), headers=HTMX)
    assert response.status_code == 409 and "EDIT-001" in body(response)
    assert CoreMission.objects.get(pk=mission.pk).serves == "Barn, elever och vårdnadshavare"
    assert events(mission) == before


def test_a_form_posted_without_a_version_is_saved_as_before(world: World) -> None:
    """A form that posts no version (an old page, a script) is not checked: the API's If-Match is optional too."""
    goal = fill_plan(world).goal
    client = world.client(FIRST)
    form = open_form(client, world, "utveckling", f"utvecklingsmal-{goal.pk}")
    assert client.post(item_url(world, "utvecklingsmal", goal.pk), changed(form, title="Först")).status_code == 302
    del form["version"]
    response = client.post(item_url(world, "utvecklingsmal", goal.pk), changed(form, title="Utan version"))
    assert response.status_code == 302 and DevelopmentGoal.objects.get(pk=goal.pk).title == "Utan version"


def test_an_outsider_is_refused_before_the_version_is_looked_at(world: World) -> None:
    goal = fill_plan(world).goal
    form = open_form(world.client(FIRST), world, "utveckling", f"utvecklingsmal-{goal.pk}")
    response = world.client("outsider").post(item_url(world, "utvecklingsmal", goal.pk), changed(form, title="Kapad", version="999"))
    assert response.status_code in {403, 404}
    assert DevelopmentGoal.objects.get(pk=goal.pk).title == goal.title
