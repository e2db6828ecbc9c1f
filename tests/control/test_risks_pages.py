"""The risk analysis pages (issue 12 §1): the register with its matrix (SVG with counts and a text
alternative, the same data as a table), the list filtered by a cell, the forms' refusals next to
their fields (IC-001…IC-003), read-only for auditors and KS, and a risk's history across years."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.control.matrix import contrast_ratio, text_colour
from styr.control.models import ControlRisk, RiskScore
from styr.control.services.risks import control_risk_create, risk_score_set
from styr.core.models import AuditEvent
from styr.planning.services import core_mission_set, risk_create
from tests.conftest import YEAR, World
from tests.control.test_risks import OFFICIAL, make_risk
from tests.html_check import vnu_errors

SV = {"Accept-Language": "sv"}


def url(world: World, unit: str = "Utbildningsnämnden", year: int = YEAR) -> str:
    return f"/internkontroll/{world.unit(unit).pk}/risker/{year}/"


def new_risk(**extra: str | list[str]) -> dict[str, str | list[str]]:
    return {
        "form": "risk",
        "area": "Fakturor",
        "description": "Attest saknas",
        "cause": "Stress",
        "effect": "Fel betalning",
        "owner": "Ekonom",
        "aims": ["financial_reporting"],
        "likelihood": "3",
        "consequence": "3",
        **extra,
    }


def scored(world: World) -> list[ControlRisk]:
    official = world.users[OFFICIAL]
    a, b, c = make_risk(world, area="Attest"), make_risk(world, area="Upphandling"), make_risk(world, area="GDPR")
    risk_score_set(actor=official, risk=a, year=YEAR, likelihood=3, consequence=4, chosen=True)
    risk_score_set(actor=official, risk=b, year=YEAR, likelihood=3, consequence=4)
    risk_score_set(actor=official, risk=c, year=YEAR, likelihood=1, consequence=2, chosen=True, reason="Ny lag")
    return [a, b, c]


def test_an_official_adds_and_scores_a_risk_on_the_register(world: World) -> None:
    client = world.client(OFFICIAL)
    response = client.post(url(world), new_risk(), headers=SV)
    assert response.status_code == 302
    risk = ControlRisk.objects.get()
    assert (risk.area, risk.aims, RiskScore.objects.get(risk=risk).risk_value) == ("Fakturor", ["financial_reporting"], 9)
    assert AuditEvent.objects.filter(action__in=["control_risk.created", "risk_score.created"]).count() == 2
    page = client.get(url(world), headers=SV).content.decode()
    row = page.split(f'id="risk-{risk.pk}"')[1].split("</tr>")[0]
    assert "Attest saknas" in row and ">9<" in row and "Hög" in row and "Måste hanteras" in row
    # chosen with a reason through the score form
    response = client.post(
        url(world), {"form": "score", "risk": risk.pk, "likelihood": "1", "consequence": "2", "chosen": "on", "reason": "Revisionens iakttagelse"}, headers=SV
    )
    assert response.status_code == 302
    assert RiskScore.objects.get().reason == "Revisionens iakttagelse"
    assert world.client("outsider").post(url(world), new_risk()).status_code in (403, 404)
    assert world.client("auditor").post(url(world), new_risk()).status_code == 403
    assert ControlRisk.objects.count() == 1


def field_error(page: str, field_id: str) -> str:
    """The text of the field's group (its error is rendered next to it)."""
    start = page.index(f'id="{field_id}"')
    return page[max(0, start - 1500) : start + 1500]


def test_the_rules_are_shown_next_to_their_fields_ic_001_ic_002_ic_003(world: World) -> None:
    client = world.client(OFFICIAL)
    response = client.post(url(world), new_risk(aims=[]), headers=SV)
    assert response.status_code == 422 and "(IC-003)" in field_error(response.content.decode(), "new-aims_0")
    response = client.post(url(world), new_risk(likelihood="7"), headers=SV)
    assert response.status_code == 422 and "(IC-001)" in field_error(response.content.decode(), "new-likelihood")
    assert not ControlRisk.objects.exists(), "the risk and its score are saved together or not at all"
    response = client.post(url(world), new_risk(likelihood="1", consequence="2", chosen="on"), headers=SV)
    assert response.status_code == 422 and "(IC-002)" in field_error(response.content.decode(), "new-reason")
    assert not ControlRisk.objects.exists()


def test_the_matrix_is_an_svg_with_the_counts_a_text_alternative_and_a_table(world: World) -> None:
    scored(world)
    page = world.client("auditor").get(url(world), headers=SV).content.decode()
    svg = page.split('<svg xmlns="http://www.w3.org/2000/svg" id="risk-matrix"')[1].split("</svg>")[0]
    # no role="img": an img's children are presentational and may hold no link (axe's nested-interactive)
    assert "role=" not in svg.split(">")[0] and '<title id="risk-matrix-title">Riskmatris för Utbildningsnämnden' in svg and "<desc" in svg
    # each cell's link (for the pointer; the keyboard uses the table's) has the cell's name
    assert svg.count('tabindex="-1" aria-label="Sannolikhet ') == 16
    assert "Sannolikhet 3 Möjlig, konsekvens 4 Allvarlig: 2 risker" in svg
    assert svg.count("<rect") == 16 and "?l=3&amp;c=4" in svg and 'fill="#b02a37"' in svg
    table = page.split('id="risk-matrix-table"')[1].split("</table>")[0]
    assert re.search(r'href="[^"]*\?l=3&amp;c=4#risk-list"[^>]*>2</a>', table) and re.search(r">1</a>", table)
    # the words of each step under the matrix, from the preset (lowest first)
    steps = page.split('id="risk-matrix-steps"')[1].split("</dl>")[0]
    assert "1 Osannolik; 2 Mindre sannolik; 3 Möjlig; 4 Sannolik" in steps and "1 Försumbar; 2 Lindrig; 3 Kännbar; 4 Allvarlig" in steps
    assert "None" not in steps
    # the auditor reads and may not write: no form on the page
    assert 'name="form"' not in page


