"""SCB's population by region, age and year (issue 10 §1), from table TAB638 (BE0101N1,
Folkmängd efter region, civilstånd, ålder, kön och år) over PxWebApi 2 (JSON-stat 2) or the
older v1 API (format "json"). The answer is read by ``styr.domain.jsonstat``.

Refusals, each a ``RuleViolation`` with a Swedish message in the web layer: POP-004 when SCB
cannot be reached or answers with an error (HTTP status, timeout), POP-005 when the answer is not
JSON-stat 2 / v1 json, POP-006 when the table lacks a year, an age or Folkmängd, POP-007 when the
region or years asked for are not a region code and a range of years SCB keeps."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from django.conf import settings

from styr.domain.errors import RuleViolation, _
from styr.domain.jsonstat import OLDEST, POPULATION, PopulationCell, population_from_jsonstat2, population_from_v1

#: PxWebApi 2 (in production since 2025; the beta was https://api.scb.se/OV0104/v2beta/api/v2).
V2_BASE = "https://statistikdatabasen.scb.se/api/v2"
V1_TABLE_URL = "https://api.scb.se/OV0104/v1/doris/sv/ssd/BE/BE0101/BE0101A/BefolkningNy"
TABLE = "TAB638"
V1_TABLE = "BE/BE0101/BE0101A/BefolkningNy"
V2, V1 = "v2", "v1"
API_NAMES = {V2: "PxWebApi 2", V1: "PxWebApi 1"}
#: Every single age SCB counts: 0–99 and 100+ (never the total "tot").
AGES = (*(str(age) for age in range(100)), OLDEST)
SEXES = ("1", "2")
#: The years the table holds (Folkmängd 31 December, from 1968).
FIRST_YEAR = 1968
LAST_YEAR = 2100
MAX_YEARS = 60
TIMEOUT_SECONDS = 30.0
#: An answer larger than this is not a population table of one region.
MAX_ANSWER_BYTES = 20 * 1024 * 1024
USER_AGENT = "Styr (municipal planning; population for the resource allocation model)"


@dataclass(frozen=True)
class Fetched:
    """What SCB answered, read into cells, with what was asked (for the series' detail)."""

    api: str
    table: str
    url: str
    query: dict[str, Any]
    cells: list[PopulationCell] = field(default_factory=list)

    def detail(self) -> dict[str, Any]:
        return {"api": API_NAMES[self.api], "table": self.table, "url": self.url, "query": self.query}


def check_request(region: str, years: Sequence[int]) -> tuple[str, list[int]]:
    """POP-007: a region code of SCB (00 the whole country, two digits a county, four a
    municipality) and years from 1968, at most 60 of them."""
    region = (region or "").strip()
    if not (region.isascii() and region.isdigit() and len(region) in {2, 4}):
        raise RuleViolation(
            "POP-007",
            _("The region code %(region)s is not one of SCB's: 00 for Sweden, two digits for a county, four for a municipality (0764 Alvesta)."),
            {"region": region},
            field="region",
        )
    chosen = sorted(set(years))
    if not chosen or chosen[0] < FIRST_YEAR or chosen[-1] > LAST_YEAR or len(chosen) > MAX_YEARS:
        raise RuleViolation(
            "POP-007",
            _("Choose from one to %(most)s years between %(first)s and %(last)s."),
            {"most": MAX_YEARS, "first": FIRST_YEAR, "last": LAST_YEAR},
            field="years",
        )
    return region, chosen


def v2_query(region: str, years: Sequence[int]) -> dict[str, Any]:
    """The body of ``POST /tables/TAB638/data``: one region, every age, both sexes (summed when
    read), Folkmängd, the years; civil status is left out, so SCB sums it (elimination)."""
    return {
        "selection": [
            {"variableCode": "Region", "valueCodes": [region]},
            {"variableCode": "Alder", "valueCodes": list(AGES)},
            {"variableCode": "Kon", "valueCodes": list(SEXES)},
            {"variableCode": "ContentsCode", "valueCodes": [POPULATION]},
            {"variableCode": "Tid", "valueCodes": [str(y) for y in years]},
        ]
    }


def v1_query(region: str, years: Sequence[int]) -> dict[str, Any]:
    """The same question to the v1 API, answered in its "json" format."""

    def item(code: str, values: Sequence[str]) -> dict[str, Any]:
        return {"code": code, "selection": {"filter": "item", "values": list(values)}}

    return {
        "query": [
            item("Region", [region]),
            item("Alder", AGES),
            item("Kon", SEXES),
            item("ContentsCode", [POPULATION]),
            item("Tid", [str(y) for y in years]),
        ],
        "response": {"format": "json"},
    }


def v2_url() -> str:
    return f"{getattr(settings, 'SCB_API_V2_URL', V2_BASE).rstrip('/')}/tables/{TABLE}/data"


def v1_url() -> str:
    return str(getattr(settings, "SCB_API_V1_TABLE_URL", V1_TABLE_URL))


def _unreachable(template: str, detail: dict[str, Any]) -> RuleViolation:
    return RuleViolation("POP-004", template, detail, field="region")


def _post(client: httpx.Client, url: str, *, params: dict[str, str], body: dict[str, Any]) -> Any:
    """The JSON of SCB's answer; POP-004 for a failed call, POP-005 for an answer that is not JSON."""
    try:
        with client.stream("POST", url, params=params, json=body, headers={"Accept": "application/json", "User-Agent": USER_AGENT}) as response:
            if response.status_code != httpx.codes.OK:
                raise _unreachable(
                    _(
                        "SCB answered %(status)s %(reason)s; nothing was stored. "
                        "(SCB answers 403 when more than 100,000 values are asked for, 429 after too many calls.)"
                    ),
                    {"status": response.status_code, "reason": response.reason_phrase},
                )
            content = bytearray()
            for chunk in response.iter_bytes():
                content += chunk
                if len(content) > MAX_ANSWER_BYTES:
                    raise _unreachable(_("SCB's answer is larger than %(limit)s MB; nothing was stored."), {"limit": MAX_ANSWER_BYTES // (1024 * 1024)})
    except httpx.TimeoutException:
        waited = {"seconds": int(TIMEOUT_SECONDS)}
        raise _unreachable(_("SCB did not answer within %(seconds)s seconds; nothing was stored. Try again later."), waited) from None
    except httpx.HTTPError as error:
        raise _unreachable(_("SCB could not be reached (%(error)s); nothing was stored."), {"error": type(error).__name__}) from None
    try:
        return json.loads(bytes(content).decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        not_json = {"version": "JSON", "reason": "not JSON"}
        raise RuleViolation("POP-005", _("SCB's answer could not be read as %(version)s: %(reason)s."), not_json, field="region") from None


def fetch_population(*, region: str, years: Sequence[int], api: str = V2, client: httpx.Client | None = None) -> Fetched:
    """Residents of ``region`` by age for each of ``years`` from SCB, summed over sex and civil
    status. ``client`` is for tests and callers that keep one; otherwise one is opened and closed."""
    region, chosen = check_request(region, years)
    if api not in API_NAMES:
        raise RuleViolation("POP-007", _("Choose SCB's API version 2 or 1."), {}, field="api")
    own = client is None
    http = client or httpx.Client(timeout=httpx.Timeout(TIMEOUT_SECONDS), follow_redirects=False)
    try:
        if api == V2:
            url, query = v2_url(), v2_query(region, chosen)
            data = _post(http, url, params={"lang": "sv", "outputFormat": "json-stat2"}, body=query)
            cells = population_from_jsonstat2(data, region=region)
            table = TABLE
        else:
            url, query = v1_url(), v1_query(region, chosen)
            data = _post(http, url, params={}, body=query)
            cells = population_from_v1(data, region=region)
            table = V1_TABLE
    finally:
        if own:
            http.close()
    return Fetched(api=api, table=table, url=url, query=query, cells=[c for c in cells if c.region == region])
