"""KS's overview and the plans show the year-end carry-over (issue 11 §1, §2): each committee's
carry-over into this year, proposed or decided by the council; the plans' frames carry the decided
amount as its own line (the operational plan's frame, Mål och budget's frames table, PDF and Word)."""

from __future__ import annotations

import io
from decimal import Decimal

import docx

from styr.documents.builders import plan_content_build
from styr.documents.renderers.docx import render_plan_docx
from styr.economy.services import carry_overs_compute, frame_set
from tests.conftest import YEAR, World
from tests.economy.carry_over_setup import AFTER, LAST, year_end
from tests.economy.test_carry_over import decide


def test_ks_overview_shows_each_committees_carry_over_proposed_then_decided(world: World) -> None:
    year_end(world)
    client = world.client("ks_controller")
    assert 'id="overview-carry-over"' not in client.get(f"/oversikt/{YEAR}/", headers={"Accept-Language": "sv"}).content.decode()
    carry_overs_compute(actor=world.users["ks_controller"], group=world.group, year=LAST, today=AFTER)
    body = client.get(f"/oversikt/{YEAR}/", headers={"Accept-Language": "sv"}).content.decode()
    un = world.unit("Utbildningsnämnden").pk
    row = body.split(f'id="overview-carry-over-{un}"')[1].split("</tr>")[0]
    assert ">100<" in row and ">42<" in row and "Förslag, inför fullmäktiges beslut" in row
    assert f'href="/resultatoverforing/?ar={LAST}"' in body
    decide(world)
    body = client.get(f"/oversikt/{YEAR}/", headers={"Accept-Language": "sv"}).content.decode()
    row = body.split(f'id="overview-carry-over-{un}"')[1].split("</tr>")[0]
    assert row.count(">42<") == 2 and "Beslutad av fullmäktige" in row
    # the committee's politician sees its own committee only
    own = world.client("committee_politician").get(f"/oversikt/{YEAR}/", headers={"Accept-Language": "sv"}).content.decode()
    assert f'id="overview-carry-over-{un}"' in own and f'id="overview-carry-over-{world.unit("Omsorgsnämnden").pk}"' not in own


def test_the_plans_frames_carry_the_decided_amount_as_its_own_line(world: World) -> None:
    year_end(world)
    carry_overs_compute(actor=world.users["ks_controller"], group=world.group, year=LAST, today=AFTER)
    frame_set(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal("1500.0"))
    frame_set(actor=world.users["ks_controller"], org_unit=world.unit("Omsorgsnämnden"), year=YEAR, amount_tsek=Decimal("650.0"))
    decide(world)
    committee = plan_content_build(unit=world.unit("Utbildningsnämnden"), year=YEAR)
    frame = committee["sections"]["frames"][0]
    assert (frame["carry_over_tsek"], frame["carry_over"], frame["in_force"]) == ("42.00", "+42", "1542")
    council = plan_content_build(unit=world.unit("Kommunfullmäktige"), year=YEAR)
    assert {f["title"]: f["carry_over"] for f in council["sections"]["frames"]} == {"Utbildningsnämnden": "+42", "Omsorgsnämnden": "-100,12"}
    assert council["meta"]["carry_over_total"] == "-58,12"
    for content in (council, committee):  # the Word document carries the line too
        document = docx.Document(io.BytesIO(render_plan_docx(content, generated_at="2026-04-21 10:00")))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        assert "-58,12" in cells if content is council else "Gällande, med överfört resultat" in cells
    html = world.client("ks_controller").get(f"/enheter/{world.unit('Kommunfullmäktige').pk}/plan/{YEAR}/?flik=ekonomi", headers={"Accept-Language": "sv"})
    assert "Överfört resultat" in html.content.decode() and "-58,12" in html.content.decode()
