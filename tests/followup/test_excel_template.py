"""The Excel template guides the one filling it in: drop-down statuses in the status scale's
labels, numbers only where numbers go, a protected sheet with its input cells open, the unit and
period by name, frozen headers and columns that fit; the labels and the codes are both accepted
back (issue 8, point 5)."""

import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
import time_machine
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from styr.followup import services
from styr.followup.models import Assessment, Measurement, ReportingPeriod
from styr.planning import services as planning
from styr.planning.models import GoalIndicator
from tests.conftest import World
from tests.followup.test_excel import YEAR, base, upload

Ids = dict[str, int]


@pytest.fixture(autouse=True)
def _march() -> Iterator[None]:
    with time_machine.travel(datetime(YEAR, 3, 3, 9, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def ids(world: World) -> Ids:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    unit = world.unit("Hagaskolan")
    goal = planning.goal_create(actor=None, org_unit=unit, title="Fler behöriga", start_year=YEAR, end_year=YEAR)
    indicator = planning.indicator_create(actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78))
    factor = planning.quality_factor_create(actor=None, org_unit=unit, title="Trygghet")
    quality = planning.quality_indicator_create(actor=None, factor=factor, name="Trygga elever", direction="higher")
    return {"unit": unit.pk, "period": feb.pk, "goal": goal.pk, "indicator": indicator.pk, "quality": quality.pk}


def template_sheet(world: World, ids: Ids, language: str = "sv") -> tuple[bytes, Worksheet]:
    response = world.client("unit_manager").get(base(ids) + "mall.xlsx", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    ws = load_workbook(BytesIO(response.content))["Rapportering"]
    return response.content, ws


def rows_by_key(ws: Worksheet) -> dict[str, int]:
    return {str(ws.cell(row=r, column=1).value): r for r in range(5, ws.max_row + 1) if ws.cell(row=r, column=1).value}


def test_the_unit_and_period_show_by_name_and_their_ids_stay_hidden(world: World, ids: Ids) -> None:
    _content, ws = template_sheet(world, ids)
    assert ws["B1"].value == "Hagaskolan"
    assert "Månadsrapport" in str(ws["B2"].value) and f"{YEAR}-02" in str(ws["B2"].value)
    visible = [ws.cell(row=r, column=c).value for r in (1, 2) for c in range(2, 6)]
    assert ids["unit"] not in visible and ids["period"] not in visible
    assert ws.column_dimensions["A"].hidden


def test_statuses_are_chosen_from_the_scales_labels_and_values_must_be_numbers(world: World, ids: Ids) -> None:
    content, ws = template_sheet(world, ids)
    keys = rows_by_key(ws)
    validations = ws.data_validations.dataValidation
    status_cell, value_cell = f"D{keys[f'status-{ids["goal"]}']}", f"D{keys[f'gi-{ids["indicator"]}']}"
    (status_list,) = [v for v in validations if v.type == "list"]
    assert status_cell in status_list.sqref
    sheet_name, _sep, cells = str(status_list.formula1).partition("!")
    lists = load_workbook(BytesIO(content))[sheet_name.strip("'")]
    assert lists.sheet_state == "hidden"
    labels = [row[0].value for row in lists[cells.replace("$", "")]]
    assert labels == ["Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Ej bedömt"]
    (decimals,) = [v for v in validations if v.type == "decimal"]
    assert value_cell in decimals.sqref and f"D{keys[f'qi-{ids["quality"]}']}" in decimals.sqref
    assert status_cell not in decimals.sqref


def test_the_sheet_is_protected_with_only_the_input_cells_open_and_headers_frozen(world: World, ids: Ids) -> None:
    _content, ws = template_sheet(world, ids)
    keys = rows_by_key(ws)
    assert ws.protection.sheet
    goal_row, indicator_row = keys[f"status-{ids['goal']}"], keys[f"gi-{ids['indicator']}"]
    assert not ws[f"D{indicator_row}"].protection.locked
    assert not ws[f"D{goal_row}"].protection.locked and not ws[f"E{goal_row}"].protection.locked
    assert ws[f"B{indicator_row}"].protection.locked and ws[f"C{indicator_row}"].protection.locked and ws["B1"].protection.locked
    assert ws.freeze_panes == "C5"
    longest = max(len(str(ws.cell(row=r, column=2).value)) for r in range(5, ws.max_row + 1))
    assert ws.column_dimensions["B"].width >= longest
    assert ws.column_dimensions["D"].width >= len("Delvis uppfyllt")


def test_targets_are_numbers_shown_the_swedish_way(world: World, ids: Ids) -> None:
    indicator = GoalIndicator.objects.get(pk=ids["indicator"])
    planning.target_set(actor=None, indicator=indicator, year=YEAR, value=Decimal("20134.50"))
    _content, ws = template_sheet(world, ids)
    target = ws[f"C{rows_by_key(ws)[f'gi-{ids["indicator"]}']}"]
    assert target.value == pytest.approx(20134.5) and target.data_type == "n"
    assert target.number_format == "#,##0.0"  # a Swedish Excel shows 20 134,5


def fill(content: bytes, values: dict[str, object]) -> bytes:
    wb = load_workbook(BytesIO(content))
    ws = wb["Rapportering"]
    for key, row in rows_by_key(ws).items():
        if key in values:
            ws.cell(row=row, column=4, value=values[key])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("status", ["Delvis uppfyllt", "delvis  uppfyllt ", "partly_achieved", "Partly achieved"])
def test_a_status_is_accepted_by_its_label_or_its_code(world: World, ids: Ids, status: str) -> None:
    content, _ws = template_sheet(world, ids)
    response = upload(world, ids, fill(content, {f"status-{ids['goal']}": status, f"gi-{ids['indicator']}": 80}))
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert Assessment.objects.get(goal_id=ids["goal"]).status == "partly_achieved"


def test_a_saved_status_comes_back_as_its_label(world: World, ids: Ids) -> None:
    content, _ws = template_sheet(world, ids)
    upload(world, ids, fill(content, {f"status-{ids['goal']}": "Uppfyllt", f"gi-{ids['indicator']}": 80}))
    _content, ws = template_sheet(world, ids)
    assert ws[f"D{rows_by_key(ws)[f'status-{ids["goal"]}']}"].value == "Uppfyllt"


def test_the_template_is_downloaded_under_a_swedish_name(world: World, ids: Ids) -> None:
    response = world.client("unit_manager").get(base(ids) + "mall.xlsx")
    assert response["Content-Disposition"] == f'attachment; filename="rapportering-hagaskolan-manadsrapport-{YEAR}-02.xlsx"'


OFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(OFFICE is None, reason="LibreOffice is not installed")
def test_a_file_saved_by_libreoffice_is_accepted(world: World, ids: Ids, tmp_path: Path) -> None:
    content, _ws = template_sheet(world, ids)
    source = tmp_path / "in" / "rapport.xlsx"
    source.parent.mkdir()
    source.write_bytes(fill(content, {f"status-{ids['goal']}": "Delvis uppfyllt", f"gi-{ids['indicator']}": 82.5}))
    assert OFFICE is not None
    subprocess.run(
        [OFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(source)],
        check=True,
        timeout=180,
        capture_output=True,
    )
    response = upload(world, ids, (tmp_path / "rapport.xlsx").read_bytes())
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert Measurement.objects.get(indicator_id=ids["indicator"]).value == Decimal("82.5")
    assert Assessment.objects.get(goal_id=ids["goal"]).status == "partly_achieved"
