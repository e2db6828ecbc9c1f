"""KOLADA-002 in the reporting sheet's Excel template: a value from Kolada carries "Källa: Kolada"
(a note beside it and a comment on its cell), and the filled-in sheet still reads back."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from openpyxl import load_workbook

from styr.followup import services
from styr.followup.models import Measurement, ReportingPeriod, ValueSource
from styr.planning import services as planning
from tests.conftest import World
from tests.followup.test_excel import base, upload

YEAR = 2027


@pytest.fixture(autouse=True)
def _march() -> Iterator[None]:
    with time_machine.travel(datetime(YEAR, 3, 3, 9, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def ids(world: World) -> dict[str, int]:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    unit = world.unit("Hagaskolan")
    goal = planning.goal_create(actor=None, org_unit=unit, title="Fler behöriga", start_year=YEAR, end_year=YEAR)
    indicator = planning.indicator_create(actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78))
    factor = planning.quality_factor_create(actor=None, org_unit=unit, title="Trygghet")
    quality = planning.quality_indicator_create(actor=None, factor=factor, name="Trygga elever", direction="higher")
    services.measurement_record(actor=None, indicator=indicator, period=date(YEAR, 2, 1), value=Decimal("81.4"), source=ValueSource.KOLADA)
    return {"unit": unit.pk, "period": feb.pk, "goal": goal.pk, "indicator": indicator.pk, "quality": quality.pk}


def rows_by_key(content: bytes) -> dict[str, tuple[object, ...]]:
    ws = load_workbook(BytesIO(content))["Rapportering"]
    return {str(row[0].value): tuple(cell for cell in row) for row in ws.iter_rows(min_row=5) if row[0].value}


def test_kolada_002_a_value_from_kolada_is_marked_in_the_template_and_the_sheet_reads_back(world: World, ids: dict[str, int]) -> None:
    content = world.client("unit_manager").get(base(ids) + "mall.xlsx", HTTP_ACCEPT_LANGUAGE="sv").content
    ws = load_workbook(BytesIO(content))["Rapportering"]
    assert ws["F4"].value == "Källa"
    rows = rows_by_key(content)
    kolada_row, manual_row = rows[f"gi-{ids['indicator']}"], rows[f"qi-{ids['quality']}"]
    assert kolada_row[3].value == Decimal("81.4") or float(kolada_row[3].value) == 81.4  # type: ignore[attr-defined, arg-type]
    assert kolada_row[5].value == "Källa: Kolada" and kolada_row[3].comment.text == "Källa: Kolada"  # type: ignore[attr-defined]
    assert manual_row[5].value is None and manual_row[3].comment is None  # type: ignore[attr-defined]

    wb = load_workbook(BytesIO(content))
    for row in wb["Rapportering"].iter_rows(min_row=5):
        if row[0].value == f"qi-{ids['quality']}":
            row[3].value = 90
    out = BytesIO()
    wb.save(out)
    response = upload(world, ids, out.getvalue())
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert Measurement.objects.get(quality_indicator_id=ids["quality"]).value == 90
    assert Measurement.objects.get(indicator_id=ids["indicator"]).value == Decimal("81.4")


def test_kolada_002_an_unchanged_kolada_value_read_back_keeps_its_source(world: World, ids: dict[str, int]) -> None:
    content = world.client("unit_manager").get(base(ids) + "mall.xlsx", HTTP_ACCEPT_LANGUAGE="sv").content
    upload(world, ids, content)
    assert Measurement.objects.get(indicator_id=ids["indicator"]).source == ValueSource.KOLADA


def test_a_template_without_kolada_values_has_no_source_column(world: World, ids: dict[str, int]) -> None:
    Measurement.objects.filter(indicator_id=ids["indicator"]).update(source=ValueSource.MANUAL)
    content = world.client("unit_manager").get(base(ids) + "mall.xlsx", HTTP_ACCEPT_LANGUAGE="sv").content
    ws = load_workbook(BytesIO(content))["Rapportering"]
    assert ws["F4"].value is None and all(row[5].value is None for row in ws.iter_rows(min_row=5, max_col=6))
