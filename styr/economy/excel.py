"""A committee's internal budget as an Excel file (issue 9 §3): a template with one row per unit
of the committee (the committee itself first) and one column per month, filled in and uploaded
back, read cell by cell and refused whole with the cell named (ECON-005, ECON-006)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from styr.core import xlsx
from styr.domain.budget import MONTHS, parse_amount
from styr.domain.errors import RuleViolation
from styr.organisation.models import OrgUnit

SHEET = "Internbudget"
FIRST_ROW = 5  # rows 1–3: the committee, the year and the instructions; row 4 the headers
KEY_COLUMN = 1  # hidden: the committee's id (A1), the year (A2) and each row's unit id
NAME_COLUMN = 2
FIRST_MONTH_COLUMN = 3  # C = January … N = December
SUM_COLUMN = FIRST_MONTH_COLUMN + MONTHS  # O: a formula for the reader, never read back
#: hidden: each unit's version when the template was made (EDIT-001), compared when it comes back
VERSION_COLUMN = SUM_COLUMN + 1  # P
#: The rows read below the header: a committee has far fewer units.
MAX_ROWS = 1_000
#: A cell's text shown in a refusal is cut to this length.
SHOWN = 40
INPUT_FILL = PatternFill("solid", start_color="FFF8DC")
HEADER_FILL = PatternFill("solid", start_color="E9ECEF")
LARGEST = 10**15
MONTH_NAMES = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class TemplateRow:
    unit: OrgUnit
    depth: int
    months: Sequence[Decimal | None]


class BudgetFile(NamedTuple):
    """What a filled-in template holds: each filled row's twelve months, and each row's unit
    version as the template was made (absent in a template made before versions were written)."""

    months: dict[int, tuple[Decimal, ...]]
    versions: dict[int, int]


def cell_name(column: int, row: int) -> str:
    return f"{SHEET}!{get_column_letter(column)}{row}"


def template(committee: OrgUnit, year: int, rows: Sequence[TemplateRow]) -> bytes:
    """The committee's units as rows (indented by depth), the months as columns, each filled with
    the budget kept today; only the yellow month cells are open, and they take numbers only."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws.cell(row=1, column=KEY_COLUMN, value=committee.pk)
    ws.cell(row=2, column=KEY_COLUMN, value=year)
    xlsx.put_text(ws, row=1, column=NAME_COLUMN, value=committee.name).font = Font(bold=True, size=14)
    ws.cell(row=2, column=NAME_COLUMN, value=_("Internal budget %(year)s (kronor, net cost: costs positive, income negative)") % {"year": year})
    ws.cell(
        row=3, column=NAME_COLUMN, value=_("Fill in each unit's budget per month in the yellow cells and upload the file on the internal budget page.")
    ).font = Font(italic=True)
    headers = ["key", _("Unit"), *(name.capitalize() for name in MONTH_NAMES), _("Year"), "version"]
    for column, header in enumerate(headers, start=1):
        cell = ws.cell(row=FIRST_ROW - 1, column=column, value=header)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    numbers = DataValidation(
        type="decimal",
        operator="between",
        formula1=str(-LARGEST),
        formula2=str(LARGEST),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Not a number"),
        error=_("Write an amount in kronor, e.g. 125000 or 1250,50."),
    )
    ws.add_data_validation(numbers)
    row = FIRST_ROW
    for item in rows:
        ws.cell(row=row, column=KEY_COLUMN, value=item.unit.pk)
        xlsx.put_text(ws, row=row, column=NAME_COLUMN, value=item.unit.name).alignment = Alignment(indent=min(item.depth * 2, 15))
        for month in range(MONTHS):
            amount = item.months[month] if month < len(item.months) else None
            cell = ws.cell(row=row, column=FIRST_MONTH_COLUMN + month, value=amount)
            cell.number_format = "#,##0.00"
            cell.protection, cell.fill = Protection(locked=False), INPUT_FILL
            numbers.add(cell)
        first, last = get_column_letter(FIRST_MONTH_COLUMN), get_column_letter(SUM_COLUMN - 1)
        total = ws.cell(row=row, column=SUM_COLUMN, value=f"=SUM({first}{row}:{last}{row})")
        total.number_format, total.font = "#,##0.00", Font(bold=True)
        ws.cell(row=row, column=VERSION_COLUMN, value=item.unit.version)
        row += 1
    ws.column_dimensions["A"].hidden = True
    ws.column_dimensions[get_column_letter(VERSION_COLUMN)].hidden = True
    ws.column_dimensions["B"].width = min(60, max([30] + [len(r.unit.name) + 2 * r.depth + 2 for r in rows]))
    for column in range(FIRST_MONTH_COLUMN, SUM_COLUMN + 1):
        ws.column_dimensions[get_column_letter(column)].width = 14
    return xlsx.protected_template(wb, ws, first_row=FIRST_ROW)


