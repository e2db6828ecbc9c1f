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
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from styr.domain.errors import RuleViolation
from styr.domain.limits import TEXT_LENGTH
from styr.followup import reporting
from styr.followup.models import ReportingPeriod
from styr.organisation.models import OrgUnit

SHEET = "Rapportering"
MAX_BYTES = 2 * 1024 * 1024
FIRST_ROW = 5  # rows 1–3 hold the unit, the period and the keys' header
#: What the file may expand to: a zip of 2 MB can hold gigabytes. Checked before openpyxl reads
#: anything (it reads the shared strings whole), member by member in bounded chunks, so a header
#: that understates a member's size is not believed.
MAX_EXPANDED_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 100
#: The rows read below the header (a unit reports far fewer) and the columns read (A–E).
MAX_ROWS = 2_000
COLUMNS = 5
CHUNK = 64 * 1024


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


def _not_excel() -> RuleViolation:
    return _refuse(gettext_noop("The file is not an Excel file made from this page's template."), {})


def _check_expansion(data: bytes) -> None:
    """FU-011 when the zip holds too many members or expands past ``MAX_EXPANDED_BYTES``: the
    declared sizes first (cheap), then every member decompressed in chunks up to the cap."""
    too_large = _refuse(
        gettext_noop("The file expands to more than %(limit)s MB when unpacked; a filled-in template is far smaller."),
        {"limit": MAX_EXPANDED_BYTES // (1024 * 1024)},
    )
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise _not_excel()
            if sum(m.file_size for m in members) > MAX_EXPANDED_BYTES:
                raise too_large
            total = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(CHUNK):
                        total += len(chunk)
                        if total > MAX_EXPANDED_BYTES:
                            raise too_large
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, ValueError):
        raise _not_excel() from None


def _check_text(value: object, column: int, row: int) -> None:
    if isinstance(value, str) and len(value) > TEXT_LENGTH:
        raise _refuse(
            gettext_noop("Cell %(cell)s holds %(length)s characters; at most %(limit)s are read."),
            {"cell": f"{SHEET}!{get_column_letter(column)}{row}", "length": len(value), "limit": TEXT_LENGTH},
        )


def _read_rows(ws: Any) -> list[tuple[Any, ...]]:
    """The rows from the top to ``MAX_ROWS`` below the header, columns A–E only; one row more is
    looked at, and a value there refuses the file (rows beyond are never read)."""
    last = FIRST_ROW - 1 + MAX_ROWS
    rows: list[tuple[Any, ...]] = []
    for number, row in enumerate(ws.iter_rows(min_row=1, max_row=last + 1, max_col=COLUMNS, values_only=True), start=1):
        if number > last:
            if any(value is not None for value in row):
                raise _refuse(gettext_noop("The sheet “%(sheet)s” has more than %(limit)s rows to read."), {"sheet": SHEET, "limit": MAX_ROWS})
            break
        for column, value in enumerate(row, start=1):
            _check_text(value, column, number)
        rows.append(tuple(row))
    return rows


def read_upload(data: bytes, *, unit: OrgUnit, period: ReportingPeriod) -> tuple[dict[str, str], dict[str, str]]:
    """The uploaded values as form data, and for each key the cell it came from (for the errors).
    FU-011 refuses a file that is too large or expands too far, has too many rows or too long a
    text in a cell, is not an Excel file, or was made for another unit or period."""
    if len(data) > MAX_BYTES:
        raise _refuse(gettext_noop("The file is larger than %(limit)s MB."), {"limit": MAX_BYTES // (1024 * 1024)})
    _check_expansion(data)
    try:
        wb = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise _not_excel() from None
    try:
        if SHEET not in wb.sheetnames:
            raise _refuse(gettext_noop("The file has no sheet “%(sheet)s”."), {"sheet": SHEET})
        try:
            rows = _read_rows(wb[SHEET])
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
            raise _not_excel() from None
    finally:
        wb.close()
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
