"""The plan page (issue 14 §2): "Avsluta" beside "Ta bort"; a refused removal shows the rule and
opens the end form; an ended item stays on the page marked "Avslutad <datum>: <skäl>"."""

from __future__ import annotations

from datetime import date

from styr.core.models import AuditEvent
from styr.planning.models import DevelopmentGoal, QualityFactor
from tests.conftest import YEAR, World
from tests.planning.delete_setup import COMMITTEE, followed

HTMX = {"HX-Request": "true", "HX-Target": "plan-panel"}


def url(world: World, kind: str, pk: int, verb: str) -> str:
    return f"/enheter/{world.unit(COMMITTEE).pk}/plan/{YEAR}/{kind}/{pk}/{verb}/"


def test_a_refused_removal_shows_the_rule_and_offers_ending(world: World) -> None:
    data = followed(world)
    response = world.client("ks_controller").post(url(world, "kvalitetsfaktor", data.factor.pk, "ta-bort"), headers=HTMX)
    assert response.status_code == 422
    page = response.content.decode()
    assert "DEL-001" in page and 'id="plan-error"' in page
    assert f'id="kvalitetsfaktor-{data.factor.pk}-end-hint"' in page  # the end form is open beside it
    assert f'action="{url(world, "kvalitetsfaktor", data.factor.pk, "avsluta")}"' in page
    assert QualityFactor.objects.filter(pk=data.factor.pk).exists() and not AuditEvent.objects.filter(action="quality_factor.deleted").exists()


def test_ending_a_goal_on_the_page_stores_records_and_marks_it(world: World) -> None:
    data = followed(world)
    client = world.client("ks_controller")
    tab = client.get(f"/enheter/{world.unit(COMMITTEE).pk}/plan/{YEAR}/?flik=utveckling").content.decode()
    assert f'id="end-utvecklingsmal-{data.goal.pk}"' in tab
    response = client.post(url(world, "utvecklingsmal", data.goal.pk, "avsluta"), {"ended_on": f"{YEAR}-06-30", "end_reason": "Ersatt"}, headers=HTMX)
    assert response.status_code == 200, response.content.decode()[:2000]
    page = response.content.decode()
    assert "Avslutad 2026-06-30: Ersatt" in page and f'id="ended-utvecklingsmal-{data.goal.pk}"' in page
    assert f'id="end-utvecklingsmal-{data.goal.pk}"' not in page  # not offered twice
    assert DevelopmentGoal.objects.get(pk=data.goal.pk).ended_on == date(YEAR, 6, 30)
    assert AuditEvent.objects.filter(action="goal.ended", object_id=str(data.goal.pk)).count() == 1
    reader = world.client("auditor").get(f"/enheter/{world.unit(COMMITTEE).pk}/plan/{YEAR}/?flik=utveckling").content.decode()
    assert "Avslutad 2026-06-30: Ersatt" in reader  # in the history for every reader, for the year it lived


def test_each_endable_kind_is_ended_on_the_page(world: World) -> None:
    data = followed(world)
    client = world.client("ks_controller")
    for kind, item in [("kvalitetsfaktor", data.factor), ("kvalitetsindikator", data.quality), ("uppdrag", data.assignment), ("aktivitet", data.activity)]:
        response = client.post(url(world, kind, item.pk, "avsluta"), {"ended_on": f"{YEAR}-05-31", "end_reason": "Utgår"})
        assert response.status_code == 302, kind
        assert type(item)._default_manager.get(pk=item.pk).end_reason == "Utgår"
    assert AuditEvent.objects.filter(action__endswith=".ended").count() == 4


def test_an_end_without_a_reason_shows_del_004_and_stores_nothing(world: World) -> None:
    data = followed(world)
    response = world.client("ks_controller").post(url(world, "utvecklingsmal", data.goal.pk, "avsluta"), {"ended_on": f"{YEAR}-06-30"}, headers=HTMX)
    assert response.status_code == 422 and "DEL-004" in response.content.decode()
    assert DevelopmentGoal.objects.get(pk=data.goal.pk).ended_on is None


def test_the_end_form_is_refused_to_a_reader_and_to_the_outsider(world: World) -> None:
    data = followed(world)
    body = {"ended_on": f"{YEAR}-06-30", "end_reason": "Ersatt"}
    assert world.client("auditor").post(url(world, "utvecklingsmal", data.goal.pk, "avsluta"), body).status_code == 403
    assert world.client("outsider").post(url(world, "utvecklingsmal", data.goal.pk, "avsluta"), body).status_code in (403, 404)
    tab = world.client("auditor").get(f"/enheter/{world.unit(COMMITTEE).pk}/plan/{YEAR}/?flik=utveckling").content.decode()
    assert f'id="end-utvecklingsmal-{data.goal.pk}"' not in tab
    assert DevelopmentGoal.objects.get(pk=data.goal.pk).ended_on is None and not AuditEvent.objects.filter(action="goal.ended").exists()
