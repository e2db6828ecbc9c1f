"""Population series stored by the one audited service (issue 10 §1, POP-001…POP-003) and read
by age, band and area; anyone who sees the group reads, KS's controllers write."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import PopulationCount, PopulationSeries
from styr.economy.selectors.population import (
    population_areas,
    population_by_age,
    population_in_band,
    population_series_list,
    population_years,
)
from styr.economy.services import population_series_delete, population_series_store
from tests.conftest import World

CELLS = [(2027, "Moheda", 0, 20), (2027, "Moheda", 0, 5), (2027, "Alvesta", 3, 100), (2027, "", 85, 40), (2028, "Alvesta", 100, 2)]


def store(world: World, persona: str | None = "ks_controller", name: str = "Prognos", cells: list[tuple[int, str, int, int]] = CELLS) -> PopulationSeries:
    return population_series_store(actor=world.users[persona] if persona else None, group=world.group, name=name, source="upload", cells=cells, region="0764")


def test_the_same_cell_twice_is_added_up_and_one_event_is_recorded(world: World) -> None:
    series = store(world)
    assert PopulationCount.objects.filter(series=series).count() == 4
    # 2027 has a row for the whole region (""): it is the whole region, the areas are not added to it
    assert population_by_age(series, year=2027) == {85: 40}
    assert population_by_age(series, year=2027, area="Moheda") == {0: 25}
    assert population_in_band(series, year=2027, age_from=1, age_to=5) == 0 and population_in_band(series, year=2027, age_from=80, age_to=100) == 40
    assert population_in_band(series, year=2027, age_from=1, age_to=5, area="Alvesta") == 100
    assert population_years(series) == [2027, 2028] and population_areas(series) == ["Alvesta", "Moheda"]
    event = AuditEvent.objects.get(action="population_series.stored")
    assert event.after["cells"] == 4 and event.after["residents_by_year"] == {"2027": 40, "2028": 2} and event.actor == world.users["ks_controller"]


def test_a_taken_name_is_refused_pop_001(world: World) -> None:
    store(world)
    with pytest.raises(RuleViolation) as error:
        store(world, name=" Prognos ")
    assert error.value.code == "POP-001" and error.value.field == "name"
    assert PopulationSeries.objects.count() == 1


@pytest.mark.parametrize("cell", [(2027, "", 101, 1), (2027, "", -1, 1), (2027, "", 5, -1)])
def test_an_age_outside_0_to_100_or_a_negative_count_is_refused_pop_002(world: World, cell: tuple[int, str, int, int]) -> None:
    with pytest.raises(RuleViolation) as error:
        store(world, cells=[(2027, "", 0, 1), cell])
    assert error.value.code == "POP-002" and error.value.detail["age"] == cell[2]
    assert PopulationSeries.objects.count() == 0 and PopulationCount.objects.count() == 0


def test_a_series_without_counts_is_refused_pop_003(world: World) -> None:
    with pytest.raises(RuleViolation) as error:
        store(world, cells=[])
    assert error.value.code == "POP-003" and PopulationSeries.objects.count() == 0


def test_a_name_longer_than_its_field_is_refused_text_001(world: World) -> None:
    with pytest.raises(RuleViolation) as error:
        store(world, name="x" * 201)
    assert error.value.code == "TEXT-001"


def test_only_ks_controllers_store_and_delete_everyone_in_the_group_reads(world: World) -> None:
    for persona in ("ks_politician", "committee_politician", "unit_manager", "auditor", "outsider"):
        with pytest.raises(PermissionDenied):
            store(world, persona)
    series = store(world, None)
    for persona in ("committee_politician", "unit_manager", "auditor", "ks_politician"):
        assert list(population_series_list(world.users[persona], group=world.group)) == [series]
    assert not population_series_list(world.users["outsider"], group=world.group).exists()
    with pytest.raises(PermissionDenied):
        population_series_delete(actor=world.users["committee_politician"], series=series)
    population_series_delete(actor=world.users["ks_controller"], series=series)
    assert not PopulationSeries.objects.exists() and not PopulationCount.objects.exists()
    assert AuditEvent.objects.get(action="population_series.deleted").before["cells"] == 4
