"""The group's own look in its documents: a logo, a Word template and a primary colour.

BRAND-001: a logo is a PNG or SVG image of at most 512 kB (an SVG without scripts or external
references, and a PNG of at most 4,000 × 4,000 pixels).
BRAND-002: a Word template is a .docx or .dotx (no macros) of at most 2 MB that expands to at most
20 MB in at most 1,000 parts; a .dotx is stored as the document it starts.
BRAND-003: the primary colour is written #RRGGBB.

Pure Python: the web layer translates the messages (``_`` only marks them).
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass
from io import BytesIO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from styr.domain.errors import RuleViolation, _

MAX_LOGO_BYTES = 512 * 1024
MAX_LOGO_PIXELS = 4000
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
MAX_TEMPLATE_EXPANDED_BYTES = 20 * 1024 * 1024
MAX_TEMPLATE_PARTS = 1000

PNG = "image/png"
SVG = "image/svg+xml"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class Logo:
    content_type: str
    data: bytes


def _logo_refused(template: str, detail: dict[str, object] | None = None) -> RuleViolation:
    return RuleViolation("BRAND-001", template, detail or {}, field="logo")


def check_logo(data: bytes) -> Logo:
    """BRAND-001: the logo's type from its content (never from its name), checked."""
    if len(data) > MAX_LOGO_BYTES:
        raise _logo_refused(_("The logo is larger than %(limit)s kB."), {"limit": MAX_LOGO_BYTES // 1024})
    if data.startswith(PNG_SIGNATURE):
        if len(data) < 24 or data[12:16] != b"IHDR":
            raise _logo_refused(_("The logo is not a PNG or SVG image."))
        width, height = struct.unpack(">II", data[16:24])
        if not (0 < width <= MAX_LOGO_PIXELS and 0 < height <= MAX_LOGO_PIXELS):
            raise _logo_refused(_("The logo may be at most %(limit)s × %(limit)s pixels."), {"limit": MAX_LOGO_PIXELS})
        return Logo(PNG, data)
    try:
        root = fromstring(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError, UnicodeDecodeError):
        raise _logo_refused(_("The logo is not a PNG or SVG image.")) from None
    if root.tag != f"{SVG_NAMESPACE}svg":
        raise _logo_refused(_("The logo is not a PNG or SVG image."))
    for element in root.iter():
        name = str(element.tag).removeprefix(SVG_NAMESPACE)
        if name in ("script", "foreignObject") or any(attribute.lower().startswith("on") for attribute in element.attrib):
            raise _logo_refused(_("The SVG logo may not contain scripts."))
        for attribute in ("href", XLINK_HREF):
            target = element.attrib.get(attribute, "")
            if target and not target.startswith(("#", "data:image/")):
                raise _logo_refused(_("The SVG logo may not refer to other files (%(target)s)."), {"target": target[:80]})
    return Logo(SVG, data)


def _template_refused(template: str, detail: dict[str, object] | None = None) -> RuleViolation:
    return RuleViolation("BRAND-002", template, detail or {}, field="word_template")


def check_word_template(data: bytes) -> bytes:
    """BRAND-002: a Word document or template, capped in size and in what it expands to. A .dotx
    comes back as a .docx (only its declared type changes), so that documents can start from it."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise _template_refused(_("The Word template is larger than %(limit)s MB."), {"limit": MAX_TEMPLATE_BYTES // (1024 * 1024)})
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _template_refused(_("The file is not a Word document or template (.docx or .dotx).")) from None
    if len(parts) > MAX_TEMPLATE_PARTS:
        raise _template_refused(_("The Word template has more than %(limit)s parts."), {"limit": MAX_TEMPLATE_PARTS})
    if sum(part.file_size for part in parts) > MAX_TEMPLATE_EXPANDED_BYTES:
        raise _template_refused(
            _("The Word template expands to more than %(limit)s MB."),
            {"limit": MAX_TEMPLATE_EXPANDED_BYTES // (1024 * 1024)},
        )
    names = {part.filename for part in parts}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise _template_refused(_("The file is not a Word document or template (.docx or .dotx)."))
    try:
        types = _read_capped(archive, "[Content_Types].xml").decode("utf-8")
    except (zipfile.BadZipFile, OSError, ValueError, UnicodeDecodeError):
        raise _template_refused(_("The file is not a Word document or template (.docx or .dotx).")) from None
    if "macroEnabled" in types or "word/vbaProject.bin" in names:
        raise _template_refused(_("The Word template may not contain macros (.docm or .dotm)."))
    if DOCUMENT_TYPE in types:
        return data
    if TEMPLATE_TYPE not in types:
        raise _template_refused(_("The file is not a Word document or template (.docx or .dotx)."))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for part in parts:
            content = _read_capped(archive, part.filename)
            if part.filename == "[Content_Types].xml":
                content = types.replace(TEMPLATE_TYPE, DOCUMENT_TYPE).encode("utf-8")
            copy.writestr(part, content)
    return out.getvalue()


def _read_capped(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part's content, read no further than the cap whatever its header claims."""
    with archive.open(name) as part:
        content = part.read(MAX_TEMPLATE_EXPANDED_BYTES + 1)
    if len(content) > MAX_TEMPLATE_EXPANDED_BYTES:
        raise _template_refused(
            _("The Word template expands to more than %(limit)s MB."),
            {"limit": MAX_TEMPLATE_EXPANDED_BYTES // (1024 * 1024)},
        )
    return content


def check_colour(text: str) -> str:
    """BRAND-003: ``#RRGGBB`` (returned in capitals), or empty for the default look."""
    value = text.strip()
    if not value:
        return ""
    if not COLOUR.fullmatch(value):
        raise RuleViolation("BRAND-003", _("Write the colour as #RRGGBB, e.g. #005A9C (“%(value)s”)."), {"value": value[:20]}, field="primary_colour")
    return value.upper()
