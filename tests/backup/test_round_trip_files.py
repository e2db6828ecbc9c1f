"""Uploaded files travel with their group (issue 14 §6): an internal control result's attachment,
stored through its service, is in the archive, comes back byte for byte with the same SHA-256 and
downloads through its page; an archive whose file was altered is refused (BACKUP-005) and leaves
neither rows nor files behind."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from styr.control.models import ResultAttachment
from styr.control.services import followup as svc
from styr.core.backup.export import group_export
from styr.core.backup.restore import group_import
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.organisation.models import MunicipalGroup, OrgUnit
from tests.backup.world_content import archive_bytes, purge
from tests.conftest import YEAR
from tests.control.followup_setup import Setup, attachment_storage_fixture, setup_fixture  # noqa: F401  (the fixtures)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n% stickprov juni, 20 fakturor\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _december() -> Iterator[None]:
    with time_machine.travel(datetime(YEAR, 12, 15, 9, 0, tzinfo=UTC), tick=False):
        yield


def _attached(setup: Setup) -> ResultAttachment:
    official = setup.world.users["administration_official"]
    result = svc.result_report(actor=official, control=setup.review, month=6, status="achieved")
    return svc.attachment_add(actor=official, result=result, file=SimpleUploadedFile("stickprov juni.pdf", PDF), file_name="stickprov juni.pdf")


def _archive(setup: Setup) -> tuple[bytes, dict[str, object]]:
    out = io.BytesIO()
    manifest = group_export(group=setup.world.group, out=out)
    return out.getvalue(), manifest


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def test_an_uploaded_attachment_is_restored_with_the_same_bytes_and_hash_and_downloads(setup: Setup, attachment_storage: Path) -> None:
    attachment = _attached(setup)
    pk, stored = attachment.pk, attachment.file.name
    assert stored and (attachment_storage / stored).read_bytes() == PDF and attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    data, manifest = _archive(setup)
    [member] = [name for name in manifest["members"] if name.startswith("files/")]  # type: ignore[attr-defined]
    assert zipfile.ZipFile(io.BytesIO(data)).read(member) == PDF and manifest["counts"]["files"] == 1  # type: ignore[index]

    purge(setup.world.group)
    (attachment_storage / stored).unlink()
    assert not ResultAttachment.objects.exists() and not _files(attachment_storage)
    restored = group_import(actor=None, source=io.BytesIO(data), size=len(data))

    assert restored.kept_ids
    back = ResultAttachment.objects.get(pk=pk)
    assert back.file_name == "stickprov juni.pdf" and back.sha256 == hashlib.sha256(PDF).hexdigest() and back.size_bytes == len(PDF)
    assert back.file.name and (attachment_storage / back.file.name).read_bytes() == PDF
    download = setup.world.client("administration_official").get(f"/internkontroll/bilagor/{pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert 'filename="stickprov juni.pdf"' in download["Content-Disposition"]
    assert setup.world.client("outsider").get(f"/internkontroll/bilagor/{pk}/").status_code == 404


def test_an_attachment_restored_beside_the_original_is_a_file_of_its_own(setup: Setup, attachment_storage: Path) -> None:
    original = _attached(setup)
    data, _manifest = _archive(setup)
    restored = group_import(actor=None, source=io.BytesIO(data), size=len(data), slug="alvesta-kopia")

    assert not restored.kept_ids
    copy = ResultAttachment.objects.get(pk=restored.ids["control.ResultAttachment"][original.pk])
    assert copy.pk != original.pk and copy.group == restored.group and copy.sha256 == original.sha256
    assert copy.file.name != original.file.name and (attachment_storage / str(copy.file.name)).read_bytes() == PDF
    # removing the copy's file leaves the original's in place
    (attachment_storage / str(copy.file.name)).unlink()
    assert (attachment_storage / str(original.file.name)).read_bytes() == PDF


def test_backup_005_an_archive_whose_file_was_altered_is_refused_and_nothing_is_written(setup: Setup, attachment_storage: Path) -> None:
    _attached(setup)
    data, manifest = _archive(setup)
    [member] = [name for name in manifest["members"] if name.startswith("files/")]  # type: ignore[attr-defined]
    before = (_files(attachment_storage), OrgUnit.objects.count(), ResultAttachment.objects.count(), AuditEvent.objects.count())

    altered = archive_bytes(data, **{member: PDF.replace(b"20 fakturor", b"21 fakturor")})
    with pytest.raises(RuleViolation) as raised:
        group_import(actor=None, source=io.BytesIO(altered), size=len(altered), slug="kopia")
    assert raised.value.code == "BACKUP-005" and member in str(raised.value.detail)
    assert not MunicipalGroup.objects.filter(slug="kopia").exists()
    assert (_files(attachment_storage), OrgUnit.objects.count(), ResultAttachment.objects.count(), AuditEvent.objects.count()) == before

    # a row whose file member is gone from the archive (and its manifest) is refused the same way
    listed = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))
    del listed["members"][member]
    without = archive_bytes(data, **{member: None, "manifest.json": json.dumps(listed)})
    with pytest.raises(RuleViolation) as missing:
        group_import(actor=None, source=io.BytesIO(without), size=len(without), slug="kopia")
    assert missing.value.code == "BACKUP-005"
    assert (_files(attachment_storage), OrgUnit.objects.count(), ResultAttachment.objects.count(), AuditEvent.objects.count()) == before

    # a row that names no file, or a member that is not one of the archive's files, is refused too
    rows_member = "rows/control.ResultAttachment.jsonl"
    original = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))
    [row] = [json.loads(line) for line in zipfile.ZipFile(io.BytesIO(data)).read(rows_member).decode().splitlines()]
    for named in (None, "people.jsonl"):
        changed = {**row, "f": {key: value for key, value in row["f"].items() if key != "file@member"} | ({"file@member": named} if named else {})}
        body = (json.dumps(changed, ensure_ascii=False) + "\n").encode()
        manifest_now = {
            **original,
            "members": {**original["members"], rows_member: {"sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body), "rows": 1}},
        }  # type: ignore[dict-item]
        forged = archive_bytes(data, **{rows_member: body, "manifest.json": json.dumps(manifest_now)})
        with pytest.raises(RuleViolation) as unnamed:
            group_import(actor=None, source=io.BytesIO(forged), size=len(forged), slug="kopia")
        assert unnamed.value.code == "BACKUP-005" and unnamed.value.detail.get("field") == "file", named
        assert (_files(attachment_storage), OrgUnit.objects.count(), ResultAttachment.objects.count(), AuditEvent.objects.count()) == before


def test_a_stored_sie_upload_is_restored_with_the_same_bytes(setup: Setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The SIE file a controller uploaded (kept for the background reader and the record) travels
    like an attachment: in the archive, and back on disk byte for byte under its row."""
    from django.core.files.storage import FileSystemStorage

    from styr.economy.models import SieUpload
    from styr.economy.services import upload_create
    from tests.economy.test_sie_import import FIXTURE, OWNER

    folder = tmp_path / "sie"
    monkeypatch.setattr(SieUpload._meta.get_field("file"), "storage", FileSystemStorage(location=folder))
    content = FIXTURE.read_bytes()
    world = setup.world
    upload = upload_create(actor=world.users["ks_controller"], org_unit=world.unit(OWNER), file=SimpleUploadedFile("bok.se", content), file_name="bok.se")
    pk, stored = upload.pk, upload.file.name
    assert stored and (folder / stored).read_bytes() == content
    data, manifest = _archive(setup)
    members = [name for name in manifest["members"] if name.startswith("files/")]  # type: ignore[attr-defined]
    assert any(zipfile.ZipFile(io.BytesIO(data)).read(member) == content for member in members)

    purge(world.group)
    (folder / stored).unlink()
    assert not SieUpload.objects.filter(pk=pk).exists()
    group_import(actor=None, source=io.BytesIO(data), size=len(data))
    back = SieUpload.objects.get(pk=pk)
    assert back.file_name == "bok.se" and back.size_bytes == len(content)
    assert back.file.name and (folder / back.file.name).read_bytes() == content
