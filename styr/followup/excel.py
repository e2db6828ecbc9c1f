"""The reporting sheet as an Excel file: a template per unit and period, filled in and uploaded
back, checked cell by cell and saved all or nothing (issue 4, point 3). openpyxl reads with
defusedxml installed, so a hostile file cannot expand entities."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from styr.core import xlsx
from styr.domain.errors import RuleViolation
from styr.domain.limits import TEXT_LENGTH
from styr.domain.numbers import excel_number_format, sv_number
from styr.followup import reporting
from styr.followup.models import ReportingPeriod
from styr.organisation.models import OrgUnit

SHEET = "Rapportering"
#: A hidden sheet with the status scale's labels, the drop-down list's source.
LISTS = "Listor"
MAX_BYTES = xlsx.MAX_BYTES
FIRST_ROW = 5  # rows 1–3 hold the unit, the period and the instructions; row 4 the headers
#: What the file may expand to: a zip of 2 MB can hold gigabytes (checked in ``core.xlsx``).
MAX_EXPANDED_BYTES = xlsx.MAX_EXPANDED_BYTES
#: The rows read below the header (a unit reports far fewer) and the columns read (A–E).
MAX_ROWS = 2_000
COLUMNS = 5
#: Column F, beyond those read: a note on a value's source ("Källa: Kolada", KOLADA-002).
NOTE_COLUMN = COLUMNS + 1
#: Column A is hidden: the ids of the unit (A1) and the period (A2), and each row's key, for the round trip.
KEY_COLUMN = 1
INPUT_FILL = PatternFill("solid", start_color="FFF8DC")
HEADER_FILL = PatternFill("solid", start_color="E9ECEF")
#: Values the value cells accept (any decimal number within Excel's exact range).
LARGEST = 10**15


def _width(texts: list[str], *, least: int, most: int) -> float:
    return float(min(most, max([least] + [len(text) + 2 for text in texts])))


def template(sheet: reporting.Sheet) -> bytes:
    """One row per indicator and goal: key (hidden), what it is, target, value to fill in.

    The unit and the period are shown by name; their ids stay in the hidden column A. The sheet
    is protected with only the yellow input cells open, the values accept numbers only, a
    goal's status is chosen from the status scale's labels, and the header rows stay in view."""
    language = get_language() or "sv"
    scale = sheet.unit.group.governance.status_scale
    labels = [step.label_en if language.startswith("en") else step.label_sv for step in scale]
    label_of = dict(zip((step.code for step in scale), labels, strict=True))
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws.cell(row=1, column=KEY_COLUMN, value=sheet.unit.pk)
    ws.cell(row=2, column=KEY_COLUMN, value=sheet.period.pk)
    xlsx.put_text(ws, row=1, column=2, value=sheet.unit.name).font = Font(bold=True, size=14)
    ws["B2"] = f"{sheet.period.get_kind_display()} {sheet.period.end:%Y-%m} ({sheet.period.start:%Y-%m-%d} – {sheet.period.end:%Y-%m-%d})"
    ws["B3"] = _("Fill in the yellow cells and upload the file on the reporting page. Choose a goal's status from the list.")
    ws["B3"].font = Font(italic=True)
    headers = ("key", _("Indicator"), _("Target"), _("Value"), _("Analysis"))
    for column, header in enumerate(headers, start=1):
        cell = ws.cell(row=FIRST_ROW - 1, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL

    numbers = DataValidation(
        type="decimal",
        operator="between",
        formula1=str(-LARGEST),
        formula2=str(LARGEST),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Not a number"),
        error=_("Write a number, e.g. 82,5."),
    )
    lists = wb.create_sheet(LISTS)
    for index, label in enumerate(labels, start=1):
        xlsx.put_text(lists, row=index, column=1, value=label)
    lists.sheet_state = "hidden"
    statuses = DataValidation(
        type="list",
        formula1=f"{quote_sheetname(LISTS)}!$A$1:$A${max(1, len(labels))}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Not a status"),
        error=_("Choose one of the status scale's steps from the list."),
    )
    ws.add_data_validation(numbers)
    ws.add_data_validation(statuses)

    row = FIRST_ROW
    for item in sheet.rows:
        ws.cell(row=row, column=KEY_COLUMN, value=item.key)
        xlsx.put_text(ws, row=row, column=2, value=item.label).alignment = Alignment(wrap_text=True, vertical="top")
        if item.target:
            target = Decimal(item.target)
            cell = ws.cell(row=row, column=3, value=target)
            cell.number_format = excel_number_format(target)
        value = ws.cell(row=row, column=4, value=Decimal(item.value) if item.value else None)
        value.number_format = excel_number_format(Decimal(item.value)) if item.value else "General"
        value.protection, value.fill = Protection(locked=False), INPUT_FILL
        numbers.add(value)
        if item.source == "kolada":
            note = "Källa: Kolada"  # Kolada's terms ask for these words in every language
            value.comment = Comment(note, "Styr")
            ws.cell(row=row, column=NOTE_COLUMN, value=note)
        row += 1
    for goal in sheet.goals:
        ws.cell(row=row, column=KEY_COLUMN, value=f"status-{goal.goal.pk}")
        xlsx.put_text(ws, row=row, column=2, value=f"{_('Status')}: {goal.goal.title}").alignment = Alignment(wrap_text=True, vertical="top")
        status = xlsx.put_text(ws, row=row, column=4, value=label_of.get(goal.status, goal.status) or None)
        status.protection, status.fill = Protection(locked=False), INPUT_FILL
        statuses.add(status)
        analysis = xlsx.put_text(ws, row=row, column=5, value=goal.analysis or None)
        analysis.protection, analysis.fill = Protection(locked=False), INPUT_FILL
        analysis.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1

    ws.column_dimensions["A"].hidden = True
    names = [str(ws.cell(row=r, column=2).value) for r in range(2, row) if r != 3]
    ws.column_dimensions["B"].width = _width(names, least=30, most=70)
    targets = [sv_number(ws.cell(row=r, column=3).value, empty="") for r in range(FIRST_ROW, row)]
    ws.column_dimensions["C"].width = _width([*targets, _("Target")], least=10, most=20)
    ws.column_dimensions["D"].width = _width([*labels, _("Value")], least=14, most=30)
    ws.column_dimensions["E"].width = 60
    if any(item.source == "kolada" for item in sheet.rows):
        ws.cell(row=FIRST_ROW - 1, column=NOTE_COLUMN, value=_("Source")).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(NOTE_COLUMN)].width = 16
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False
    return xlsx.protected_template(wb, ws, first_row=FIRST_ROW)  # the headers and the indicator's name stay in view


def template_filename(unit: OrgUnit, period: ReportingPeriod) -> str:
    """``rapportering-hagaskolan-manadsrapport-2027-02.xlsx``: Swedish plain letters, whatever the reader's language."""
    with translation.override("sv"):
        kind = str(period.get_kind_display())
    return "-".join(slugify(part) for part in ("rapportering", unit.name, kind, f"{period.end:%Y-%m}")) + ".xlsx"


