"""The Kolada page /kolada/ (issue 13 §1): settings saved by KS's controllers (KOLADA-006), a
sync started in the background with its progress (KOLADA-007 while one runs), saved answers
imported; anyone in the group reads, the outsider is refused."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import respx
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from styr.core.models import AuditEvent
from styr.followup import kolada_runs
from styr.followup.kolada import kolada_sync
from styr.followup.models import Measurement, ValueSource
from styr.integrations.kolada_offline import SavedAnswers
from styr.planning.models import KoladaKpi, KoladaMunicipalityGroup, KoladaSettings
from tests.conftest import World
from tests.followup.kolada_setup import Bound, bound_world
from tests.integrations.kolada_answers import FIXTURES, kolada_answers


@pytest.fixture(autouse=True)
def _mid_2026(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.CACHES = {**settings.CACHES, "progress": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kolada-tests"}}
    with time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def bound(world: World) -> Bound:
    return bound_world(world)


def test_a_controller_sees_the_page_with_the_settings_form(world: World, bound: Bound) -> None:
    response = world.client("ks_controller").get("/kolada/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="municipality"' in body and "0764" in body and "Starta en synkronisering" in body


def test_a_member_of_the_group_reads_without_the_forms(world: World, bound: Bound) -> None:
    response = world.client("committee_politician").get("/kolada/")
    assert response.status_code == 200 and 'name="municipality"' not in response.content.decode()


@pytest.mark.parametrize("persona", ["outsider", None])
def test_the_outsider_and_the_anonymous_are_refused(world: World, persona: str | None) -> None:
    response = world.client(persona).get("/kolada/")
    assert response.status_code in {302, 403} and (persona is None) == (response.status_code == 302)


def test_a_controller_saves_the_settings_with_a_comparison_group(world: World) -> None:
    KoladaMunicipalityGroup.objects.create(id="G148310", title="Kronobergs län, kommuner", members=["0760", "0764", "0765"])
    response = world.client("ks_controller").post(
        "/kolada/", {"municipality": "0764", "comparison_group": "G148310", "comparison_municipalities": "0180; 1280", "first_year": "2020"}
    )
    assert response.status_code == 302
    stored = KoladaSettings.objects.get(group=world.group)
    assert (stored.municipality, stored.comparison_group, stored.comparison_municipalities, stored.first_year) == ("0764", "G148310", ["0180", "1280"], 2020)
    event = AuditEvent.objects.get(action="kolada.settings_saved")
    assert event.after["municipality"] == "0764" and event.actor == world.users["ks_controller"]


def test_kolada_006_a_municipality_id_that_is_not_four_digits_is_refused(world: World) -> None:
    response = world.client("ks_controller").post("/kolada/", {"municipality": "Alv", "first_year": "2020"})
    assert response.status_code == 422 and "KOLADA-006" in response.content.decode()
    assert not KoladaSettings.objects.exists()


def test_kolada_006_a_group_without_the_own_municipality_is_refused(world: World) -> None:
    KoladaMunicipalityGroup.objects.create(id="G1", title="Storstäder", members=["0180", "1280", "1480"])
    response = world.client("ks_controller").post("/kolada/", {"municipality": "0764", "comparison_group": "G1", "first_year": "2020"})
    # the form offers only groups that include 0764: G1 is not a choice
    assert response.status_code == 422 and not KoladaSettings.objects.exists()


@pytest.mark.parametrize("persona", ["committee_politician", "outsider"])
def test_others_may_not_save_settings_or_sync(world: World, persona: str) -> None:
    client = world.client(persona)
    assert client.post("/kolada/", {"municipality": "0764", "first_year": "2020"}).status_code == 403
    assert client.post("/kolada/synkronisera/").status_code == 403
    assert not KoladaSettings.objects.exists()


def test_a_sync_started_from_the_page_runs_as_a_task_and_reports_its_result(world: World, bound: Bound) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        kolada_answers(mock)
        response = world.client("ks_controller").post("/kolada/synkronisera/")
    assert response.status_code == 302
    assert Measurement.objects.filter(source=ValueSource.KOLADA).count() == 3
    run = kolada_runs.run_for_group(world.group)
    assert run is not None and run["state"] == kolada_runs.DONE and run["result"]["measurements_written"] == 3
    page = world.client("ks_controller").get("/kolada/").content.decode()
    assert "Klar" in page and 'id="kolada-last-result"' in page
    fragment = world.client("ks_controller").get("/kolada/forlopp/", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and fragment.content.decode().lstrip().startswith('<section id="kolada-progress"')


def test_a_failed_sync_shows_kolada_001_and_stores_nothing(world: World, bound: Bound, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KOLADA_MAX_TRIES = 1
    with respx.mock(assert_all_mocked=True) as mock:
        mock.route().respond(503)
        world.client("ks_controller").post("/kolada/synkronisera/")
    run = kolada_runs.run_for_group(world.group)
    assert run is not None and run["state"] == kolada_runs.FAILED and run["error"]["code"] == "KOLADA-001"
    assert "KOLADA-001" in world.client("ks_controller").get("/kolada/").content.decode()
    assert not KoladaKpi.objects.exists()


def test_kolada_007_a_second_sync_waits_for_the_first(world: World, bound: Bound) -> None:
    kolada_runs.run_update("r1", id="r1", group=world.group.pk, state=kolada_runs.RUNNING)
    from django.core.cache import caches

    caches["progress"].set(f"kolada-sync-running:{world.group.pk}", "r1")
    response = world.client("ks_controller").post("/kolada/synkronisera/", follow=True)
    assert "KOLADA-007" in response.content.decode()
    page = world.client("ks_controller").get("/kolada/").content.decode()
    assert 'data-hx-get="/kolada/forlopp/"' in page and "<progress" in page


def test_saved_values_in_a_zip_are_imported_from_the_page(world: World, bound: Bound) -> None:
    """KOLADA-008: the page takes values; the catalogue came from the operator's command."""
    kolada_sync(actor=None, source=SavedAnswers.from_dir(FIXTURES), catalogue_only=True)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("data_N00945.json", (FIXTURES / "data_N00945.json").read_bytes())
    upload = SimpleUploadedFile("kolada.zip", packed.getvalue(), content_type="application/zip")
    response = world.client("ks_controller").post("/kolada/synkronisera/", {"file": upload}, follow=True)
    assert response.status_code == 200 and "kolada.zip" in response.content.decode() and KoladaKpi.objects.count() == 3
    assert Measurement.objects.filter(source=ValueSource.KOLADA).count() == 3


def test_a_broken_saved_file_is_named_and_nothing_stored(world: World, bound: Bound) -> None:
    upload = SimpleUploadedFile("trasig.json", b'{"values": [', content_type="application/json")
    response = world.client("ks_controller").post("/kolada/synkronisera/", {"file": upload}, follow=True)
    body = response.content.decode()
    assert "KOLADA-003" in body and "trasig.json" in body and not KoladaKpi.objects.exists()


def test_the_page_is_valid_html_with_a_result_and_a_running_sync(world: World, bound: Bound) -> None:
    from tests.html_check import vnu_errors

    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        kolada_answers(mock)
        world.client("ks_controller").post("/kolada/synkronisera/")
    finished = world.client("ks_controller").get("/kolada/").content.decode()
    kolada_runs.run_update("r2", id="r2", group=world.group.pk, state=kolada_runs.RUNNING, done=2, total=8)
    from django.core.cache import caches

    caches["progress"].set(f"kolada-sync-running:{world.group.pk}", "r2")
    running = world.client("ks_controller").get("/kolada/").content.decode()
    reader = world.client("committee_politician").get("/kolada/").content.decode()
    assert vnu_errors({"finished": finished, "running": running, "reader": reader}) == []
