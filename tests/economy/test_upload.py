"""A SIE file uploaded on the page and read by a background task (issue 9 §2, SIE-013, SIE-014):
the page queues it, the worker reads it, the page shows progress and outcome; a refused file shows
its line and rule and writes nothing; the objects of the responsibility dimension are mapped on a page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import LedgerObject, SieImport, SieUpload
from styr.economy.services import upload_create, upload_run, uploads_expire
from tests.conftest import World
from tests.economy.test_sie_import import FIXTURE, OWNER, rows

UNBALANCED = (
    b'#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20240101 20241231\n#KONTO 1930 "Bank"\n'
    b'#VER A 1 20240110 ""\n{\n#TRANS 1930 {} 50.00\n#TRANS 3010 {} -49.00\n}\n'
)


@pytest.fixture
def upload_storage(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Uploads under a folder of the test's own (the field's storage is resolved when the model
    loads, so it is replaced on the field); progress in memory."""
    folder = tmp_path / "uploads"
    monkeypatch.setattr(SieUpload._meta.get_field("file"), "storage", FileSystemStorage(location=folder))
    settings.CACHES = {**settings.CACHES, "progress": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "progress-tests"}}
    yield folder
    caches["progress"].clear()


def post_file(world: World, content: bytes, name: str = "bok.se", persona: str = "ks_controller") -> Any:
    unit = world.unit(OWNER)
    return world.client(persona).post(f"/enheter/{unit.pk}/bokforing/las-in/", {"file": SimpleUploadedFile(name, content)}, HTTP_ACCEPT_LANGUAGE="sv")


