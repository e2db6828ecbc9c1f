"""Mål och budget as a real PDF built from the data (builder → renderer)."""

from decimal import Decimal
from io import BytesIO

from pypdf import PdfReader

from styr.documents.builders import plan_document_build
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
    doc = plan_document_build(user=world.users["ks_controller"], unit=world.unit("Kommunfullmäktige"), year=YEAR)
    assert doc.kind == "goals-and-budget" and doc.filename == f"mal-och-budget-{YEAR}.pdf"
    assert "södra Sveriges mittpunkt" in doc.vision_text
    assert [g.title for g in doc.goals] == ["Fler invånare i hela kommunen"]
    assert doc.goals[0].indicators[0].targets == f"{YEAR + 1}: 20400"
    assert [(f.unit_name, f.amount_tsek) for f in doc.frames] == [("Utbildningsnämnden", Decimal("512300.0"))]
    assert not doc.is_draft


def test_the_pdf_download_is_a_tagged_pdf_with_the_plan_in_it(world: World) -> None:
    setup_plan(world)
    council = world.unit("Kommunfullmäktige")
    response = world.client("ks_controller").get(f"/enheter/{council.pk}/dokument/plan-{YEAR}.pdf", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"mal-och-budget-{YEAR}.pdf" in response["Content-Disposition"]
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
    assert world.client("outsider").get(f"/enheter/{unit.pk}/dokument/plan-{YEAR}.pdf").status_code == 403
