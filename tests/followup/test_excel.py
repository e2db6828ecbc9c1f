"""The Excel round trip: a template per unit and period, uploaded back, checked cell by cell, all or nothing."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from styr.followup import services
from styr.followup.excel import MAX_BYTES
from styr.followup.models import Assessment, Measurement, ReportingPeriod
from styr.planning import services as planning
from tests.conftest import World

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
    return {"unit": unit.pk, "period": feb.pk, "goal": goal.pk, "indicator": indicator.pk, "quality": quality.pk}


def base(ids: dict[str, int]) -> str:
    return f"/enheter/{ids['unit']}/rapportering/{ids['period']}/"


def filled(world: World, ids: dict[str, int], values: dict[str, object]) -> bytes:
    wb = load_workbook(BytesIO(world.client("unit_manager").get(base(ids) + "mall.xlsx").content))
    ws = wb["Rapportering"]
    for row in ws.iter_rows(min_row=5):
        key = row[0].value
        if key in values:
            row[3].value = values[key]
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(world: World, ids: dict[str, int], content: bytes, name: str = "rapport.xlsx") -> object:
    return world.client("unit_manager").post(base(ids), {"action": "upload", "file": SimpleUploadedFile(name, content)})


def test_the_filled_in_template_is_saved(world: World, ids: dict[str, int]) -> None:
    content = filled(world, ids, {f"gi-{ids['indicator']}": 82.5, f"qi-{ids['quality']}": 91, f"status-{ids['goal']}": "partly_achieved"})
    response = upload(world, ids, content)
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert Measurement.objects.get(indicator_id=ids["indicator"]).value == Decimal("82.5")
    assert Measurement.objects.get(quality_indicator_id=ids["quality"]).value == 91
    assert Assessment.objects.get(goal_id=ids["goal"]).status == "partly_achieved"


def test_every_error_names_its_sheet_and_cell_and_nothing_is_written(world: World, ids: dict[str, int]) -> None:
    content = filled(world, ids, {f"gi-{ids['indicator']}": 82, f"qi-{ids['quality']}": "många", f"status-{ids['goal']}": "grön"})
    response = upload(world, ids, content)
    body = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "Rapportering!D6" in body and "FU-001" in body and "Rapportering!D7" in body and "MODEL-002" in body
    assert not Measurement.objects.exists() and not Assessment.objects.exists()


def test_a_file_of_another_unit_a_damaged_file_and_an_oversized_file_are_refused(world: World, ids: dict[str, int]) -> None:
    other = dict(ids, unit=world.unit("Grundskola").pk)
    wrong_unit = world.client("administration_official").get(base(other) + "mall.xlsx").content
    for content in (wrong_unit, b"PK\x03\x04 inte en arbetsbok", b"x" * (MAX_BYTES + 1)):
        response = upload(world, ids, content)
        assert response.status_code == 422 and "FU-011" in response.content.decode()  # type: ignore[attr-defined]
    assert not Measurement.objects.exists()
