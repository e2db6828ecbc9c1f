"""A resource allocation model built through the services, shared by the service, page and API tests.

The population, in two areas: Alvesta has 9, 11 and 12 residents of every age 0–100 in N, N+1
and N+2; Moheda has one of each age in N only. So the whole municipality has 10, 11 and 12 of
each age, and a band of ten ages counts 100, 110, 120. The index of N is 3 % wages and 2 % prices; N+1 and N+2 have none.

- Utbildningsnämnden: Grundskola 6–15 år, 100 000 kr, wage share 70 % → 1.027 → 102 700 kr × 100
  = 10 270 000 kr in N; an adjustment of +1 000 000 kr in N (Satsning på läsning).
- Omsorgsnämnden: Äldreomsorg 80+ år, 200 000 kr, wage share 80 % → 1.028 → 205 600 kr × 210
  = 43 176 000 kr in N.
- Kommunstyrelsen: a fixed 5 000 000 kr for its politics, wage share 50 % → 5 125 000 kr in N.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from styr.economy.models import AllocationDriver, AllocationModel, PopulationSeries
from styr.economy.services import (
    allocation_adjustment_add,
    allocation_driver_add,
    allocation_fixed_amount_add,
    allocation_model_create,
    population_series_store,
)
from tests.conftest import YEAR, World

N = YEAR + 1


@dataclass
class Built:
    model: AllocationModel
    series: PopulationSeries
    school: AllocationDriver
    elderly: AllocationDriver


def population(world: World, years: tuple[int, ...] = (N, N + 1, N + 2)) -> PopulationSeries:
    alvesta = {N: 9, N + 1: 11, N + 2: 12}
    cells = [(y, "Alvesta", age, alvesta[y]) for y in years for age in range(101)]
    cells += [(N, "Moheda", age, 1) for age in range(101)]
    return population_series_store(actor=None, group=world.group, name=f"Befolkning {len(years)}", source="demo", cells=cells, region="0764")


def build(world: World, *, actor: str | None = None, name: str = "Resursfördelning") -> Built:
    user = world.users[actor] if actor else None
    series = population(world)
    model = allocation_model_create(
        actor=user, group=world.group, budget_year=N, name=name, population_series=series, wage_index_n=Decimal(3), price_index_n=Decimal(2)
    )
    school = allocation_driver_add(
        actor=user,
        model=model,
        committee=world.unit("Utbildningsnämnden"),
        name="Grundskola 6–15 år",
        age_from=6,
        age_to=15,
        price_sek=Decimal(100000),
        wage_share_percent=Decimal(70),
    )
    elderly = allocation_driver_add(
        actor=user,
        model=model,
        committee=world.unit("Omsorgsnämnden"),
        name="Äldreomsorg 80+ år",
        age_from=80,
        age_to=100,
        price_sek=Decimal(200000),
        wage_share_percent=Decimal(80),
    )
    allocation_adjustment_add(
        actor=user, model=model, committee=world.unit("Utbildningsnämnden"), year_offset=0, amount_sek=Decimal(1000000), reason="Satsning på läsning"
    )
    allocation_fixed_amount_add(
        actor=user,
        model=model,
        committee=world.unit("Kommunstyrelsen"),
        reason="Politisk verksamhet",
        amount_sek=Decimal(5000000),
        wage_share_percent=Decimal(50),
    )
    return Built(model=model, series=series, school=school, elderly=elderly)
