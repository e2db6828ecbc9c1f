"""An archive that is not what it claims is refused with its rule and nothing is written
(BACKUP-001…008), and the verify page answers which decision a hash or document is (BACKUP-009)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from styr.core.backup.export import group_export
from styr.core.backup.restore import group_import
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.organisation.models import MunicipalGroup, OrgUnit
from tests.backup.world_content import archive_bytes, build, plan_of
from tests.conftest import OtherGroup, World
from tests.documents.test_plan_documents import docx_text, pdf_text


@pytest.fixture(autouse=True)
def _march() -> Iterator[None]:
    with time_machine.travel(datetime(2027, 3, 25, 9, 0, tzinfo=UTC), tick=False):
        yield


def _archive(world: World) -> bytes:
    out = io.BytesIO()
    group_export(group=world.group, out=out)
    return out.getvalue()


def _refused(data: bytes, code: str, slug: str = "kopia") -> None:
    units, events = OrgUnit.objects.count(), AuditEvent.objects.count()
    with pytest.raises(RuleViolation) as raised:
        group_import(actor=None, source=io.BytesIO(data), size=len(data), slug=slug)
    assert raised.value.code == code
    assert MunicipalGroup.objects.filter(slug=slug).count() == (1 if code == "BACKUP-004" else 0)
    assert (OrgUnit.objects.count(), AuditEvent.objects.count()) == (units, events)


def test_backup_archives_that_are_not_what_they_claim_are_refused_and_nothing_is_written(world: World, settings: object) -> None:
    build(world)
    data = _archive(world)
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))
    _refused(b"not a zip at all", "BACKUP-001")
    _refused(archive_bytes(data, **{"manifest.json": None}), "BACKUP-001")
    _refused(archive_bytes(data, **{"manifest.json": json.dumps({**manifest, "format_version": 99})}), "BACKUP-002")
    other = {**manifest, "migrations": {**manifest["migrations"], "planning": manifest["migrations"]["planning"] + ["9999_future"]}}
    _refused(archive_bytes(data, **{"manifest.json": json.dumps(other)}), "BACKUP-003")
    _refused(data, "BACKUP-004", slug=world.group.slug)
    _refused(archive_bytes(data, **{"rows/organisation.OrgUnit.jsonl": b'{"pk": 1, "f": {}, "m": {}}\n'}), "BACKUP-005")
    _refused(archive_bytes(data, **{"../../etc/evil": b"x"}), "BACKUP-006")
    _refused(archive_bytes(data, **{"files/../../evil": b"x"}), "BACKUP-006")
    settings.STYR_BACKUP_MAX_MEMBER_BYTES = 100  # type: ignore[attr-defined]
    _refused(data, "BACKUP-007")


def test_backup_009_the_verify_page_names_the_decision_of_a_hash_or_an_adopted_document_and_no_other_groups(world: World, other_group: OtherGroup) -> None:
    build(world)
    plan = plan_of(world)
    anyone = Client()
    url = f"/offentlig/{world.group.slug}/verifiera/"
    page = anyone.get(url, HTTP_ACCEPT_LANGUAGE="sv")
    assert page.status_code == 200 and "Kontrollera" in page.content.decode()
    found = anyone.post(url, {"sha256": plan.snapshot_sha256.upper()}, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Ja: detta är den beslutade versionen" in found and "§ 62" in found and "2026-00071" in found
    pdf = anyone.get(f"/offentlig/planer/{plan.pk}/dokument.pdf", HTTP_ACCEPT_LANGUAGE="sv").content
    word = anyone.get(f"/offentlig/planer/{plan.pk}/dokument.docx", HTTP_ACCEPT_LANGUAGE="sv").content
    for text in (pdf_text(pdf), docx_text(word)):
        assert f"Beslutad version, SHA-256: {plan.snapshot_sha256}" in text
    uploaded = anyone.post(url, {"document": io.BytesIO(pdf)}, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Ja: detta är den beslutade versionen" in uploaded
    # the same hash on another group's page is none of its decisions
    elsewhere = anyone.post(f"/offentlig/{other_group.group.slug}/verifiera/", {"sha256": plan.snapshot_sha256}, HTTP_ACCEPT_LANGUAGE="sv")
    assert elsewhere.status_code == 200 and "Nej: ingen beslutad version" in elsewhere.content.decode() and "2026-00071" not in elsewhere.content.decode()
    bad = anyone.post(url, {"sha256": "abc"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert bad.status_code == 422 and "BACKUP-009" in bad.content.decode()
    junk = anyone.post(url, {"document": io.BytesIO(b"plain text, no document")}, HTTP_ACCEPT_LANGUAGE="sv")
    assert junk.status_code == 422 and "BACKUP-009" in junk.content.decode()


def test_backup_008_an_archive_naming_an_agenda_target_this_installation_lacks_is_refused_whole(world: World) -> None:
    from styr.planning.models import DevelopmentGoal, SustainabilityTarget

    build(world)
    goal = DevelopmentGoal.objects.filter(group=world.group).order_by("pk").first()
    assert goal is not None
    goal.sustainability_targets.add(SustainabilityTarget.objects.get(code="4.1"))
    data = _archive(world)
    rows = zipfile.ZipFile(io.BytesIO(data)).read("rows/planning.DevelopmentGoal.jsonl").decode()
    assert '"sustainability_targets": ["4.1"]' in rows  # shared rows travel by their natural key, not by id
    SustainabilityTarget.objects.filter(code="4.1").delete()  # an installation whose reference data lacks it
    _refused(data, "BACKUP-008")