def test_the_text_in_every_band_has_enough_contrast() -> None:
    for colour in ("#1e7b34", "#b58105", "#b02a37", "#ffffff", "#777777"):
        assert contrast_ratio(colour, text_colour(colour)) >= 4.5, colour


def test_a_cell_of_the_matrix_filters_the_list(world: World) -> None:
    a, b, c = scored(world)
    page = world.client(OFFICIAL).get(url(world) + "?l=3&c=4", headers=SV).content.decode()
    listed = page.split('id="risk-table"')[1]
    assert f'id="risk-{a.pk}"' in listed and f'id="risk-{b.pk}"' in listed and f'id="risk-{c.pk}"' not in listed
    assert 'id="risk-filter"' in page
    everything = world.client(OFFICIAL).get(url(world) + "?l=x&c=99", headers=SV).content.decode()
    assert f'id="risk-{c.pk}"' in everything and 'id="risk-filter"' not in everything


def test_the_core_missions_risks_are_copied_with_the_button(world: World) -> None:
    mission = core_mission_set(actor=None, org_unit=world.unit("Utbildningsnämnden"), purpose="Utbildning")
    risk_create(actor=None, core_mission=mission, description="Lärarbrist", likelihood=3, consequence=4)
    client = world.client(OFFICIAL)
    assert 'id="risks-copy"' in client.get(url(world), headers=SV).content.decode()
    copy = url(world) + "kopiera/"
    response = client.post(copy, {"area": ""}, headers=SV)
    assert response.status_code == 422 and "(IC-003)" in response.content.decode()
    assert client.post(copy, {"aims": ["effective"]}, headers=SV).status_code == 302
    risk = ControlRisk.objects.get()
    assert risk.source_risk is not None and RiskScore.objects.get(risk=risk).risk_value == 12
    assert 'id="risks-copy"' not in client.get(url(world), headers=SV).content.decode()
    assert world.client("committee_politician").post(copy, {"aims": ["effective"]}).status_code == 403


def test_the_risks_page_shows_its_history_across_two_years(world: World) -> None:
    official = world.users[OFFICIAL]
    risk = control_risk_create(actor=official, org_unit=world.unit("Utbildningsnämnden"), area="Attest", description="Attest saknas", aims=["compliance"])
    risk_score_set(actor=official, risk=risk, year=YEAR - 1, likelihood=2, consequence=2)
    risk_score_set(actor=official, risk=risk, year=YEAR, likelihood=3, consequence=4)
    page = world.client("ks_politician").get(f"/internkontroll/risker/{risk.pk}/?ar={YEAR}", headers=SV).content.decode()
    this_year = page.split(f'id="history-{YEAR}"')[1].split("</tr>")[0]
    assert ">12<" in this_year and "Upp 8" in this_year and "Hög" in this_year
    assert 'id="risk-history-line"' in page and f"{YEAR - 1}: 4" in page
    assert 'name="form"' not in page and 'id="risk-delete"' not in page
    # the official changes the score of the year on the risk's page
    client = world.client(OFFICIAL)
    response = client.post(f"/internkontroll/risker/{risk.pk}/?ar={YEAR}", {"form": "score", "likelihood": "2", "consequence": "2"}, headers=SV)
    assert response.status_code == 302
    page = client.get(f"/internkontroll/risker/{risk.pk}/?ar={YEAR}", headers=SV).content.decode()
    assert "Oförändrad" in page.split(f'id="history-{YEAR}"')[1].split("</tr>")[0]
    response = client.post(
        f"/internkontroll/risker/{risk.pk}/?ar={YEAR}", {"form": "edit", "area": "Attest", "description": "Attest saknas", "aims": []}, headers=SV
    )
    assert response.status_code == 422 and "(IC-003)" in response.content.decode()
    assert world.client("outsider").get(f"/internkontroll/risker/{risk.pk}/").status_code in (403, 404)
    assert client.post(f"/internkontroll/risker/{risk.pk}/ta-bort/?ar={YEAR}").status_code == 302
    assert not ControlRisk.objects.exists()


def test_the_register_takes_as_many_queries_however_many_risks(world: World) -> None:
    scored(world)
    client = world.client(OFFICIAL)
    client.get(url(world))
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(world)).status_code == 200
    for n in range(12):
        risk = make_risk(world, area=f"Område {n}")
        risk_score_set(actor=world.users[OFFICIAL], risk=risk, year=YEAR, likelihood=1 + n % 4, consequence=1 + n % 3)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(world)).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_risk_pages_are_valid_html(world: World) -> None:
    risks = scored(world)
    documents = {
        "register": world.client(OFFICIAL).get(url(world), headers=SV).content.decode(),
        "filtered": world.client("auditor").get(url(world) + "?l=3&c=4", headers=SV).content.decode(),
        "refused": world.client(OFFICIAL).post(url(world), new_risk(aims=[]), headers=SV).content.decode(),
        "risk": world.client(OFFICIAL).get(f"/internkontroll/risker/{risks[0].pk}/", headers=SV).content.decode(),
    }
    errors = vnu_errors(documents)
    assert not errors, "\n".join(errors)
