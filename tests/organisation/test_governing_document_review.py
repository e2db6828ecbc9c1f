"""Governing documents that steer in parallel (seed §7 Styrdokument, DOC-001) and their review dates
(DOC-002): the register's form, the service with its audit, KS's list, KS's overview, the owners'
to-dos and the API — and another group never sees them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.organisation.models import GoverningDocument
from styr.organisation.services import governing_document_create, governing_document_update, org_unit_create
from tests.api.test_api_planning import as_, refused
from tests.conftest import YEAR, OtherGroup, World


def _doc(world: World, title: str = "Klimatstrategi", **fields: Any) -> GoverningDocument:
    values: dict[str, Any] = {
        "title": title,
        "doc_type": "STRATEGY",
        "decided_by": "Kommunfullmäktige",
        "decision_date": date(2022, 3, 1),
        "valid_from": date(2022, 3, 1),
        "applies_to": "Alvesta kommunkoncern",
        "follow_up_responsible": "Kommunchef",
        "registration_number": f"2022-{abs(hash(title)) % 10000:04d}",
        "owner_unit": world.unit("Utbildningsnämnden"),
    }
    return governing_document_create(actor=None, group=world.group, **(values | fields))


FORM = {
    "title": "Plan för trygghet i skolan",
    "doc_type": "PLAN",
    "decided_by": "Utbildningsnämnden",
    "decision_reference": "UN § 4/2024",
    "decision_date": "2024-02-01",
    "valid_from": "2024-02-01",
    "validity": "Tills vidare",
    "applies_to": "Utbildningsförvaltningen",
    "follow_up_responsible": "Förvaltningschef",
    "registration_number": "UN 2024/7",
    "review_by": "2027-02-01",
    "carries_goals": "on",
    "own_steering": "Två mål om trygghet och fem indikatorer ur elevenkäten",
}


def test_doc_001_the_register_form_refuses_goals_without_naming_them_and_registers_them_named(world: World) -> None:
    client = world.client("ks_controller")
    FORM["owner_unit"] = str(world.unit("Utbildningsnämnden").pk)
    response = client.post("/styrdokument/", {**FORM, "own_steering": ""}, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 422 and "DOC-001" in response.content.decode()
    assert not GoverningDocument.objects.filter(title=FORM["title"]).exists()
    response = client.post("/styrdokument/", {**FORM, "review_by": "2023-01-01"})
    assert response.status_code == 422 and "DOC-002" in response.content.decode()
    assert client.post("/styrdokument/", FORM).status_code == 302
    doc = GoverningDocument.objects.get(title=FORM["title"])
    assert doc.carries_goals and not doc.carries_indicators and doc.review_by == date(2027, 2, 1) and doc.owner_unit == world.unit("Utbildningsnämnden")
    event = AuditEvent.objects.get(action="governing_document.created", object_id=str(doc.pk))
    assert event.after["own_steering"] == FORM["own_steering"] and event.org_unit == world.unit("Utbildningsnämnden")
    body = client.get("/styrdokument/").content.decode()
    assert FORM["own_steering"] in body and "2027-02-01" in body


def test_doc_001_the_database_holds_the_rule_too(world: World) -> None:
    doc = _doc(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        GoverningDocument.objects.filter(pk=doc.pk).update(carries_indicators=True)


def test_a_change_is_audited_and_refused_by_the_rules_and_for_those_who_may_not_manage(world: World) -> None:
    doc = _doc(world)
    with pytest.raises(RuleViolation) as refused_change:
        governing_document_update(actor=world.users["ks_controller"], document=doc, carries_indicators=True)
    assert refused_change.value.code == "DOC-001"
    doc.refresh_from_db()
    assert not doc.carries_indicators
    with pytest.raises(RuleViolation) as early:
        governing_document_update(actor=world.users["ks_controller"], document=doc, review_by=date(2021, 1, 1))
    assert early.value.code == "DOC-002"
    updated = governing_document_update(
        actor=world.users["ks_controller"], document=doc, carries_indicators=True, own_steering="Tolv indikatorer för utsläpp", review_by=date(YEAR + 1, 3, 1)
    )
    assert updated.version == 2
    event = AuditEvent.objects.get(action="governing_document.updated", object_id=str(doc.pk))
    assert event.before["carries_indicators"] is False and event.after["carries_indicators"] is True
    from styr.core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        governing_document_update(actor=world.users["unit_manager"], document=doc, title="x")


def test_ks_sees_the_documents_with_goals_or_indicators_of_their_own_with_owners_and_review_dates(world: World, other_group: OtherGroup) -> None:
    today = timezone.localdate()
    _doc(world, "Klimatstrategi", carries_goals=True, own_steering="Fem klimatmål", review_by=today - timedelta(days=10))
    _doc(world, "Näringslivsprogram", carries_indicators=True, own_steering="Företagsklimat i ranking", review_by=today + timedelta(days=400))
    _doc(world, "Riktlinje för representation", review_by=today - timedelta(days=3))  # no goals of its own: not parallel steering
    governing_document_create(
        actor=None,
        group=other_group.group,
        title="Exempelbys miljöplan",
        doc_type="PLAN",
        decided_by="KF",
        decision_date=date(2022, 1, 1),
        valid_from=date(2022, 1, 1),
        applies_to="Exempelby",
        follow_up_responsible="KC",
        registration_number="EX-1",
        carries_goals=True,
        own_steering="Miljömål",
    )
    body = world.client("ks_politician").get("/styrdokument/parallell-styrning/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert body.index("Klimatstrategi") < body.index("Näringslivsprogram")  # the passed review date first
    assert "Fem klimatmål" in body and "Företagsklimat i ranking" in body and "Utbildningsnämnden" in body and "passerat" in body
    assert "Riktlinje för representation" not in body and "Exempelbys miljöplan" not in body
    other = other_group.client().get("/styrdokument/parallell-styrning/").content.decode()
    assert "Exempelbys miljöplan" in other and "Klimatstrategi" not in other


def test_doc_002_passed_review_dates_show_on_ks_overview_in_a_constant_number_of_queries(world: World, other_group: OtherGroup) -> None:
    today = timezone.localdate()
    _doc(world, "Klimatstrategi", carries_goals=True, own_steering="Fem klimatmål", review_by=today - timedelta(days=1))
    _doc(world, "Avfallsplan", review_by=today + timedelta(days=30))
    client = world.client("ks_controller")
    url = f"/oversikt/{today.year}/"
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    section = body[body.index('id="overview-documents-heading"') :]
    section = section[: section.index("</section>")]
    assert "Klimatstrategi" in section and "Avfallsplan" not in section and "egna mål eller indikatorer" in section
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(6):
        _doc(world, f"Gammal plan {n}", review_by=today - timedelta(days=n + 2))
        org_unit_create(actor=None, group=world.group, parent=world.unit("Grundskola"), kind="UNIT", name=f"Skola {n}", valid_from=today)
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as after:
        body = client.get(url).content.decode()
    assert len(after.captured_queries) == len(before.captured_queries)
    assert "Gammal plan 5" in body
    assert "Klimatstrategi" not in other_group.client().get(url).content.decode()


def test_doc_002_review_dates_show_as_deadlines_to_the_owning_units_people(world: World) -> None:
    today = timezone.localdate()
    _doc(world, "Klimatstrategi", review_by=today - timedelta(days=5))
    _doc(world, "Skolplan", review_by=today + timedelta(days=20))
    _doc(world, "Långsiktig plan", review_by=today + timedelta(days=365))
    body = world.client("committee_politician").get("/att-gora/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    section = body[body.index('id="reviews"') :]
    section = section[: section.index("</section>")]
    assert "Klimatstrategi" in section and "Skolplan" in section and "Långsiktig plan" not in section
    assert section.index("Klimatstrategi") < section.index("Skolplan") and "passerat" in section
    assert 'id="reviews"' not in world.client("unit_manager").get("/att-gora/").content.decode()  # not the owning unit's


def test_the_api_registers_lists_and_changes_documents_with_their_own_steering_and_review_date(world: World, other_group: OtherGroup) -> None:
    controller = as_(world, "ks_controller")
    body = {
        "title": "Folkhälsoprogram",
        "doc_type": "PROGRAMME",
        "decided_by": "Kommunfullmäktige",
        "decision_date": "2023-05-01",
        "valid_from": "2023-06-01",
        "applies_to": "Alvesta kommunkoncern",
        "follow_up_responsible": "Kommunchef",
        "registration_number": "2023-00099",
        "owner_unit": world.unit("Kommunstyrelsen").pk,
        "carries_indicators": True,
    }
    refused(controller.post("/governing-documents", body), 422, "DOC-001")
    refused(controller.post("/governing-documents", {**body, "own_steering": "Sex indikatorer", "review_by": "2023-01-01"}), 422, "DOC-002")
    refused(as_(world, "auditor").post("/governing-documents", {**body, "own_steering": "Sex indikatorer"}), 403, "PERM-001")
    assert not GoverningDocument.objects.filter(title="Folkhälsoprogram").exists()
    created = controller.post("/governing-documents", {**body, "own_steering": "Sex indikatorer", "review_by": "2027-05-01"})
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["carries_indicators"] is True and data["review_by"] == "2027-05-01" and data["owner_unit_id"] == world.unit("Kommunstyrelsen").pk
    doc_id = data["id"]
    assert AuditEvent.objects.filter(action="governing_document.created", object_id=str(doc_id)).exists()
    parallel = controller.get("/governing-documents?parallel=true").json()["items"]
    assert [d["title"] for d in parallel] == ["Folkhälsoprogram"]
    assert "Folkhälsoprogram" in [d["title"] for d in as_(world, "auditor").get("/governing-documents").json()["items"]]
    read = controller.get(f"/governing-documents/{doc_id}")
    changed = controller.send("patch", f"/governing-documents/{doc_id}", {"review_by": "2028-01-01"})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = controller.client.patch(
        f"/api/v1/governing-documents/{doc_id}",
        data='{"review_by": "2029-01-01"}',
        content_type="application/json",
        headers={**controller.headers, "If-Match": read["ETag"]},
    )
    refused(stale, 409, "EDIT-001")
    refused(controller.patch(f"/governing-documents/{doc_id}", {"carries_indicators": True, "own_steering": ""}), 422, "DOC-001")
    assert GoverningDocument.objects.get(pk=doc_id).review_by == date(2028, 1, 1)
    other = other_group.client()
    assert other.get(f"/api/v1/governing-documents/{doc_id}").status_code == 404
    assert "Folkhälsoprogram" not in other.get("/api/v1/governing-documents").content.decode()
    assert as_(world, "outsider").get("/governing-documents").status_code == 403
