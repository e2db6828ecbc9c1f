"""The body's internal control report (issue 12 §3): draft → submitted → reviewed → adopted by the
body itself with a decision, a frozen snapshot and its SHA-256 (IC-038, IC-039); PDF and Word; the
annual report carries the body's internal control; attachments (IC-036, IC-037)."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from docx import Document
from pypdf import PdfReader

from styr.control.models import InternalControlReport, ResultAttachment
from styr.control.services import followup as svc
from styr.core.models import AuditEvent
from styr.documents.builders import report_content_build
from styr.domain.errors import RuleViolation
from styr.domain.plans import snapshot_hash
from styr.followup.models import ReportingPeriod
from styr.followup.services import calendar_create
from tests.conftest import YEAR
from tests.control.followup_setup import Setup, attachment_storage_fixture, setup_fixture  # noqa: F401  (the fixtures)
from tests.html_check import vnu_errors

SV = {"Accept-Language": "sv"}
DECISION = {"decided_on": f"{YEAR}-12-10", "paragraph": "§ 88", "registration_number": f"UN {YEAR}/12"}


def _reported(setup: Setup) -> None:
    result = svc.result_report(actor=None, control=setup.sample, month=4, status="partly_achieved", findings="Två fel", checked_count=20, deviation_count=2)
    deviation = svc.deviation_add(actor=None, result=result, description="Attest saknas", severity="medium")
    svc.action_add(actor=None, deviation=deviation, description="Påminn attestanter", owner="Ekonomichef", deadline=date(YEAR + 1, 3, 1))


def test_the_report_goes_through_its_states_with_the_right_personas_and_is_frozen(setup: Setup) -> None:
    _reported(setup)
    api = "/api/v1/control/reports"
    unit = setup.plan.org_unit
    created = setup.world.client("administration_official").post(api, json.dumps({"org_unit_id": unit.pk, "year": YEAR}), content_type="application/json")
    assert created.status_code == 200, created.content
    rid = created.json()["id"]
    again = setup.world.client("administration_official").post(api, json.dumps({"org_unit_id": unit.pk, "year": YEAR}), content_type="application/json")
    assert (again.status_code, again.json()["code"]) == (409, "IC-039")
    assert setup.world.client("auditor").post(f"{api}/{rid}/submit").status_code == 403
    assert setup.world.client("administration_official").post(f"{api}/{rid}/submit").json()["state"] == "submitted"
    assert setup.world.client("administration_official").post(f"{api}/{rid}/review").status_code == 403
    assert setup.world.client("ks_controller").post(f"{api}/{rid}/return").json()["state"] == "draft"
    setup.world.client("administration_official").post(f"{api}/{rid}/submit")
    assert setup.world.client("ks_controller").post(f"{api}/{rid}/review").json()["state"] == "reviewed"
    for persona in ("administration_official", "ks_controller", "ks_politician", "outsider"):
        refused = setup.world.client(persona).post(f"{api}/{rid}/adopt", json.dumps(DECISION), content_type="application/json")
        assert refused.status_code in (403, 404), persona
    adopted = setup.world.client("committee_politician").post(f"{api}/{rid}/adopt", json.dumps(DECISION), content_type="application/json")
    assert adopted.status_code == 200, adopted.content
    report = InternalControlReport.objects.get(pk=rid)
    assert report.state == "adopted" and report.decision is not None and report.snapshot_sha256 == snapshot_hash(report.snapshot)
    snap = report.snapshot
    assert snap["sections"]["controls"][0]["results"][0]["deviations"][0]["actions"][0]["description"] == "Påminn attestanter"
    assert [a["description"] for a in snap["sections"]["carried_over"]] == ["Utbilda beställare"]
    assert AuditEvent.objects.filter(action="control_report.adopted", object_id=str(rid)).exists()
    # locked: no state change, no new result of the year, and the frozen content stays
    assert setup.world.client("ks_controller").post(f"{api}/{rid}/return").json()["code"] == "IC-038"
    with pytest.raises(RuleViolation) as locked:
        svc.result_report(actor=None, control=setup.review, month=6, status="achieved")
    assert locked.value.code == "IC-035"
    late = setup.world.client("administration_official").post(
        "/api/v1/control/results", json.dumps({"control_id": setup.review.pk, "month": 6, "status": "achieved"}), content_type="application/json"
    )
    assert (late.status_code, late.json()["code"]) == (409, "IC-035")
    assert setup.world.client("auditor").get(f"{api}/{rid}").json()["content"] == snap


def test_the_report_pdf_and_word_open_and_show_the_results(setup: Setup) -> None:
    _reported(setup)
    unit = setup.plan.org_unit
    client = setup.world.client("auditor")
    pdf = client.get(f"/internkontroll/{unit.pk}/rapport/{YEAR}.pdf", headers=SV)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and "attachment" in pdf["Content-Disposition"]
    reader = PdfReader(io.BytesIO(pdf.content))
    assert "Attest av fakturor" in "".join(page.extract_text() for page in reader.pages)
    word = client.get(f"/internkontroll/{unit.pk}/rapport/{YEAR}.docx", headers=SV)
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "Attest av fakturor" in text and "Utkast" in text
    assert setup.world.client("outsider").get(f"/internkontroll/{unit.pk}/rapport/{YEAR}.pdf").status_code == 404


def test_the_annual_report_carries_the_bodys_internal_control(setup: Setup) -> None:
    _reported(setup)
    calendar = calendar_create(actor=None, group=setup.world.group, year=YEAR)
    period = ReportingPeriod.objects.get(calendar=calendar, kind="annual_report", org_unit__isnull=True)
    content = report_content_build(unit=setup.plan.org_unit, period=period)
    [part] = content["sections"]["internal_control"]
    assert part["controls"][0]["title"] == "Attest av fakturor" and part["carried_over"]
    monthly = ReportingPeriod.objects.filter(calendar=calendar).exclude(kind="annual_report").first()
    assert monthly is not None
    assert report_content_build(unit=setup.plan.org_unit, period=monthly)["sections"]["internal_control"] == []


def test_attachments_are_checked_by_content_hashed_downloaded_with_permission_and_removed(setup: Setup, attachment_storage: Path) -> None:
    result = svc.result_report(actor=None, control=setup.review, month=6, status="achieved")
    url = f"/internkontroll/kontroller/{setup.review.pk}/"
    client = setup.world.client("administration_official")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    ok = client.post(url, {"do": "attachment", "result": result.pk, "file": SimpleUploadedFile("stickprov.pdf", pdf)}, headers=SV)
    assert ok.status_code == 302
    attachment = ResultAttachment.objects.get()
    assert attachment.file_name == "stickprov.pdf" and attachment.content_type == "application/pdf" and len(attachment.sha256) == 64
    assert (attachment_storage / attachment.file.name).read_bytes() == pdf
    # a disguised executable and a too-large file are refused, naming the file; nothing is written
    exe = client.post(url, {"do": "attachment", "result": result.pk, "file": SimpleUploadedFile("faktura.pdf", b"MZ\x90\x00\x03\x00\x00\x00")}, headers=SV)
    assert exe.status_code == 422 and "faktura.pdf" in exe.content.decode() and "IC-037" in exe.content.decode()
    with pytest.raises(RuleViolation) as big, override_settings(CONTROL_ATTACHMENT_MAX_BYTES=10):
        svc.attachment_add(actor=None, result=result, file=SimpleUploadedFile("stor.csv", b"a;b\n" * 10), file_name="stor.csv")
    assert big.value.code == "IC-036" and big.value.detail["name"] == "stor.csv"
    assert ResultAttachment.objects.count() == 1 and len(list(attachment_storage.rglob("*.*"))) == 1
    download = setup.world.client("auditor").get(f"/internkontroll/bilagor/{attachment.pk}/")
    assert download.status_code == 200 and 'attachment; filename="stickprov.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == pdf  # type: ignore[attr-defined]
    assert setup.world.client("outsider").get(f"/internkontroll/bilagor/{attachment.pk}/").status_code == 404
    assert setup.world.client("auditor").post(url, {"do": "attachment_delete", "attachment": attachment.pk}).status_code == 403
    removed = client.post(url, {"do": "attachment_delete", "attachment": attachment.pk})
    assert removed.status_code == 302 and not ResultAttachment.objects.exists()
    assert AuditEvent.objects.filter(action="control_attachment.deleted").exists()


def test_the_pages_show_the_year_the_control_and_the_report_and_are_valid_html(setup: Setup) -> None:
    _reported(setup)
    unit = setup.plan.org_unit
    official = setup.world.client("administration_official")
    year = official.get(f"/internkontroll/{unit.pk}/uppfoljning/{YEAR}/", headers=SV)
    html = year.content.decode()
    assert year.status_code == 200 and "Delvis uppfyllt" in html and "Utbilda beställare" in html and 'fill="#b58105"' in html
    refused = official.post(
        f"/internkontroll/kontroller/{setup.sample.pk}/",
        {"do": "result", "month": "10", "status": "achieved", "checked_count": "3", "deviation_count": "5"},
        headers=SV,
    )
    assert refused.status_code == 422 and "IC-033" in refused.content.decode()
    closed = official.post(f"/internkontroll/{unit.pk}/uppfoljning/{YEAR}/", {"action": setup.old_action.pk, "status": "done"}, headers=SV)
    assert closed.status_code == 302
    assert (
        setup.world.client("auditor").post(f"/internkontroll/{unit.pk}/uppfoljning/{YEAR}/", {"action": setup.old_action.pk, "status": "open"}).status_code
        == 403
    )
    created = official.post(f"/internkontroll/{unit.pk}/rapport/{YEAR}/", {"do": "create"}, headers=SV)
    assert created.status_code == 302
    documents = {
        "year": year.content.decode(),
        "control": official.get(f"/internkontroll/kontroller/{setup.sample.pk}/", headers=SV).content.decode(),
        "control-refused": refused.content.decode(),
        "report": official.get(f"/internkontroll/{unit.pk}/rapport/{YEAR}/", headers=SV).content.decode(),
        "auditor": setup.world.client("auditor").get(f"/internkontroll/kontroller/{setup.sample.pk}/", headers=SV).content.decode(),
    }
    assert setup.world.client("outsider").get(f"/internkontroll/kontroller/{setup.sample.pk}/").status_code == 404
    errors = vnu_errors(documents)
    assert not errors, "\n".join(errors)


def test_a_submitted_or_reviewed_reports_summary_cannot_be_rewritten_before_it_is_returned_ic_038(setup: Setup) -> None:
    """The body adopts the text the controller reviewed: the summary changes only in a draft."""
    api = "/api/v1/control/reports"
    official = setup.world.client("administration_official")
    created = official.post(api, json.dumps({"org_unit_id": setup.plan.org_unit.pk, "year": YEAR, "summary": "Granskad text"}), content_type="application/json")
    rid = created.json()["id"]
    official.post(f"{api}/{rid}/submit")
    setup.world.client("ks_controller").post(f"{api}/{rid}/review")
    rewritten = official.patch(f"{api}/{rid}", json.dumps({"summary": "Ny text efter granskningen"}), content_type="application/json")
    assert (rewritten.status_code, rewritten.json()["code"]) == (409, "IC-038")
    assert InternalControlReport.objects.get(pk=rid).summary == "Granskad text"
    setup.world.client("ks_controller").post(f"{api}/{rid}/return")
    assert official.patch(f"{api}/{rid}", json.dumps({"summary": "Ny text"}), content_type="application/json").status_code == 200
