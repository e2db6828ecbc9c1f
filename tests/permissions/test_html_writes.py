"""PERM-001 on the HTML pages that write, through the real forms with CSRF: each persona GETs a
page, takes the csrfmiddlewaretoken from it and POSTs the form; a refused persona gets 403 (or the
login page) and nothing is written."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from styr.core.models import ApiToken
from styr.core.services import api_token_create
from styr.organisation.models import GoverningDocument
from tests.conftest import OtherGroup, World

PERSONAS = (
    "council_chair",
    "ks_controller",
    "committee_politician",
    "administration_official",
    "unit_manager",
    "auditor",
    "outsider",
    "anonymous",
    "other_group_controller",
)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_client(world: World, other: OtherGroup, persona: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    if persona == "other_group_controller":
        client.force_login(other.users[persona])
    elif persona != "anonymous":
        client.force_login(world.users[persona])
    return client


def post_form(client: Client, page: str, data: dict[str, Any], action: str | None = None) -> Any:
    """GET the page (or, where it shows no form to this persona, the sign-in page) for the CSRF
    token, then POST the form as a browser would."""
    response = client.get(page)
    found = TOKEN.search(response.content.decode()) if response.status_code == 200 else None
    if found is None:
        found = TOKEN.search(client.get("/konto/logga-in/").content.decode())
    token = found.group(1) if found else ""
    return client.post(action or page, {**data, "csrfmiddlewaretoken": token})


DOCUMENT = {
    "title": "Riktlinje för matrisen",
    "doc_type": "GUIDELINE",
    "decided_by": "Kommunstyrelsen",
    "decision_reference": "KS § 1/2026",
    "decision_date": "2026-01-10",
    "valid_from": "2026-02-01",
    "validity": "Tills vidare",
    "applies_to": "Hela kommunen",
    "follow_up_responsible": "Kommundirektören",
    "registration_number": "KS 2026/1",
}

#: persona -> the answer to the governing documents form (document.manage on the council: a KS
#: controller across the group).
DOCUMENT_ANSWERS = {
    "council_chair": 403,
    "ks_controller": 302,
    "committee_politician": 403,
    "administration_official": 403,
    "unit_manager": 403,
    "auditor": 403,
    "outsider": 403,
    "anonymous": 302,
    "other_group_controller": 302,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_governing_document_form_writes_only_for_whom_the_policy_allows(world: World, other_group: OtherGroup, persona: str) -> None:
    doc_type = GoverningDocument._meta.get_field("doc_type").choices[0][0]  # type: ignore[index]
    response = post_form(csrf_client(world, other_group, persona), "/styrdokument/", DOCUMENT | {"doc_type": doc_type})
    assert response.status_code == DOCUMENT_ANSWERS[persona], response.content[:400]
    written = GoverningDocument.objects.filter(group=world.group, title=DOCUMENT["title"]).exists()
    assert written == (persona == "ks_controller")
    if persona == "anonymous":
        assert "/konto/logga-in/" in response["Location"] or "login" in response["Location"]
    if persona == "other_group_controller":  # their own group's register, never Alvesta's
        assert GoverningDocument.objects.filter(group=other_group.group, title=DOCUMENT["title"]).exists()


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_nobody_revokes_another_persons_token_through_the_account_page(world: World, other_group: OtherGroup, persona: str) -> None:
    victim, _raw = api_token_create(actor=None, user=world.users["ks_politician"])
    response = post_form(csrf_client(world, other_group, persona), "/konto/", {}, action=f"/konto/nycklar/{victim.pk}/aterkalla/")
    assert response.status_code == 404
    assert ApiToken.objects.get(pk=victim.pk).revoked_at is None


def test_a_form_posted_without_its_csrf_token_is_refused(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["ks_controller"])
    response = client.post("/styrdokument/", DOCUMENT)
    assert response.status_code == 403
    assert not GoverningDocument.objects.filter(group=world.group, title=DOCUMENT["title"]).exists()
