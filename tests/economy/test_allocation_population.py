"""How the allocation model reads the population (issue 10 §1, review of the model): a series
with rows for the whole region (area "") beside its areas' rows counts the "" rows only, never
both; and the model's page and its API result read the series once, however many drivers and
committees the model has."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from styr.economy.models import AllocationModel, PopulationSeries
from styr.economy.selectors.allocation import allocation_counts, allocation_result
from styr.economy.selectors.population import population_band_table, population_by_age, population_in_band, population_summaries
from styr.economy.services import (
    allocation_adjustment_add,
    allocation_count_override,
    allocation_driver_add,
    allocation_fixed_amount_add,
    allocation_model_create,
    population_series_store,
)
from styr.organisation.services import org_unit_create
from tests.api.test_api import bearer, token_for
from tests.conftest import TODAY, World
from tests.economy.allocation_setup import N, build

# --- the whole region: its own rows when the year has any, else the sum over the areas ----------


def series(world: World, cells: list[tuple[int, str, int, int]], name: str = "Prognos") -> PopulationSeries:
    return population_series_store(actor=None, group=world.group, name=name, source="upload", cells=cells, region="0764")


def both_kinds(world: World) -> PopulationSeries:
    """N: the whole region (10 of each age 0–100) and its two areas (6 + 4 of each age): the
    region's rows are the areas' sum, as in SCB's tables for a municipality and its districts.
    N+1: the areas only (7 + 5 of each age)."""
    cells = [(N, "", age, 10) for age in range(101)]
    cells += [(N, "Alvesta", age, 6) for age in range(101)] + [(N, "Moheda", age, 4) for age in range(101)]
    cells += [(N + 1, "Alvesta", age, 7) for age in range(101)] + [(N + 1, "Moheda", age, 5) for age in range(101)]
    return series(world, cells)


def test_a_year_with_rows_for_the_whole_region_counts_those_only(world: World) -> None:
    s = both_kinds(world)
    assert population_in_band(s, year=N, age_from=6, age_to=15) == 100  # not 200: the areas are not added to the region's rows
    assert population_by_age(s, year=N) == dict.fromkeys(range(101), 10)
    assert population_in_band(s, year=N, age_from=6, age_to=15, area="Moheda") == 40
    assert population_by_age(s, year=N, area="Alvesta")[50] == 6
    assert population_summaries([s])[0].residents_by_year == {N: 1010, N + 1: 1212}
    whole = [row for row in population_band_table(s) if row.area == ""]
    assert [(row.year, row.total) for row in whole] == [(N, 1010), (N + 1, 1212)]  # one row per year, the region's own in N


def test_a_series_of_areas_only_sums_them(world: World) -> None:
    s = both_kinds(world)
    assert population_in_band(s, year=N + 1, age_from=6, age_to=15) == 120
    assert population_by_age(s, year=N + 1) == dict.fromkeys(range(101), 12)
    assert population_in_band(s, year=N + 1, age_from=80, age_to=100, area="Moheda") == 105


def test_a_series_of_the_whole_region_only_has_no_areas(world: World) -> None:
    s = series(world, [(N, "", age, 3) for age in range(101)])
    assert population_in_band(s, year=N, age_from=0, age_to=5) == 18 and population_by_age(s, year=N)[100] == 3
    assert population_in_band(s, year=N, age_from=0, age_to=5, area="Moheda") == 0 and population_by_age(s, year=N, area="Moheda") == {}


def test_the_whole_regions_rows_decide_even_when_none_is_in_the_band(world: World) -> None:
    """The region's rows of the year are the whole region, whatever ages they hold."""
    s = series(world, [(N, "", 90, 5), (N, "Alvesta", 10, 7)])
    assert population_in_band(s, year=N, age_from=6, age_to=15) == 0 and population_by_age(s, year=N) == {90: 5}


def test_the_model_counts_the_whole_region_once(world: World) -> None:
    s = both_kinds(world)
    model = allocation_model_create(actor=None, group=world.group, budget_year=N, name="Modell", population_series=s)
    un = world.unit("Utbildningsnämnden")
    everywhere = allocation_driver_add(actor=None, model=model, committee=un, name="Grundskola", age_from=6, age_to=15, price_sek=Decimal(1000))
    moheda = allocation_driver_add(actor=None, model=model, committee=un, name="Moheda", age_from=6, age_to=15, area="Moheda", price_sek=Decimal(1))
    counts = {(c.driver.pk, c.year): c.count for c in allocation_counts(model)}
    assert counts[(everywhere.pk, N)] == 100 and counts[(everywhere.pk, N + 1)] == 120  # the region's rows in N, the areas' sum in N+1
    assert counts[(moheda.pk, N)] == 40 and counts[(moheda.pk, N + 1)] == 50
    assert counts[(everywhere.pk, N + 2)] is None and counts[(moheda.pk, N + 2)] is None  # the series lacks N+2: missing (ALLOC-004)


