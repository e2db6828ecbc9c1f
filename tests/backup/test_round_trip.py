"""A group exported and imported again reads the same everywhere (issue 14 §6): every page,
document and API answer, and every adopted snapshot's hash still verifies."""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from styr.core.backup.export import group_export
from styr.core.backup.restore import group_import
from styr.core.models import AuditEvent
from styr.organisation.models import MunicipalGroup
from tests.backup.world_content import build, crawl, purge
from tests.conftest import World


@pytest.fixture(autouse=True)
def _march() -> Iterator[None]:
    with time_machine.travel(datetime(2027, 3, 25, 9, 0, tzinfo=UTC), tick=False):
        yield


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _export(world: World) -> bytes:
    out = io.BytesIO()
    manifest = group_export(group=world.group, out=out)
    assert manifest["format_version"] == 1 and manifest["group"]["slug"] == world.group.slug
    assert {s["model"] for s in manifest["snapshots"]} == {"planning.Plan", "followup.Report"}
    return out.getvalue()


def test_a_group_restored_into_an_empty_database_reads_the_same_on_every_page_document_and_api_answer(world: World) -> None:
    ids = build(world)
    slug, controller = world.group.slug, world.users["ks_controller"].username
    before = crawl(_client(controller), slug, ids)
    assert all(status == 200 for status, _ in before.values()), {u: s for u, (s, _) in before.items()}
    data = _export(world)
    purge(world.group)
    assert not MunicipalGroup.objects.filter(slug=slug).exists()

    restored = group_import(actor=None, source=io.BytesIO(data), size=len(data))

    assert restored.kept_ids and restored.group.slug == slug
    after = crawl(_client(controller), slug, ids)
    for url in before:
        diff = "\n".join(difflib.unified_diff(before[url][1].splitlines(), after[url][1].splitlines(), lineterm="", n=1))
        assert after[url] == before[url], f"{url}\n{diff}"
    out = StringIO()
    call_command("verify_snapshots", group=slug, stdout=out)
    assert "Alla 2 beslutade ögonblicksbilder stämmer" in out.getvalue()
    event = AuditEvent.objects.get(action="group.imported")
    assert event.group == restored.group and event.after["archive_sha256"] == restored.sha256 and len(restored.sha256) == 64


def _ids_free(text: str) -> str:
    return re.sub(r"\d+", "N", re.sub(r'nonce="[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"', "", text))


def test_a_group_restored_beside_the_original_under_another_slug_gets_new_ids_and_the_same_public_pages(world: World, tmp_path: object) -> None:
    ids = build(world)
    data = _export(world)
    path = f"{tmp_path}/alvesta.zip"
    with open(path, "wb") as fh:
        fh.write(data)
    out = StringIO()
    call_command("import_group", path, slug="alvesta-kopia", stdout=out)
    assert "nya id" in out.getvalue()
    copy = MunicipalGroup.objects.get(slug="alvesta-kopia")
    anyone = Client()
    for page in ("", "planer/"):
        original = anyone.get(f"/offentlig/{world.group.slug}/{page}", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
        restored = anyone.get(f"/offentlig/alvesta-kopia/{page}", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
        assert _ids_free(restored.replace("alvesta-kopia", world.group.slug)) == _ids_free(original), page
    # the adopted plan's public document reads the same under its new id, hash and all
    plan_ids = [int(n) for n in re.findall(r"/offentlig/planer/(\d+)/dokument.pdf", anyone.get("/offentlig/alvesta-kopia/planer/").content.decode())]
    assert plan_ids and plan_ids[0] != ids["plan"]
    from tests.documents.test_plan_documents import pdf_text

    assert pdf_text(anyone.get(f"/offentlig/planer/{plan_ids[0]}/dokument.pdf").content) == pdf_text(
        anyone.get(f"/offentlig/planer/{ids['plan']}/dokument.pdf").content
    )
    verify = StringIO()
    call_command("verify_snapshots", stdout=verify)
    assert "Alla 4 beslutade ögonblicksbilder stämmer" in verify.getvalue()
    assert AuditEvent.objects.filter(action="group.imported", group=copy).count() == 1
