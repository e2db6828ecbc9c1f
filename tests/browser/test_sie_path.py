"""Issue 9 §2 and §5's path: a controller uploads a SIE file on the page, the database worker reads
it while the page follows it (htmx polling), then the controller maps an unmapped object of the
responsibility dimension to a unit. axe on every page."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from styr.economy.models import LedgerObject, SieUpload
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import World
from tests.economy.test_sie_import import FIXTURE, OWNER
from tests.economy.test_upload import upload_storage  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser


def test_a_controller_uploads_a_sie_file_follows_it_and_maps_an_object(
    live_server: Any,
    live_world: World,
    page: Any,
    upload_storage: Path,  # noqa: F811
) -> None:
    base = live_server.url
    unit = live_world.unit(OWNER)
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/enheter/{unit.pk}/")
    page.locator("#unit-ledger-link").click()
    page.get_by_role("heading", level=1, name=re.compile("^Bokföring")).wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Läs in en SIE-fil").click()
    assert_accessible(page)
    page.get_by_label("SIE-fil").set_input_files(str(FIXTURE))
    page.get_by_role("button", name="Ladda upp och läs in").click()
    page.wait_for_url(re.compile(r"/bokforing/inlasningar/\d+/$"))
    expect(page.locator("#upload-status .badge")).to_have_text("köad")
    assert_accessible(page)

    # The page asks every two seconds. While the worker runs in this thread, Playwright dispatches
    # no route handler, so the page's requests wait: the live server's shared test database is
    # never used by two threads at once.
    page.route(re.compile(r".*/bokforing/inlasningar/\d+/$"), lambda route: route.continue_())
    with page.expect_request(lambda r: r.url.endswith(page.url.split(base, 1)[1]) and r.headers.get("hx-request") == "true"):
        pass  # htmx polls while the upload is queued
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0, stdout=io.StringIO())
    expect(page.locator("#upload-status .badge")).to_have_text("klar")  # swapped in by the next poll, no reload
    upload = SieUpload.objects.get()
    assert upload.state == "done" and upload.sie_import is not None
    expect(page.get_by_text(upload.sie_import.sha256)).to_be_visible()
    page.unroute(re.compile(r".*/bokforing/inlasningar/\d+/$"))
    assert_accessible(page)

    page.get_by_role("link", name="Koppla objekt till enheter").click()
    page.get_by_text("2 objekt är inte kopplade till en enhet.").wait_for()
    assert_accessible(page)
    target = LedgerObject.objects.get(code="200")
    row = page.locator(f"#object-{target.pk}")
    row.get_by_label("Ansvarig enhet för objekt 200").select_option(value=str(live_world.unit("Hagaskolan").pk))
    row.get_by_role("button", name="Spara").click()
    page.get_by_text("Objekt 200 är kopplat till Hagaskolan.").wait_for()
    page.get_by_text("1 objekt är inte kopplat till en enhet.").wait_for()
    target.refresh_from_db()
    assert target.org_unit == live_world.unit("Hagaskolan")
    assert_accessible(page)
