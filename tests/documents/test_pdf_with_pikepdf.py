"""Our PDFs as an outsider reads them with pikepdf (qpdf underneath): each opens without a structural
error, is tagged (PDF/UA: a structure tree, marked content), says it is Swedish, carries its title and
shows it in the window, and holds no script. One PDF of each builder: the plan, internal control's
report and KS's evaluation of internal control."""

from __future__ import annotations

from io import BytesIO

import pikepdf
import pytest

from tests.conftest import YEAR, World
from tests.control.followup_setup import Setup, setup_fixture  # noqa: F401 (the fixture)
from tests.documents.test_plan_pdf import setup_plan

SV = {"Accept-Language": "sv"}


def check_pdf(content: bytes) -> pikepdf.Pdf:
    pdf = pikepdf.open(BytesIO(content))
    assert pdf.check_pdf_syntax() == [], "qpdf finds structural problems"
    root = pdf.Root
    assert "/StructTreeRoot" in root and bool(root.MarkInfo.Marked), "not tagged"
    assert str(root.Lang).startswith("sv")
    assert bool(root.ViewerPreferences.DisplayDocTitle), "the window shows the file name, not the title"
    with pdf.open_metadata() as meta:
        assert (meta.get("dc:title") or "").strip(), "no title in the metadata"
    assert "/JavaScript" not in root.get("/Names", {}) and "/OpenAction" not in root
    assert len(pdf.pages) >= 1
    return pdf


def test_the_plan_pdf_is_a_tagged_swedish_pdf_with_its_title(world: World) -> None:
    setup_plan(world)
    council = world.unit("Kommunfullmäktige")
    response = world.client("ks_controller").get(f"/enheter/{council.pk}/dokument/plan-{YEAR}.pdf", headers=SV)
    assert response.status_code == 200
    check_pdf(response.content)


@pytest.mark.usefixtures("setup")
def test_the_internal_control_report_and_ks_evaluation_pdfs_open_cleanly_in_pikepdf(setup: Setup) -> None:
    world = setup.world
    unit = setup.plan.org_unit
    report = world.client("ks_controller").get(f"/internkontroll/{unit.pk}/rapport/{YEAR}.pdf", headers=SV)
    assert report.status_code == 200
    check_pdf(report.content)
    evaluation = world.client("ks_controller").get(f"/internkontroll/uppsikt/{YEAR}/utvardering.pdf", headers=SV)
    assert evaluation.status_code == 200
    check_pdf(evaluation.content)
