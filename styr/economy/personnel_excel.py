"""A unit's personnel budget as an Excel file (issue 10 §2): a template with one row per position
(title, monthly salary, employment rate, months, salary increase), filled in and uploaded back,
read cell by cell and refused whole with the cell and the rule named (PAY-001…PAY-004 for a
cell, PAY-007 for the file)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from styr.core import xlsx
from styr.domain.errors import RuleViolation
from styr.domain.personnel import (
    DEFAULT_INCREASE_MONTH,
    MONTHS,
    Position,
    check_title,
    parse_employment_rate,
    parse_increase,
    parse_increase_month,
    parse_months,
    parse_salary,
)
from styr.organisation.models import OrgUnit

SHEET = "Lönebudget"
CODE = "PAY-007"
FIRST_ROW = 5  # rows 1–3: the unit, the year and the instructions; row 4 the headers
KEY_COLUMN = 1  # hidden: the unit's id (A1) and the year (A2)
TITLE, SALARY, RATE, START, END, INCREASE, INCREASE_MONTH = range(2, 9)
LAST_COLUMN = INCREASE_MONTH
#: The rows read below the header.
MAX_ROWS = 2_000
SHOWN = 40
INPUT_FILL = PatternFill("solid", start_color="FFF8DC")
HEADER_FILL = PatternFill("solid", start_color="E9ECEF")


def cell_name(column: int, row: int) -> str:
    return f"{SHEET}!{get_column_letter(column)}{row}"


def template(unit: OrgUnit, year: int, positions: Sequence[Position]) -> bytes:
    """The unit's positions for the year, one per row, in open yellow cells; the rest is locked."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws.cell(row=1, column=KEY_COLUMN, value=unit.pk)
    ws.cell(row=2, column=KEY_COLUMN, value=year)
    xlsx.put_text(ws, row=1, column=TITLE, value=unit.name).font = Font(bold=True, size=14)
    ws.cell(row=2, column=TITLE, value=_("Personnel budget %(year)s: one row per position") % {"year": year})
    ws.cell(
        row=3,
        column=TITLE,
        value=_(
            "Monthly salary is the full-time salary in kronor; employment rate in percent (empty: 100); months 1–12 (empty: the whole year); "
            "the salary increase in percent applies from its month (empty: 0 % from April). The file replaces the unit's positions for the year."
        ),
    ).font = Font(italic=True)
    headers = [
        "key",
        _("Title"),
        _("Monthly salary, full time (kr)"),
        _("Employment rate (%)"),
        _("From month"),
        _("To month"),
        _("Salary increase (%)"),
        _("Salary increase from month"),
    ]
    for column, header in enumerate(headers, start=1):
        cell = ws.cell(row=FIRST_ROW - 1, column=column, value=header)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    rows = max(len(positions) + 20, 50)
    for offset in range(rows):
        row = FIRST_ROW + offset
        item = positions[offset] if offset < len(positions) else None
        values: list[Any] = (
            [item.title, item.monthly_salary_sek, item.employment_rate, item.start_month, item.end_month, item.increase_percent, item.increase_month]
            if item is not None
            else [None] * 7
        )
        for column, value in zip(range(TITLE, LAST_COLUMN + 1), values, strict=True):
            cell = xlsx.put_text(ws, row=row, column=column, value=value) if column == TITLE else ws.cell(row=row, column=column, value=value)
            cell.protection, cell.fill = Protection(locked=False), INPUT_FILL
            if column == SALARY:
                cell.number_format = "#,##0.00"
    ws.column_dimensions["A"].hidden = True
    ws.column_dimensions["B"].width = 40
    for column in range(SALARY, LAST_COLUMN + 1):
        ws.column_dimensions[get_column_letter(column)].width = 18
    return xlsx.protected_template(wb, ws, first_row=FIRST_ROW)


def template_filename(unit: OrgUnit, year: int) -> str:
    """``lonebudget-hagaskolan-2026.xlsx``."""
    with translation.override("sv"):
        return "-".join(slugify(part) for part in ("lonebudget", unit.short_name or unit.name, str(year))) + ".xlsx"


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _cell(parse: Callable[[object], Any], value: object, *, column: int, row: int) -> Any:
    """The cell's value by its rule; a refusal keeps the rule's id and names the cell."""
    try:
        return parse(value)
    except RuleViolation as violation:
        raise RuleViolation(
            violation.code,
            gettext_noop("Cell %(cell)s holds “%(value)s”: %(column)s is not valid."),
            {"cell": cell_name(column, row), "value": _shown("" if value is None else value), "column": _header(column)},
            field="file",
        ) from None


