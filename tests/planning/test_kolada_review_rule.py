"""KOLADA-004 in one place: ``is_bound`` and ``needs_review`` (styr/domain/kolada.py), used by the
review list, the bindings shown on pages and in the API, and the Kolada page's count. An empty
reviewed hash is never reviewed (flagged once); a quality indicator is bound only with source
"kolada"."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from styr.core.services import api_token_create
from styr.domain.kolada import ValueRecord, is_bound, needs_review
from styr.followup.kolada import indicators_needing_review
from styr.planning.models import GoalIndicator, KoladaValue, QualityIndicator
from styr.planning.selectors_kolada import binding, comparison, comparisons_of, indicators_to_review
from styr.planning.services import indicator_create, quality_factor_create, quality_indicator_create
from styr.planning.services.kolada import kolada_values_store
from styr.planning.services.kolada_bindings import indicator_kolada_review
from tests.conftest import World
from tests.planning.kolada_world import KPI, OWN, kolada_catalogue, kolada_goal, kolada_settings_for_tests


@pytest.mark.parametrize(
    ("current", "reviewed", "expected"),
    [("abc", "abc", False), ("abc", "old", True), ("abc", "", True), (None, "", False), (None, "abc", False), ("", "", False)],
)
def test_kolada_004_needs_review(current: str | None, reviewed: str, expected: bool) -> None:
    assert needs_review(current, reviewed) is expected


@pytest.mark.parametrize(
    ("kpi", "source", "expected"), [("N1", None, True), ("", None, False), ("N1", "kolada", True), ("N1", "manual", False), ("", "kolada", False)]
)
def test_kolada_004_is_bound(kpi: str, source: str | None, expected: bool) -> None:
    assert is_bound(kpi, source) is expected


@pytest.fixture
def kolada(world: World) -> World:
    kolada_catalogue(world)
    kolada_settings_for_tests(world)
    return world


def _never_reviewed(world: World) -> GoalIndicator:
    _goal, indicator = kolada_goal(world)
    GoalIndicator.objects.filter(pk=indicator.pk).update(kolada_kpi=KPI.id, kolada_hash="")
    return GoalIndicator.objects.get(pk=indicator.pk)


def test_kolada_004_a_never_reviewed_indicator_is_flagged_once_everywhere(kolada: World) -> None:
    indicator = _never_reviewed(kolada)
    controller = kolada.users["ks_controller"]
    found = binding(indicator)
    assert found is not None and found.needs_review
    assert [r.indicator.pk for r in indicators_to_review(controller)] == [indicator.pk]
    assert indicators_needing_review(kolada.group) == 1
    indicator_kolada_review(actor=controller, indicator=indicator)
    indicator.refresh_from_db()
    assert not binding(indicator).needs_review  # type: ignore[union-attr]
    assert indicators_to_review(controller) == [] and indicators_needing_review(kolada.group) == 0


def test_kolada_004_a_quality_indicator_with_a_kpi_but_manual_values_is_not_bound(kolada: World) -> None:
    factor = quality_factor_create(actor=None, org_unit=kolada.unit("Utbildningsnämnden"), title="Trygghet")
    manual = quality_indicator_create(actor=None, factor=factor, name="Behöriga", direction="higher", source="manual", kolada_kpi=KPI.id)
    assert binding(manual) is None and comparison(manual) is None
    assert indicators_to_review(kolada.users["ks_controller"]) == [] and indicators_needing_review(kolada.group) == 0
    QualityIndicator.objects.filter(pk=manual.pk).update(source="kolada")
    manual.refresh_from_db()
    # the form stored the KPI's hash with the id (KOLADA-010), so once bound it has nothing to review
    assert binding(manual) is not None and indicators_needing_review(kolada.group) == 0


def test_a_changed_value_notes_when_it_was_fetched(kolada: World) -> None:
    row = KoladaValue.objects.get(kpi=KPI.id, municipality=OWN, gender="T")
    first = row.fetched_at
    with time_machine.travel(datetime(2031, 1, 2, 3, 4, tzinfo=UTC), tick=False):
        kolada_values_store(actor=None, values=[ValueRecord(KPI.id, OWN, row.year, "T", Decimal("81.0"))])
    row.refresh_from_db()
    assert row.value == Decimal("81.0") and row.fetched_at != first and row.fetched_at == datetime(2031, 1, 2, 3, 4, tzinfo=UTC)


def _bound_goal_indicators(world: World, count: int) -> list[GoalIndicator]:
    """``count`` never-reviewed indicators bound to the KPI, on one goal."""
    first = _never_reviewed(world)
    found = [first]
    for n in range(count - 1):
        more = indicator_create(actor=None, goal=first.goal, name=f"Behöriga {n}", baseline_year=first.baseline_year, baseline_value=Decimal("80"))
        GoalIndicator.objects.filter(pk=more.pk).update(kolada_kpi=KPI.id, kolada_hash="")
        found.append(GoalIndicator.objects.get(pk=more.pk))
    return found


def test_comparisons_are_read_in_a_constant_number_of_queries(kolada: World) -> None:
    def queries(count: int) -> int:
        indicators = _bound_goal_indicators(kolada, count)
        with CaptureQueriesContext(connection) as seen:
            found = comparisons_of(list(indicators))
        assert all(c is not None and c.years for c in found)
        return len(seen)

    one = queries(1)
    GoalIndicator.objects.all().delete()
    assert one == queries(4) <= 5


def test_the_api_s_indicators_to_review_reads_in_a_constant_number_of_queries(kolada: World) -> None:
    def queries(count: int) -> int:
        _bound_goal_indicators(kolada, count)
        _token, raw = api_token_create(actor=None, user=kolada.users["ks_controller"])
        with CaptureQueriesContext(connection) as seen:
            answer = Client().get("/api/v1/kolada/indicators-to-review", headers={"Authorization": f"Bearer {raw}"})
        assert answer.status_code == 200 and all(row["binding"]["needs_review"] for row in answer.json())
        return len(seen)

    one = queries(1)
    GoalIndicator.objects.all().delete()
    assert one == queries(3)
