"""Mål och budget as a real PDF built from the data (builder → renderer)."""

from decimal import Decimal
from io import BytesIO

from pypdf import PdfReader

from styr.documents.builders import plan_content_build, plan_filename
from styr.economy.services import frame_set
from styr.planning.services import goal_adopt, goal_create, indicator_create
from tests.conftest import YEAR, World


def pdf_text(content: bytes) -> str:
    reader = PdfReader(BytesIO(content))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def setup_plan(world: World) -> None:
    council = world.unit("Kommunfullmäktige")
    goal = goal_create(actor=None, org_unit=council, title="Fler invånare i hela kommunen", start_year=YEAR, end_year=YEAR + 1)
    indicator_create(
        actor=None,
        goal=goal,
        name="Antal invånare",
        baseline_year=YEAR - 1,
        baseline_value=Decimal(20134),
        target_year=YEAR + 1,
        target_value=Decimal(20400),
    )
    goal_adopt(actor=world.users["council_chair"], goal=goal)
    frame_set(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal("512300"))


def test_builder_gathers_cover_vision_goals_and_frames(world: World) -> None:
    setup_plan(world)
    content = plan_content_build(unit=world.unit("Kommunfullmäktige"), year=YEAR)
    assert content["meta"]["kind"] == "goals_and_budget" and plan_filename(content, "pdf") == f"mal-och-budget-{YEAR}-kommunfullmaktige.pdf"
    assert "södra Sveriges mittpunkt" in content["meta"]["vision"]
    goals = content["sections"]["goals"]
    assert [g["title"] for g in goals] == ["Fler invånare i hela kommunen"]
    assert goals[0]["indicators"][0]["targets"] == f"{YEAR + 1}: 20\xa0400"
    assert [(f["title"], Decimal(f["amount_tsek"])) for f in content["sections"]["frames"]] == [("Utbildningsnämnden", Decimal("512300"))]


def test_the_pdf_download_is_a_tagged_pdf_with_the_plan_in_it(world: World) -> None:
    setup_plan(world)
    council = world.unit("Kommunfullmäktige")
    response = world.client("ks_controller").get(f"/enheter/{council.pk}/dokument/plan-{YEAR}.pdf", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"mal-och-budget-{YEAR}-kommunfullmaktige.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Mål och budget" in text
    assert "Vision 2027" in text and "södra Sveriges mittpunkt" in text
    assert "Fler invånare i hela kommunen" in text and "Antal invånare" in text
    assert "Utbildningsnämnden" in text and "512" in text
    root = PdfReader(BytesIO(response.content)).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


def test_a_committee_gets_its_operational_plan_and_outsiders_get_nothing(world: World) -> None:
    goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Alla elever når målen", start_year=YEAR, end_year=YEAR)
    unit = world.unit("Utbildningsnämnden")
    response = world.client("committee_politician").get(f"/enheter/{unit.pk}/dokument/plan-{YEAR}.pdf")
    assert response.status_code == 200 and "verksamhetsplan" in response["Content-Disposition"]
    assert "Alla elever når målen" in pdf_text(response.content)
    assert world.client("outsider").get(f"/enheter/{unit.pk}/dokument/plan-{YEAR}.pdf").status_code == 404
