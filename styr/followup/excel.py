"""The reporting sheet as an Excel file: a template per unit and period, filled in and uploaded
back, checked cell by cell and saved all or nothing (issue 4, point 3). openpyxl reads with
defusedxml installed, so a hostile file cannot expand entities."""

from __future__ import annotations

import zipfile
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, Protection
from openpyxl.utils.exceptions import InvalidFileException

from styr.domain.errors import RuleViolation
from styr.followup import reporting
from styr.followup.models import ReportingPeriod
from styr.organisation.models import OrgUnit

SHEET = "Rapportering"
MAX_BYTES = 2 * 1024 * 1024
FIRST_ROW = 5  # rows 1–3 hold the unit, the period and the keys' header


def template(sheet: reporting.Sheet) -> bytes:
    """One row per indicator and goal: key (hidden), what it is, target, value to fill in."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws["A1"], ws["B1"] = "unit", sheet.unit.pk
    ws["A2"], ws["B2"] = "period", sheet.period.pk
    ws["C1"] = sheet.unit.name
    ws["C2"] = f"{sheet.period.get_kind_display()} {sheet.period.end:%Y-%m}"
    headers = ("key", _("Indicator"), _("Target"), _("Value"), _("Analysis"))
    for column, header in enumerate(headers, start=1):
        cell = ws.cell(row=FIRST_ROW - 1, column=column, value=header)
        cell.font = Font(bold=True)
    row = FIRST_ROW
    for item in sheet.rows:
        ws.cell(row=row, column=1, value=item.key)
        ws.cell(row=row, column=2, value=item.label)
        ws.cell(row=row, column=3, value=item.target or None)
        ws.cell(row=row, column=4, value=float(item.value) if item.value else None).protection = Protection(locked=False)
        row += 1
    for goal in sheet.goals:
        ws.cell(row=row, column=1, value=f"status-{goal.goal.pk}")
        ws.cell(row=row, column=2, value=f"{_('Status')}: {goal.goal.title}")
        ws.cell(row=row, column=4, value=goal.status or None).protection = Protection(locked=False)
        ws.cell(row=row, column=5, value=goal.analysis or None).protection = Protection(locked=False)
        row += 1
    ws.column_dimensions["A"].hidden = True
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["E"].width = 60
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _refuse(template_text: str, detail: dict[str, Any]) -> RuleViolation:
    return RuleViolation("FU-011", template_text, detail, field="file")


def read_upload(data: bytes, *, unit: OrgUnit, period: ReportingPeriod) -> tuple[dict[str, str], dict[str, str]]:
    """The uploaded values as form data, and for each key the cell it came from (for the errors).
    FU-011 refuses a file that is too large, not an Excel file, or made for another unit or period."""
    if len(data) > MAX_BYTES:
        raise _refuse(gettext_noop("The file is larger than %(limit)s MB."), {"limit": MAX_BYTES // (1024 * 1024)})
    try:
        wb = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise _refuse(gettext_noop("The file is not an Excel file made from this page's template."), {}) from None
    if SHEET not in wb.sheetnames:
        raise _refuse(gettext_noop("The file has no sheet “%(sheet)s”."), {"sheet": SHEET})
    ws = wb[SHEET]
    rows = list(ws.iter_rows(min_row=1, max_col=5, values_only=True))
    if len(rows) < 2 or rows[0][1] != unit.pk or rows[1][1] != period.pk:
        raise _refuse(gettext_noop("The file was made for another unit or period (sheet %(sheet)s, cells B1 and B2)."), {"sheet": SHEET})
    values: dict[str, str] = {}
    cells: dict[str, str] = {}
    for number, row in enumerate(rows[FIRST_ROW - 1 :], start=FIRST_ROW):
        key = row[0]
        if not isinstance(key, str):
            continue
        value = row[3]
        if key.startswith("status-"):
            values[key] = "" if value is None else str(value).strip()
            values["analysis-" + key.removeprefix("status-")] = "" if row[4] is None else str(row[4])
        else:
            values[key] = "" if value is None else str(value).replace(".", ",") if isinstance(value, float) else str(value)
        cells[key] = f"{SHEET}!D{number}"
    return values, cells
