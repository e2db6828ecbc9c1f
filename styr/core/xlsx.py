"""Reading an uploaded Excel file safely, for every upload that takes one (the reporting sheet,
the internal budget). openpyxl reads with defusedxml installed, so a hostile file cannot expand
entities; the limits here keep a small zip from unpacking to gigabytes before openpyxl reads it
(it reads the shared strings whole). Each refusal is a ``RuleViolation`` with the caller's rule id."""

from __future__ import annotations

import zipfile
from io import BytesIO
from typing import Any

from django.utils.translation import gettext_noop
from openpyxl import load_workbook
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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, ValueError):
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
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
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
