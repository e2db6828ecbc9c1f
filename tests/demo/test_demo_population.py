"""The demo's population of Alvesta (issue 10 §1): made up, and saying so; about 20,000 residents
in five real places of the municipality, the same every time."""

from __future__ import annotations

from styr.demo.population import demo_population_cells, load_population, series_name
from styr.domain.population import by_band
from styr.economy.selectors.population import population_by_age, population_summaries
from tests.conftest import YEAR, World


def test_the_demo_population_is_deterministic_and_shaped_like_a_small_municipality() -> None:
    cells = demo_population_cells(2026)
    assert cells == demo_population_cells(2026)
    assert {c[0] for c in cells} == set(range(2025, 2030))
    assert {c[1] for c in cells} == {"Alvesta", "Moheda", "Vislanda", "Grimslöv", "Lekaryd/Torpsbruk"}
    for year in range(2025, 2030):
        by_age: dict[int, int] = {}
        for y, _area, age, n in cells:
            if y == year:
                by_age[age] = by_age.get(age, 0) + n
        total = sum(by_age.values())
        bands = by_band(by_age)
        assert 19_000 <= total <= 21_500
        assert 0.09 <= bands["6-15"] / total <= 0.14 and 0.04 <= bands["80+"] / total <= 0.08 and 180 <= bands["0"] <= 260
    assert series_name(2026) == "Befolkning Alvesta 2025–2029 (påhittad för demon)"


def test_load_population_stores_a_demo_series_the_page_marks_as_made_up(world: World) -> None:
    series = load_population(group=world.group, controller=world.users["ks_controller"], year=YEAR)
    assert series.source == "demo" and "påhittad" in series.name and series.region == "0764"
    summary = population_summaries([series])[0]
    assert summary.years == list(range(YEAR - 1, YEAR + 4)) and len(summary.areas) == 5
    assert sum(population_by_age(series, year=YEAR).values()) == summary.residents_by_year[YEAR]
    page = world.client("committee_politician").get(f"/befolkning/{series.pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Påhittade för demon" in page
    listing = world.client("committee_politician").get("/befolkning/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "påhittad för demon" in listing
