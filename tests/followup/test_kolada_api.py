"""The Kolada API (issue 13 §1): KPI search (paginated) and detail, municipalities, municipality
groups, the group's settings (GET/PUT, KOLADA-006), syncs started and followed (202, 409
KOLADA-007); tried by a KS controller, a committee politician (reads) and the outsider."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import respx
import time_machine
from django.core.cache import caches
from django.test import Client

from styr.core.models import AuditEvent
from styr.followup import kolada_runs
from styr.followup.kolada import kolada_sync
from styr.followup.models import Measurement, ValueSource
from styr.integrations.kolada import KoladaClient
from styr.planning.models import KoladaSettings
from tests.api.test_api import bearer, token_for
from tests.conftest import World
from tests.followup.kolada_setup import bound_world
from tests.integrations.kolada_answers import kolada_answers

API = "/api/v1/kolada"


@pytest.fixture(autouse=True)
def _mid_2026(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.CACHES = {**settings.CACHES, "progress": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kolada-api-tests"}}
    with time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def catalogue(world: World) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        kolada_answers(mock)
        kolada_sync(actor=None, source=KoladaClient(sleep=lambda s: None), catalogue_only=True)


def get(persona: str, path: str) -> tuple[int, Any]:
    response = Client().get(f"{API}{path}", headers=bearer(token_for(persona)))
    return response.status_code, response.json()


def test_kpis_are_searched_by_title_id_and_area_and_paginated(world: World, catalogue: None) -> None:
    status, body = get("committee_politician", "/kpis?q=invånare")
    assert status == 200 and [k["id"] for k in body["items"]] == ["N01951"]
    assert [k["id"] for k in get("committee_politician", "/kpis?q=n00945")[1]["items"]] == ["N00945"]
    assert [k["id"] for k in get("committee_politician", "/kpis?area=Befolkning")[1]["items"]] == ["N01951"]
    page = get("committee_politician", "/kpis?limit=2&offset=2")[1]
    assert page["count"] == 3 and [k["id"] for k in page["items"]] == ["U28112"]


def test_a_kpi_has_its_definition_and_an_unknown_one_is_404(world: World, catalogue: None) -> None:
    status, body = get("committee_politician", "/kpis/N01951")
    assert status == 200 and body["title"] == "Invånare  totalt, antal" and body["is_divided_by_gender"]
    assert get("committee_politician", "/kpis/X99999")[0] == 404


def test_municipalities_and_the_groups_of_one(world: World, catalogue: None) -> None:
    assert get("committee_politician", "/municipalities")[1]["count"] == 4
    status, groups = get("committee_politician", "/municipality-groups?municipality=0764")
    assert status == 200 and [g["id"] for g in groups] == ["G148310"]
    assert get("committee_politician", "/municipality-groups?municipality=0180")[1] == []


def test_the_outsider_reads_nothing(world: World, catalogue: None) -> None:
    for path in ["/kpis", "/kpis/N00945", "/municipalities", "/municipality-groups", "/settings"]:
        assert get("outsider", path)[0] == 403


def test_a_controller_puts_the_settings_and_anyone_in_the_group_reads_them(world: World, catalogue: None) -> None:
    assert get("ks_controller", "/settings")[0] == 404
    body = {"municipality": "0764", "comparison_group": "G148310", "comparison_municipalities": ["0180"], "first_year": 2020}
    response = Client().put(f"{API}/settings", body, content_type="application/json", headers=bearer(token_for("ks_controller")))
    assert response.status_code == 200 and response.json() == {**body, "version": 2}
    assert KoladaSettings.objects.get(group=world.group).comparison_group == "G148310"
    assert AuditEvent.objects.filter(action="kolada.settings_saved").count() == 1
    assert get("committee_politician", "/settings") == (200, {**body, "version": 2})


def test_kolada_006_settings_kolada_would_not_know_are_422(world: World, catalogue: None) -> None:
    body = {"municipality": "764", "first_year": 2020}
    response = Client().put(f"{API}/settings", body, content_type="application/json", headers=bearer(token_for("ks_controller")))
    assert response.status_code == 422 and response.json()["code"] == "KOLADA-006"
    assert not KoladaSettings.objects.exists()


@pytest.mark.parametrize("persona", ["committee_politician", "outsider"])
def test_others_may_not_put_settings_or_sync(world: World, persona: str) -> None:
    body = {"municipality": "0764", "first_year": 2020}
    assert Client().put(f"{API}/settings", body, content_type="application/json", headers=bearer(token_for(persona))).status_code == 403
    assert Client().post(f"{API}/syncs", headers=bearer(token_for(persona))).status_code == 403
    assert not KoladaSettings.objects.exists()


def test_a_sync_is_started_and_followed(world: World) -> None:
    bound_world(world)
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        kolada_answers(mock)
        response = Client().post(f"{API}/syncs", headers=bearer(token_for("ks_controller")))
    assert response.status_code == 202, response.json()
    run_id = response.json()["id"]
    status, run = get("ks_controller", f"/syncs/{run_id}")
    assert status == 200 and run["state"] == "done" and run["result"]["measurements_written"] == 3
    assert Measurement.objects.filter(source=ValueSource.KOLADA).count() == 3
    assert get("ks_controller", "/syncs/abc123")[0] == 404
    assert get("committee_politician", f"/syncs/{run_id}")[0] == 403


def test_kolada_007_a_second_sync_while_one_runs_is_409(world: World) -> None:
    bound_world(world)
    kolada_runs.run_update("feed", id="feed", group=world.group.pk, state=kolada_runs.RUNNING)
    caches["progress"].set(f"kolada-sync-running:{world.group.pk}", "feed")
    response = Client().post(f"{API}/syncs", headers=bearer(token_for("ks_controller")))
    assert response.status_code == 409 and response.json()["code"] == "KOLADA-007"
