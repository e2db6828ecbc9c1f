"""The Kolada v3 client (issue 13 §1) against recorded answers replayed with respx: paging through
next_url, polite retries (429 with Retry-After, 5xx with backoff), the time-out, malformed answers
(KOLADA-001, KOLADA-003, KOLADA-005). No test calls the network, and none sleeps."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest
import respx

from styr.domain.errors import RuleViolation
from styr.integrations.kolada import KoladaClient
from tests.integrations.kolada_answers import BASE, answer, kolada_answers


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def client(sleeps: Sleeps, settings) -> KoladaClient:  # type: ignore[no-untyped-def]
    settings.KOLADA_MAX_TRIES = 3
    settings.KOLADA_BACKOFF_SECONDS = 2.0
    return KoladaClient(sleep=sleeps)


def test_the_catalogue_is_read_page_by_page_through_next_url(client: KoladaClient) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        routes = kolada_answers(mock)
        kpis = client.kpis()
    assert [k.id for k in kpis] == ["N00945", "N01951", "U28112"]
    assert routes["kpi"].call_count == 1 and routes["kpi2"].call_count == 1
    assert routes["kpi"].calls[0].request.url.params["per_page"] == "5000"
    invanare = kpis[1]
    assert invanare.title == "Invånare  totalt, antal" and invanare.is_divided_by_gender and invanare.operating_area == "Befolkning"
    assert str(invanare.publication_date) == "2025-03-20"


def test_values_come_with_the_gender_split_and_status(client: KoladaClient) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        routes = kolada_answers(mock)
        values = client.values(["N00945"], ["0764", "0760", "0765"], [2023, 2024])
    assert routes["data"].calls[0].request.url.path == "/v3/data/kpi/N00945/municipality/0760,0764,0765/year/2023,2024"
    alvesta = {(v.year, v.gender): v for v in values if v.municipality == "0764"}
    assert alvesta[(2024, "T")].value == Decimal("22.8") and alvesta[(2024, "K")].value == Decimal("21.0") and alvesta[(2024, "M")].value == Decimal("24.5")
    missing = [v for v in values if v.municipality == "0765" and v.year == 2024]
    assert {v.value for v in missing} == {None} and {v.status for v in missing} == {"Saknas"}


def test_groups_and_units_are_read(client: KoladaClient) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        kolada_answers(mock)
        groups = client.municipality_groups()
        units = client.org_units("0764")
    assert groups[0].members == ("0760", "0764", "0765")
    assert units[0].title == "ARINGSÅS FÖRSKOLA"


def test_429_waits_what_retry_after_says_then_reads_the_answer(client: KoladaClient, sleeps: Sleeps) -> None:
    with respx.mock(assert_all_mocked=True) as mock:
        route = mock.get(f"{BASE}/municipality").mock(
            side_effect=[httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200, json=answer("municipality.json"))]
        )
        found = client.municipalities()
    assert route.call_count == 2 and sleeps == [7.0]
    assert {m.id for m in found} == {"0000", "0760", "0764", "0765"}


def test_5xx_is_retried_with_backoff_then_refused_as_kolada_001(client: KoladaClient, sleeps: Sleeps) -> None:
    with respx.mock(assert_all_mocked=True) as mock:
        route = mock.get(f"{BASE}/municipality").mock(return_value=httpx.Response(503))
        with pytest.raises(RuleViolation) as refused:
            client.municipalities()
    assert refused.value.code == "KOLADA-001"
    assert route.call_count == 3 and sleeps == [2.0, 4.0]
    assert refused.value.detail["status"] == 503


def test_a_time_out_is_kolada_001_after_the_tries(client: KoladaClient, sleeps: Sleeps) -> None:
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(f"{BASE}/municipality").mock(side_effect=httpx.ReadTimeout("slow"))
        with pytest.raises(RuleViolation) as refused:
            client.municipalities()
    assert refused.value.code == "KOLADA-001" and "seconds" in refused.value.detail
    assert len(sleeps) == 2


def test_a_404_is_not_retried(client: KoladaClient, sleeps: Sleeps) -> None:
    with respx.mock(assert_all_mocked=True) as mock:
        route = mock.get(f"{BASE}/municipality").mock(return_value=httpx.Response(404))
        with pytest.raises(RuleViolation, match="KOLADA-001"):
            client.municipalities()
    assert route.call_count == 1 and sleeps == []


def test_malformed_json_on_page_two_is_kolada_003(client: KoladaClient) -> None:
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(f"{BASE}/kpi", params={"page": "2"}).mock(return_value=httpx.Response(200, content=b'{"count": 1, "values": [{"id": '))
        mock.get(f"{BASE}/kpi").mock(return_value=httpx.Response(200, json=answer("kpi_page1.json")))
        with pytest.raises(RuleViolation) as refused:
            client.kpis()
    assert refused.value.code == "KOLADA-003" and refused.value.source == "/v3/kpi"


@pytest.mark.parametrize(
    "body",
    [
        {"count": 1, "value": []},
        {"count": 1, "values": "no"},
        {"count": 1, "values": [{"id": "0764"}]},
        {"count": 1, "values": [{"kpi": "N1", "municipality": "0764", "period": "last year", "values": []}]},
        [1, 2],
    ],
)
def test_an_answer_of_the_wrong_shape_is_kolada_003(client: KoladaClient, body: object) -> None:
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(url__regex=rf"{BASE}/(municipality|data/.*)").mock(return_value=httpx.Response(200, json=body))
        with pytest.raises(RuleViolation) as refused:
            client.municipalities() if not (isinstance(body, dict) and "kpi" in str(body)) else client.values(["N1"], ["0764"], [2024])
    assert refused.value.code == "KOLADA-003"


def test_next_url_to_another_host_is_refused(client: KoladaClient) -> None:
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(f"{BASE}/municipality").mock(return_value=httpx.Response(200, json={"count": 0, "values": [], "next_url": "https://evil.example/x"}))
        with pytest.raises(RuleViolation, match="KOLADA-003"):
            client.municipalities()


def test_an_answer_past_the_size_cap_is_kolada_005(client: KoladaClient, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOLADA_MAX_ANSWER_BYTES = 100
    small = KoladaClient(sleep=lambda s: None)
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(f"{BASE}/municipality").mock(return_value=httpx.Response(200, json=answer("municipality.json")))
        with pytest.raises(RuleViolation, match="KOLADA-005"):
            small.municipalities()


def test_a_connection_error_is_kolada_001(client: KoladaClient) -> None:
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(f"{BASE}/municipality").mock(side_effect=httpx.ConnectError("no route"))
        with pytest.raises(RuleViolation) as refused:
            client.municipalities()
    assert refused.value.code == "KOLADA-001" and refused.value.detail == {"error": "ConnectError"}


def test_next_url_downgraded_to_http_is_refused(client: KoladaClient) -> None:
    """Review finding 10: the scheme is compared as well as the host (KOLADA-003)."""
    downgraded = BASE.replace("https://", "http://") + "/municipality?page=2"
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(f"{BASE}/municipality").mock(return_value=httpx.Response(200, json={"count": 0, "values": [], "next_url": downgraded}))
        with pytest.raises(RuleViolation, match="KOLADA-003"):
            client.municipalities()
