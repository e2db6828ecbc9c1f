"""Issue 9 §5's whole path: a controller uploads the municipality's SIE file on the page, the
database worker reads it, the controller maps the responsibility objects to a committee and one of
its schools, and the committee's monthly report shows budget, actual and forecast beside the goals.
axe on every page visited."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from styr.economy.models import Forecast, LedgerObject
from styr.economy.services import budget_set, frame_set
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import YEAR, World
from tests.economy.test_economy_followup import monthly_period, sie_file
from tests.economy.test_upload import upload_storage  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser

D = Decimal
UPLOAD = re.compile(r".*/bokforing/inlasningar/\d+/$")


def test_the_books_uploaded_and_mapped_show_in_the_committees_monthly_report(
    live_server: Any,
    live_world: World,
    page: Any,
    tmp_path: Path,
    upload_storage: Path,  # noqa: F811
) -> None:
    keeper, committee, school = (live_world.unit(name) for name in ("Kommunfullmäktige", "Utbildningsnämnden", "Hagaskolan"))
    books = tmp_path / "alvesta.se"
    vouchers = [[("5010", "100", D("1000.00")), ("5010", "110", D("500.00"))], [("3010", "110", D("-200.00"))]]
    books.write_bytes(sie_file({"100": "Utbildningsförvaltningen", "110": "Hagaskolan"}, vouchers).getvalue())
    frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=D(24))
    budget_set(actor=None, org_unit=committee, year=YEAR, months=[D(500)] * 12)
    budget_set(actor=None, org_unit=school, year=YEAR, months=[D(1500)] * 12)
    period = monthly_period(live_world)
    base = live_server.url

    # 1. Upload the file; the worker reads it while the page follows
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/enheter/{keeper.pk}/")
    page.locator("#unit-ledger-link").click()
    page.get_by_role("link", name="Läs in en SIE-fil").click()
    page.get_by_label("SIE-fil").set_input_files(str(books))
    page.get_by_role("button", name="Ladda upp och läs in").click()
    page.wait_for_url(UPLOAD)
    assert_accessible(page)
    # Playwright dispatches no route handler while the worker runs in this thread, so the page's
    # polls wait and the live server's test database is never used by two threads at once
    page.route(UPLOAD, lambda route: route.continue_())
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0, stdout=io.StringIO())
    expect(page.locator("#upload-status .badge")).to_have_text("klar")
    page.unroute(UPLOAD)
    assert_accessible(page)

    # 2. Before the mapping the committee's report shows its budget but no actual
    page.goto(f"{base}/enheter/{committee.pk}/rapportering/{period.pk}/")
    economy = page.get_by_role("region", name="Ekonomi")
    january = economy.get_by_role("table", name=re.compile("Budget och utfall per månad")).get_by_role("row", name=re.compile(f"^{YEAR}-01 "))
    assert january.inner_text().split("\t")[1:3] == ["2000", "0"]

    # 3. Map the two objects of the responsibility dimension to the committee and its school
    page.goto(f"{base}/enheter/{keeper.pk}/bokforing/objekt/")
    page.get_by_text("2 objekt är inte kopplade till en enhet.").wait_for()
    assert_accessible(page)
    for code, unit in (("100", committee), ("110", school)):
        row = page.locator(f"#object-{LedgerObject.objects.get(code=code).pk}")
        row.get_by_label(f"Ansvarig enhet för objekt {code}").select_option(value=str(unit.pk))
        row.get_by_role("button", name="Spara").click()
        page.get_by_text(f"Objekt {code} är kopplat till {unit.name}.").wait_for()
    assert_accessible(page)

    # 4. The committee's monthly report: budget, actual (its own object and the school's: salaries
    # 1,000 + 500, income −200) and the forecast it gives, with the deviation in words
    page.goto(f"{base}/enheter/{committee.pk}/rapportering/{period.pk}/")
    economy = page.get_by_role("region", name="Ekonomi")
    january = economy.get_by_role("table", name=re.compile("Budget och utfall per månad")).get_by_role("row", name=re.compile(f"^{YEAR}-01 "))
    assert january.inner_text().split("\t")[1:3] == ["2000", "1300"]
    assert "24\u00a0000 kr" in economy.inner_text()  # the council's frame
    assert_accessible(page)
    page.get_by_label("Helårsprognos, nettokostnad (kr)").fill("25 000")
    page.get_by_label("Kommentar till prognosen").fill("Fler elever i höst.")
    page.get_by_role("button", name="Spara prognosen").click()
    page.get_by_text("Prognosen har sparats.").wait_for()
    variance = page.locator("#economy-variance").inner_text()
    assert "-1000 kr" in variance and "Ej uppfyllt" in variance
    assert Forecast.objects.get(report__org_unit=committee, report__period=period).amount_sek == D(25000)
    assert_accessible(page)
