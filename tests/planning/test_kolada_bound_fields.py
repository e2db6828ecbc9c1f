"""A quality indicator given a Kolada KPI id through its own form, service or API (not the bind
action) is bound as the bind action binds it: it keeps the KPI's hash, so a changed definition
flags it for review (KOLADA-004); an id not in the catalogue is refused (KOLADA-010); a changed id
re-binds and a cleared one unbinds."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from django.test import Client

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.core.services import api_token_create
from styr.domain.errors import RuleViolation
from styr.planning.models import QualityFactor, QualityIndicator
from styr.planning.selectors_kolada import binding, indicators_to_review
from styr.planning.services import quality_factor_create, quality_indicator_create, quality_indicator_update
from styr.planning.services.kolada import kolada_catalogue_store
from tests.conftest import YEAR, World
from tests.planning.kolada_world import KPI, OTHER, kolada_catalogue

KOLADA = {"name": "Behöriga", "direction": "higher", "source": "kolada", "frequency": "yearly"}


@pytest.fixture
def factor(world: World) -> QualityFactor:
    return quality_factor_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Trygghet")


def _drift() -> None:
    kolada_catalogue_store(actor=None, kpis=[dataclasses.replace(KPI, description="Ändrad definition.")])


def call(world: World, persona: str, method: str, path: str, body: Any) -> Any:
    _token, raw = api_token_create(actor=None, user=world.users[persona])
    return getattr(Client(), method)(f"/api/v1{path}", data=json.dumps(body), content_type="application/json", headers={"Authorization": f"Bearer {raw}"})


def test_kolada_004_a_quality_indicator_created_with_a_kpi_keeps_its_hash_and_is_flagged_when_the_definition_changes(
    world: World, factor: QualityFactor
) -> None:
    kolada_catalogue(world)
    controller = world.users["ks_controller"]
    indicator = quality_indicator_create(actor=controller, factor=factor, kolada_kpi=f" {KPI.id} ", **KOLADA)
    stored = QualityIndicator.objects.get(pk=indicator.pk)
    assert (stored.kolada_kpi, stored.kolada_hash) == (KPI.id, KPI.metadata_hash())
    assert AuditEvent.objects.get(action="quality_indicator.created", object_id=str(indicator.pk)).after["kolada_hash"] == KPI.metadata_hash()
    found = binding(stored)
    assert found is not None and not found.needs_review
    _drift()
    found = binding(stored)
    assert found is not None and found.needs_review
    assert [(r.kind, r.indicator.pk) for r in indicators_to_review(controller)] == [("quality", indicator.pk)]


def test_kolada_004_editing_the_name_keeps_the_reviewed_hash_a_changed_kpi_rebinds_a_cleared_one_unbinds(world: World, factor: QualityFactor) -> None:
    kolada_catalogue(world)
    controller = world.users["ks_controller"]
    indicator = quality_indicator_create(actor=controller, factor=factor, kolada_kpi=KPI.id, **KOLADA)
    reviewed = KPI.metadata_hash()
    _drift()
    renamed = quality_indicator_update(actor=controller, indicator=indicator, name="Behöriga elever", kolada_kpi=KPI.id)
    assert QualityIndicator.objects.get(pk=indicator.pk).kolada_hash == reviewed  # editing never accepts the changed definition
    found = binding(renamed)
    assert found is not None and found.needs_review
    quality_indicator_update(actor=controller, indicator=renamed, kolada_kpi=OTHER.id)
    stored = QualityIndicator.objects.get(pk=indicator.pk)
    assert (stored.kolada_kpi, stored.kolada_hash) == (OTHER.id, OTHER.metadata_hash())
    event = AuditEvent.objects.filter(action="quality_indicator.updated", object_id=str(indicator.pk)).latest("pk")
    assert event.before["kolada_hash"] == reviewed and event.after["kolada_hash"] == OTHER.metadata_hash()
    quality_indicator_update(actor=controller, indicator=stored, source="manual", kolada_kpi="")
    stored.refresh_from_db()
    assert (stored.source, stored.kolada_kpi, stored.kolada_hash) == ("manual", "", "")


def test_kolada_010_a_kpi_not_in_the_catalogue_is_refused_on_create_and_update_and_nothing_is_written(world: World, factor: QualityFactor) -> None:
    kolada_catalogue(world)
    controller = world.users["ks_controller"]
    events = AuditEvent.objects.count()
    with pytest.raises(RuleViolation) as err:
        quality_indicator_create(actor=controller, factor=factor, kolada_kpi="N99999", **KOLADA)
    assert err.value.code == "KOLADA-010" and err.value.field == "kolada_kpi"
    assert not QualityIndicator.objects.exists() and AuditEvent.objects.count() == events
    indicator = quality_indicator_create(actor=controller, factor=factor, kolada_kpi=KPI.id, **KOLADA)
    events = AuditEvent.objects.count()
    with pytest.raises(RuleViolation) as err:
        quality_indicator_update(actor=controller, indicator=indicator, kolada_kpi="N99999")
    assert err.value.code == "KOLADA-010"
    stored = QualityIndicator.objects.get(pk=indicator.pk)
    assert (stored.kolada_kpi, stored.kolada_hash) == (KPI.id, KPI.metadata_hash()) and AuditEvent.objects.count() == events


def test_an_outsider_is_refused_before_the_kpi_is_looked_at(world: World, factor: QualityFactor) -> None:
    kolada_catalogue(world)
    with pytest.raises(NotAllowed):
        quality_indicator_create(actor=world.users["outsider"], factor=factor, kolada_kpi="N99999", **KOLADA)
    assert not QualityIndicator.objects.exists()


def test_kolada_004_a_kpi_given_before_the_first_catalogue_is_kept_and_the_first_catalogue_flags_it_for_review(world: World, factor: QualityFactor) -> None:
    indicator = quality_indicator_create(actor=world.users["ks_controller"], factor=factor, kolada_kpi=KPI.id, **KOLADA)
    assert (indicator.kolada_kpi, indicator.kolada_hash) == (KPI.id, "")
    kolada_catalogue(world)
    found = binding(indicator)
    assert found is not None and found.needs_review  # the same answer as the review list's
    assert [r.indicator.pk for r in indicators_to_review(world.users["ks_controller"])] == [indicator.pk]


def test_the_plan_form_binds_a_quality_indicator_with_the_kpis_hash_and_refuses_an_unknown_kpi(world: World, factor: QualityFactor) -> None:
    kolada_catalogue(world)
    client = world.client("ks_controller")
    url = f"/enheter/{world.unit('Utbildningsnämnden').pk}/plan/{YEAR}/kvalitetsindikator/ny/"
    refused = client.post(url, {"parent": factor.pk, **KOLADA, "kolada_kpi": "N99999"})
    assert refused.status_code == 422 and "KOLADA-010" in refused.content.decode()
    assert not QualityIndicator.objects.exists()
    client.post(url, {"parent": factor.pk, **KOLADA, "kolada_kpi": KPI.id})
    stored = QualityIndicator.objects.get()
    assert (stored.source, stored.kolada_kpi, stored.kolada_hash) == ("kolada", KPI.id, KPI.metadata_hash())
    assert world.client("outsider").post(url, {"parent": factor.pk, **KOLADA, "kolada_kpi": OTHER.id}).status_code in (403, 404)
    assert QualityIndicator.objects.count() == 1


def test_the_api_binds_a_quality_indicator_with_the_kpis_hash_rebinds_on_patch_and_refuses_an_unknown_kpi(world: World, factor: QualityFactor) -> None:
    kolada_catalogue(world)
    refused = call(world, "ks_controller", "post", "/quality-indicators", {"factor": factor.pk, **KOLADA, "kolada_kpi": "N99999"})
    assert refused.status_code == 422 and refused.json()["code"] == "KOLADA-010"
    assert not QualityIndicator.objects.exists()
    created = call(world, "ks_controller", "post", "/quality-indicators", {"factor": factor.pk, **KOLADA, "kolada_kpi": KPI.id})
    assert created.status_code == 201
    stored = QualityIndicator.objects.get(pk=created.json()["id"])
    assert stored.kolada_hash == KPI.metadata_hash()
    changed = call(world, "ks_controller", "patch", f"/quality-indicators/{stored.pk}", {"kolada_kpi": OTHER.id})
    assert changed.status_code == 200
    stored.refresh_from_db()
    assert (stored.kolada_kpi, stored.kolada_hash) == (OTHER.id, OTHER.metadata_hash())
    assert call(world, "outsider", "patch", f"/quality-indicators/{stored.pk}", {"kolada_kpi": KPI.id}).status_code == 404
    assert QualityIndicator.objects.get(pk=stored.pk).kolada_kpi == OTHER.id
