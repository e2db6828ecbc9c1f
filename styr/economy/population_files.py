"""A municipality's own population forecast as a file (issue 10 §1): CSV (; or , separated,
UTF-8 with or without BOM, or Windows-1252) or Excel (.xlsx, opened by ``core.xlsx`` within its
size and zip limits), read by ``domain.population.forecast_from_rows``; and the templates to fill
in. Every refusal names the file's line or cell and the rule (POP-008, POP-009)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from styr.core import xlsx
from styr.domain.errors import RuleViolation
from styr.domain.limits import OLDEST_AGE
from styr.domain.population import MAX_ROWS, ReadForecast, csv_rows, decode_text, forecast_from_rows

SHEET = "Befolkning"
HEADER = ("år", "område", "ålder", "antal")
#: A CSV file of 100,000 rows is about 2.5 MB.
MAX_CSV_BYTES = 5 * 1024 * 1024
#: Excel: the rows and columns read of the sheet.
MAX_COLUMNS = 10
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
HEADER_FILL = PatternFill("solid", start_color="E9ECEF")
INPUT_FILL = PatternFill("solid", start_color="FFF8DC")


@dataclass(frozen=True)
class ReadFile:
    forecast: ReadForecast
    format: str


def is_xlsx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def _line(number: int, _column: int | None) -> str:
    return _("line %(line)s") % {"line": number}


def _read_csv(data: bytes) -> ReadForecast:
    if len(data) > MAX_CSV_BYTES:
        raise RuleViolation("POP-008", gettext_noop("The file is larger than %(limit)s MB."), {"limit": MAX_CSV_BYTES // (1024 * 1024)}, field="file")
    return forecast_from_rows(csv_rows(decode_text(data)), where=_line)


def _read_xlsx(data: bytes) -> ReadForecast:
    wb = xlsx.open_workbook(data, code="POP-008")
    try:
        ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
        title = ws.title

        def where(number: int, column: int | None) -> str:
            if column is None:
                return _("row %(row)s of sheet %(sheet)s") % {"row": number, "sheet": title}
            return _("cell %(cell)s") % {"cell": f"{title}!{get_column_letter(column + 1)}{number}"}

        try:
            rows: list[tuple[int, tuple[Any, ...]]] = []
            for number, row in enumerate(ws.iter_rows(min_row=1, max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS, values_only=True), start=1):
                rows.append((number, tuple(row)))
        except xlsx.BROKEN_FILE:
            raise xlsx.not_excel("POP-008") from None
    finally:
        wb.close()
    return forecast_from_rows(rows, where=where)


def read_forecast(data: bytes, *, file_name: str = "") -> ReadFile:
    """The cells of an uploaded forecast, CSV or Excel by its content (an .xlsx is a zip)."""
    if is_xlsx(data):
        return ReadFile(_read_xlsx(data), "xlsx")
    if file_name.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise xlsx.not_excel("POP-008")
    return ReadFile(_read_csv(data), "csv")


def _example_rows(year: int) -> list[tuple[int, str, str, str]]:
    """One year's ages 0–100+ with the count to fill in."""
    return [(year, "", "100+" if age == OLDEST_AGE else str(age), "") for age in range(OLDEST_AGE + 1)]


def template_csv(year: int) -> bytes:
    """The CSV template: ; separated, UTF-8 with BOM so that Excel opens it with å, ä and ö."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(_example_rows(year))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(year: int) -> bytes:
    """The Excel template: one sheet "Befolkning" with the columns år, område, ålder, antal."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    for column, header in enumerate(HEADER, start=1):
        cell = ws.cell(row=1, column=column, value=header)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for row, values in enumerate(_example_rows(year), start=2):
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=column, value=value if value != "" else None)
            if column == 4:
                cell.fill = INPUT_FILL
    ws.column_dimensions["B"].width = 24
    ws.freeze_panes = "A2"
    text = _("Fill in the number of residents per age; add rows for more years or areas (område empty = the whole municipality).")
    note = ws.cell(row=1, column=6, value=text)
    note.font = Font(italic=True)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
