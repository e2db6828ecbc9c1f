"""The population API (issue 10 §1, §5): GET /api/v1/population/series[/{id}] with filters, POST
an uploaded forecast, POST a fetch from SCB (respx, never the network), DELETE; each tried by a
KS controller (allowed), a committee politician (reads, may not write) and the outsider."""

from __future__ import annotations

import httpx
import respx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from styr.core.models import AuditEvent
from styr.economy.models import PopulationSeries
from styr.economy.services import population_upload
from tests.api.test_api import bearer, token_for
from tests.conftest import World
from tests.economy.test_population_scb import scb_answers
from tests.economy.test_population_upload import FORECAST

URL = "/api/v1/population/series"


def as_(persona: str) -> dict[str, str]:
    return bearer(token_for(persona))


def upload(persona: str, content: bytes, name: str = "Prognos 2027") -> tuple[int, dict]:  # type: ignore[type-arg]
    response = Client().post(URL, {"name": name, "file": SimpleUploadedFile("prognos.csv", content)}, headers=as_(persona))
    return response.status_code, response.json()


def fetch(persona: str, **changes: object) -> tuple[int, dict]:  # type: ignore[type-arg]
    body = {"name": "Folkmängd Alvesta", "region": "0764", "first_year": 2022, "last_year": 2024, **changes}
    response = Client().post(f"{URL}/scb", body, content_type="application/json", headers=as_(persona))
    return response.status_code, response.json()


def test_a_controller_uploads_a_forecast_and_reads_it_by_band(world: World) -> None:
    status, body = upload("ks_controller", FORECAST.encode())
    assert status == 201, body
    assert body["source"] == "upload" and body["years"] == [2027, 2028] and body["areas"] == ["Alvesta", "Moheda"]
    assert body["residents_by_year"] == {"2027": 256, "2028": 1130} and body["detail"]["file_name"] == "prognos.csv"
    detail = Client().get(f"{URL}/{body['id']}?year=2027&band=0", headers=as_("committee_politician")).json()
    assert [(c["area"], c["age"], c["count"]) for c in detail["counts"]] == [("Alvesta", 0, 120), ("Moheda", 0, 25)]
    assert [(b["area"], b["band"], b["count"]) for b in detail["bands"]] == [("", "0", 145), ("Alvesta", "0", 120), ("Moheda", "0", 25)]
    whole = Client().get(f"{URL}/{body['id']}?year=2027&area=Moheda", headers=as_("ks_controller")).json()
    assert {b["band"]: b["count"] for b in whole["bands"]} == {"0": 25, "1-5": 0, "6-15": 0, "16-18": 0, "19-64": 0, "65-79": 0, "80+": 1}
    ages = Client().get(f"{URL}/{body['id']}?age_from=1&age_to=99", headers=as_("ks_controller")).json()
    assert [c["age"] for c in ages["counts"]] == [7]
    bad = Client().get(f"{URL}/{body['id']}?band=2-4", headers=as_("ks_controller"))
    assert bad.status_code == 422 and bad.json()["code"] == "INPUT-001"


def test_a_refused_upload_answers_422_with_the_line_and_writes_nothing(world: World) -> None:
    status, body = upload("ks_controller", "år;ålder;antal\n2027;0;10\n2027;1;tio\n".encode())
    assert status == 422 and body["code"] == "POP-009" and body["detail"]["line"] == 3 and "rad 3" in body["message"]
    status, body = upload("ks_controller", b"\x81\x8d")
    assert status == 422 and body["code"] == "POP-008"
    assert PopulationSeries.objects.count() == 0


def test_only_a_ks_controller_writes_and_the_outsider_sees_nothing(world: World) -> None:
    assert upload("committee_politician", FORECAST.encode())[0] == 403
    status, body = upload("outsider", FORECAST.encode())
    assert status == 403 and body["code"] == "PERM-001"
    assert Client().get(URL, headers=as_("outsider")).status_code == 403
    assert PopulationSeries.objects.count() == 0


def test_the_list_filters_by_year_area_and_source(world: World) -> None:
    population_upload(actor=None, group=world.group, name="A", data=FORECAST.encode(), file_name="a.csv")
    population_upload(actor=None, group=world.group, name="B", data=b"ar;alder;antal\n2030;0;1\n", file_name="b.csv")
    names = lambda query: [s["name"] for s in Client().get(f"{URL}{query}", headers=as_("auditor")).json()]  # noqa: E731
    assert sorted(names("")) == ["A", "B"]
    assert names("?year=2030") == ["B"] and names("?area=Moheda") == ["A"] and names("?source=scb") == []


def test_a_controller_fetches_from_scb_and_a_failure_is_422(world: World) -> None:
    with respx.mock(assert_all_called=False) as mock:
        route, _v1 = scb_answers(mock)
        assert fetch("committee_politician")[0] == 403
        assert fetch("outsider")[0] == 403
        assert not route.called
        status, body = fetch("ks_controller")
        assert status == 201 and body["source"] == "scb" and body["residents_by_year"]["2024"] == 21084 and body["detail"]["table"] == "TAB638"
        status, again = fetch("ks_controller")
        assert status == 422 and again["code"] == "POP-001"
        status, body = fetch("ks_controller", name="Fel år", first_year=2024, last_year=2020)
        assert status == 422 and body["code"] == "POP-007"
        for region in ("7", "0764a"):
            status, body = fetch("ks_controller", name="Län", region=region)
            assert status == 422 and body["code"] == "INPUT-001"
    with respx.mock(assert_all_called=False) as mock:
        scb_answers(mock, v2=httpx.Response(502))
        status, body = fetch("ks_controller", name="Nytt försök")
        assert status == 422 and body["code"] == "POP-004" and "502" in body["message"]
    assert PopulationSeries.objects.count() == 1


def test_a_controller_deletes_others_may_not(world: World) -> None:
    series = population_upload(actor=None, group=world.group, name="A", data=FORECAST.encode(), file_name="a.csv")
    url = f"{URL}/{series.pk}"
    assert Client().delete(url, headers=as_("committee_politician")).status_code == 403
    assert Client().delete(url, headers=as_("outsider")).status_code == 403
    assert Client().delete(url, headers=as_("ks_controller")).status_code == 204
    assert Client().get(url, headers=as_("ks_controller")).status_code == 404
    assert AuditEvent.objects.filter(action="population_series.deleted").count() == 1
