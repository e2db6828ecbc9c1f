"""EDIT-001 on the reporting page: two people write the same report's analysis; the second is
refused with 409 and both versions side by side (htmx swaps the sheet), nothing stored changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
import time_machine

from styr.core.models import AuditEvent
from styr.followup import services
from styr.followup.models import Report, ReportingPeriod
from tests.conftest import World
from tests.core.test_conflicts import changed, read_form

YEAR = 2027


@pytest.fixture(autouse=True)
def _march() -> Iterator[None]:
    with time_machine.travel(datetime(YEAR, 3, 3, 9, 0, tzinfo=UTC), tick=False):
        yield


def _report_url(world: World) -> tuple[Report, str]:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    unit = world.unit("Hagaskolan")
    report = services.report_create(actor=world.users["unit_manager"], org_unit=unit, period=feb, analysis="Lugn månad.")
    return report, f"/enheter/{unit.pk}/rapportering/{feb.pk}/"


def written(report: Report) -> int:
    return AuditEvent.objects.filter(action="report.written", object_id=str(report.pk)).count()


def test_a_stale_analysis_is_refused_with_both_versions_and_saving_again_overrides(world: World) -> None:
    report, url = _report_url(world)
    one, two = world.client("unit_manager"), world.client("ks_controller")
    form_one, form_two = (read_form(c.get(url).content.decode(), "form-report-analysis") for c in (one, two))
    assert form_one["version"] == [str(report.version)]
    assert one.post(url, changed(form_one, action="write", analysis="Lugn månad, två sjukskrivna.")).status_code == 200
    saved = Report.objects.get(pk=report.pk)
    assert saved.analysis == "Lugn månad, två sjukskrivna." and saved.version == report.version + 1
    assert written(report) == 1

    refused = two.post(url, changed(form_two, action="write", analysis="Stökig månad."), HTTP_HX_REQUEST="true", headers={"Accept-Language": "sv"})
    html = refused.content.decode()
    assert refused.status_code == 409 and html.lstrip().startswith('<div id="reporting-sheet">')
    assert "EDIT-001" in html and "<td>Stökig månad.</td><td>Lugn månad, två sjukskrivna.</td>" in html
    assert Report.objects.get(pk=report.pk).analysis == "Lugn månad, två sjukskrivna."
    assert written(report) == 1

    again = read_form(html, "form-report-analysis")
    assert again["analysis"] == ["Stökig månad."] and again["version"] == [str(saved.version)]
    assert two.post(url, changed(again, action="write")).status_code == 200
    assert Report.objects.get(pk=report.pk).analysis == "Stökig månad." and written(report) == 2


def test_a_stale_submit_is_refused_and_the_report_stays_a_draft(world: World) -> None:
    report, url = _report_url(world)
    one, two = world.client("unit_manager"), world.client("ks_controller")
    form_one, form_two = (read_form(c.get(url).content.decode(), "form-report-analysis") for c in (one, two))
    assert one.post(url, changed(form_one, action="write", analysis="Ny analys.")).status_code == 200
    refused = two.post(url, changed(form_two, action="submit", analysis="Min analys."))
    assert refused.status_code == 409 and "EDIT-001" in refused.content.decode()
    stored = Report.objects.get(pk=report.pk)
    assert (stored.state, stored.analysis) == ("draft", "Ny analys.")
