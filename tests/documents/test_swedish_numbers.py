"""Numbers in Swedish form where people read them: the public page, the plan's PDF and Word
(issue 8, point 5: the public page wrote "utgångsvärde 2025 20134")."""

from decimal import Decimal

from django.test import Client

from styr.domain.numbers import GROUP
from styr.economy.services import frame_set
from styr.planning.services import goal_adopt, goal_create, indicator_create
from tests.conftest import YEAR, World
from tests.documents.test_plan_documents import docx_text, pdf_text


def council_goal_with_figures(world: World) -> None:
    council = world.unit("Kommunfullmäktige")
    goal = goal_create(actor=None, org_unit=council, title="Fler invånare", start_year=YEAR, end_year=YEAR + 1)
    indicator_create(
        actor=None, goal=goal, name="Invånare", baseline_year=YEAR - 1, baseline_value=Decimal("20134"), target_year=YEAR + 1, target_value=Decimal("20500")
    )
    indicator_create(actor=None, goal=goal, name="Andel", baseline_year=YEAR - 1, baseline_value=Decimal("41.50"), target_year=YEAR, target_value=Decimal("45"))
    goal_adopt(actor=world.users["council_chair"], goal=goal)
    frame_set(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal("452300"))


def test_the_public_page_writes_numbers_the_swedish_way_and_years_as_they_are(world: World) -> None:
    council_goal_with_figures(world)
    body = Client().get(f"/offentlig/alvesta/?ar={YEAR}", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert f"{YEAR - 1} 20&nbsp;134" in body or f"{YEAR - 1} 20{GROUP}134" in body
    assert "20134" not in body
    assert "41,5" in body and "41.50" not in body
    assert f"{YEAR + 1} 20&nbsp;500" in body or f"{YEAR + 1} 20{GROUP}500" in body


def test_the_plans_pdf_and_word_write_numbers_the_swedish_way(world: World) -> None:
    council_goal_with_figures(world)
    client = world.client("ks_controller")
    council = world.unit("Kommunfullmäktige")
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        text = read(client.get(f"/enheter/{council.pk}/dokument/plan-{YEAR}.{fmt}", HTTP_ACCEPT_LANGUAGE="sv").content).replace(GROUP, " ")
        assert f"{YEAR - 1}: 20 134" in text, fmt
        assert "41,5" in text and "20134" not in text, fmt
        assert "452 300" in text, fmt


def test_an_english_reader_still_gets_the_swedish_figures_of_a_swedish_document(world: World) -> None:
    council_goal_with_figures(world)
    council = world.unit("Kommunfullmäktige")
    word = world.client("ks_controller").get(f"/enheter/{council.pk}/dokument/plan-{YEAR}.docx", HTTP_ACCEPT_LANGUAGE="en")
    assert "20 134" in docx_text(word.content).replace(GROUP, " ")