def template_filename(committee: OrgUnit, year: int) -> str:
    """``internbudget-utbildningsnamnden-2026.xlsx``."""
    with translation.override("sv"):
        return "-".join(slugify(part) for part in ("internbudget", committee.short_name or committee.name, str(year))) + ".xlsx"


def _refuse_file(template_text: str, detail: dict[str, Any] | None = None) -> RuleViolation:
    return RuleViolation("ECON-006", template_text, detail or {}, field="file")


def _refuse_cell(template_text: str, detail: dict[str, Any]) -> RuleViolation:
    return RuleViolation("ECON-005", template_text, detail, field="file")


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def read_upload(data: bytes, *, committee: OrgUnit, year: int, unit_ids: Sequence[int]) -> BudgetFile:
    """Each unit's twelve months from a filled-in template, with the unit versions it was made at.
    A row whose month cells are all empty leaves that unit as it is; an empty cell in a filled row
    is 0. ECON-006 refuses a file that is not the template of this committee and year (or is too
    large, or expands too far); ECON-005 a cell that holds no amount to the öre, a row that names
    no unit of the committee, or a hidden version cell that holds no version."""
    wb = xlsx.open_workbook(data, code="ECON-006")
    try:
        if SHEET not in wb.sheetnames:
            raise _refuse_file(gettext_noop("The file has no sheet “%(sheet)s”."), {"sheet": SHEET})
        last = FIRST_ROW - 1 + MAX_ROWS
        rows: list[tuple[Any, ...]] = []
        try:
            for number, row in enumerate(wb[SHEET].iter_rows(min_row=1, max_row=last + 1, max_col=VERSION_COLUMN, values_only=True), start=1):
                if number > last:
                    if any(value is not None for value in row):
                        raise _refuse_file(gettext_noop("The sheet “%(sheet)s” has more than %(limit)s rows to read."), {"sheet": SHEET, "limit": MAX_ROWS})
                    break
                rows.append(tuple(row))
        except xlsx.BROKEN_FILE:
            raise xlsx.not_excel("ECON-006") from None
    finally:
        wb.close()
    if len(rows) < 2 or rows[0][0] != committee.pk or rows[1][0] != year:
        raise _refuse_file(
            gettext_noop(
                "The file was made for another committee or year (sheet %(sheet)s, hidden cells A1 and A2); download the template for %(committee)s %(year)s."
            ),
            {"sheet": SHEET, "committee": committee.name, "year": year},
        )
    known = set(unit_ids)
    found: dict[int, tuple[Decimal, ...]] = {}
    versions: dict[int, int] = {}
    for number, row in enumerate(rows[FIRST_ROW - 1 :], start=FIRST_ROW):
        cells = list(row[FIRST_MONTH_COLUMN - 1 : SUM_COLUMN - 1]) + [None] * MONTHS
        months = cells[:MONTHS]
        key = row[KEY_COLUMN - 1] if row else None
        if key is None and all(value is None or value == "" for value in months):
            continue
        if isinstance(key, float) and key.is_integer():
            key = int(key)
        if not isinstance(key, int) or isinstance(key, bool) or key not in known or key in found:
            raise _refuse_cell(
                gettext_noop("Row %(row)s (cell %(cell)s) names no unit of %(committee)s, or one named above; keep the template's rows."),
                {"row": number, "cell": cell_name(KEY_COLUMN, number), "committee": committee.name},
            )
        version = _version(row, number, committee)
        if all(value is None or value == "" for value in months):
            continue
        if version is not None:
            versions[key] = version
        amounts: list[Decimal] = []
        for month, value in enumerate(months):
            if value is None or value == "":
                amounts.append(Decimal("0.00"))
                continue
            try:
                amounts.append(parse_amount(value))
            except RuleViolation:
                raise _refuse_cell(
                    gettext_noop("Cell %(cell)s (%(unit)s, %(month)s) holds “%(value)s”, not an amount in kronor with at most two decimals."),
                    {
                        "cell": cell_name(FIRST_MONTH_COLUMN + month, number),
                        "unit": str(row[NAME_COLUMN - 1] or ""),
                        "month": MONTH_NAMES[month],
                        "value": _shown(value),
                    },
                ) from None
        found[key] = tuple(amounts)
    return BudgetFile(found, versions)


def _version(row: tuple[Any, ...], number: int, committee: OrgUnit) -> int | None:
    """A row's hidden unit version (column P): None where the template has none."""
    value = row[VERSION_COLUMN - 1] if len(row) >= VERSION_COLUMN else None
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise _refuse_cell(
            gettext_noop("Row %(row)s (hidden cell %(cell)s) holds no unit version; keep the template's hidden columns as they came."),
            {"row": number, "cell": cell_name(VERSION_COLUMN, number), "committee": committee.name},
        )
    return value
