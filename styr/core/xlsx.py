"""Reading an uploaded Excel file safely, for every upload that takes one (the reporting sheet,
the internal budget), and writing a person's text into one as inert text (``put_text``).
openpyxl reads with defusedxml installed, so a hostile file cannot expand entities; the limits
here keep a small zip from unpacking to gigabytes before openpyxl reads it (it reads the shared
strings whole). Each refusal is a ``RuleViolation`` with the caller's rule id."""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO
from typing import Any

from django.utils.translation import gettext_noop
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from styr.domain.errors import RuleViolation

#: The upload itself.
MAX_BYTES = 2 * 1024 * 1024
#: What the file may expand to, checked member by member in bounded chunks, so a header that
#: understates a member's size is not believed.
MAX_EXPANDED_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 100
CHUNK = 64 * 1024
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


#: What a spreadsheet reads as the start of a formula (OWASP's list for "CSV injection"): text that
#: begins so is marked text (quote prefix) and never written as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


#: What openpyxl and zipfile raise on a broken file, read eagerly (``open_workbook``) or lazily (a
#: read-only sheet's rows): a corrupt deflate stream (zlib), a member that is not XML (lxml's and
#: ElementTree's errors are ``SyntaxError``s), a part left out (KeyError), a value of the wrong kind.
#: Found by tests/fuzz/: each of them is the file's rule, never a server error.
BROKEN_FILE = (
    InvalidFileException,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    SyntaxError,
    KeyError,
    IndexError,
    AttributeError,
    OSError,
    EOFError,
    NotImplementedError,
    ValueError,
    TypeError,
)


def put_text(ws: Worksheet, *, row: int, column: int, value: object) -> Cell:
    """A cell holding a person's text (a name, a title, an analysis) as text, whatever it starts
    with: ``=HYPERLINK(...)``, ``+1+1``, ``-1`` or ``@SUM(A1)`` are stored as strings with Excel's
    quote prefix (shown as typed, never calculated, still text when edited), and characters XML
    cannot hold are left out rather than stopping the file. Read back it is the same text."""
    cell = ws.cell(row=row, column=column)
    if value is None:
        cell.value = None
        return cell
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell.value = text
    cell.data_type = "s"  # openpyxl takes a text starting with "=" for a formula
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def refusal(code: str, template: str, detail: dict[str, Any] | None = None) -> RuleViolation:
    return RuleViolation(code, template, detail or {}, field="file")


def not_excel(code: str) -> RuleViolation:
    return refusal(code, gettext_noop("The file is not an Excel file made from this page's template."))


def check_expansion(data: bytes, *, code: str, max_expanded_bytes: int = MAX_EXPANDED_BYTES, max_members: int = MAX_MEMBERS) -> None:
    """``code`` when the zip holds too many members or expands past ``max_expanded_bytes``: the
    declared sizes first (cheap), then every member decompressed in chunks up to the cap."""
    too_large = refusal(
        code,
        gettext_noop("The file expands to more than %(limit)s MB when unpacked; a filled-in template is far smaller."),
        {"limit": max_expanded_bytes // (1024 * 1024)},
    )
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > max_members:
                raise not_excel(code)
            if sum(m.file_size for m in members) > max_expanded_bytes:
                raise too_large
            total = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(CHUNK):
                        total += len(chunk)
                        if total > max_expanded_bytes:
                            raise too_large
    except BROKEN_FILE:
        raise not_excel(code) from None


def open_workbook(data: bytes, *, code: str, max_bytes: int = MAX_BYTES, max_expanded_bytes: int = MAX_EXPANDED_BYTES) -> Workbook:
    """The workbook of an upload, read-only with values (not formulas), once the upload's size
    and what it expands to are within the limits; ``code`` names the rule of every refusal.
    The caller closes it (``wb.close()``)."""
    if len(data) > max_bytes:
        raise refusal(code, gettext_noop("The file is larger than %(limit)s MB."), {"limit": max_bytes // (1024 * 1024)})
    check_expansion(data, code=code, max_expanded_bytes=max_expanded_bytes)
    try:
        return load_workbook(BytesIO(data), read_only=True, data_only=True)
    except BROKEN_FILE:
        raise not_excel(code) from None


def protected_template(wb: Workbook, ws: Worksheet, *, first_row: int) -> bytes:
    """A template's bytes: the sheet protected but for the cells the caller unlocked, the rows
    above ``first_row`` and the id and name columns (A, B) frozen in view, and the columns and rows
    still free to widen."""
    ws.freeze_panes = f"C{first_row}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
