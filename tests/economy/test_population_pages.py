"""The population pages (issue 10 §1, §5): /befolkning/ lists the series and takes a forecast or
SCB's figures (respx, never the network); /befolkning/<id>/ shows the age bands and a chart and
lets KS's controllers delete. Refusals answer 422 with the rule id; others may not write."""

from __future__ import annotations

import httpx
import respx
from django.core.files.uploadedfile import SimpleUploadedFile

from styr.core.models import AuditEvent
from styr.economy.models import PopulationSeries
from styr.economy.services import population_upload
from tests.conftest import World
from tests.economy.test_population_scb import V2_URL, scb_answers
from tests.economy.test_population_upload import FORECAST

LIST = "/befolkning/"


def fetch(world: World, persona: str, **changes: str) -> tuple[int, str]:
    fields = {"name": "Folkmängd Alvesta", "region": "0764", "first_year": "2022", "last_year": "2024", "api": "v2", **changes}
    data = {"action": "fetch", **{f"fetch-{key}": value for key, value in fields.items()}}
    response = world.client(persona).post(LIST, data, HTTP_ACCEPT_LANGUAGE="sv")
    return response.status_code, response.content.decode()


def test_a_controller_fetches_from_scb_and_lands_on_the_series(world: World) -> None:
    with respx.mock(assert_all_called=False) as mock:
        scb_answers(mock)
        status, _body = fetch(world, "ks_controller")
    series = PopulationSeries.objects.get()
    assert status == 302 and series.source == "scb"
    page = world.client("ks_controller").get(f"/befolkning/{series.pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "21\u00a0084" in page and "6–15" in page and "80+" in page
    assert 'src="data:image/svg+xml;base64,' in page and "Invånare totalt: 2022: 20\u00a0989" in page and "<details" in page
    listing = world.client("committee_politician").get(LIST, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Folkmängd Alvesta" in listing and "Hämta från SCB" not in listing


def test_scb_failing_answers_422_with_the_rule_and_stores_nothing(world: World) -> None:
    with respx.mock(assert_all_called=False) as mock:
        mock.post(V2_URL).mock(side_effect=httpx.ReadTimeout("slow"))
        status, body = fetch(world, "ks_controller")
    assert status == 422 and "(POP-004)" in body and "SCB svarade inte" in body
    with respx.mock(assert_all_called=False) as mock:
        mock.post(V2_URL).mock(return_value=httpx.Response(200, text="<html>Underhåll</html>"))
        status, body = fetch(world, "ks_controller")
    assert status == 422 and "(POP-005)" in body and "SCB:s svar kunde inte läsas som JSON" in body
    assert PopulationSeries.objects.count() == 0


def test_a_region_code_scb_lacks_is_refused_next_to_the_field(world: World) -> None:
    with respx.mock(assert_all_called=False) as mock:
        route, _v1 = scb_answers(mock)
        status, body = fetch(world, "ks_controller", region="7a64")
    assert status == 422 and "(POP-007)" in body and not route.called


def test_only_ks_controllers_write_and_an_outsider_sees_nothing(world: World) -> None:
    with respx.mock(assert_all_called=False) as mock:
        route, _v1 = scb_answers(mock)
        assert fetch(world, "committee_politician")[0] == 403
        assert fetch(world, "auditor")[0] == 403
        assert fetch(world, "outsider")[0] == 403
    assert not route.called and PopulationSeries.objects.count() == 0
    assert world.client("outsider").get(LIST).status_code == 403
    assert world.client(None).get(LIST).status_code == 302


def test_a_controller_uploads_a_forecast_and_a_bad_line_answers_422(world: World) -> None:
    client = world.client("ks_controller")
    bad = client.post(
        LIST,
        {"action": "upload", "upload-name": "Prognos", "upload-file": SimpleUploadedFile("p.csv", b"ar;alder;antal\n2027;1;x\n")},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert bad.status_code == 422 and "(POP-009)" in bad.content.decode() and "rad 2" in bad.content.decode()
    good = client.post(
        LIST, {"action": "upload", "upload-name": "Prognos", "upload-file": SimpleUploadedFile("p.csv", FORECAST.encode())}, HTTP_ACCEPT_LANGUAGE="sv"
    )
    series = PopulationSeries.objects.get()
    assert good.status_code == 302 and good["Location"] == f"/befolkning/{series.pk}/"
    page = client.get(good["Location"], HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Moheda" in page and "p.csv" in page
    again = client.post(
        LIST, {"action": "upload", "upload-name": "Prognos", "upload-file": SimpleUploadedFile("p.csv", FORECAST.encode())}, HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert again.status_code == 422 and "(POP-001)" in again.content.decode()


def test_the_templates_download(world: World) -> None:
    client = world.client("committee_politician")
    csv = client.get("/befolkning/mall.csv")
    assert csv.status_code == 200 and csv["Content-Disposition"].endswith('.csv"') and "år;område;ålder;antal" in csv.content.decode("utf-8-sig")
    assert client.get("/befolkning/mall.xlsx").content[:2] == b"PK"
    assert client.get("/befolkning/mall.pdf").status_code == 404


def test_a_controller_deletes_a_series_others_may_not(world: World) -> None:
    series = population_upload(actor=world.users["ks_controller"], group=world.group, name="P", data=FORECAST.encode(), file_name="p.csv")
    url = f"/befolkning/{series.pk}/"
    assert world.client("committee_politician").post(url, {"action": "delete"}).status_code == 403
    assert world.client("outsider").post(url, {"action": "delete"}).status_code == 403
    assert world.client("outsider").get(url).status_code == 403
    assert world.client("committee_politician").get(url).status_code == 200
    response = world.client("ks_controller").post(url, {"action": "delete"})
    assert response.status_code == 302 and not PopulationSeries.objects.exists()
    assert AuditEvent.objects.filter(action="population_series.deleted").count() == 1
    assert world.client("ks_controller").get(url).status_code == 404


def test_the_overview_links_to_the_population(world: World) -> None:
    page = world.client("ks_controller").get("/oversikt/2026/").content.decode()
    assert 'href="/befolkning/"' in page