def _refuse(template_text: str, detail: dict[str, Any]) -> RuleViolation:
    return RuleViolation("FU-011", template_text, detail, field="file")


def _not_excel() -> RuleViolation:
    return xlsx.not_excel("FU-011")


#: The field each column holds, named in a refusal (the same names as the template's headers).
COLUMN_FIELDS = {2: gettext_noop("Indicator"), 3: gettext_noop("Target"), 4: gettext_noop("Value"), 5: gettext_noop("Analysis")}


def _check_text(value: object, column: int, row: int) -> None:
    """TEXT-001's limit for a free text, on every cell read: a longer text refuses the file."""
    if isinstance(value, str) and len(value) > TEXT_LENGTH:
        raise _refuse(
            gettext_noop("Cell %(cell)s (%(field)s) holds %(length)s characters; at most %(limit)s are read."),
            {"cell": f"{SHEET}!{get_column_letter(column)}{row}", "field": _(COLUMN_FIELDS.get(column, "key")), "length": len(value), "limit": TEXT_LENGTH},
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
    wb = xlsx.open_workbook(data, code="FU-011", max_bytes=MAX_BYTES, max_expanded_bytes=MAX_EXPANDED_BYTES)
    try:
        if SHEET not in wb.sheetnames:
            raise _refuse(gettext_noop("The file has no sheet “%(sheet)s”."), {"sheet": SHEET})
        try:
            rows = _read_rows(wb[SHEET])
        except xlsx.BROKEN_FILE:
            raise _not_excel() from None
    finally:
        wb.close()
    if len(rows) < 2 or rows[0][0] != unit.pk or rows[1][0] != period.pk:
        raise _refuse(gettext_noop("The file was made for another unit or period (sheet %(sheet)s, hidden cells A1 and A2)."), {"sheet": SHEET})
    values: dict[str, str] = {}
    cells: dict[str, str] = {}
    for number, row in enumerate(rows[FIRST_ROW - 1 :], start=FIRST_ROW):
        key = row[0]
        if not isinstance(key, str):
            continue
        value = row[3]
        if key.startswith("status-"):
            values[key] = "" if value is None else unit.group.governance.status_code_of(str(value))  # a label or a code
            values["analysis-" + key.removeprefix("status-")] = "" if row[4] is None else str(row[4])
        else:
            values[key] = "" if value is None else str(value).replace(".", ",") if isinstance(value, float) else str(value)
        cells[key] = f"{SHEET}!D{number}"
    return values, cells
