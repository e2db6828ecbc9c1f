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


def test_the_reporting_page_shows_targets_and_stored_values_the_swedish_way(world: World) -> None:
    from datetime import UTC, date, datetime

    import time_machine

    from styr.followup import services as followup
    from styr.followup.models import ReportingPeriod

    year = 2027
    with time_machine.travel(datetime(year, 3, 3, 9, 0, tzinfo=UTC), tick=False):
        calendar = followup.calendar_create(actor=None, group=world.group, year=year)
        feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(year, 2, 28))
        unit = world.unit("Hagaskolan")
        goal = goal_create(actor=None, org_unit=unit, title="Fler elever", start_year=year, end_year=year)
        indicator = indicator_create(
            actor=None, goal=goal, name="Elever", baseline_year=year - 1, baseline_value=Decimal(19000), target_year=year, target_value=Decimal(20500)
        )
        followup.measurement_record(actor=None, indicator=indicator, period=date(year, 2, 1), value=Decimal("20134.50"))
        page = world.client("unit_manager").get(f"/enheter/{unit.pk}/rapportering/{feb.pk}/").content.decode()
    assert '<td class="text-end">20\u00a0500</td>' in page or '<td class="text-end">20&nbsp;500</td>' in page
    assert 'value="20\u00a0134,5"' in page or 'value="20&nbsp;134,5"' in page
