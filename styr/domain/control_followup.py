"""Following up the controls of an internal control plan (issue 12 §3, seed §7): the rules of a
control's result, its attachments and the committee's report on its internal control (IC-030…IC-039).

Plain Python: the services call these with what they have read; nothing here saves."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from typing import BinaryIO

from styr.domain.errors import RuleViolation, _

#: The committee's report on its internal control goes as the unit's reports do:
#: draft → submitted → reviewed → adopted, back to draft from submitted or reviewed (IC-038).
CONTROL_REPORT_TRANSITIONS = frozenset(
    {("draft", "submitted"), ("submitted", "draft"), ("submitted", "reviewed"), ("reviewed", "draft"), ("reviewed", "adopted")}
)

#: The kinds of file a result takes, by what the content is (never only the name), with the names it may carry.
ATTACHMENT_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "pdf": ("application/pdf", (".pdf",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "gif": ("image/gif", (".gif",)),
    "webp": ("image/webp", (".webp",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (".ods",)),
    "odt": ("application/vnd.oasis.opendocument.text", (".odt",)),
    "csv": ("text/csv", (".csv",)),
    "txt": ("text/plain", (".txt",)),
}
ALLOWED_EXTENSIONS: tuple[str, ...] = tuple(ext for _type, exts in ATTACHMENT_KINDS.values() for ext in exts)
#: how much of a text file is read to tell it is text, and how many entries of a zip are looked at
TEXT_PROBE_BYTES = 64 * 1024
ZIP_MAX_ENTRIES = 5000


def check_occasion(month: int, report_months: Iterable[int]) -> int:
    """IC-030: a control is reported on an occasion its plan names (a month of the plan's year)."""
    months = sorted({int(m) for m in report_months})
    if month not in months:
        raise RuleViolation(
            "IC-030",
            _("The control is reported in %(months)s according to the plan, not in month %(month)s."),
            {"month": month, "months": ", ".join(str(m) for m in months) or "–"},
            field="month",
        )
    return month


def check_result_status(status: str, codes: Iterable[str]) -> str:
    """IC-031: a result is a step of the group's status scale."""
    known = tuple(codes)
    if status not in known:
        raise RuleViolation(
            "IC-031",
            _("“%(status)s” is not a step of the status scale (%(known)s)."),
            {"status": status, "known": ", ".join(known)},
            field="status",
        )
    return status


def check_counts(*, method: str, checked: int | None, deviations: int | None) -> None:
    """IC-032: a sample's result says how many were checked and how many deviated.
    IC-033: never more deviations than items checked."""
    if method == "sample":
        if checked is None:
            raise RuleViolation("IC-032", _("A sample's result gives the number of items checked."), {}, field="checked_count")
        if deviations is None:
            raise RuleViolation("IC-032", _("A sample's result gives the number of deviations found (0 when none)."), {}, field="deviation_count")
    if checked is not None and deviations is not None and deviations > checked:
        raise RuleViolation(
            "IC-033",
            _("%(deviations)s deviations cannot be found among %(checked)s items checked."),
            {"deviations": deviations, "checked": checked},
            field="deviation_count",
        )


def check_plan_adopted(state: str) -> None:
    """IC-034: only the controls of an adopted plan are followed up (a draft may still change)."""
    if state != "adopted":
        raise RuleViolation("IC-034", _("The plan's controls are reported once the body has adopted the plan; the plan is a draft."), {"state": state})


def check_year_open(report_state: str | None, year: int) -> None:
    """IC-035: once the body has adopted its internal control report for the year, the year's
    results, attachments, deviations and actions are locked (as decided)."""
    if report_state == "adopted":
        raise RuleViolation("IC-035", _("The internal control report for %(year)s is adopted; the year's follow-up is locked."), {"year": year})


def check_attachment_size(*, name: str, size: int, limit: int) -> None:
    """IC-036: an attachment is no larger than the setting allows."""
    if size > limit:
        raise RuleViolation(
            "IC-036",
            _("The file “%(name)s” is %(size)s MB; an attachment may be at most %(limit)s MB."),
            {"name": name, "size": f"{size / 1_000_000:.1f}".replace(".", ","), "limit": f"{limit / 1_000_000:.1f}".replace(".", ",")},
            field="file",
        )


def _zip_kind(stream: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            if len(infos) > ZIP_MAX_ENTRIES:
                return None
            names = {info.filename for info in infos}
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 100:
                    return None
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return {ATTACHMENT_KINDS["ods"][0]: "ods", ATTACHMENT_KINDS["odt"][0]: "odt"}.get(mimetype)
            if "[Content_Types].xml" in names:
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "word/document.xml" in names:
                    return "docx"
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError):
        return None
    return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return all(ch.isprintable() or ch in "\t\r\n\f" for ch in text.lstrip("\ufeff"))
    return False


def sniff_kind(stream: BinaryIO) -> str | None:
    """What the file is by its content: a key of ``ATTACHMENT_KINDS``, or None."""
    stream.seek(0)
    head = stream.read(TEXT_PROBE_BYTES)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(stream)
        stream.seek(0)
        return kind
    if _is_text(head[: TEXT_PROBE_BYTES - 4]):  # a cut multibyte character at the end is not binary
        return "text"
    return None


def check_attachment_type(*, name: str, stream: BinaryIO) -> tuple[str, str]:
    """IC-037: an attachment is a PDF, an image, a spreadsheet or a text document (xlsx, docx,
    ods, odt), or a CSV or text file — by its content, and named as what it is. Returns the
    kind and its content type."""
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    kind = sniff_kind(stream)
    if kind == "text":
        kind = "csv" if extension == ".csv" else "txt" if extension == ".txt" else None
    if kind is None or extension not in ATTACHMENT_KINDS[kind][1]:
        raise RuleViolation(
            "IC-037",
            _(
                "The file “%(name)s” is not one an attachment may be: its content must be a PDF, an image (PNG, JPEG, GIF, WebP), "
                "xlsx, docx, ods, odt, csv or txt, and its name must say so."
            ),
            {"name": name, "allowed": ", ".join(ALLOWED_EXTENSIONS)},
            field="file",
        )
    return kind, ATTACHMENT_KINDS[kind][0]


def check_control_report_transition(current: str, new: str) -> None:
    """IC-038: the report goes draft → submitted → reviewed → adopted, back to draft before adoption; adopted is locked."""
    if (current, new) not in CONTROL_REPORT_TRANSITIONS:
        raise RuleViolation(
            "IC-038",
            _("The internal control report cannot go from “%(current)s” to “%(new)s”."),
            {"current": current, "new": new},
            field="state",
        )


def check_control_report_draft(current: str) -> None:
    """IC-038: the summary is written while the report is a draft; a submitted or reviewed report goes
    back to draft first, so the body never adopts a text no one reviewed."""
    if current != "draft":
        raise RuleViolation(
            "IC-038",
            _("The internal control report is “%(current)s”: return it to draft before changing its summary."),
            {"current": current},
            field="summary",
        )


def check_no_control_report(exists: bool, year: int) -> None:
    """IC-039: one internal control report per body and year."""
    if exists:
        raise RuleViolation("IC-039", _("The body already has an internal control report for %(year)s."), {"year": year}, field="year")
