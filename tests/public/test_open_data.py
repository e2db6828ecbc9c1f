"""Open data and the public site (issue 13 §3): adopted content only (OPEN-001), follow-up figures
once their report is adopted (OPEN-002), files at stable URLs that Excel and LibreOffice open in a
Swedish locale (OPEN-003)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from django.test import Client

from styr.economy.services.investments import investment_amount_set, investment_project_create
from styr.planning import services as planning
from tests.conftest import YEAR, World
from tests.public.open_data_world import publish

DRAFTS = ("Hemligt utkast", "777 777 000", "777777", "43 210", "43210", "666 666 000", "666666000", "not_achieved", "Ej uppfyllt", "Utkast.")


def text(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode("utf-8-sig").replace("\xa0", " ")


def test_open_001_the_public_pages_show_adopted_content_and_no_draft(world: World) -> None:
    publish(world)
    goals = text(f"/offentlig/alvesta/?ar={YEAR}")
    economy = text(f"/offentlig/alvesta/ekonomi/?ar={YEAR}")
    assert "Fler invånare 0" in goals and "Alla elever når målen" in goals
    assert "Delvis uppfyllt" in goals and "Uppfyllt" in goals  # OPEN-002: February's adopted status
    # the adopted frames in kronor (the investment frame is the adopted investment plan's, issue 11 §3)
    assert "512 300 000" in economy and "30 000 000" in economy
    assert "518 179 000" in economy  # the adopted report's forecast
    assert "Tillbyggnad Prästängsskolan" in economy and "30 000 000" in economy  # the adopted investment plan
    for page in (goals, economy, text(f"/offentlig/alvesta/ekonomi/?ar={YEAR + 1}")):
        for draft in DRAFTS:
            assert draft not in page


def test_open_001_the_investment_plan_is_public_once_goals_and_budget_is_adopted(world: World) -> None:
    committee = world.unit("Utbildningsnämnden")
    project = investment_project_create(
        actor=None, committee=committee, name="Ny förskola Moheda", category="expansion", start_year=YEAR + 1, end_year=YEAR + 2
    )
    investment_amount_set(actor=None, project=project, plan_year=YEAR + 1, year=YEAR + 1, amount_tsek=Decimal(10000))
    assert "Ny förskola Moheda" not in text(f"/offentlig/alvesta/ekonomi/?ar={YEAR + 1}")
    plan = planning.plan_create(actor=None, org_unit=world.unit("Kommunfullmäktige"), year=YEAR + 1)
    planning.plan_adopt(
        actor=world.users["council_chair"],
        plan=planning.plan_propose(actor=None, plan=plan),
        decided_on=date(YEAR, 11, 20),
        paragraph="§ 9",
        registration_number="KS 2026/9",
    )
    assert "Ny förskola Moheda" in text(f"/offentlig/alvesta/ekonomi/?ar={YEAR + 1}")


def test_open_002_a_status_and_a_value_are_public_once_their_report_is_adopted(world: World) -> None:
    published = publish(world)
    rows = json.loads(text(f"/oppen-data/alvesta/mal.json?ar={YEAR}"))["rows"]
    by_id = {row["mal_id"]: row for row in rows}
    assert by_id[published.council_goal.pk]["status"] == "partly_achieved"  # KS's adopted February report, not the March draft
    assert by_id[published.committee_goal.pk]["status"] == "achieved"
    assert published.draft_goal.pk not in by_id
    values = json.loads(text(f"/oppen-data/alvesta/indikatorvarden.json?ar={YEAR}"))["rows"]
    assert [(v["period"], v["varde"], v["kalla"], v["kallhanvisning"]) for v in values] == [
        (f"{YEAR}-02", "20211.00", "manual", ""),
        (f"{YEAR}-04", "20301.00", "kolada", "Källa: Kolada"),  # Kolada's values are published by Kolada
    ]


def test_kolada_002_a_value_from_kolada_is_marked_on_the_page_and_in_the_files(world: World) -> None:
    publish(world)
    assert "Källa: Kolada" in text(f"/offentlig/alvesta/?ar={YEAR}")
    assert "kolada;Källa: Kolada" in text("/oppen-data/alvesta/indikatorvarden.csv")
    assert "Källa: Kolada" in text("/oppen-data/alvesta/")


def test_open_003_the_csv_is_utf8_with_bom_semicolons_and_decimal_comma(world: World) -> None:
    publish(world)
    response = Client().get(f"/oppen-data/alvesta/ramar.csv?ar={YEAR}")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    header, row, *rest = response.content.decode("utf-8-sig").split("\r\n")
    assert header.split(";")[:4] == ["ar", "organ_id", "organ", "driftram_beslutad_kr"]
    cells = dict(zip(header.split(";"), row.split(";"), strict=True))
    assert cells["organ"] == "Utbildningsnämnden" and cells["driftram_kr"] == "512300000" and cells["helarsprognos_kr"] == "518179000,00"
    assert rest == [""]  # next year's proposal is not a row


def test_every_data_set_answers_in_both_formats_and_an_unknown_one_is_404(world: World) -> None:
    publish(world)
    for name in ("planer", "mal", "indikatorvarden", "ramar"):
        document = json.loads(text(f"/oppen-data/alvesta/{name}.json"))
        assert document["licence"] == "CC0-1.0" and document["rows"] and {f["name"] for f in document["fields"]} == set(document["rows"][0])
        csv = Client().get(f"/oppen-data/alvesta/{name}.csv").content
        assert csv.startswith(b"\xef\xbb\xbf") and csv.split(b"\r\n")[0].endswith(document["fields"][-1]["name"].encode())
    client = Client()
    assert client.get("/oppen-data/alvesta/hemligt.csv").status_code == 404
    assert client.get("/oppen-data/alvesta/mal.xml").status_code == 404
    assert client.get("/oppen-data/okand/mal.csv").status_code == 404
    assert client.get("/oppen-data/alvesta/mal.csv?ar=tjugo").status_code == 404


def test_the_open_data_page_describes_each_field_and_the_licence(world: World) -> None:
    page = text("/oppen-data/alvesta/")
    assert "CC0 1.0" in page and "creativecommons.org/publicdomain/zero/1.0" in page
    for field in ("plan_id", "status_namn", "kallhanvisning", "helarsprognos_kr"):
        assert f"<code>{field}</code>" in page
    for name in ("planer", "mal", "indikatorvarden", "ramar"):
        assert f"/oppen-data/alvesta/{name}.csv" in page and f"/oppen-data/alvesta/{name}.json" in page
