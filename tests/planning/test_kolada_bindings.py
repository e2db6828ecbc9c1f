"""Binding indicators to Kolada KPIs (issue 13 §1): the services, their permission, audit and
rules (KOLADA-010, KOLADA-011), and the review of a changed definition (KOLADA-004)."""

from __future__ import annotations

import dataclasses

import pytest

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.planning.models import GoalIndicator, QualityIndicator
from styr.planning.selectors_kolada import binding, indicators_to_review, kpi_search
from styr.planning.services import quality_factor_create, quality_indicator_create
from styr.planning.services.kolada import kolada_catalogue_store
from styr.planning.services.kolada_bindings import indicator_kolada_bind, indicator_kolada_review, indicator_kolada_unbind
from tests.conftest import World
from tests.planning.kolada_world import KPI, kolada_catalogue, kolada_goal


@pytest.fixture
def kolada(world: World) -> World:
    kolada_catalogue(world)
    return world


def _quality(world: World) -> QualityIndicator:
    factor = quality_factor_create(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), title="Trygghet")
    return quality_indicator_create(actor=world.users["ks_controller"], factor=factor, name="Behöriga", direction="higher")


def test_a_controller_binds_a_goal_indicator_and_the_kpis_hash_is_kept_and_audited(kolada: World) -> None:
    _goal, indicator = kolada_goal(kolada)
    indicator_kolada_bind(actor=kolada.users["ks_controller"], indicator=indicator, kpi_id=KPI.id)
    stored = GoalIndicator.objects.get(pk=indicator.pk)
    assert (stored.kolada_kpi, stored.kolada_hash) == (KPI.id, KPI.metadata_hash())
    event = AuditEvent.objects.get(action="goal_indicator.kolada_bound", object_id=str(indicator.pk))
    assert event.actor == kolada.users["ks_controller"] and event.org_unit == kolada.unit("Utbildningsnämnden")
    assert event.before["kolada_kpi"] == "" and event.after["kolada_kpi"] == KPI.id
    shown = binding(stored)
    assert shown is not None and shown.unit == "%" and shown.title == KPI.title and not shown.needs_review
    assert shown.url == "https://www.kolada.se/verktyg/fri-sokning/?kpis=N15419"


def test_binding_a_quality_indicator_makes_kolada_its_source(kolada: World) -> None:
    indicator = _quality(kolada)
    indicator_kolada_bind(actor=kolada.users["ks_controller"], indicator=indicator, kpi_id=KPI.id)
    stored = QualityIndicator.objects.get(pk=indicator.pk)
    assert (stored.source, stored.kolada_kpi, stored.kolada_hash) == ("kolada", KPI.id, KPI.metadata_hash())
    assert AuditEvent.objects.filter(action="quality_indicator.kolada_bound", object_id=str(indicator.pk)).count() == 1
    indicator_kolada_unbind(actor=kolada.users["ks_controller"], indicator=stored)
    stored.refresh_from_db()
    assert (stored.source, stored.kolada_kpi, stored.kolada_hash) == ("manual", "", "")
    assert AuditEvent.objects.filter(action="quality_indicator.kolada_unbound").count() == 1


@pytest.mark.parametrize("persona", ["other_committee_politician", "unit_manager", "outsider"])
def test_someone_out_of_scope_cannot_bind_and_nothing_is_written(kolada: World, persona: str) -> None:
    _goal, indicator = kolada_goal(kolada)
    events = AuditEvent.objects.count()
    with pytest.raises(NotAllowed):
        indicator_kolada_bind(actor=kolada.users[persona], indicator=indicator, kpi_id=KPI.id)
    assert GoalIndicator.objects.get(pk=indicator.pk).kolada_kpi == ""
    assert AuditEvent.objects.count() == events


def test_kolada_010_a_kpi_not_in_the_catalogue_is_refused_and_nothing_written(kolada: World) -> None:
    _goal, indicator = kolada_goal(kolada)
    events = AuditEvent.objects.count()
    with pytest.raises(RuleViolation) as err:
        indicator_kolada_bind(actor=kolada.users["ks_controller"], indicator=indicator, kpi_id="N99999")
    assert err.value.code == "KOLADA-010" and err.value.field == "kolada_kpi"
    assert GoalIndicator.objects.get(pk=indicator.pk).kolada_kpi == ""
    assert AuditEvent.objects.count() == events


def test_kolada_011_an_unbound_indicator_has_nothing_to_review(kolada: World) -> None:
    _goal, indicator = kolada_goal(kolada)
    with pytest.raises(RuleViolation) as err:
        indicator_kolada_review(actor=kolada.users["ks_controller"], indicator=indicator)
    assert err.value.code == "KOLADA-011"


def test_kolada_004_a_changed_definition_flags_the_indicator_until_a_person_accepts_it(kolada: World) -> None:
    _goal, indicator = kolada_goal(kolada)
    indicator_kolada_bind(actor=kolada.users["ks_controller"], indicator=indicator, kpi_id=KPI.id)
    changed = dataclasses.replace(KPI, description="Ny definition: elever i åk 9 med godkända betyg i minst åtta ämnen.")
    kolada_catalogue_store(actor=None, kpis=[changed])
    assert [r.indicator.pk for r in indicators_to_review(kolada.users["ks_controller"])] == [indicator.pk]
    assert [r.indicator.pk for r in indicators_to_review(kolada.users["committee_politician"])] == [indicator.pk]
    assert indicators_to_review(kolada.users["other_committee_politician"]) == []
    assert indicators_to_review(kolada.users["outsider"]) == []
    with pytest.raises(NotAllowed):
        indicator_kolada_review(actor=kolada.users["other_committee_politician"], indicator=indicator)
    indicator_kolada_review(actor=kolada.users["committee_politician"], indicator=indicator)
    assert GoalIndicator.objects.get(pk=indicator.pk).kolada_hash == changed.metadata_hash()
    assert indicators_to_review(kolada.users["ks_controller"]) == []
    event = AuditEvent.objects.get(action="goal_indicator.kolada_reviewed")
    assert event.before["kolada_hash"] == KPI.metadata_hash() and event.after["kolada_hash"] == changed.metadata_hash()


def test_the_picker_finds_kpis_by_words_of_the_title_by_id_and_by_area(kolada: World) -> None:
    assert [k.id for k in kpi_search("behöriga yrkesprogram")] == [KPI.id]
    assert [k.id for k in kpi_search("n09022")] == ["N09022"]
    assert [k.id for k in kpi_search("", "Äldreomsorg")] == ["N09022"]
    assert kpi_search("") == []
