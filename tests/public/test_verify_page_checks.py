"""The public verify page (issue 14 §6, BACKUP-009) is valid HTML in every state it shows: empty,
a hash that is an adopted version, one that is not, and a refused input (422), whose message is
tied to its field for a screen reader."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import time_machine
from django.test import Client

from tests.backup.world_content import build, plan_of
from tests.conftest import World
from tests.html_check import vnu_errors

SV = {"Accept-Language": "sv"}


def test_backup_009_the_verify_page_is_valid_html_empty_found_not_found_and_refused(world: World) -> None:
    with time_machine.travel(datetime(2027, 3, 25, 9, 0, tzinfo=UTC), tick=False):
        build(world)
    plan = plan_of(world)
    url = f"/offentlig/{world.group.slug}/verifiera/"
    anyone = Client()
    states = {
        "empty": (anyone.get(url, headers=SV), 200, "Kontrollera"),
        "an adopted version": (anyone.post(url, {"sha256": plan.snapshot_sha256}, headers=SV), 200, "Ja: detta är den beslutade versionen"),
        "no adopted version": (anyone.post(url, {"sha256": "0" * 64}, headers=SV), 200, "Nej: ingen beslutad version"),
        "a refused hash": (anyone.post(url, {"sha256": "abc"}, headers=SV), 422, "BACKUP-009"),
        "a refused document": (anyone.post(url, {"document": io.BytesIO(b"plain text, no document")}, headers=SV), 422, "BACKUP-009"),
        "nothing given": (anyone.post(url, {}, headers=SV), 422, "BACKUP-009"),
    }
    documents = {}
    for name, (response, status, shown) in states.items():
        html = response.content.decode()
        assert response.status_code == status and shown in html, name
        documents[f"verify page, {name}"] = html
    # a refusal names its field: the input is marked invalid and described by the message
    refused = documents["verify page, a refused hash"]
    field = re.search(r'<input[^>]*name="sha256"[^>]*>', refused)
    assert field and 'aria-invalid="true"' in field.group(0) and "id_sha256-error" in field.group(0)
    assert re.search(r'id="id_sha256-error"[^>]*>[^<]*BACKUP-009', refused)
    upload = re.search(r'<input[^>]*name="document"[^>]*>', documents["verify page, a refused document"])
    assert upload and 'aria-invalid="true"' in upload.group(0) and "id_document-error" in upload.group(0)
    errors = vnu_errors(documents)
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)
