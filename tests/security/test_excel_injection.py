"""Formula injection (issue 14 §4): a person's text that a spreadsheet would read as a formula
(`=HYPERLINK(...)`, `+1+1`, `-1`, `@SUM(A1)`, `=cmd|' /C calc'!A0`) is written into every Excel
template Styr hands out as text with the quote prefix, never as a formula, and an uploaded
template gives the text back as typed (styr/core/xlsx.put_text)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell

from styr.economy.services import position_create
from styr.followup import services
from styr.followup.models import Assessment, ReportingPeriod
from styr.organisation.services import org_unit_create
from styr.planning import services as planning
from tests.conftest import TODAY, World
from tests.security.test_escaping import FORMULAS

YEAR = 2027


@pytest.fixture(autouse=True)
def _march() -> Iterator[None]:
    with time_machine.travel(datetime(YEAR, 3, 3, 9, 0, tzinfo=UTC), tick=False):
        yield


def inert(cell: Cell, text: str) -> None:
    assert cell.value == text and cell.data_type == "s" and cell.quotePrefix, (cell.coordinate, cell.value, cell.data_type)


def cells_with(content: bytes, texts: list[str]) -> dict[str, Cell]:
    wb = load_workbook(BytesIO(content))
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in texts:
                    found[cell.value] = cell
    return found


def test_the_reporting_template_holds_titles_and_analyses_as_text_and_reads_them_back(world: World) -> None:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    unit = world.unit("Hagaskolan")
    goals = [planning.goal_create(actor=None, org_unit=unit, title=text, start_year=YEAR, end_year=YEAR) for text in FORMULAS[:3]]
    factor = planning.quality_factor_create(actor=None, org_unit=unit, title="Trygghet")
    planning.quality_indicator_create(actor=None, factor=factor, name=FORMULAS[3], direction="higher")
    base = f"/enheter/{unit.pk}/rapportering/{feb.pk}/"
    client = world.client("unit_manager")
    content = client.get(base + "mall.xlsx").content
    wb = load_workbook(BytesIO(content))
    ws = wb["Rapportering"]
    rows = {row[0].value: row for row in ws.iter_rows(min_row=5)}
    quality_row = rows[next(key for key in rows if isinstance(key, str) and not key.startswith("status-"))]
    inert(quality_row[1], f"{FORMULAS[3]} (Trygghet)")  # the indicator's name, its factor after it
    for goal in goals:  # the goal's title follows "Status: ", so it is text already; the analysis is the person's own
        assert rows[f"status-{goal.pk}"][1].data_type == "s"
    # the unit manager writes formula-like analyses and uploads the file back
    for goal, text in zip(goals, [FORMULAS[0], FORMULAS[4], FORMULAS[2]], strict=True):
        rows[f"status-{goal.pk}"][4].value = text
        rows[f"status-{goal.pk}"][4].data_type = "s"  # as Excel saves a typed text that begins with '
        rows[f"status-{goal.pk}"][3].value = "achieved"
    out = BytesIO()
    wb.save(out)
    response = client.post(base, {"action": "upload", "file": SimpleUploadedFile("r.xlsx", out.getvalue())})
    assert response.status_code == 200, response.content.decode()[:2000]  # saved, the page again with its message
    stored = {a.goal_id: a.analysis for a in Assessment.objects.filter(goal__in=goals)}
    assert stored == {goals[0].pk: FORMULAS[0], goals[1].pk: FORMULAS[4], goals[2].pk: FORMULAS[2]}
    # and the next template holds them as text again
    again = cells_with(client.get(base + "mall.xlsx").content, [FORMULAS[0], FORMULAS[4], FORMULAS[2]])
    for text in (FORMULAS[0], FORMULAS[4], FORMULAS[2]):
        inert(again[text], text)


def test_the_personnel_template_holds_position_titles_as_text(world: World) -> None:
    unit = world.unit("Hagaskolan")
    for text in FORMULAS:
        position_create(actor=None, org_unit=unit, year=YEAR, title=text, monthly_salary_sek="30000")
    content = world.client("unit_manager").get(f"/enheter/{unit.pk}/lonebudget/mall.xlsx?ar={YEAR}").content
    found = cells_with(content, FORMULAS)
    assert set(found) == set(FORMULAS)
    for text in FORMULAS:
        inert(found[text], text)


def test_the_internal_budget_template_holds_unit_names_as_text(world: World) -> None:
    committee = world.unit("Utbildningsnämnden")
    name = '=HYPERLINK("http://x","klick")'
    org_unit_create(actor=None, group=world.group, parent=world.unit("Utbildningsförvaltningen"), kind="UNIT", name=name, valid_from=TODAY)
    response = world.client("committee_politician").get(f"/enheter/{committee.pk}/internbudget/mall.xlsx?ar={YEAR}")
    assert response.status_code == 200
    found = cells_with(response.content, [name])
    inert(found[name], name)