def test_a_model_on_a_series_of_the_whole_region_only(world: World) -> None:
    s = series(world, [(y, "", age, 2) for y in (N, N + 1, N + 2) for age in range(101)])
    model = allocation_model_create(actor=None, group=world.group, budget_year=N, name="Modell", population_series=s)
    un = world.unit("Utbildningsnämnden")
    allocation_driver_add(actor=None, model=model, committee=un, name="Grundskola", age_from=6, age_to=15, price_sek=Decimal(1000))
    allocation_driver_add(actor=None, model=model, committee=un, name="Moheda", age_from=6, age_to=15, area="Moheda", price_sek=Decimal(1))
    counts = sorted((c.driver.name, c.year, c.count) for c in allocation_counts(model))
    assert counts == [(name, year, 20 if name == "Grundskola" else None) for name in ("Grundskola", "Moheda") for year in (N, N + 1, N + 2)]


# --- the series read once: the page's and the API's queries do not grow with the model ----------


def grow(world: World, model: AllocationModel, n: int = 4) -> None:
    """Four more committees, each with two drivers of bands of their own (one in an area), a fixed
    amount, an adjustment and a count given by hand."""
    for i in range(n):
        committee = org_unit_create(
            actor=None, group=world.group, parent=world.unit("Kommunfullmäktige"), kind="COMMITTEE", name=f"Nämnd {i}", valid_from=TODAY
        )
        first = allocation_driver_add(actor=None, model=model, committee=committee, name=f"Band {i}", age_from=i, age_to=20 + i, price_sek=Decimal(100))
        allocation_driver_add(
            actor=None, model=model, committee=committee, name=f"Område {i}", age_from=30 + i, age_to=60 + i, area="Alvesta", price_sek=Decimal(50)
        )
        allocation_fixed_amount_add(actor=None, model=model, committee=committee, reason=f"Fast {i}", amount_sek=Decimal(1000))
        allocation_adjustment_add(actor=None, model=model, committee=committee, year_offset=i % 3, amount_sek=Decimal(-500), reason=f"Justering {i}")
        allocation_count_override(actor=None, driver=first, year=N + 2, count=7, reason="Känd ändring")


def test_the_counts_are_read_in_three_queries(world: World) -> None:
    built = build(world)
    with CaptureQueriesContext(connection) as small:
        allocation_counts(built.model)
    grow(world, built.model)
    with CaptureQueriesContext(connection) as large:
        cells = allocation_counts(built.model)
    assert len(small.captured_queries) == len(large.captured_queries) == 3
    assert len(cells) == 3 * 10 and all(c.count is not None for c in cells)
    allocation_result(built.model)  # every count there


@pytest.mark.parametrize("htmx", [False, True])
def test_the_model_page_does_not_query_per_driver_or_committee(world: World, htmx: bool) -> None:
    built = build(world)
    client = world.client("ks_controller")
    headers = {"Accept-Language": "sv", **({"HX-Request": "true"} if htmx else {})}
    page = f"/resursfordelning/{built.model.pk}/"
    assert client.get(page, headers=headers).status_code == 200  # the session and the caches warmed
    with CaptureQueriesContext(connection) as small:
        client.get(page, headers=headers)
    grow(world, built.model)
    with CaptureQueriesContext(connection) as large:
        body = client.get(page, headers=headers).content.decode()
    assert "Nämnd 3" in body and "Område 3" in body
    assert len(large.captured_queries) == len(small.captured_queries), "\n".join(q["sql"] for q in large.captured_queries)


def test_the_api_result_does_not_query_per_driver_or_committee(world: World) -> None:
    built = build(world)
    headers = bearer(token_for("ks_controller"))
    client = Client()
    path = f"/api/v1/allocation/models/{built.model.pk}/result"
    assert client.get(path, headers=headers).status_code == 200
    with CaptureQueriesContext(connection) as small:
        client.get(path, headers=headers)
    grow(world, built.model)
    with CaptureQueriesContext(connection) as large:
        answer = client.get(path, headers=headers).json()
    assert len(answer["committees"]) >= 7 and len(answer["counts"]) == 3 * 10
    assert len(large.captured_queries) == len(small.captured_queries), "\n".join(q["sql"] for q in large.captured_queries)


def test_the_comparison_does_not_query_per_driver_or_committee(world: World) -> None:
    built = build(world)
    other = allocation_model_create(actor=None, group=world.group, budget_year=N, name="Annan", population_series=built.series)
    client = world.client("ks_controller")
    page = f"/resursfordelning/{built.model.pk}/jamfor/{other.pk}/"
    assert client.get(page).status_code == 200
    with CaptureQueriesContext(connection) as small:
        client.get(page)
    grow(world, built.model)
    with CaptureQueriesContext(connection) as large:
        assert client.get(page).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
