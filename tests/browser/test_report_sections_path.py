"""Issue 9 §4's path: KS's controller sets what the monthly reports must contain on the årshjul
page, the committee adds the forecast, and the reporting page's checklist says what is missing.
axe on every page."""

from __future__ import annotations

from typing import Any

import pytest

from styr.followup import sections, services
from styr.followup.models import ReportingPeriod
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import World

pytestmark = pytest.mark.browser

YEAR = 2030


def test_ks_sets_the_content_a_committee_adds_and_the_checklist_shows_it(live_server: Any, live_world: World, page: Any, browser: Any) -> None:
    calendar = services.calendar_create(actor=None, group=live_world.group, year=YEAR)
    base = live_server.url
    log_in(page, base, "ks_controller")
    page.goto(f"{base}/arshjul/{YEAR}/")
    page.get_by_role("group", name="Månadsrapport").first.get_by_label("Analys").check()
    page.get_by_role("button", name="Spara miniminivån").click()
    page.get_by_role("heading", name="Vad rapporterna ska innehålla").wait_for()
    assert sections.calendar_requirements(calendar)[("monthly_report", None)] == ("analysis",)
    assert_accessible(page)

    politician = browser.new_context(locale="sv-SE").new_page()
    log_in(politician, base, "committee_politician")
    politician.goto(f"{base}/arshjul/{YEAR}/")
    politician.get_by_text("Rapporternas innehåll för Utbildningsnämnden").click()
    form = politician.get_by_role("form", name="Rapporternas innehåll för Utbildningsnämnden")
    form.get_by_role("group", name="Månadsrapport").get_by_label("Ekonomi med prognos").check()
    form.get_by_role("button", name="Spara avsnitten").click()
    politician.get_by_role("heading", name="Vad rapporterna ska innehålla").wait_for()
    committee = live_world.unit("Utbildningsnämnden")
    assert sections.calendar_requirements(calendar)[("monthly_report", committee.pk)] == ("economy",)
    assert_accessible(politician)

    period = ReportingPeriod.objects.filter(calendar=calendar, kind="monthly_report").order_by("end").first()
    assert period is not None
    services.report_create(actor=None, org_unit=committee, period=period)
    page.goto(f"{base}/enheter/{committee.pk}/rapportering/{period.pk}/")
    checklist = page.get_by_role("list", name="Obligatoriska avsnitt")
    assert "Saknas: Analys" in checklist.inner_text() and "Saknas: Ekonomi med prognos" in checklist.inner_text()
    assert_accessible(page)