def _header(column: int) -> str:
    return {
        TITLE: _("Title"),
        SALARY: _("Monthly salary, full time (kr)"),
        RATE: _("Employment rate (%)"),
        START: _("From month"),
        END: _("To month"),
        INCREASE: _("Salary increase (%)"),
        INCREASE_MONTH: _("Salary increase from month"),
    }[column]


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_rows(data: bytes) -> list[tuple[Any, ...]]:
    wb = xlsx.open_workbook(data, code=CODE)
    try:
        if SHEET not in wb.sheetnames:
            raise xlsx.refusal(CODE, gettext_noop("The file has no sheet “%(sheet)s”."), {"sheet": SHEET})
        last = FIRST_ROW - 1 + MAX_ROWS
        rows: list[tuple[Any, ...]] = []
        try:
            for number, row in enumerate(wb[SHEET].iter_rows(min_row=1, max_row=last + 1, max_col=LAST_COLUMN, values_only=True), start=1):
                if number > last:
                    if any(value is not None for value in row):
                        raise xlsx.refusal(
                            CODE, gettext_noop("The sheet “%(sheet)s” has more than %(limit)s rows to read."), {"sheet": SHEET, "limit": MAX_ROWS}
                        )
                    break
                rows.append(tuple(row) + (None,) * (LAST_COLUMN - len(row)))
        except xlsx.BROKEN_FILE:
            raise xlsx.not_excel(CODE) from None
    finally:
        wb.close()
    return rows


def read_upload(data: bytes, *, unit: OrgUnit, year: int) -> list[Position]:
    """The positions of a filled-in template, in the order of its rows; an empty row is skipped.
    PAY-007 refuses a file that is not this unit's and year's template (or too large, or expanding
    too far); a cell refusal keeps the cell's own rule (PAY-001…PAY-004) and names the cell."""
    rows = _read_rows(data)
    if len(rows) < 2 or rows[0][0] != unit.pk or rows[1][0] != year:
        raise xlsx.refusal(
            CODE,
            gettext_noop("The file was made for another unit or year (sheet %(sheet)s, hidden cells A1 and A2); download the template for %(unit)s %(year)s."),
            {"sheet": SHEET, "unit": unit.name, "year": year},
        )
    found: list[Position] = []
    for number, row in enumerate(rows[FIRST_ROW - 1 :], start=FIRST_ROW):
        cells = row[TITLE - 1 : LAST_COLUMN]
        if all(_empty(v) for v in cells):
            continue
        title = _cell(check_title, row[TITLE - 1], column=TITLE, row=number)
        salary = _cell(parse_salary, row[SALARY - 1], column=SALARY, row=number)
        rate = _cell(parse_employment_rate, 100 if _empty(row[RATE - 1]) else row[RATE - 1], column=RATE, row=number)
        start = _cell(_month_in_year, 1 if _empty(row[START - 1]) else row[START - 1], column=START, row=number)
        end = _cell(_month_in_year, MONTHS if _empty(row[END - 1]) else row[END - 1], column=END, row=number)
        if start > end:
            _cell(_month_in_year, f"{start}–{end}", column=END, row=number)
        increase = _cell(parse_increase, 0 if _empty(row[INCREASE - 1]) else row[INCREASE - 1], column=INCREASE, row=number)
        month = _cell(
            parse_increase_month, DEFAULT_INCREASE_MONTH if _empty(row[INCREASE_MONTH - 1]) else row[INCREASE_MONTH - 1], column=INCREASE_MONTH, row=number
        )
        found.append(
            Position(
                title=title, monthly_salary_sek=salary, employment_rate=rate, start_month=start, end_month=end, increase_percent=increase, increase_month=month
            )
        )
    return found


def _month_in_year(value: object) -> int:
    """PAY-003 for one month cell: a month numbered 1–12."""
    first, _last = parse_months(value, value)
    return first
