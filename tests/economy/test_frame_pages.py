"""The frame pages (issue 10 §2, §4): the frame page's history and its two forms (a proposal before
the council adopts, KS's adjustment after), the unit page's summary, the plan page's economy tab,
the plans' documents, and KS's overview with the frames as adopted and adjusted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styr.documents.builders import plan_content_build
from styr.economy.models import FrameAdjustment, OperatingFrame
from styr.economy.services import budget_set, frame_set
from styr.organisation.services import org_unit_create
from styr.planning import services as planning
from styr.planning.models import Plan
from tests.conftest import TODAY, YEAR, World
from tests.economy.test_frames_decided import adjust, adopt_goals_and_budget, adopted_frame


def url(world: World, year: int = YEAR) -> str:
    return f"/enheter/{world.unit('Utbildningsnämnden').pk}/driftram/?ar={year}"


def test_a_controller_prepares_the_proposal_on_the_frame_page_before_adoption(world: World) -> None:
    client = world.client("ks_controller")
    page = client.get(url(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'id="proposal-amount_tsek"' in page and "adjustment-decided_on" not in page
    refused = client.post(url(world), {"year": YEAR, "amount_tsek": "femhundra"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert refused.status_code == 422
    response = client.post(url(world), {"year": YEAR, "amount_tsek": "512300", "investment_tsek": "40000"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 302 and response["Location"] == url(world)
    page = client.get(url(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'id="frame-proposal"' in page and "512\u00a0300" in page and "40\u00a0000" in page
    unit = client.get(f"/enheter/{world.unit('Utbildningsnämnden').pk}/?ar={YEAR}", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Föreslagen driftram" in unit and 'id="frame-link"' in unit
    assert world.client("committee_politician").post(url(world), {"year": YEAR, "amount_tsek": "1"}).status_code == 403
    assert world.client("outsider").get(url(world)).status_code == 404


def test_after_adoption_the_proposal_is_refused_with_409_and_its_rule_and_the_form_is_gone(world: World) -> None:
    adopted_frame(world)
    client = world.client("ks_controller")
    response = client.post(url(world), {"year": YEAR, "amount_tsek": "200"}, HTTP_ACCEPT_LANGUAGE="sv")
    body = response.content.decode()
    assert response.status_code == 409 and "(FRAME-001)" in body and 'id="frame-refusal"' in body
    assert "kommunstyrelsens" in body.lower() and 'id="proposal-amount_tsek"' not in body
    assert OperatingFrame.objects.get().amount_tsek == Decimal("512300")
    assert 'id="proposal-locked"' in client.get(url(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode()


def test_a_ks_politician_records_an_adjustment_on_the_frame_page_and_the_history_shows_it(world: World) -> None:
    adopted_frame(world)
    client = world.client("ks_politician")
    page = client.get(url(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'id="adjustment-decided_on"' in page and 'id="proposal-amount_tsek"' not in page
    action = f"/enheter/{world.unit('Utbildningsnämnden').pk}/driftram/justeringar/?ar={YEAR}"
    refused = client.post(
        action, {"decided_on": f"{YEAR}-02-24", "paragraph": "§ 31", "registration_number": "KS 2026/44", "operating_tsek": "2400"}, HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert refused.status_code == 422 and "(FRAME-003)" in refused.content.decode()
    given = {"decided_on": f"{YEAR}-02-24", "paragraph": "§ 31", "registration_number": "KS 2026/44", "operating_tsek": "2400", "reason": "Fler elever."}
    response = client.post(action, given, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 302
    page = world.client("auditor").get(url(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'id="frame-adopted"' in page and "512\u00a0300" in page and "514\u00a0700" in page
    assert "§ 31" in page and "Fler elever." in page and "2026-02-24" in page
    assert "adjustment-decided_on" not in page  # auditors read
    assert world.client("council_chair").post(action, given).status_code == 403
    assert world.client("ks_controller").post(action, given).status_code == 403
    assert world.client("outsider").post(action, given).status_code == 404
    assert FrameAdjustment.objects.count() == 1
    unit = world.client("ks_politician").get(f"/enheter/{world.unit('Utbildningsnämnden').pk}/?ar={YEAR}", HTTP_ACCEPT_LANGUAGE="sv")
    assert unit.status_code == 200 and "Ram justerad av kommunstyrelsen" in unit.content.decode()  # in the unit's history


def test_the_plans_show_the_frames_council_and_committee(world: World) -> None:
    committee = world.unit("Utbildningsnämnden")
    frame_set(actor=None, org_unit=world.unit("Omsorgsnämnden"), year=YEAR, amount_tsek=Decimal("498700"), investment_tsek=Decimal(12000))
    adopted_frame(world)
    adjust(world)
    budget_set(actor=None, org_unit=world.unit("Hagaskolan"), year=YEAR, months=[Decimal(100000)] * 12)
    council = (
        world.client("council_chair")
        .get(f"/enheter/{world.unit('Kommunfullmäktige').pk}/plan/{YEAR}/?flik=ekonomi", HTTP_ACCEPT_LANGUAGE="sv")
        .content.decode()
    )
    assert 'id="council-frames"' in council and "512\u00a0300" in council and "498\u00a0700" in council and "1\u00a0011\u00a0000" in council
    assert "52\u00a0000" in council  # the investment frames together
    tab = world.client("committee_politician").get(f"/enheter/{committee.pk}/plan/{YEAR}/?flik=ekonomi", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'id="plan-frame"' in tab and "514\u00a0700" in tab and "Fler elever i grundskolan" in tab
    assert 'id="plan-internal-budget"' in tab and "Hagaskolan" in tab and "1\u00a0200\u00a0000" in tab
    content = plan_content_build(unit=committee, year=YEAR)
    frame = content["sections"]["frames"][0]
    assert (frame["adopted_tsek"], frame["amount_tsek"], frame["adjustments_tsek"]) == ("512300.0", "514700.0", "2400.0")
    assert [a["paragraph"] for a in content["sections"]["frame_adjustments"]] == ["§ 31"]
    assert [(r["title"], r["amount_sek"]) for r in content["sections"]["internal_budget"]] == [("Hagaskolan", "1200000.00")]


def test_frames_show_to_the_tenth_of_a_tkr_they_are_kept_to(world: World) -> None:
    """A frame is kept to 0.1 tkr (100 kr), as the Word document shows it: a KS adjustment of 0.4
    tkr shows, not rounded away, on the frame page, the unit page and the plans' economy tab."""
    committee = world.unit("Utbildningsnämnden")
    adopted_frame(world, amount="512300", investment="40000.5")
    adjust(world, operating_tsek=Decimal("0.4"))
    client = world.client("council_chair")
    pages = {
        "frame": client.get(url(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode(),
        "unit": client.get(f"/enheter/{committee.pk}/?ar={YEAR}", HTTP_ACCEPT_LANGUAGE="sv").content.decode(),
        "committee tab": client.get(f"/enheter/{committee.pk}/plan/{YEAR}/?flik=ekonomi", HTTP_ACCEPT_LANGUAGE="sv").content.decode(),
        "council tab": client.get(f"/enheter/{world.unit('Kommunfullmäktige').pk}/plan/{YEAR}/?flik=ekonomi", HTTP_ACCEPT_LANGUAGE="sv").content.decode(),
    }
    for name, page in pages.items():
        assert "512\u00a0300,4" in page and "40\u00a0000,5" in page, name
    for name in ("frame", "unit", "committee tab"):
        assert ">0,4<" in pages[name] or ">0,4 tkr" in pages[name] or "0,4 tkr (" in pages[name], name


def test_the_plan_documents_carry_the_frames(world: World) -> None:
    import io

    from docx import Document

    adopted_frame(world)
    adjust(world)
    plan_id = Plan.objects.get(kind="goals_and_budget").pk
    word = world.client("council_chair").get(reverse("documents:plan", args=[plan_id, "docx"]), HTTP_ACCEPT_LANGUAGE="sv")
    assert word.status_code == 200
    text = "\n".join(cell.text for table in Document(io.BytesIO(word.content)).tables for row in table.rows for cell in row.cells)
    assert "Utbildningsnämnden" in text and "512\u00a0300" in text and "40\u00a0000" in text


def test_ks_overview_shows_each_committees_investment_frame_as_it_stands_now(world: World) -> None:
    frame_set(actor=None, org_unit=world.unit("Omsorgsnämnden"), year=YEAR, amount_tsek=Decimal("498700"), investment_tsek=Decimal("12000"))
    adopted_frame(world)  # Utbildningsnämnden: 40 000 tkr to invest
    adjust(world, operating_tsek=Decimal(0), investment_tsek=Decimal("5000.5"))  # KS gives 5 000,5 tkr more
    body = world.client("ks_controller").get(f"/oversikt/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    section = body[body.index('id="overview-economy-heading"') :]
    assert ">Investeringsram</th>" in section and "investeringsramen nu" in section
    row = section[section.index(">Utbildningsnämnden</a>") :].split("</tr>")[0]
    assert ">45\u00a0000\u00a0500<" in row  # as adopted (40 000 tkr) plus KS's adjustment, in kronor
    other = section[section.index(">Omsorgsnämnden</a>") :].split("</tr>")[0]
    assert ">12\u00a0000\u00a0000<" in other
    municipality = section[section.index(">Kommunen</th>") :].split("</tr>")[0]
    assert ">57\u00a0000\u00a0500<" in municipality


def test_ks_overview_shows_each_committees_frame_as_adopted_its_adjustments_and_now_in_constant_queries(world: World) -> None:
    adopted_frame(world)
    adjust(world)
    client = world.client("ks_controller")
    overview = f"/oversikt/{YEAR}/"
    body = client.get(overview, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    section = body[body.index('id="overview-economy-heading"') :]
    assert ">Antagen ram</th>" in section and "512\u00a0300\u00a0000" in section and "514\u00a0700\u00a0000" in section
    assert f'href="/enheter/{world.unit("Utbildningsnämnden").pk}/driftram/?ar={YEAR}"' in section and "1 beslut" in section
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as before:
        client.get(overview)
    committees = [
        org_unit_create(actor=None, group=world.group, parent=world.unit("Kommunfullmäktige"), kind="COMMITTEE", name=f"Nämnd {n}", valid_from=TODAY)
        for n in range(5)
    ]
    plan = Plan.objects.get(kind="goals_and_budget", year=YEAR)
    revision = planning.plan_revise(actor=None, plan=plan)  # new committees get their frames in a revision
    for committee in committees:
        frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=Decimal(1000))
    planning.plan_propose(actor=None, plan=revision)
    planning.plan_adopt(actor=None, plan=revision, decided_on=date(YEAR, 3, 1), paragraph="§ 20", registration_number="KS 2026/5")
    for committee in committees:
        adjust(world, org_unit=committee, decided_on=date(YEAR, 3, 2))
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as after:
        body = client.get(overview, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert body.count("1 beslut") == 5 and "5 beslut" in body  # Utbildningsnämndens adjustment went into the revision
    assert len(after.captured_queries) == len(before.captured_queries)


# -- the chart of the frames by committee over the years (issue 10 §5) ---------------------------


def three_years_of_frames(world: World) -> None:
    """Last year's frames adopted, this year's adopted (Utbildningsnämnden's adjusted by KS), next
    year's proposals prepared."""
    for name, amount in (("Utbildningsnämnden", "500000"), ("Omsorgsnämnden", "480000")):
        frame_set(actor=None, org_unit=world.unit(name), year=YEAR - 1, amount_tsek=Decimal(amount))
    adopt_goals_and_budget(world, YEAR - 1)
    frame_set(actor=None, org_unit=world.unit("Omsorgsnämnden"), year=YEAR, amount_tsek=Decimal("498700"))
    adopted_frame(world)
    adjust(world, operating_tsek=Decimal("0.4"))
    frame_set(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR + 1, amount_tsek=Decimal("525000"))


def chart_url(world: World, year: int = YEAR) -> str:
    return f"/enheter/{world.unit('Kommunfullmäktige').pk}/plan/{year}/ramdiagram/"


def test_the_councils_economy_tab_loads_the_chart_of_the_frames_by_committee_over_the_years(world: World) -> None:
    three_years_of_frames(world)
    client = world.client("council_chair")
    tab = client.get(f"/enheter/{world.unit('Kommunfullmäktige').pk}/plan/{YEAR}/?flik=ekonomi", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert f'data-hx-get="{chart_url(world)}"' in tab and 'data-hx-trigger="load"' in tab and 'id="frames-chart-link"' in tab
    fragment = client.get(chart_url(world), HTTP_ACCEPT_LANGUAGE="sv", HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="frames-chart">') and "<html" not in fragment
    assert 'src="data:image/svg+xml;base64,' in fragment and "<details" in fragment
    # the text alternative: the years around the plan's year, their totals and whether adopted
    assert f"Driftramar per nämnd {YEAR - 1}–{YEAR + 1}" in fragment
    assert f"{YEAR - 1}: 980\u00a0000 (antagna)" in fragment and f"{YEAR}: 1\u00a0011\u00a0000,4 (antagna)" in fragment
    assert f"{YEAR + 1}: 525\u00a0000 (förslag)" in fragment
    # the data table marks adopted against now, and proposals
    table = fragment[fragment.index("<table") :]
    rows = [r for r in table.split("<tr>")[2:]]
    un_now = next(r for r in rows if "Utbildningsnämnden" in r and f">{YEAR}<" in r)
    assert ">512\u00a0300<" in un_now and ">512\u00a0300,4<" in un_now and "justerad av KS (1 beslut)" in un_now
    un_next = next(r for r in rows if "Utbildningsnämnden" in r and f">{YEAR + 1}<" in r)
    assert ">–<" in un_next and ">525\u00a0000<" in un_next and "Förslag" in un_next
    assert not any("Omsorgsnämnden" in r and f">{YEAR + 1}<" in r for r in rows)  # no proposal there yet
    page = client.get(chart_url(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "<html" in page and 'id="frames-chart"' in page
    # only the council's Mål och budget has it; outsiders do not see it
    assert client.get(f"/enheter/{world.unit('Utbildningsnämnden').pk}/plan/{YEAR}/ramdiagram/").status_code == 404
    assert world.client("outsider").get(chart_url(world)).status_code == 404


def test_the_chart_says_so_when_there_are_no_frames(world: World) -> None:
    fragment = world.client("council_chair").get(chart_url(world), HTTP_ACCEPT_LANGUAGE="sv", HTTP_HX_REQUEST="true").content.decode()
    assert 'id="frames-chart"' in fragment and "<img" not in fragment


def test_the_economy_tab_and_its_chart_keep_their_query_count_as_committees_and_years_grow(world: World) -> None:
    three_years_of_frames(world)
    client = world.client("council_chair")
    tab = f"/enheter/{world.unit('Kommunfullmäktige').pk}/plan/{YEAR}/?flik=ekonomi"

    def count(url: str, htmx: bool = False) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, headers={"HX-Request": "true"} if htmx else None).status_code == 200
        return len(queries.captured_queries)

    before = (count(tab), count(chart_url(world), htmx=True))
    for n in range(4):
        council = world.unit("Kommunfullmäktige")
        committee = org_unit_create(actor=None, group=world.group, parent=council, kind="COMMITTEE", name=f"Nämnd {n}", valid_from=TODAY)
        for year in (YEAR, YEAR + 1):
            OperatingFrame.objects.create(group=world.group, org_unit=committee, year=year, amount_tsek=Decimal(1000 + n))
    after = (count(tab), count(chart_url(world), htmx=True))
    assert after == before
