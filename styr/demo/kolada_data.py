"""The demo's saved Kolada answers (issue 13 §1): ``styr/demo/data/kolada/`` as v3-shaped JSON files,
read by the same offline import as ``manage.py kolada_sync --from-dir``, and
``styr/demo/data/kolada-later/``, a later catalogue answer in which one KPI's title changed.

The KPIs' titles, descriptions and operating areas are Kolada's (its public catalogue, as rKolada's
``get_kpi()`` saved it); the municipalities and the groups are Kolada's; the VALUES are made up,
deterministic (a seeded ``random.Random`` per KPI and municipality). The files are written once by

    python -m styr.demo.kolada_data /path/to/rkolada_kpi_df.csv /path/to/pykolada_municipality.json \
        /path/to/pykolada_municipality_groups_with_0764.json

and the demo reads only the files (it reads nothing outside the repository)."""

from __future__ import annotations

import csv
import json
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
FIRST = DATA / "kolada"
LATER = DATA / "kolada-later"

OWN = "0764"
#: Kolada's "Liknande kommuner, övergripande, Tingsryd, 2022": a real group that includes Alvesta.
COMPARISON_GROUP = "G37548"
#: The Kronoberg municipalities (another real group with Alvesta, for the settings' list).
KRONOBERG_GROUP = "G33617"
#: Two neighbours the demo compares with besides the group.
CHOSEN = ("0780", "0781")
YEARS = tuple(range(2020, 2026))

#: KPI id → (Alvesta's base level, spread between municipalities, yearly drift, decimals, years, women minus men)
#: The KPIs the demo binds, with made-up levels; Alvesta's last value meets the goals' baselines.
VALUED: dict[str, tuple[float, float, float, int, tuple[int, ...], float]] = {
    "N00090": (7.6, 1.2, 0.1, 1, YEARS, 4.0),
    "N00708": (3.4, 1.0, -0.1, 1, YEARS, 0.0),
    "N15557": (87.0, 5.0, 0.5, 0, (2020, 2021), 2.0),
    "N15424": (79.0, 6.0, -0.2, 0, YEARS, 5.0),
    "U21401": (16.0, 3.0, -0.2, 0, YEARS, 0.0),
    "U00810": (28.0, 9.0, -1.0, 0, YEARS, 0.0),
    "N00632": (74.0, 6.0, 0.3, 0, (2020, 2022, 2024), 1.0),
    "N05401": (81.5, 3.0, 0.0, 1, (2022,), 0.0),
    "N01951": (20100.0, 0.0, 10.0, 0, YEARS, 0.0),
    "N00610": (61.0, 5.0, 0.2, 0, (2020, 2022, 2024, 2025), -14.0),
}
#: Alvesta's last value of the KPIs the goals measure: the goals' baselines (plans.py).
BASELINES = {"N01951": Decimal("20134"), "N15424": Decimal("78"), "N00610": Decimal("62")}
#: KPIs in the catalogue only, so that the picker has something to search.
CATALOGUE_ONLY = ("N15419", "N15505", "N17473", "N00923", "N01963", "N00945", "N07403", "N00611")
#: Inhabitants on 31 December 2025 (made up, in the right size) of the municipalities with values.
POPULATION = {"0767": 10300, "1231": 19600, "1783": 11500, "2021": 6600, "2101": 5700, "2132": 9300, "0780": 97000, "0781": 28900}
#: The KPI whose title a later catalogue changes (the drift a person reviews, KOLADA-004).
DRIFTING = "U21401"
DRIFTED_TITLE = "Personalkontinuitet, antal personal som en hemtjänsttagare med insatser minst två gånger dagligen möter under 14 dagar, medelvärde"

KPI_FIELDS = (
    "id",
    "title",
    "description",
    "operating_area",
    "municipality_type",
    "perspective",
    "auspices",
    "publication_date",
    "prel_publication_date",
    "ou_publication_date",
    "publ_period",
)


