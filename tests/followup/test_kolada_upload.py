"""KOLADA-008: saved answers uploaded on the Kolada page write only values of the group's own
municipality and its comparison municipalities for its bound KPIs, never the shared catalogue;
the upload is audited with the file's name and SHA-256. KOLADA-007: one sync at a time, the
lock taken with cache.add. Executive board: a group without KS is refused, not an error."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.followup import kolada_runs
from styr.followup.kolada import kolada_sync
from styr.followup.kolada_upload import kolada_upload
from styr.followup.models import Measurement
from styr.integrations.kolada_offline import SavedAnswers
from styr.organisation.models import MunicipalGroup
from styr.planning.models import KoladaKpi, KoladaMunicipality, KoladaValue
from tests.conftest import World
from tests.followup.kolada_setup import Bound, bound_world
from tests.integrations.kolada_answers import FIXTURES


@pytest.fixture(autouse=True)
def _mid_2026(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.CACHES = {**settings.CACHES, "progress": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kolada-upload-tests"}}
    caches["progress"].clear()
    with time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def bound(world: World) -> Bound:
    found = bound_world(world)
    kolada_sync(actor=None, source=SavedAnswers.from_dir(FIXTURES), catalogue_only=True)
    return found


def _post(world: World, persona: str, name: str, content: bytes) -> str:
    upload = SimpleUploadedFile(name, content, content_type="application/json")
    response = world.client(persona).post("/kolada/synkronisera/", {"file": upload}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def _values_with(extra_municipality: str) -> bytes:
    data = json.loads((FIXTURES / "data_N00945.json").read_text())
    one = [{"gender": "T", "value": 99.9, "count": 1, "status": ""}]
    data["values"].append({"kpi": "N00945", "municipality": extra_municipality, "period": 2024, "values": one})
    return json.dumps(data).encode()


def test_kolada_008_an_uploaded_kpi_file_is_refused_and_nothing_is_written(world: World, bound: Bound) -> None:
    titles = dict(KoladaKpi.objects.values_list("id", "title"))
    events = AuditEvent.objects.count()
    forged = json.loads((FIXTURES / "kpi_page1.json").read_text())
    forged["values"][0]["title"] = "Förfalskad titel"
    body = _post(world, "ks_controller", "nyckeltal.json", json.dumps(forged).encode())
    assert "KOLADA-008" in body and "nyckeltal.json" in body and "kolada_sync --from-dir" in body
    assert dict(KoladaKpi.objects.values_list("id", "title")) == titles
    assert not KoladaValue.objects.exists() and not Measurement.objects.exists()
    assert AuditEvent.objects.count() == events


def test_kolada_008_a_municipality_file_is_refused_by_the_service(world: World, bound: Bound) -> None:
    with pytest.raises(RuleViolation) as refused:
        kolada_upload(actor=world.users["ks_controller"], group=world.group, name="municipality.json", content=(FIXTURES / "municipality.json").read_bytes())
    assert refused.value.code == "KOLADA-008" and refused.value.source == "municipality.json"
    assert not KoladaValue.objects.exists()


def test_kolada_008_values_outside_the_comparison_are_skipped_and_the_upload_is_audited(world: World, bound: Bound) -> None:
    content = _values_with("0180")
    body = _post(world, "ks_controller", "varden.json", content)
    assert "varden.json" in body
    assert not KoladaValue.objects.filter(municipality="0180").exists()
    assert set(KoladaValue.objects.values_list("municipality", flat=True)) == {"0760", "0764", "0765"}
    assert Measurement.objects.count() == 3
    event = AuditEvent.objects.get(action="kolada.uploaded")
    assert event.after["file"] == "varden.json" and event.after["sha256"] == hashlib.sha256(content).hexdigest()
    assert event.after["skipped"] == 1 and event.group == world.group


@pytest.mark.parametrize("persona", ["committee_politician", "outsider"])
def test_kolada_008_only_the_group_s_controller_uploads(world: World, bound: Bound, persona: str) -> None:
    upload = SimpleUploadedFile("varden.json", _values_with("0760"), content_type="application/json")
    response = world.client(persona).post("/kolada/synkronisera/", {"file": upload})
    assert response.status_code in {403, 404}
    assert not KoladaValue.objects.exists() and not AuditEvent.objects.filter(action="kolada.uploaded").exists()


def test_the_operator_s_command_still_writes_the_catalogue(world: World, bound: Bound) -> None:
    assert KoladaKpi.objects.count() == 3 and KoladaMunicipality.objects.exists()


def test_a_group_without_ks_is_refused_not_an_error(world: World) -> None:
    lone = MunicipalGroup.objects.create(name="Utan KS", slug="utan-ks", preset_key=world.group.preset_key, model_config=world.group.model_config)
    with pytest.raises(NotAllowed):
        kolada_runs.kolada_sync_start(actor=world.users["ks_controller"], group=lone)


def test_kolada_007_the_lock_is_taken_once(world: World, bound: Bound) -> None:
    first = kolada_runs.kolada_sync_start(actor=world.users["ks_controller"], group=world.group)
    with pytest.raises(RuleViolation) as refused:
        kolada_runs.kolada_sync_start(actor=world.users["ks_controller"], group=world.group)
    assert refused.value.code == "KOLADA-007" and refused.value.detail["run"] == first
    assert caches["progress"].get(f"kolada-sync-running:{world.group.pk}") == first


def test_kolada_007_a_finished_holder_gives_way(world: World, bound: Bound) -> None:
    first = kolada_runs.kolada_sync_start(actor=world.users["ks_controller"], group=world.group)
    kolada_runs.run_update(first, state=kolada_runs.DONE)
    second = kolada_runs.kolada_sync_start(actor=world.users["ks_controller"], group=world.group)
    assert second != first and caches["progress"].get(f"kolada-sync-running:{world.group.pk}") == second


def test_kolada_007_a_stale_holder_gives_way(world: World, bound: Bound) -> None:
    first = kolada_runs.kolada_sync_start(actor=world.users["ks_controller"], group=world.group)
    with time_machine.travel(datetime(2026, 6, 1, 14, 0, tzinfo=UTC), tick=False):
        second = kolada_runs.kolada_sync_start(actor=world.users["ks_controller"], group=world.group)
    assert second != first
