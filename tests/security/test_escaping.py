"""A person's text is shown as text everywhere (issue 14 §4): markup in a goal's title and in a
comment is escaped on the page, literal in the PDF and the Word document; in Excel a text that
looks like a formula is stored as text, inert, and reads back as typed."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from styr.core import xlsx
from styr.followup import dialogue
from styr.planning.services import goal_adopt, goal_create, indicator_create
from tests.conftest import YEAR, World

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
TITLE = f"Trygg skola {SCRIPT} {IMAGE}"
FORMULAS = ['=HYPERLINK("http://x","klick")', "+1+1", "-1", "@SUM(A1)", "=cmd|' /C calc'!A0"]


def goal_with_markup(world: World) -> int:
    council = world.unit("Kommunfullmäktige")
    goal = goal_create(actor=None, org_unit=council, title=TITLE, start_year=YEAR, end_year=YEAR + 1)
    indicator_create(
        actor=None, goal=goal, name=f"Andel {IMAGE}", baseline_year=YEAR - 1, baseline_value=Decimal(1), target_year=YEAR + 1, target_value=Decimal(2)
    )
    goal_adopt(actor=world.users["council_chair"], goal=goal)
    dialogue.comment_add(actor=world.users["ks_controller"], goal=goal, text=f"Kommentar {SCRIPT}")
    return goal.pk


def test_markup_in_a_title_and_a_comment_is_escaped_on_the_page(world: World) -> None:
    pk = goal_with_markup(world)
    html = world.client("ks_controller").get(f"/mal/{pk}/").content.decode()
    assert SCRIPT not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Kommentar &lt;script&gt;" in html


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(BytesIO(content)).pages).split())


def docx_text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    texts = [p.text for p in doc.paragraphs] + [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(texts).split())


def test_markup_in_a_title_is_literal_text_in_the_pdf_and_the_word_document(world: World) -> None:
    goal_with_markup(world)
    council = world.unit("Kommunfullmäktige")
    client = world.client("ks_controller")
    pdf = client.get(f"/enheter/{council.pk}/dokument/plan-{YEAR}.pdf")
    word = client.get(f"/enheter/{council.pk}/dokument/plan-{YEAR}.docx")
    assert pdf.status_code == 200 and word.status_code == 200
    for text in (pdf_text(pdf.content), docx_text(word.content)):
        assert SCRIPT in text and "onerror=alert(1)>" in text
        assert "&lt;" not in text and "&amp;" not in text  # shown as typed, not escaped twice


def saved(wb: Workbook) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_text_that_looks_like_a_formula_is_written_as_inert_text() -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row, text in enumerate([*FORMULAS, "Vanlig text", "a\x00b"], start=1):
        xlsx.put_text(ws, row=row, column=1, value=text)
    back = load_workbook(BytesIO(saved(wb)))["Sheet"]
    for row, text in enumerate(FORMULAS, start=1):
        cell = back.cell(row=row, column=1)
        assert cell.data_type == "s" and cell.value == text and cell.quotePrefix
    assert back["A6"].value == "Vanlig text" and not back["A6"].quotePrefix
    assert back["A7"].value == "ab"  # a character XML cannot hold is left out, the file is still written


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_the_formula_texts_as_typed(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row, text in enumerate(FORMULAS, start=1):
        xlsx.put_text(ws, row=row, column=1, value=text)
    source = tmp_path / "texter.xlsx"
    source.write_bytes(saved(wb))
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office is not None
    subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "csv", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    shown = (tmp_path / "texter.csv").read_text(encoding="utf-8").splitlines()
    assert [line.strip('"').replace('""', '"') for line in shown] == FORMULAS  # none calculated (a formula would show 2, -1, a link…)
