"""The edit page of a governing document (seed §7 Styrdokument): the real form posted with its CSRF
token and the version it was read with (EDIT-001), DOC-001 and DOC-002 at their fields, PERM-001
for those without document.manage, nothing written on a refusal, every change audited."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from styr.core.models import AuditEvent
from styr.organisation.models import GoverningDocument
from styr.organisation.services import governing_document_create, governing_document_update
from tests.conftest import OtherGroup, World
from tests.permissions.test_html_writes import csrf_client, post_form


def _doc(world: World, **fields: Any) -> GoverningDocument:
    values: dict[str, Any] = {
        "title": "Klimatstrategi",
        "doc_type": "STRATEGY",
        "decided_by": "Kommunfullmäktige",
        "decision_reference": "KF § 12/2022",
        "decision_date": date(2022, 3, 1),
        "valid_from": date(2022, 3, 1),
        "applies_to": "Alvesta kommunkoncern",
        "follow_up_responsible": "Kommunchef",
        "registration_number": "KS 2022/31",
        "owner_unit": world.unit("Utbildningsnämnden"),
        "carries_goals": True,
        "own_steering": "Tre mål om utsläpp",
        "review_by": date(2026, 3, 1),
    }
    return governing_document_create(actor=None, group=world.group, **(values | fields))


def _form(doc: GoverningDocument, **changes: str) -> dict[str, str]:
    """The form as the page fills it from the saved document, with the person's changes."""
    data = {
        "title": doc.title,
        "doc_type": doc.doc_type,
        "decided_by": doc.decided_by,
        "decision_reference": doc.decision_reference,
        "decision_date": doc.decision_date.isoformat(),
        "valid_from": doc.valid_from.isoformat(),
        "validity": doc.validity,
        "applies_to": doc.applies_to,
        "follow_up_responsible": doc.follow_up_responsible,
        "registration_number": doc.registration_number,
        "owner_unit": str(doc.owner_unit_id or ""),
        "review_by": doc.review_by.isoformat() if doc.review_by else "",
        "own_steering": doc.own_steering,
        "version": str(doc.version),
    }
    if doc.carries_goals:
        data["carries_goals"] = "on"
    if doc.carries_indicators:
        data["carries_indicators"] = "on"
    data |= changes
    return {k: v for k, v in data.items() if v != "<off>"}


def _url(doc: GoverningDocument) -> str:
    return f"/styrdokument/{doc.pk}/andra/"


def _updates(doc: GoverningDocument) -> int:
    return AuditEvent.objects.filter(action="governing_document.updated", object_id=str(doc.pk)).count()


def test_the_edit_page_saves_the_change_through_the_service_with_the_version_and_audits_it(world: World, other_group: OtherGroup) -> None:
    doc = _doc(world)
    client = csrf_client(world, other_group, "ks_controller")
    page = client.get(_url(doc), HTTP_ACCEPT_LANGUAGE="sv")
    assert page.status_code == 200
    body = page.content.decode()
    assert f'name="version" value="{doc.version}"' in body and "Tre mål om utsläpp" in body
    response = post_form(client, _url(doc), _form(doc, review_by="2027-06-30", carries_indicators="on", own_steering="Tre mål och två indikatorer"))
    assert response.status_code == 302 and response["Location"] == "/styrdokument/"
    saved = GoverningDocument.objects.get(pk=doc.pk)
    assert saved.review_by == date(2027, 6, 30) and saved.carries_indicators and saved.own_steering == "Tre mål och två indikatorer"
    assert saved.version == doc.version + 1
    event = AuditEvent.objects.get(action="governing_document.updated", object_id=str(doc.pk))
    assert event.actor == world.users["ks_controller"] and event.org_unit == world.unit("Utbildningsnämnden")
    assert event.before["review_by"] == "2026-03-01" and event.after["review_by"] == "2027-06-30"
    assert event.before["own_steering"] == "Tre mål om utsläpp"


