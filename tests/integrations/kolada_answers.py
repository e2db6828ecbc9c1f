"""Kolada v3 answers recorded as fixtures (tests/fixtures/kolada/), replayed with respx."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import respx

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "kolada"
BASE = "https://api.kolada.se/v3"


def answer(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def kolada_answers(mock: respx.MockRouter) -> dict[str, respx.Route]:
    """The whole of Kolada a sync of Alvesta asks: the catalogue over two pages, the units and N00945's values."""
    return {
        "kpi2": mock.get(f"{BASE}/kpi", params={"page": "2"}).mock(return_value=httpx.Response(200, json=answer("kpi_page2.json"))),
        "kpi": mock.get(f"{BASE}/kpi").mock(return_value=httpx.Response(200, json=answer("kpi_page1.json"))),
        "municipality": mock.get(f"{BASE}/municipality").mock(return_value=httpx.Response(200, json=answer("municipality.json"))),
        "groups": mock.get(f"{BASE}/municipality_group").mock(return_value=httpx.Response(200, json=answer("municipality_group.json"))),
        "ou": mock.get(f"{BASE}/ou").mock(return_value=httpx.Response(200, json=answer("ou_0764.json"))),
        "data": mock.get(url__regex=rf"{BASE}/data/kpi/N00945/municipality/.*").mock(return_value=httpx.Response(200, json=answer("data_N00945.json"))),
    }
