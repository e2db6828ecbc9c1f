"""An adopted plan as PDF and Word from the same builder, read from its frozen snapshot."""

from datetime import date
from io import BytesIO

from docx import Document
from pypdf import PdfReader

from styr.planning import services
from styr.planning.models import DevelopmentGoal, Plan
from tests.conftest import YEAR, World


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(BytesIO(content)).pages).split())


def docx_text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def adopted_council_plan(world: World) -> int:
    council = world.unit("Kommunfullmäktige")
    controller = world.users["ks_controller"]
    services.direction_set(actor=controller, org_unit=council, year=YEAR, text="Alvesta ska växa hållbart.")
    services.goal_create(actor=controller, org_unit=council, title="Fler invånare", start_year=YEAR, end_year=YEAR)
    plan = services.plan_propose(actor=controller, plan=services.plan_create(actor=controller, org_unit=council, year=YEAR))
    services.plan_adopt(actor=world.users["council_chair"], plan=plan, decided_on=date(YEAR - 1, 6, 16), paragraph="§ 62", registration_number="2025-00071")
    return plan.pk


def test_the_adopted_plan_reads_as_decided_in_pdf_and_word_after_later_changes(world: World) -> None:
    pk = adopted_council_plan(world)
    plan = services.plan_revise(actor=world.users["ks_controller"], plan=Plan.objects.get(pk=pk))
    goal = DevelopmentGoal.objects.get(title="Fler invånare")
    services.goal_update(actor=None, goal=goal, title="Ändrat efter beslutet", citizen_change="", start_year=YEAR, end_year=YEAR, measurable=True)
    client = world.client("auditor")
    pdf = client.get(f"/planer/{pk}/dokument.pdf", HTTP_ACCEPT_LANGUAGE="sv")
    word = client.get(f"/planer/{pk}/dokument.docx", HTTP_ACCEPT_LANGUAGE="sv")
    assert pdf.status_code == word.status_code == 200
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    for text in (pdf_text(pdf.content), docx_text(word.content)):
        assert "Fler invånare" in text and "Ändrat efter beslutet" not in text
        assert "§ 62" in text and "2025-00071" in text
        assert "Alvesta ska växa hållbart." in text
    draft = client.get(f"/planer/{plan.pk}/dokument.docx")
    assert "Ändrat efter beslutet" in docx_text(draft.content)


def test_anyone_reads_an_adopted_plan_but_not_a_draft(world: World) -> None:
    pk = adopted_council_plan(world)
    from django.test import Client

    assert Client().get(f"/offentlig/planer/{pk}/dokument.pdf").status_code == 200
    draft = services.plan_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    assert Client().get(f"/offentlig/planer/{draft.pk}/dokument.pdf").status_code == 404
    assert world.client("outsider").get(f"/planer/{draft.pk}/dokument.pdf").status_code == 404


def test_a_committees_core_mission_shows_the_political_direction_of_the_adopted_mal_och_budget(world: World) -> None:
    adopted_council_plan(world)
    unit = world.unit("Utbildningsnämnden")
    services.core_mission_set(actor=None, org_unit=unit, serves="Elever", purpose="Utbildning", governed_by="Skollagen")
    text = docx_text(world.client("committee_politician").get(f"/enheter/{unit.pk}/dokument/plan-{YEAR}.docx").content)
    assert "Skollagen" in text and "Alvesta ska växa hållbart." in text
