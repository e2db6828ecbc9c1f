"""Outsiders' tools on issue 12's documents: the body's internal control report and KS's evaluation
of the group's internal control. LibreOffice opens each Word file (converted headless to PDF, as
in test_word_layout), and each PDF is tagged, in Swedish and titled, like the other reports."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from tests.conftest import YEAR, World
from tests.control.followup_setup import BODY, Setup, setup_fixture  # noqa: F401  (the fixture)
from tests.control.oversight_setup import oversight_world

SV = {"Accept-Language": "sv"}
OFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(OFFICE is None and not os.environ.get("CI"), reason="LibreOffice is not installed (make test installs it; CI requires it)")


def _report_url(setup: Setup, fmt: str) -> str:
    return f"/internkontroll/{setup.world.unit(BODY).pk}/rapport/{YEAR}.{fmt}"


def _evaluation_url(fmt: str) -> str:
    return f"/internkontroll/uppsikt/{YEAR}/utvardering.{fmt}"


def _libreoffice_text(docx: bytes, tmp_path: Path) -> str:
    """LibreOffice reads the Word file and writes it as PDF; the PDF's text, words joined."""
    source = tmp_path / "document.docx"
    source.write_bytes(docx)
    assert OFFICE is not None
    subprocess.run(
        [OFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        timeout=180,
        capture_output=True,
    )
    reader = PdfReader(tmp_path / "document.pdf")
    page = reader.pages[0]
    assert abs(float(page.mediabox.width) * 25.4 / 72 - 210) < 1  # A4, as the house's Word documents
    return " ".join("".join(p.extract_text() for p in reader.pages).split())


def _accessible_pdf(content: bytes) -> tuple[str, str]:
    """The PDF is tagged; its language and title, as a reader's tools find them."""
    reader = PdfReader(io.BytesIO(content))
    root = reader.root_object
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    metadata = reader.metadata
    assert metadata is not None
    return str(root.get("/Lang", "")), str(metadata.title or "")


@needs_office
def test_libreoffice_opens_the_internal_control_reports_word_file(setup: Setup, tmp_path: Path) -> None:
    word = setup.world.client("auditor").get(_report_url(setup, "docx"), headers=SV)
    assert word.status_code == 200
    assert Document(io.BytesIO(word.content)).core_properties.language == "sv-SE"
    text = _libreoffice_text(word.content, tmp_path)
    assert "Attest av fakturor" in text and "Utbilda beställare" in text


def test_the_internal_control_reports_pdf_is_tagged_swedish_and_titled(setup: Setup) -> None:
    pdf = setup.world.client("auditor").get(_report_url(setup, "pdf"), headers=SV)
    assert pdf.status_code == 200
    lang, title = _accessible_pdf(pdf.content)
    assert lang.startswith("sv")
    assert "Rapport om intern kontroll" in title and BODY in title


@needs_office
def test_libreoffice_opens_ks_evaluations_word_file(world: World, tmp_path: Path) -> None:
    oversight_world(world)
    world.client("ks_controller").post(f"/internkontroll/uppsikt/{YEAR}/", {"evaluation": "Kontrollen fungerar i stort.", "measures": "Inga."})
    word = world.client("ks_controller").get(_evaluation_url("docx"), headers=SV)
    assert word.status_code == 200
    assert Document(io.BytesIO(word.content)).core_properties.language == "sv-SE"  # it had none: Word guessed
    text = _libreoffice_text(word.content, tmp_path)
    assert "Kontrollen fungerar i stort." in text and "Utbildningsnämnden" in text


def test_ks_evaluations_pdf_is_tagged_swedish_and_titled(world: World) -> None:
    oversight_world(world)
    world.client("ks_controller").post(f"/internkontroll/uppsikt/{YEAR}/", {"evaluation": "Kontrollen fungerar i stort.", "measures": ""})
    pdf = world.client("ks_controller").get(_evaluation_url("pdf"), headers=SV)
    assert pdf.status_code == 200
    lang, title = _accessible_pdf(pdf.content)
    assert lang.startswith("sv")
    assert "Utvärdering av den interna kontrollen" in title and str(YEAR) in title
