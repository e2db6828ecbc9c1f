"""KS's oversight page /internkontroll/uppsikt/<year>/ (issue 12 §4): who sees what, the evaluation
written and adopted on the page, its PDF and Word, and the internal control in KS's overview."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from pypdf import PdfReader

from styr.control.models import OversightEvaluation
from styr.control.services.oversight import evaluation_create
from styr.core.models import AuditEvent
from styr.organisation.services import org_unit_create
from tests.conftest import World
from tests.control.oversight_setup import TODAY, YEAR, control, oversight_world, plan, result
from tests.html_check import vnu_errors

SV = {"Accept-Language": "sv"}
URL = f"/internkontroll/uppsikt/{YEAR}/"
ADOPT = f"{URL}anta/"
NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
DECISION = {"decided_on": f"{YEAR}-12-01", "paragraph": "§ 200", "registration_number": "KS 2026/90"}

pytestmark = pytest.mark.usefixtures("_now")


@pytest.fixture
def _now() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_ks_controller_sees_every_body_with_its_figures(world: World) -> None:
    oversight_world(world)
    page = world.client("ks_controller").get(URL, headers=SV).content.decode()
    un = world.unit("Utbildningsnämnden").pk
    row = page.split(f'id="live-body-{un}"')[1].split("</tr>")[0]
    assert "Beslutad" in row and ">2 / 3<" in row and "Ej uppfyllt 1" in row and 'role="img"' in row
    assert "AllboHus Fastighets AB" in page and "Omsorgsnämnden" in page
    assert "Förvaltningschef" in page and "Attest av fakturor" in page and "Dataskydd" in page
    assert 'id="evaluation-form"' in page and 'id="adopt-form"' not in page


def test_a_committee_politician_sees_only_their_committee_and_not_the_evaluation(world: World) -> None:
    oversight_world(world)
    page = world.client("committee_politician").get(URL, headers=SV).content.decode()
    assert "Utbildningsnämnden" in page and "Omsorgsnämnden" not in page and "AllboHus" not in page
    assert 'id="evaluation"' not in page
    assert world.client("committee_politician").post(URL, {"evaluation": "x"}).status_code == 403


def test_the_auditor_reads_but_cannot_write_and_the_outsider_is_refused(world: World) -> None:
    oversight_world(world)
    evaluation_create(actor=world.users["ks_controller"], group=world.group, year=YEAR, evaluation="Utkast")
    auditor = world.client("auditor")
    page = auditor.get(URL, headers=SV).content.decode()
    assert "Omsorgsnämnden" in page and "Utkast" in page and 'id="evaluation-form"' not in page and 'id="adopt-form"' not in page
    assert auditor.post(URL, {"evaluation": "Ändrat"}).status_code == 403
    assert auditor.post(ADOPT, DECISION).status_code == 403
    assert auditor.get(f"{URL}utvardering.pdf").status_code == 200
    assert world.client("outsider").get(URL).status_code == 403
    assert world.client("outsider").post(URL, {"evaluation": "x"}).status_code == 403
    assert OversightEvaluation.objects.get().evaluation == "Utkast"


def test_the_evaluation_is_written_adopted_and_then_locked_on_the_page(world: World) -> None:
    oversight_world(world)
    controller, politician = world.client("ks_controller"), world.client("ks_politician")
    response = controller.post(URL, {"evaluation": "Den interna kontrollen är i huvudsak god.", "measures": "Omsorgsnämnden ska anta sin plan."})
    assert response.status_code == 302 and response["Location"] == URL
    assert AuditEvent.objects.filter(action="oversight_evaluation.created").count() == 1
    page = politician.get(URL, headers=SV).content.decode()
    assert 'id="adopt-form"' in page and 'id="evaluation-form"' not in page
    assert controller.post(ADOPT, DECISION).status_code == 403
    response = politician.post(ADOPT, DECISION)
    assert response.status_code == 302
    evaluation = OversightEvaluation.objects.get()
    assert evaluation.state == "adopted" and evaluation.decision is not None and evaluation.snapshot_sha256
    page = controller.get(URL, headers=SV).content.decode()
    assert "§ 200" in page and evaluation.snapshot_sha256 in page and "Den interna kontrollen är i huvudsak god." in page
    assert 'id="evaluation-form"' not in page and 'id="adopted-body-' in page
    # IC-040: locked
    refused = controller.post(URL, {"evaluation": "Ändrad", "measures": ""}, headers=SV)
    assert refused.status_code == 409 and "(IC-040)" in refused.content.decode()
    assert OversightEvaluation.objects.get().evaluation == "Den interna kontrollen är i huvudsak god."


def test_adopting_without_an_evaluation_text_is_refused_ic_041(world: World) -> None:
    evaluation_create(actor=world.users["ks_controller"], group=world.group, year=YEAR)
    refused = world.client("ks_politician").post(ADOPT, DECISION, headers=SV)
    assert refused.status_code == 422 and "(IC-041)" in refused.content.decode()
    assert OversightEvaluation.objects.get().state == "draft"


def test_the_evaluation_comes_out_as_pdf_and_word_from_its_snapshot(world: World) -> None:
    oversight_world(world)
    world.client("ks_controller").post(URL, {"evaluation": "Bedömning i text.", "measures": "Inga åtgärder."})
    world.client("ks_politician").post(ADOPT, DECISION)
    client = world.client("ks_controller")
    pdf = client.get(f"{URL}utvardering.pdf", headers=SV)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "utvardering-intern-kontroll-2026.pdf" in pdf["Content-Disposition"]
    reader = PdfReader(BytesIO(pdf.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Bedömning i text." in text and "Utbildningsnämnden" in text
    word = client.get(f"{URL}utvardering.docx", headers=SV)
    assert word.status_code == 200
    text = "\n".join(p.text for p in Document(BytesIO(word.content)).paragraphs)
    assert "Bedömning i text." in text and "Inga åtgärder." in text and OversightEvaluation.objects.get().snapshot_sha256 in text
    cells = [c.text for t in Document(BytesIO(word.content)).tables for row in t.rows for c in row.cells]
    assert "Utbildningsnämnden" in cells and "AllboHus Fastighets AB" in cells
    assert client.get(f"{URL}utvardering.xlsx").status_code == 404
    assert world.client("committee_politician").get(f"{URL}utvardering.pdf").status_code == 403


def test_ks_overview_shows_each_bodys_internal_control_and_links_to_the_oversight(world: World) -> None:
    oversight_world(world)
    client = world.client("ks_controller")
    url = f"/oversikt/{YEAR}/"
    page = client.get(url, headers=SV).content.decode()
    un, on = world.unit("Utbildningsnämnden").pk, world.unit("Omsorgsnämnden").pk
    cell = page.split(f'id="overview-ic-{un}"')[1].split("</td>")[0]
    assert "Plan beslutad" in cell and "Ej uppfyllt 1" in cell and "1 åtgärd efter sin tidsfrist" in cell and f'href="{URL}#live-body-{un}"' in cell
    assert "Plan inte beslutad" in page.split(f'id="overview-ic-{on}"')[1].split("</td>")[0]


def test_the_pages_read_in_the_same_number_of_queries_as_bodies_grow(world: World) -> None:
    oversight_world(world)
    evaluation_create(actor=world.users["ks_controller"], group=world.group, year=YEAR, evaluation="Text")
    client = world.client("ks_controller")
    urls = (URL, f"/oversikt/{YEAR}/")
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as before:
            assert client.get(url).status_code == 200
        counts[url] = len(before.captured_queries)
    for n in range(5):
        unit = org_unit_create(actor=None, group=world.group, parent=world.unit("Kommunfullmäktige"), kind="COMMITTEE", name=f"Nämnd {n}", valid_from=TODAY)
        world.units[unit.name] = unit
        result(control(plan(world, unit.name), f"Kontroll {n}", area="Inköp"), 11, "achieved")
    for url in urls:
        with CaptureQueriesContext(connection) as after:
            client.get(url)
        assert len(after.captured_queries) == counts[url], url


def test_the_oversight_pages_are_valid_html(world: World) -> None:
    oversight_world(world)
    documents = {"controller-draft": world.client("ks_controller").get(URL, headers=SV).content.decode()}
    world.client("ks_controller").post(URL, {"evaluation": "Text", "measures": ""})
    documents["politician"] = world.client("ks_politician").get(URL, headers=SV).content.decode()
    world.client("ks_politician").post(ADOPT, DECISION)
    documents["adopted"] = world.client("ks_controller").get(URL, headers=SV).content.decode()
    documents["committee"] = world.client("committee_politician").get(URL, headers=SV).content.decode()
    documents["overview"] = world.client("ks_controller").get(f"/oversikt/{YEAR}/", headers=SV).content.decode()
    errors = vnu_errors(documents)
    assert not errors, "\n".join(errors)
