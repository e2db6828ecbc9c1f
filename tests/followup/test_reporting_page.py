"""A unit reports a month on one page: every value and assessment saved together or not at all."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine

from styr.followup import services
from styr.followup.models import Assessment, Measurement, Report, ReportingPeriod
from styr.planning import services as planning
from tests.conftest import World

YEAR = 2027


@pytest.fixture(autouse=True)
def _march() -> Iterator[None]:
    with time_machine.travel(datetime(YEAR, 3, 3, 9, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def sheet(world: World) -> dict[str, int]:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    unit = world.unit("Hagaskolan")
    goal = planning.goal_create(actor=None, org_unit=unit, title="Fler behöriga", start_year=YEAR, end_year=YEAR)
    indicator = planning.indicator_create(
        actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78), target_year=YEAR, target_value=Decimal(86)
    )
    judged = planning.goal_create(actor=None, org_unit=unit, title="Lugna raster", start_year=YEAR, end_year=YEAR, measurable=False)
    factor = planning.quality_factor_create(actor=None, org_unit=unit, title="Trygghet")
    quality = planning.quality_indicator_create(actor=None, factor=factor, name="Trygga elever", direction="higher")
    return {"unit": unit.pk, "period": feb.pk, "goal": goal.pk, "judged": judged.pk, "indicator": indicator.pk, "quality": quality.pk}


def url(ids: dict[str, int]) -> str:
    return f"/enheter/{ids['unit']}/rapportering/{ids['period']}/"


def test_the_unit_manager_reports_the_month_in_place(world: World, sheet: dict[str, int]) -> None:
    client = world.client("unit_manager")
    page = client.get(url(sheet)).content.decode()
    assert "Behöriga" in page and "Trygga elever" in page and "Lugna raster" in page
    response = client.post(
        url(sheet),
        {
            f"gi-{sheet['indicator']}": "82,5",
            f"qi-{sheet['quality']}": "91",
            f"status-{sheet['goal']}": "partly_achieved",
            f"status-{sheet['judged']}": "achieved",
            f"analysis-{sheet['judged']}": "Rastvärdarna har minskat konflikterna.",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="reporting-sheet">') and "<html" not in body
    assert Measurement.objects.get(indicator_id=sheet["indicator"]).value == Decimal("82.5")
    assert Measurement.objects.get(quality_indicator_id=sheet["quality"]).value == 91
    assessment = Assessment.objects.get(goal_id=sheet["goal"])
    assert (assessment.status, assessment.suggested_status) == ("partly_achieved", "partly_achieved")
    charts_url = f"{url(sheet)}diagram/"
    assert f'data-hx-get="{charts_url}" data-hx-trigger="load" data-hx-target="this"' in body  # the charts come after the grid, and again after a save
    charts = world.client("unit_manager").get(charts_url, HTTP_HX_REQUEST="true").content.decode()
    assert charts.lstrip().startswith('<div id="quality-charts">') and 'alt="Trygga elever' in charts  # over time, without a target
    assert '<th scope="row">2027-02</th><td class="text-end">91</td>' in charts  # and its data as a table
    full = world.client("unit_manager").get(charts_url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "<html" in full and "Kvalitetsindikatorer över tid" in full  # without JavaScript: a page of its own
    assert world.client("outsider").get(charts_url).status_code == 404
    committee_page = world.client("ks_controller").get(f"/enheter/{world.unit('Utbildningsnämnden').pk}/rapportering/{sheet['period']}/").content.decode()
    assert "Delvis uppfyllt 1" in committee_page and "Uppfyllt 1" in committee_page  # the roll-up over the subtree


def test_one_refused_cell_writes_nothing_and_names_the_cell(world: World, sheet: dict[str, int]) -> None:
    response = world.client("unit_manager").post(
        url(sheet),
        {
            f"gi-{sheet['indicator']}": "82",
            f"qi-{sheet['quality']}": "många",
            f"status-{sheet['judged']}": "achieved",
            f"analysis-{sheet['judged']}": "",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "FU-001" in body and "FU-004" in body and f'id="qi-{sheet["quality"]}-error"' in body
    assert not Measurement.objects.exists() and not Assessment.objects.exists()


def test_the_report_goes_from_the_unit_to_review(world: World, sheet: dict[str, int]) -> None:
    manager = world.client("unit_manager")
    assert manager.post(url(sheet), {"action": "start"}).status_code == 200
    assert manager.post(url(sheet), {"action": "write", "analysis": "Lugn månad."}).status_code == 200
    assert manager.post(url(sheet), {"action": "submit"}).status_code == 200
    assert Report.objects.get().state == "submitted"
    assert manager.post(url(sheet), {"action": "review"}).status_code == 403
    assert world.client("ks_controller").post(url(sheet), {"action": "review"}).status_code == 200
    assert Report.objects.get().state == "reviewed"


def test_outsiders_and_readers_cannot_report(world: World, sheet: dict[str, int]) -> None:
    assert world.client("outsider").get(url(sheet)).status_code == 404
    assert world.client("auditor").post(url(sheet), {f"gi-{sheet['indicator']}": "1"}).status_code == 403
    assert not Measurement.objects.exists()


def test_the_reporting_grid_query_count_does_not_grow_with_its_rows(world: World, sheet: dict[str, int]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client("unit_manager")
    with CaptureQueriesContext(connection) as before:
        client.get(url(sheet))
    factor = planning.quality_factor_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Studiero")
    for n in range(15):
        quality = planning.quality_indicator_create(actor=None, factor=factor, name=f"Indikator {n}", direction="higher")
        services.quality_value_record(actor=None, indicator=quality, period=date(YEAR, 1, 1), value=Decimal(n))
    with CaptureQueriesContext(connection) as after:
        client.get(url(sheet))
    assert len(after.captured_queries) == len(before.captured_queries)