def test_an_upload_is_queued_then_read_by_the_task_into_the_ledger_and_shown(world: World, upload_storage: Path) -> None:
    response = post_file(world, FIXTURE.read_bytes(), FIXTURE.name)
    upload = SieUpload.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/enheter/{upload.org_unit_id}/bokforing/inlasningar/{upload.pk}/"
    assert (upload.state, upload.file_name, upload.size_bytes, upload.actor) == ("queued", FIXTURE.name, FIXTURE.stat().st_size, world.users["ks_controller"])
    assert upload.task_id and DBTaskResult.objects.filter(id=upload.task_id, status="READY").exists()  # the task's row came with the upload
    stored = upload_storage / upload.file.name
    assert stored.read_bytes() == FIXTURE.read_bytes() and stored.name != FIXTURE.name  # our own name on disk
    created = AuditEvent.objects.get(action="sie_upload.created")
    assert created.actor == world.users["ks_controller"] and created.after == {"file_name": FIXTURE.name, "size_bytes": upload.size_bytes}
    client = world.client("ks_controller")
    queued = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'data-hx-trigger="every 2s"' in queued and 'id="refresh-link"' in queued and ">köad<" in queued

    upload_run(upload_id=upload.pk)

    upload.refresh_from_db()
    record = SieImport.objects.get()
    assert (upload.state, upload.sie_import, upload.unchanged, upload.bytes_read, upload.errors) == ("done", record, False, upload.size_bytes, [])
    assert record.actor == world.users["ks_controller"] and record.counts["TRANS"] == 6
    assert AuditEvent.objects.get(action="sie_upload.finished").after["state"] == "done"
    done = client.get(response["Location"], HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert done.lstrip().startswith('<div id="upload-status">') and "hx-trigger" not in done  # the partial, no more polling
    assert record.sha256 in done and "#TRANS 6" in done and "SIE-005" in done
    overview = client.get(f"/enheter/{upload.org_unit_id}/bokforing/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert record.sha256 in overview and FIXTURE.name in overview and "2 inte kopplade till en enhet" in overview
    # the task runs once: a second run leaves the upload as it is
    upload_run(upload_id=upload.pk)
    assert SieImport.objects.count() == 1


def test_the_same_file_uploaded_again_changes_nothing(world: World, upload_storage: Path) -> None:
    for _ in range(2):
        post_file(world, FIXTURE.read_bytes(), FIXTURE.name)
    for upload in SieUpload.objects.order_by("id"):
        upload_run(upload_id=upload.pk)
    first, second = SieUpload.objects.order_by("id")
    assert (first.unchanged, second.unchanged, second.sie_import_id) == (False, True, first.sie_import_id)
    assert SieImport.objects.count() == 1


def test_a_refused_file_shows_its_line_and_rule_and_writes_nothing(world: World, upload_storage: Path) -> None:
    post_file(world, UNBALANCED, "fel.se")
    upload = SieUpload.objects.get()
    before = rows()
    upload_run(upload_id=upload.pk)
    upload.refresh_from_db()
    assert upload.state == "failed" and upload.sie_import is None
    assert [(e["line"], e["code"]) for e in upload.errors] == [(6, "SIE-001")]
    assert rows() == before and not AuditEvent.objects.filter(action="sie.imported").exists()
    assert AuditEvent.objects.get(action="sie_upload.finished").after == {"state": "failed", "sie_import": None, "unchanged": False, "errors": ["SIE-001"]}
    page = world.client("ks_controller").get(f"/enheter/{upload.org_unit_id}/bokforing/inlasningar/{upload.pk}/", HTTP_ACCEPT_LANGUAGE="sv")
    html = page.content.decode()
    assert "<td>6</td><td>SIE-001</td>" in html and "inget skrevs in i huvudboken" in html.lower() and "hx-trigger" not in html


def test_sie_013_a_file_over_the_size_limit_is_refused_and_nothing_is_kept(world: World, upload_storage: Path, settings: Any) -> None:
    settings.SIE_UPLOAD_MAX_BYTES = 100
    response = post_file(world, FIXTURE.read_bytes(), FIXTURE.name)
    assert response.status_code == 422
    html = response.content.decode()
    assert "(SIE-013)" in html and "manage.py import_sie" in html
    assert not SieUpload.objects.exists() and not DBTaskResult.objects.exists() and not AuditEvent.objects.filter(action__startswith="sie_upload").exists()
    assert not upload_storage.exists() or not any(upload_storage.rglob("*.se"))
    with pytest.raises(RuleViolation) as refused:
        upload_create(actor=world.users["ks_controller"], org_unit=world.unit(OWNER), file=SimpleUploadedFile("x.se", b"#" * 101), file_name="x.se")
    assert refused.value.code == "SIE-013" and refused.value.field == "file"


@pytest.mark.parametrize("persona", ["outsider", "unit_manager", "committee_politician", "auditor"])
def test_only_a_controller_uploads_and_follows_an_upload(world: World, upload_storage: Path, persona: str) -> None:
    unit = world.unit(OWNER)
    assert post_file(world, FIXTURE.read_bytes(), persona=persona).status_code in {403, 404}
    assert world.client(persona).get(f"/enheter/{unit.pk}/bokforing/las-in/").status_code in {403, 404}
    assert not SieUpload.objects.exists()
    post_file(world, FIXTURE.read_bytes())
    upload = SieUpload.objects.get()
    assert world.client(persona).get(f"/enheter/{unit.pk}/bokforing/inlasningar/{upload.pk}/").status_code in {403, 404}
    assert world.client("ks_controller").get(f"/enheter/{unit.pk}/bokforing/inlasningar/{upload.pk}/").status_code == 200
    # an upload is reached only through its own unit
    other = world.unit("Omsorgsnämnden")
    assert world.client("ks_controller").get(f"/enheter/{other.pk}/bokforing/inlasningar/{upload.pk}/").status_code == 404


def test_the_ledger_pages_are_seen_by_those_who_see_the_unit_and_linked_from_it(world: World, upload_storage: Path) -> None:
    unit = world.unit(OWNER)
    assert world.client("outsider").get(f"/enheter/{unit.pk}/bokforing/").status_code == 404
    politician = world.client("committee_politician")
    assert 'id="sie-upload-link"' not in politician.get(f"/enheter/{unit.pk}/bokforing/").content.decode()
    assert 'id="unit-ledger-link"' not in politician.get(f"/enheter/{unit.pk}/").content.decode()  # no ledger yet, no right to start one
    controller = world.client("ks_controller")
    assert 'id="unit-ledger-link"' in controller.get(f"/enheter/{unit.pk}/").content.decode()
    assert 'id="sie-upload-link"' in controller.get(f"/enheter/{unit.pk}/bokforing/").content.decode()


def test_sie_014_an_upload_left_running_by_a_stopped_worker_is_marked_failed(world: World, upload_storage: Path, settings: Any) -> None:
    post_file(world, FIXTURE.read_bytes())
    upload = SieUpload.objects.get()
    SieUpload.objects.filter(pk=upload.pk).update(state="running", started_at=timezone.now() - timedelta(seconds=settings.SIE_UPLOAD_STALE_SECONDS + 5))
    page = world.client("ks_controller").get(f"/enheter/{upload.org_unit_id}/bokforing/inlasningar/{upload.pk}/", HTTP_ACCEPT_LANGUAGE="sv")
    upload.refresh_from_db()
    assert upload.state == "failed" and upload.errors[0]["code"] == "SIE-014"
    assert "SIE-014" in page.content.decode()
    assert AuditEvent.objects.get(action="sie_upload.finished").after == {"state": "failed", "errors": ["SIE-014"]}
    # a worker that is slow but still reports is left alone
    post_file(world, UNBALANCED, "fel.se")
    slow = SieUpload.objects.get(state="queued")
    SieUpload.objects.filter(pk=slow.pk).update(state="running", started_at=timezone.now() - timedelta(days=1))
    caches["progress"].set(f"sie-upload:{slow.pk}", (10, timezone.now().timestamp()))
    assert uploads_expire() == 0


def test_mapping_page_lists_unmapped_objects_first_and_maps_one(world: World, upload_storage: Path) -> None:
    unit = world.unit(OWNER)
    post_file(world, FIXTURE.read_bytes(), FIXTURE.name)
    upload_run(upload_id=SieUpload.objects.get().pk)
    nammd = LedgerObject.objects.get(code="100")
    LedgerObject.objects.filter(pk=nammd.pk).update(org_unit=unit)
    client = world.client("ks_controller")
    url = f"/enheter/{unit.pk}/bokforing/objekt/"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    target = LedgerObject.objects.get(code="200")
    assert html.index(f'id="object-{target.pk}"') < html.index(f'id="object-{nammd.pk}"')  # the unmapped first
    assert "1 objekt är inte kopplat till en enhet." in html and "Hagaskolan" in html and "Omsorgsnämnden" not in html  # only the keeper's part
    response = client.post(url, {"object": target.pk, "org_unit": world.unit("Hagaskolan").pk}, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 302 and response["Location"].endswith(f"#object-{target.pk}")
    target.refresh_from_db()
    assert target.org_unit == world.unit("Hagaskolan")
    assert AuditEvent.objects.filter(action="ledger_object.mapped", actor=world.users["ks_controller"]).count() == 1
    # SIE-009 on the page: a unit outside the keeper's part is refused next to the object
    refused = client.post(url, {"object": target.pk, "org_unit": world.unit("Omsorgsnämnden").pk}, HTTP_ACCEPT_LANGUAGE="sv")
    assert refused.status_code == 422 and "(SIE-009)" in refused.content.decode()
    target.refresh_from_db()
    assert target.org_unit == world.unit("Hagaskolan")
    # and unmapped again
    assert client.post(url, {"object": target.pk, "org_unit": ""}).status_code == 302
    target.refresh_from_db()
    assert target.org_unit is None


@pytest.mark.parametrize("persona", ["outsider", "unit_manager", "committee_politician", "auditor"])
def test_only_a_controller_maps_objects_on_the_page(world: World, upload_storage: Path, persona: str) -> None:
    unit = world.unit(OWNER)
    post_file(world, FIXTURE.read_bytes())
    upload_run(upload_id=SieUpload.objects.get().pk)
    target = LedgerObject.objects.get(code="200")
    response = world.client(persona).post(f"/enheter/{unit.pk}/bokforing/objekt/", {"object": target.pk, "org_unit": unit.pk})
    assert response.status_code in {403, 404}
    target.refresh_from_db()
    assert target.org_unit is None


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_queued_upload(upload_storage: Path) -> None:
    """The real path: the task's row in the database, `manage.py db_worker --batch` takes it."""
    from tests.conftest import build_world

    world = build_world()
    post_file(world, FIXTURE.read_bytes(), FIXTURE.name)
    upload = SieUpload.objects.get()
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0, stdout=io.StringIO())
    upload.refresh_from_db()
    assert upload.state == "done" and upload.sie_import is not None
    assert DBTaskResult.objects.get(id=upload.task_id).status == "SUCCESSFUL"


def test_the_ledger_pages_are_valid_html_in_every_state(world: World, upload_storage: Path, settings: Any) -> None:
    from tests.html_check import vnu_errors

    unit = world.unit(OWNER)
    client = world.client("ks_controller")
    documents = {"empty ledger": client.get(f"/enheter/{unit.pk}/bokforing/").content.decode()}
    documents["empty objects"] = client.get(f"/enheter/{unit.pk}/bokforing/objekt/").content.decode()
    documents["upload form"] = client.get(f"/enheter/{unit.pk}/bokforing/las-in/").content.decode()
    post_file(world, UNBALANCED, "fel.se")
    post_file(world, FIXTURE.read_bytes(), FIXTURE.name)
    refused, queued = SieUpload.objects.order_by("id")
    documents["queued"] = client.get(f"/enheter/{unit.pk}/bokforing/inlasningar/{queued.pk}/").content.decode()
    for upload in (refused, queued):
        upload_run(upload_id=upload.pk)
    documents["refused"] = client.get(f"/enheter/{unit.pk}/bokforing/inlasningar/{refused.pk}/").content.decode()
    documents["done"] = client.get(f"/enheter/{unit.pk}/bokforing/inlasningar/{queued.pk}/").content.decode()
    documents["ledger"] = client.get(f"/enheter/{unit.pk}/bokforing/").content.decode()
    documents["objects"] = client.get(f"/enheter/{unit.pk}/bokforing/objekt/").content.decode()
    target = LedgerObject.objects.get(code="200")
    documents["objects, SIE-009"] = client.post(
        f"/enheter/{unit.pk}/bokforing/objekt/", {"object": target.pk, "org_unit": world.unit("Omsorgsnämnden").pk}
    ).content.decode()
    settings.SIE_UPLOAD_MAX_BYTES = 10
    documents["upload form, SIE-013"] = post_file(world, FIXTURE.read_bytes()).content.decode()
    documents["objects (politician)"] = world.client("committee_politician").get(f"/enheter/{unit.pk}/bokforing/objekt/").content.decode()
    errors = vnu_errors(documents)
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)


def test_a_running_upload_shows_how_much_the_worker_has_read(world: World, upload_storage: Path) -> None:
    post_file(world, FIXTURE.read_bytes(), FIXTURE.name)
    upload = SieUpload.objects.get()
    SieUpload.objects.filter(pk=upload.pk).update(state="running", started_at=timezone.now())
    caches["progress"].set(f"sie-upload:{upload.pk}", (upload.size_bytes // 2, timezone.now().timestamp()))
    html = world.client("ks_controller").get(f"/enheter/{unit_pk(world)}/bokforing/inlasningar/{upload.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert '<progress aria-labelledby="progress-label" max="100" value="49">' in html or 'value="50"' in html
    assert "data-hx-trigger" in html and ">pågår<" in html


def unit_pk(world: World) -> int:
    return world.unit(OWNER).pk


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_import_sie_draws_a_progress_bar_on_a_terminal_and_not_in_a_pipe(world: World) -> None:
    terminal, pipe = Terminal(), io.StringIO()
    call_command("import_sie", str(FIXTURE), "--org-unit", str(unit_pk(world)), stdout=terminal, stderr=io.StringIO())
    assert "\r[##############################] 100%" in terminal.getvalue() and "Import " in terminal.getvalue()
    call_command("import_sie", str(FIXTURE), "--org-unit", str(unit_pk(world)), stdout=pipe, stderr=io.StringIO())
    assert "[" not in pipe.getvalue() and "redan importerad" in pipe.getvalue()


def test_with_the_immediate_backend_the_upload_is_read_at_once(world: World, upload_storage: Path, settings: Any) -> None:
    """STYR_TASKS_IMMEDIATE=1: no worker; the file is read in the request."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    post_file(world, UNBALANCED, "fel.se")
    post_file(world, FIXTURE.read_bytes(), FIXTURE.name)
    refused, done = SieUpload.objects.order_by("id")
    assert (refused.state, refused.errors[0]["code"], done.state) == ("failed", "SIE-001", "done")
    assert SieImport.objects.get() == done.sie_import and not DBTaskResult.objects.exists()


def test_the_objects_page_takes_as_many_queries_for_many_objects_as_for_two(world: World, upload_storage: Path) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    unit = world.unit(OWNER)
    post_file(world, FIXTURE.read_bytes())
    upload_run(upload_id=SieUpload.objects.get().pk)
    client = world.client("ks_controller")
    url = f"/enheter/{unit.pk}/bokforing/objekt/"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    ledger = LedgerObject.objects.first().ledger  # type: ignore[union-attr]
    LedgerObject.objects.bulk_create(
        [
            LedgerObject(group=world.group, ledger=ledger, dimension="1", code=str(300 + n), name=f"Ansvar {n}", org_unit=unit if n % 2 else None)
            for n in range(40)
        ]
    )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_uploader_who_lost_the_right_gets_a_refusal_not_an_import(world: World, upload_storage: Path) -> None:
    post_file(world, FIXTURE.read_bytes())
    upload = SieUpload.objects.get()
    SieUpload.objects.filter(pk=upload.pk).update(actor=world.users["outsider"], actor_name="Outsider")
    upload_run(upload_id=upload.pk)
    upload.refresh_from_db()
    assert upload.state == "failed" and upload.errors[0]["code"] == "PERM-001" and not SieImport.objects.exists()


def test_an_unexpected_error_fails_the_upload_and_the_task(world: World, upload_storage: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import styr.economy.services.upload as module

    def broken(**kwargs: Any) -> Any:
        raise OSError("disk gone")

    monkeypatch.setattr(module, "sie_import", broken)
    post_file(world, FIXTURE.read_bytes())
    upload = SieUpload.objects.get()
    with pytest.raises(OSError):
        upload_run(upload_id=upload.pk)
    upload.refresh_from_db()
    assert upload.state == "failed" and upload.errors[0]["code"] == "" and "oväntat fel" in upload.errors[0]["message"].lower()