def test_doc_001_and_doc_002_are_shown_at_their_fields_and_nothing_is_written(world: World, other_group: OtherGroup) -> None:
    doc = _doc(world)
    client = csrf_client(world, other_group, "ks_controller")
    unnamed = post_form(client, _url(doc), _form(doc, carries_indicators="on", own_steering="", title="Ny titel"))
    assert unnamed.status_code == 422
    field = re.search(r'id="id_own_steering_error"[^>]*>(.*?)</ul>', unnamed.content.decode(), re.S)
    assert field is not None and "DOC-001" in field.group(1)
    early = post_form(client, _url(doc), _form(doc, review_by="2021-12-31", title="Ny titel"))
    assert early.status_code == 422
    field = re.search(r'id="id_review_by_error"[^>]*>(.*?)</ul>', early.content.decode(), re.S)
    assert field is not None and "DOC-002" in field.group(1)
    saved = GoverningDocument.objects.get(pk=doc.pk)
    assert (saved.title, saved.carries_indicators, saved.review_by, saved.version) == ("Klimatstrategi", False, date(2026, 3, 1), doc.version)
    assert _updates(doc) == 0


def test_edit_001_a_change_saved_by_someone_else_since_is_shown_side_by_side_and_not_overwritten(world: World, other_group: OtherGroup) -> None:
    doc = _doc(world)
    client = csrf_client(world, other_group, "ks_controller")
    stale = _form(doc, review_by="2026-12-31")
    governing_document_update(actor=world.users["administrator"], document=GoverningDocument.objects.get(pk=doc.pk), review_by=date(2026, 9, 30))
    response = post_form(client, _url(doc), stale)
    assert response.status_code == 409
    body = response.content.decode()
    assert 'id="document-conflict"' in body and "EDIT-001" in body
    row = re.search(r'<th scope="row">Revideras senast</th><td>(.*?)</td><td>(.*?)</td>', body)
    assert row is not None and row.groups() == ("31 december 2026", "30 september 2026")  # mine, saved
    saved = GoverningDocument.objects.get(pk=doc.pk)
    assert saved.review_by == date(2026, 9, 30) and _updates(doc) == 1
    # the refused form carries the saved version: sending again is the conscious choice
    assert f'name="version" value="{saved.version}"' in body
    again = post_form(client, _url(doc), stale | {"version": str(saved.version)})
    assert again.status_code == 302 and GoverningDocument.objects.get(pk=doc.pk).review_by == date(2026, 12, 31)


#: persona -> the answer to the edit page of a document owned by Utbildningsnämnden
ANSWERS = {
    "ks_controller": 302,
    "administrator": 302,
    "council_chair": 403,
    "committee_politician": 403,
    "auditor": 403,
    "administration_official": 403,
    "unit_manager": 403,
    "outsider": 404,
    "anonymous": 302,
    "other_group_controller": 404,
}


@pytest.mark.parametrize("persona", ANSWERS)
def test_perm_001_only_who_manages_the_document_changes_it(world: World, other_group: OtherGroup, persona: str) -> None:
    doc = _doc(world)
    client = csrf_client(world, other_group, persona)
    response = post_form(client, _url(doc), _form(doc, title="Ändrad av någon"))
    assert response.status_code == ANSWERS[persona], response.content[:300]
    changed = GoverningDocument.objects.get(pk=doc.pk).title == "Ändrad av någon"
    assert changed == (ANSWERS[persona] == 302 and persona != "anonymous")
    assert _updates(doc) == int(changed)
    if persona == "anonymous":
        assert "logga-in" in response["Location"] or "login" in response["Location"]
    if ANSWERS[persona] in {403, 404}:
        assert client.get(_url(doc)).status_code == ANSWERS[persona]
        assert "Tre mål om utsläpp" not in response.content.decode()


def test_the_register_and_the_parallel_steering_link_the_edit_page_for_those_who_may_change(world: World, other_group: OtherGroup) -> None:
    doc = _doc(world)
    link = f'href="{_url(doc)}'
    for page in ("/styrdokument/", "/styrdokument/parallell-styrning/"):
        assert link in world.client("ks_controller").get(page).content.decode(), page
        assert link not in world.client("committee_politician").get(page).content.decode(), page
    # from KS's list, the page leads back there after saving
    client = csrf_client(world, other_group, "ks_controller")
    response = post_form(client, _url(doc) + "?fran=parallell", _form(doc, review_by="2028-01-31", next="parallel"))
    assert response.status_code == 302 and response["Location"] == "/styrdokument/parallell-styrning/"
