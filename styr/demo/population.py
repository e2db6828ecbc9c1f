"""The demo's population of Alvesta (issue 10 §1): MADE UP, and named so. About 20,000 residents
in five areas of the municipality (real place names, invented counts), by age for the year
before the budget year to three years after, from a seeded generator: the same every time.

The lead wires it into the demo loader (``load_population(group=…, controller=…, year=…)``)."""

from __future__ import annotations

import math
import random
from typing import Any

from styr.domain.limits import OLDEST_AGE
from styr.economy.models import PopulationSeries
from styr.economy.services import population_series_store
from styr.economy.services.population import Cell
from styr.organisation.models import MunicipalGroup

SEED = 764
REGION = "0764"
#: Areas (school districts) and their share of the residents; the shares are invented.
AREAS: tuple[tuple[str, float], ...] = (
    ("Alvesta", 0.46),
    ("Moheda", 0.17),
    ("Vislanda", 0.14),
    ("Grimslöv", 0.10),
    ("Lekaryd/Torpsbruk", 0.13),
)
RESIDENTS = 20_000
BIRTHS = 215


def series_name(year: int) -> str:
    return f"Befolkning Alvesta {year - 1}–{year + 3} (påhittad för demon)"


def _profile(age: int) -> float:
    """A Swedish small municipality's shape: flat through childhood, a dip in the twenties (young
    people move to study), the baby-boomers around 75, and the old thinning out."""
    if age < 19:
        weight = 1.0
    elif age < 30:
        weight = 0.85
    elif age < 65:
        weight = 1.0 + 0.1 * math.sin((age - 30) / 35 * math.pi)
    elif age < 70:
        weight = 1.1
    elif age < 80:
        weight = 1.1 - 0.04 * (age - 69)
    else:
        weight = 0.7 * math.prod(_survival(a) for a in range(80, age))
    return weight


def _survival(age: int) -> float:
    """The share of one age that lives to the next year (a rough Swedish life table)."""
    if age < 60:
        return 0.9995
    return max(0.5, 1.0 - 0.0045 * math.exp((age - 60) / 8.5))


def demo_population_cells(year: int) -> list[Cell]:
    """(year, area, age, count) for ``year - 1`` … ``year + 3``: the first year by the profile,
    then each cohort one year older, thinned by death and moved a little by migration, with new
    births at age 0."""
    rng = random.Random(SEED)  # noqa: S311 - made-up demo figures, not secrets
    scale = RESIDENTS / sum(_profile(a) for a in range(OLDEST_AGE + 1))
    cells: list[Cell] = []
    for area, share in AREAS:
        counts = [max(0, round(_profile(age) * scale * share * rng.uniform(0.9, 1.1))) for age in range(OLDEST_AGE + 1)]
        for offset in range(5):
            if offset:
                older = [0] * (OLDEST_AGE + 1)
                for age, n in enumerate(counts):
                    survivors = round(n * _survival(age) * rng.uniform(0.985, 1.02))
                    older[min(age + 1, OLDEST_AGE)] += survivors
                older[0] = round(BIRTHS * share * rng.uniform(0.9, 1.1))
                counts = older
            cells += [(year - 1 + offset, area, age, n) for age, n in enumerate(counts)]
    return cells


def load_population(*, group: MunicipalGroup, controller: Any, year: int) -> PopulationSeries:
    """The made-up series, stored by the KS controller (or the system, ``controller=None``); the one
    already stored when the demo has loaded it before (the investment room reads it, issue 11 §3)."""
    stored = PopulationSeries.objects.filter(group=group, name=series_name(year)).first()
    if stored is not None:
        return stored
    return population_series_store(
        actor=controller,
        group=group,
        name=series_name(year),
        source=PopulationSeries.Source.DEMO,
        cells=demo_population_cells(year),
        region=REGION,
        detail={"note": "Påhittade siffror för demon: inte SCB:s statistik och inte Alvestas verkliga befolkning.", "seed": SEED},
    )
