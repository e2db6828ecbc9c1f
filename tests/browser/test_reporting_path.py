"""Issue 4's path: a unit manager reports a month, the controller submits and reviews the
committee's monthly report, the committee adopts it, and KS's overview shows it. axe on every page."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from styr.followup import services
from styr.followup.models import Measurement, Report, ReportingPeriod
from styr.planning import services as planning
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_a_month_is_reported_adopted_and_seen_by_ks(live_server: Any, live_world: World, page: Any, browser: Any) -> None:
    today = timezone.localdate()
    year = today.year
    calendar = services.calendar_create(actor=None, group=live_world.group, year=year)
    period = ReportingPeriod.objects.filter(calendar=calendar, end__gte=today, kind="monthly_report").order_by("end").first()
    if period is None:  # late in December: the annual report is the open period
        period = ReportingPeriod.objects.filter(calendar=calendar, end__gte=today).order_by("end").first()
    assert period is not None
    haga, committee = live_world.unit("Hagaskolan"), live_world.unit("Utbildningsnämnden")
    goal = planning.goal_create(actor=None, org_unit=haga, title="Fler behöriga", start_year=year, end_year=year)
    indicator = planning.indicator_create(
        actor=None, goal=goal, name="Behöriga", baseline_year=year - 1, baseline_value=Decimal(78), target_year=year, target_value=Decimal(86)
    )
    factor = planning.quality_factor_create(actor=None, org_unit=haga, title="Trygghet")
    quality = planning.quality_indicator_create(actor=None, factor=factor, name="Trygga elever", direction="higher")
    services.quality_value_record(actor=None, indicator=quality, period=date(year, 1, 1), value=Decimal(90))
    base = live_server.url

    log_in(page, base, "unit_manager")
    page.goto(f"{base}/enheter/{haga.pk}/rapportering/{period.pk}/")
    page.get_by_role("img", name=re.compile("^Trygga elever över tid")).wait_for()  # loaded after the grid
    page.get_by_text("Data i ”Trygga elever”").click()
    assert page.get_by_role("region", name="Trygga elever").get_by_role("rowheader", name=f"{year}-01").is_visible()  # the economy's table has the month too
    assert page.locator(f"#gi-{indicator.pk}").is_visible()  # the charts came in beside the grid, not over it
    assert_accessible(page)
    page.goto(f"{base}/enheter/{haga.pk}/rapportering/{period.pk}/diagram/")  # where the link goes without JavaScript
    assert page.get_by_role("img", name=re.compile("^Trygga elever över tid")).is_visible()
    assert_accessible(page)
    page.goto(f"{base}/enheter/{haga.pk}/rapportering/{period.pk}/")
    page.get_by_role("img", name=re.compile("^Trygga elever över tid")).wait_for()
    page.evaluate("window.__stillHere = true")
    page.locator(f"#gi-{indicator.pk}").fill("83,5")
    page.locator(f"#status-{goal.pk}").select_option("partly_achieved")
    page.get_by_role("button", name="Spara perioden").click()
    page.get_by_text("Periodens värden och bedömningar har sparats.").wait_for()
    assert page.evaluate("window.__stillHere") is True  # saved in place, no page load
    assert Measurement.objects.get(indicator=indicator).value == Decimal("83.5")
    assert_accessible(page)

    controller = browser.new_context(locale="sv-SE").new_page()
    log_in(controller, base, "ks_controller")
    controller.goto(f"{base}/enheter/{committee.pk}/rapportering/{period.pk}/")
    controller.get_by_role("button", name="Påbörja rapporten").click()
    controller.locator("#report-analysis").fill("Månaden gick enligt plan.")
    controller.get_by_role("button", name="Lämna in").click()
    controller.get_by_role("button", name="Markera som granskad").click()
    controller.get_by_text("Granskad").first.wait_for()
    assert_accessible(controller)

    politician = browser.new_context(locale="sv-SE").new_page()
    log_in(politician, base, "committee_politician")
    politician.goto(f"{base}/enheter/{committee.pk}/rapportering/{period.pk}/")
    politician.locator("#r-date").fill(date(year, 12, 10).isoformat())
    politician.locator("#r-para").fill("§ 101")
    politician.locator("#r-dnr").fill(f"UN {year}/201")
    politician.get_by_role("button", name="Besluta rapporten").click()
    politician.get_by_text("SHA-256").wait_for()
    report = Report.objects.get(org_unit=committee, period=period)
    assert report.state == "adopted" and report.snapshot_sha256
    assert_accessible(politician)

    controller.goto(f"{base}/oversikt/{year}/")
    row = controller.get_by_role("row").filter(has_text="Utbildningsnämnden").last  # the table per period, below the glance
    assert "Beslutad" in row.inner_text()
    assert_accessible(controller)