def _answer(values: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": len(values), "values": values, "next_url": None}


def _flag(text: str) -> bool:
    return text.strip().lower() in {"1", "true"}


def _kpi(row: dict[str, str]) -> dict[str, Any]:
    kpi: dict[str, Any] = {name: row.get(name, "") or None for name in KPI_FIELDS}
    kpi["is_divided_by_gender"] = _flag(row["is_divided_by_gender"])
    kpi["has_ou_data"] = _flag(row.get("has_ou_data", ""))
    return kpi


def _number(value: float, decimals: int) -> float | int:
    return round(value, decimals) if decimals else round(value)


def _values(kpi: str, divided: bool, places: list[str]) -> list[dict[str, Any]]:
    base, spread, drift, decimals, years, gap = VALUED[kpi]
    found = []
    for place in places:
        rng = random.Random(f"{kpi}-{place}")  # noqa: S311 - made-up demo data, not secrets
        level = base if place == OWN else base + rng.uniform(-spread, spread)
        if kpi == "N01951":
            level = 20134.0 - 5 * drift if place == OWN else POPULATION[place] - 5 * drift * POPULATION[place] / 20000
        for year in years:
            total = level + drift * (year - YEARS[0]) + rng.uniform(-spread, spread) / 6
            if place == OWN and year == YEARS[-1] and kpi in BASELINES:
                total = float(BASELINES[kpi])
            split = [("T", total)]
            if divided:
                split += [("K", total + gap / 2), ("M", total - gap / 2)] if kpi != "N01951" else [("K", total * 0.494), ("M", total * 0.506)]
            found.append(
                {
                    "kpi": kpi,
                    "municipality": place,
                    "period": year,
                    "values": [{"gender": g, "value": _number(v, decimals)} for g, v in split],
                }
            )
    return found


def _write(path: Path, data: dict[str, Any]) -> None:
    """One item a line: small, and readable in a diff."""
    lines = ",\n".join(json.dumps(item, ensure_ascii=False) for item in data["values"])
    path.write_text(f'{{"count": {data["count"]}, "next_url": null, "values": [\n{lines}\n]}}\n', encoding="utf-8")


def write(kpi_csv: Path, municipality_json: Path, groups_json: Path) -> None:
    rows = {r["id"]: r for r in csv.DictReader(kpi_csv.open(encoding="utf-8"))}
    kpis = [_kpi(rows[k]) for k in (*VALUED, *CATALOGUE_ONLY)]
    groups = {g["id"]: g for g in json.loads(groups_json.read_text(encoding="utf-8"))}
    chosen_groups = [groups[COMPARISON_GROUP], groups[KRONOBERG_GROUP]]
    places = sorted({OWN, *CHOSEN, *(m["member_id"] for g in chosen_groups for m in g["members"])})
    municipalities = [m for m in json.loads(municipality_json.read_text(encoding="utf-8")) if m["id"] in places]
    FIRST.mkdir(parents=True, exist_ok=True)
    LATER.mkdir(parents=True, exist_ok=True)
    _write(FIRST / "kpi.json", _answer(kpis))
    _write(FIRST / "municipality.json", _answer(municipalities))
    v3_groups = [
        {"id": g["id"], "title": g["title"], "members": [{"id": m["member_id"], "title": m["member_title"]} for m in g["members"]]} for g in chosen_groups
    ]
    _write(FIRST / "municipality_group.json", _answer(v3_groups))
    compared = sorted({OWN, *CHOSEN, *(m["member_id"] for m in groups[COMPARISON_GROUP]["members"])})
    divided = {k["id"]: k["is_divided_by_gender"] for k in kpis}
    for kpi in VALUED:
        _write(FIRST / f"data_{kpi}.json", _answer(_values(kpi, divided[kpi], compared)))
    drifted = next(k for k in kpis if k["id"] == DRIFTING)
    _write(LATER / "kpi.json", _answer([{**drifted, "title": DRIFTED_TITLE}]))


if __name__ == "__main__":
    write(*(Path(a) for a in sys.argv[1:4]))
