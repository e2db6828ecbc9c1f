"""The Word files' common parts: a new A4, Swedish document (on the group's own template when it has
one), headings in Word's built-in styles, bold labels, and tables that repeat their header row and are
wide enough for their longest word. Each document's renderer builds on them."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

LANGUAGE = "sv-SE"
A4_WIDTH_CM, A4_HEIGHT_CM = 21.0, 29.7
MARGIN_SIDE_CM, MARGIN_TOP_CM = 2.0, 2.2
#: The width of one character of table text, generously (bold Calibri 11 pt), and a cell's own margins.
CHAR_CM = 0.23
CELL_PADDING_CM = 0.45


def new_document(base: bytes | None = None) -> DocumentObject:
    """An empty A4 Swedish document, or the group's own template with its body cleared."""
    if base is None:
        doc = Document()
        for section in doc.sections:
            section.page_width, section.page_height = Cm(A4_WIDTH_CM), Cm(A4_HEIGHT_CM)
            section.left_margin = section.right_margin = Cm(MARGIN_SIDE_CM)
            section.top_margin = section.bottom_margin = Cm(MARGIN_TOP_CM)
    else:
        doc = Document(BytesIO(base))
        body = doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):  # keep the last section: page, header and footer
                body.remove(child)
    _set_language(doc)
    return doc


def _set_language(doc: DocumentObject) -> None:
    """sv-SE in the document's defaults and in every style that names a language of its own."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    if rpr.find(qn("w:lang")) is None:
        rpr.append(OxmlElement("w:lang"))
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)


def _style(doc: DocumentObject, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
    """The style's name when the document (a municipality's template) has it, else ``None``."""
    try:
        doc.styles[name]
    except KeyError:
        return None
    return name


def _heading(doc: DocumentObject, text: str, level: int) -> None:
    name = "Title" if level == 0 else f"Heading {level}"
    if _style(doc, name) is None:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.font.bold = True
        style.font.size = Pt({0: 24, 1: 16, 2: 13}.get(level, 11))
    doc.add_paragraph(text, style=name)


def _bullet(doc: DocumentObject, text: str, label: str = "") -> None:
    paragraph = doc.add_paragraph(style=_style(doc, "List Bullet"))
    if _style(doc, "List Bullet") is None:
        paragraph.add_run("• ")
    if label:
        paragraph.add_run(label).bold = True
        if text:
            paragraph.add_run(f": {text}")
    else:
        paragraph.add_run(text)


def _labelled(doc: DocumentObject, label: str, text: str) -> None:
    """``Label: text`` with the label bold, as in the PDF."""
    paragraph = doc.add_paragraph()
    paragraph.add_run(f"{label}:").bold = True
    paragraph.add_run(f" {text}")


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[str]], total_cm: float) -> list[float]:
    """Widths (cm) that never break a word: each column gets at least its longest word, and what
    is left goes to the columns with the longest text."""
    columns = list(zip(headers, *rows, strict=True)) if rows else [(h,) for h in headers]
    need = [max((len(word) for text in column for word in str(text).split()), default=1) * CHAR_CM + CELL_PADDING_CM for column in columns]
    want = [max(n, min(max((len(str(text)) for text in column), default=1), 60) * CHAR_CM + CELL_PADDING_CM) for n, column in zip(need, columns, strict=True)]
    if sum(need) >= total_cm:
        return need  # wider than the page rather than words broken in two
    spare, extra = total_cm - sum(need), [w - n for w, n in zip(want, need, strict=True)]
    if sum(extra) <= spare:
        # everything fits on one line: share what is left in proportion to the text
        return [w + (total_cm - sum(want)) * w / sum(want) for w in want]
    return [n + spare * e / sum(extra) for n, e in zip(need, extra, strict=True)]


def _text_width_cm(doc: DocumentObject) -> float:
    section = doc.sections[-1]
    width, left, right = section.page_width, section.left_margin, section.right_margin
    if width is None or left is None or right is None:
        return A4_WIDTH_CM - 2 * MARGIN_SIDE_CM
    return float((width - left - right) / Cm(1))


def _repeat_as_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


def _borders(table: Any) -> None:
    """Grid lines on a table when the template has no "Table Grid" style."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:color"), "999999")
        borders.append(line)
    table._tbl.tblPr.append(borders)


def _table(doc: DocumentObject, headers: list[str], rows: list[list[str]], *, numeric: Sequence[int] = (), titled: Sequence[int] = ()) -> None:
    """A table with a header row repeated on each page; ``numeric`` columns are right-aligned and
    ``titled`` columns have their first line bold (a goal's or an assignment's title, as in the PDF)."""
    table = doc.add_table(rows=1, cols=len(headers))
    if _style(doc, "Table Grid", WD_STYLE_TYPE.TABLE):
        table.style = "Table Grid"
    else:
        _borders(table)
    table.autofit = False
    _repeat_as_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            if index in titled:
                title, newline, rest = text.partition("\n")
                cell.paragraphs[0].add_run(title).bold = True
                if newline:
                    cell.paragraphs[0].add_run("\n" + rest)
            else:
                cell.text = text
    widths = column_widths(headers, rows, _text_width_cm(doc))
    for index, width in enumerate(widths):
        table.columns[index].width = Cm(width)
        for cell in table.columns[index].cells:
            cell.width = Cm(width)
            if index in numeric:
                for paragraph in cell.paragraphs:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _save(doc: DocumentObject) -> bytes:
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
