"""SCB's population fetched and stored (issue 10 §1): the client on recorded answers through
respx (never the network), the service that stores it, and ``manage.py fetch_population``.
Every failure has its rule (POP-004…POP-007) and writes nothing."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import httpx
import pytest
import respx
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import PopulationCount, PopulationSeries
from styr.economy.selectors.population import population_in_band, population_summaries
from styr.economy.services import population_fetch_scb
from styr.integrations import scb
from tests.conftest import World

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "scb"
V2_ANSWER = (FIXTURES / "v2_TAB638_alvesta_0764_2022-2024.json").read_bytes()
V1_ANSWER = (FIXTURES / "v1_BefolkningNy_alvesta_0764_2022-2024.json").read_bytes()
V2_URL = "https://statistikdatabasen.scb.se/api/v2/tables/TAB638/data"
V1_URL = "https://api.scb.se/OV0104/v1/doris/sv/ssd/BE/BE0101/BE0101A/BefolkningNy"
YEARS = [2022, 2023, 2024]
NO_AGES = {"version": "2.0", "class": "dataset", "id": ["Tid"], "size": [1], "dimension": {"Tid": {"category": {"index": {"2024": 0}}}}, "value": [1]}


def scb_answers(mock: respx.MockRouter, *, v2: httpx.Response | Exception | None = None, v1: httpx.Response | None = None) -> tuple[respx.Route, respx.Route]:
    route2 = mock.post(V2_URL)
    route1 = mock.post(V1_URL)
    if isinstance(v2, Exception):
        route2.mock(side_effect=v2)
    else:
        route2.mock(return_value=v2 or httpx.Response(200, content=V2_ANSWER, headers={"Content-Type": "application/json; charset=UTF-8"}))
    route1.mock(return_value=v1 or httpx.Response(200, content=V1_ANSWER, headers={"Content-Type": "application/json; charset=UTF-8"}))
    return route2, route1


def test_the_client_asks_table_tab638_for_one_region_every_age_and_the_years() -> None:
    with respx.mock(assert_all_called=False) as mock:
        route, _v1 = scb_answers(mock)
        fetched = scb.fetch_population(region="0764", years=YEARS)
    request = route.calls.last.request
    assert request.url.params["lang"] == "sv" and request.url.params["outputFormat"] == "json-stat2"
    body = json.loads(request.content)
    selection = {s["variableCode"]: s["valueCodes"] for s in body["selection"]}
    assert selection["Region"] == ["0764"] and selection["ContentsCode"] == ["BE0101N1"] and selection["Tid"] == ["2022", "2023", "2024"]
    assert selection["Alder"][0] == "0" and selection["Alder"][-1] == "100+" and len(selection["Alder"]) == 101 and "tot" not in selection["Alder"]
    assert "Civilstand" not in selection  # eliminated: SCB sums it
    assert fetched.table == "TAB638" and fetched.api == "v2" and len(fetched.cells) == 3 * 101
    assert sum(c.count for c in fetched.cells if c.year == 2024) == 21084


def test_the_v1_client_posts_a_query_in_format_json_and_reads_the_same_cells() -> None:
    with respx.mock(assert_all_called=False) as mock:
        _v2, route = scb_answers(mock)
        v1 = scb.fetch_population(region="0764", years=YEARS, api="v1")
        v2 = scb.fetch_population(region="0764", years=YEARS)
    body = json.loads(route.calls.last.request.content)
    assert body["response"] == {"format": "json"} and {q["code"] for q in body["query"]} == {"Region", "Alder", "Kon", "ContentsCode", "Tid"}
    assert v1.cells == v2.cells and v1.table == "BE/BE0101/BE0101A/BefolkningNy"


def test_a_controller_fetches_alvesta_and_the_series_is_stored_with_where_it_came_from(world: World) -> None:
    with respx.mock(assert_all_called=False) as mock:
        scb_answers(mock)
        series = population_fetch_scb(actor=world.users["ks_controller"], group=world.group, region="0764", years=YEARS, name="Folkmängd Alvesta")
    assert series.source == "scb" and series.region == "0764" and series.created_by == world.users["ks_controller"]
    assert series.detail["api"] == "PxWebApi 2" and series.detail["table"] == "TAB638" and series.detail["fetched_at"]
    assert series.detail["query"]["selection"][0] == {"variableCode": "Region", "valueCodes": ["0764"]}
    assert PopulationCount.objects.filter(series=series).count() == 303
    assert population_summaries([series])[0].residents_by_year == {2022: 20989, 2023: 21201, 2024: 21084}
    assert population_in_band(series, year=2024, age_from=6, age_to=15) == 2260
    event = AuditEvent.objects.get(action="population_series.stored")
    assert event.after["source"] == "scb" and event.after["table"] == "TAB638" and event.after["residents_by_year"]["2023"] == 21201


@pytest.mark.parametrize(
    ("answer", "code", "words"),
    [
        (httpx.Response(503, text="Service Unavailable"), "POP-004", "503"),
        (httpx.Response(403, text="Forbidden"), "POP-004", "100,000"),
        (httpx.Response(429, text="Too Many Requests"), "POP-004", "429"),
        (httpx.ConnectTimeout("timed out"), "POP-004", "30 seconds"),
        (httpx.ConnectError("no route"), "POP-004", "ConnectError"),
        (httpx.Response(200, text="<html>Underhåll</html>"), "POP-005", "not JSON"),
        (httpx.Response(200, content=V1_ANSWER), "POP-005", "JSON-stat 2"),
        (httpx.Response(200, json=NO_AGES), "POP-006", "Alder"),
    ],
)
def test_a_failed_fetch_has_its_rule_and_writes_nothing(world: World, answer: httpx.Response | Exception, code: str, words: str) -> None:
    with respx.mock(assert_all_called=False) as mock:
        scb_answers(mock, v2=answer)
        with pytest.raises(RuleViolation) as error:
            population_fetch_scb(actor=world.users["ks_controller"], group=world.group, region="0764", years=YEARS, name="Folkmängd")
    assert error.value.code == code and words in str(error.value)
    assert PopulationSeries.objects.count() == 0 and not AuditEvent.objects.filter(action="population_series.stored").exists()


@pytest.mark.parametrize(("region", "years"), [("764", YEARS), ("07a4", YEARS), ("0764", []), ("0764", [1900]), ("0764", list(range(2000, 2070)))])
def test_a_region_or_years_scb_does_not_keep_are_refused_before_any_call_pop_007(world: World, region: str, years: list[int]) -> None:
    with respx.mock(assert_all_called=False) as mock:
        route, _v1 = scb_answers(mock)
        with pytest.raises(RuleViolation) as error:
            population_fetch_scb(actor=world.users["ks_controller"], group=world.group, region=region, years=years, name="X")
    assert error.value.code == "POP-007" and not route.called


def test_only_ks_controllers_fetch_and_a_refusal_calls_nobody(world: World) -> None:
    with respx.mock(assert_all_called=False) as mock:
        route, _v1 = scb_answers(mock)
        for persona in ("committee_politician", "ks_politician", "outsider", "auditor"):
            with pytest.raises(PermissionDenied):
                population_fetch_scb(actor=world.users[persona], group=world.group, region="0764", years=YEARS, name="X")
    assert not route.called and PopulationSeries.objects.count() == 0


def test_a_taken_name_is_refused_before_the_call_and_replace_swaps_the_series(world: World) -> None:
    controller = world.users["ks_controller"]
    with respx.mock(assert_all_called=False) as mock:
        route, _v1 = scb_answers(mock)
        first = population_fetch_scb(actor=controller, group=world.group, region="0764", years=YEARS, name="Alvesta")
        with pytest.raises(RuleViolation) as error:
            population_fetch_scb(actor=controller, group=world.group, region="0764", years=YEARS, name="Alvesta")
        assert error.value.code == "POP-001" and route.call_count == 1
        second = population_fetch_scb(actor=controller, group=world.group, region="0764", years=YEARS, name="Alvesta", replace=True)
    assert list(PopulationSeries.objects.values_list("pk", flat=True)) == [second.pk] and second.pk != first.pk
    assert AuditEvent.objects.filter(action="population_series.deleted").count() == 1


def test_fetch_population_stores_the_series_as_the_system_and_prints_the_years(world: World) -> None:
    out = StringIO()
    with respx.mock(assert_all_called=False) as mock:
        scb_answers(mock)
        call_command("fetch_population", "--region", "0764", "--years", "2022-2024", stdout=out)
        call_command("fetch_population", "--region", "0764", "--years", "2022-2024", "--replace", "--api", "v1", stdout=out)
    series = PopulationSeries.objects.get()
    assert series.name == "Folkmängd 0764 2022–2024 (SCB)" and series.created_by is None and series.detail["api"] == "PxWebApi 1"
    assert "2023: 21201 invånare" in out.getvalue()


def test_fetch_population_fails_with_the_rule_when_scb_fails(world: World) -> None:
    with respx.mock(assert_all_called=False) as mock:
        scb_answers(mock, v2=httpx.Response(500))
        with pytest.raises(CommandError) as error:
            call_command("fetch_population", "--region", "0764", "--years", "2024", stdout=StringIO())
    assert "POP-004" in str(error.value) and PopulationSeries.objects.count() == 0
    with pytest.raises(CommandError):
        call_command("fetch_population", "--region", "0764", "--years", "tjugo", stdout=StringIO())
