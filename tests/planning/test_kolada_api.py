"""Kolada on indicators through the API (issue 13 §1): bind, unbind and review goal and quality
indicators, an indicator's comparison, and the indicators to review; the goal indicator's own
answer carries its KPI and whether it needs a review."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from django.test import Client

from styr.core.models import AuditEvent
from styr.core.services import api_token_create
from styr.planning.models import GoalIndicator, QualityIndicator
from styr.planning.services import quality_factor_create, quality_indicator_create
from styr.planning.services.kolada import kolada_catalogue_store
from tests.conftest import YEAR, World
from tests.planning.kolada_world import KPI, kolada_catalogue, kolada_goal, kolada_settings_for_tests


def call(world: World, persona: str, method: str, path: str, body: Any = None) -> Any:
    _token, raw = api_token_create(actor=None, user=world.users[persona])
    data = json.dumps(body) if body is not None else None
    return getattr(Client(), method)(f"/api/v1{path}", data=data, content_type="application/json", headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def kolada(world: World) -> World:
    kolada_catalogue(world)
    kolada_settings_for_tests(world)
    return world


def test_a_goal_indicator_is_bound_compared_flagged_reviewed_and_unbound(kolada: World) -> None:
    _goal, indicator = kolada_goal(kolada)
    path = f"/goal-indicators/{indicator.pk}/kolada"
    bound = call(kolada, "ks_controller", "put", path, {"kpi_id": KPI.id})
    assert bound.status_code == 200
    assert bound.json()["kolada_kpi"] == KPI.id and bound.json()["unit"] == "%" and bound.json()["title"] == KPI.title
    assert GoalIndicator.objects.get(pk=indicator.pk).kolada_hash == KPI.metadata_hash()
    assert AuditEvent.objects.filter(action="goal_indicator.kolada_bound").count() == 1
    shown = call(kolada, "ks_controller", "get", f"/goal-indicators/{indicator.pk}").json()
    assert shown["kolada_kpi"] == KPI.id and shown["needs_review"] is False

    compared = call(kolada, "committee_politician", "get", f"{path}/comparison")
    assert compared.status_code == 200
    year = compared.json()["years"][0]
    assert compared.json()["source"] == "Kolada" and compared.json()["divided_by_gender"] is True
    assert year["year"] == YEAR - 1 and year["own"] == "80.5000" and year["own_women"] == "83.1000"
    assert year["group"]["count"] == 4 and year["group"]["median"] == "86.6000" and year["chosen"][0]["name"] == "Ljungby"

    kolada_catalogue_store(actor=None, kpis=[dataclasses.replace(KPI, description="Ändrad.")])
    assert call(kolada, "ks_controller", "get", f"/goal-indicators/{indicator.pk}").json()["needs_review"] is True
    listed = call(kolada, "ks_controller", "get", "/kolada/indicators-to-review").json()
    assert [(r["kind"], r["indicator_id"]) for r in listed] == [("goal", indicator.pk)]
    assert call(kolada, "other_committee_politician", "get", "/kolada/indicators-to-review").json() == []
    reviewed = call(kolada, "ks_controller", "post", f"{path}/review")
    assert reviewed.status_code == 200 and reviewed.json()["needs_review"] is False
    assert AuditEvent.objects.filter(action="goal_indicator.kolada_reviewed").count() == 1

    unbound = call(kolada, "ks_controller", "delete", path)
    assert unbound.status_code == 200 and unbound.json()["kolada_kpi"] == ""
    assert GoalIndicator.objects.get(pk=indicator.pk).kolada_kpi == ""
    not_bound = call(kolada, "ks_controller", "get", f"{path}/comparison")
    assert not_bound.status_code == 422 and not_bound.json()["code"] == "KOLADA-012"


def test_kolada_010_and_011_answer_422_with_the_rule_and_write_nothing(kolada: World) -> None:
    _goal, indicator = kolada_goal(kolada)
    path = f"/goal-indicators/{indicator.pk}/kolada"
    refused = call(kolada, "ks_controller", "put", path, {"kpi_id": "N00000"})
    assert refused.status_code == 422 and refused.json()["code"] == "KOLADA-010"
    review = call(kolada, "ks_controller", "post", f"{path}/review")
    assert review.status_code == 422 and review.json()["code"] == "KOLADA-011"
    assert not AuditEvent.objects.filter(action__startswith="goal_indicator.kolada_").exists() and GoalIndicator.objects.get(pk=indicator.pk).kolada_kpi == ""


@pytest.mark.parametrize(("persona", "status"), [("other_committee_politician", 404), ("outsider", 404), ("auditor", 403)])
def test_binding_through_the_api_is_refused_out_of_scope(kolada: World, persona: str, status: int) -> None:
    _goal, indicator = kolada_goal(kolada)
    response = call(kolada, persona, "put", f"/goal-indicators/{indicator.pk}/kolada", {"kpi_id": KPI.id})
    assert response.status_code == status
    assert GoalIndicator.objects.get(pk=indicator.pk).kolada_kpi == ""


def test_a_quality_indicator_is_bound_and_unbound_through_the_api(kolada: World) -> None:
    factor = quality_factor_create(actor=None, org_unit=kolada.unit("Utbildningsnämnden"), title="Trygghet")
    indicator = quality_indicator_create(actor=None, factor=factor, name="Behöriga", direction="higher")
    path = f"/quality-indicators/{indicator.pk}/kolada"
    assert call(kolada, "committee_politician", "put", path, {"kpi_id": KPI.id}).status_code == 403
    bound = call(kolada, "ks_controller", "put", path, {"kpi_id": KPI.id})
    assert bound.status_code == 200 and bound.json()["kind"] == "quality"
    assert QualityIndicator.objects.get(pk=indicator.pk).source == "kolada"
    assert call(kolada, "ks_controller", "post", f"{path}/review").status_code == 200
    assert call(kolada, "ks_controller", "delete", path).status_code == 200
    assert QualityIndicator.objects.get(pk=indicator.pk).source == "manual"
    assert AuditEvent.objects.filter(action__startswith="quality_indicator.kolada_").count() == 3
