"""What a report must contain (issue 9 §4, seed §6.5): KS sets the minimum per kind of report in
the årshjul, a committee adds its own, and a report with an empty required section is not
submitted (FU-013, FU-014, FU-015, CAL-006)."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import Forecast
from styr.followup import sections, services
from styr.followup.models import PlanningCalendar, Report, ReportingPeriod, ReportRequirement
from styr.planning import services as planning
from styr.planning.models import DevelopmentGoal, QualityIndicator
from tests.conftest import World
from tests.html_check import vnu_errors

YEAR = 2027


@pytest.fixture(autouse=True)
def _march() -> Iterator[None]:
    """March of the year; messages in English, the source language (the Swedish catalogue is compiled separately)."""
    with time_machine.travel(datetime(YEAR, 3, 3, 9, 0, tzinfo=UTC), tick=False), translation.override("en"):
        yield


def make(world: World) -> PlanningCalendar:
    return services.calendar_create(actor=world.users["ks_controller"], group=world.group, year=YEAR)


def february(calendar: PlanningCalendar) -> ReportingPeriod:
    return ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))


def adopt(world: World, calendar: PlanningCalendar) -> None:
    services.calendar_adopt(actor=world.users["ks_politician"], calendar=calendar, decided_on=date(YEAR - 1, 12, 8), paragraph="§ 212", registration_number="1")


def test_the_calendar_starts_with_the_presets_minimum(world: World) -> None:
    calendar = make(world)
    assert sections.calendar_requirements(calendar) == {("interim_accounts", None): ("analysis",), ("annual_report", None): ("analysis",)}
    event = AuditEvent.objects.get(action="calendar.created")
    assert event.after["report_sections"] == {"interim_accounts": ["analysis"], "annual_report": ["analysis"]}


def test_ks_controller_sets_the_minimum_per_kind_of_report_with_an_audit_event(world: World) -> None:
    calendar = make(world)
    after = sections.report_sections_set(
        actor=world.users["ks_controller"], calendar=calendar, sections={"monthly_report": ["analysis", "goals"], "annual_report": []}
    )
    assert after["monthly_report"] == ("goals", "analysis")
    assert "annual_report" not in after  # none required
    assert after["interim_accounts"] == ("analysis",)  # a kind not given keeps its sections
    event = AuditEvent.objects.get(action="calendar.report_sections_set")
    assert "monthly_report" not in event.before and event.before["annual_report"] == ["analysis"]
    assert event.after["monthly_report"] == ["goals", "analysis"]
    assert event.actor == world.users["ks_controller"]


@pytest.mark.parametrize("persona", ["committee_politician", "administration_official", "auditor", "outsider", "ks_politician"])
def test_only_ks_controller_sets_the_groups_minimum(world: World, persona: str) -> None:
    calendar = make(world)
    with pytest.raises(NotAllowed):
        sections.report_sections_set(actor=world.users[persona], calendar=calendar, sections={"monthly_report": ["goals"]})
    assert ("monthly_report", None) not in sections.calendar_requirements(calendar)
    assert not AuditEvent.objects.filter(action="calendar.report_sections_set").exists()


def test_an_unknown_section_or_kind_is_refused_and_nothing_written_fu_015(world: World) -> None:
    calendar = make(world)
    for chosen in ({"monthly_report": ["goals", "internal_control"]}, {"weekly_report": ["goals"]}):
        with pytest.raises(RuleViolation) as err:
            sections.report_sections_set(actor=world.users["ks_controller"], calendar=calendar, sections=chosen)
        assert err.value.code == "FU-015"
    assert ReportRequirement.objects.filter(calendar=calendar).count() == 2


def test_the_committee_adds_its_own_sections_but_cannot_leave_out_ks_minimum_fu_014(world: World) -> None:
    calendar = make(world)
    committee = world.unit("Utbildningsnämnden")
    politician = world.users["committee_politician"]
    after = sections.body_sections_set(
        actor=politician, calendar=calendar, body=committee, sections={"monthly_report": ["goals"], "annual_report": ["analysis", "quality"]}
    )
    assert after == {"monthly_report": ("goals",), "annual_report": ("quality",)}  # KS's analysis is not stored twice
    assert AuditEvent.objects.get(action="calendar.body_sections_set").org_unit_id == committee.pk
    with pytest.raises(RuleViolation) as err:
        sections.body_sections_set(actor=politician, calendar=calendar, body=committee, sections={"annual_report": ["quality"]})
    assert err.value.code == "FU-014"
    assert "Analysis" in str(err.value.detail["sections"])
    assert sections.calendar_requirements(calendar)[("annual_report", committee.pk)] == ("quality",)
    with pytest.raises(NotAllowed):
        sections.body_sections_set(actor=world.users["other_committee_politician"], calendar=calendar, body=committee, sections={"monthly_report": []})
    with pytest.raises(NotAllowed):
        sections.body_sections_set(actor=world.users["outsider"], calendar=calendar, body=committee, sections={"monthly_report": []})


def test_a_unit_that_is_no_body_adds_no_sections_fu_014(world: World) -> None:
    calendar = make(world)
    with pytest.raises(RuleViolation) as err:
        sections.body_sections_set(actor=world.users["ks_controller"], calendar=calendar, body=world.unit("Hagaskolan"), sections={"monthly_report": ["goals"]})
    assert err.value.code == "FU-014"


def test_sections_are_locked_once_ks_adopts_the_calendar_cal_006(world: World) -> None:
    calendar = make(world)
    adopt(world, calendar)
    with pytest.raises(RuleViolation) as err:
        sections.report_sections_set(actor=world.users["ks_controller"], calendar=calendar, sections={"monthly_report": ["goals"]})
    assert err.value.code == "CAL-006"
    with pytest.raises(RuleViolation) as err:
        sections.body_sections_set(actor=world.users["committee_politician"], calendar=calendar, body=world.unit("Utbildningsnämnden"), sections={})
    assert err.value.code == "CAL-006"


@pytest.fixture
def required(world: World) -> dict[str, int]:
    """KS requires goal status and an analysis of monthly reports; Utbildningsnämnden adds the
    forecast and quality for its part of the tree. Hagaskolan has a goal and a quality indicator."""
    calendar = make(world)
    sections.report_sections_set(actor=world.users["ks_controller"], calendar=calendar, sections={"monthly_report": ["goals", "analysis"]})
    committee = world.unit("Utbildningsnämnden")
    sections.body_sections_set(
        actor=world.users["committee_politician"], calendar=calendar, body=committee, sections={"monthly_report": ["goals", "analysis", "economy", "quality"]}
    )
    unit = world.unit("Hagaskolan")
    goal = planning.goal_create(actor=None, org_unit=unit, title="Lugna raster", start_year=YEAR, end_year=YEAR, measurable=False)
    factor = planning.quality_factor_create(actor=None, org_unit=unit, title="Trygghet")
    quality = planning.quality_indicator_create(actor=None, factor=factor, name="Trygga elever", direction="higher")
    return {"calendar": calendar.pk, "period": february(calendar).pk, "unit": unit.pk, "goal": goal.pk, "quality": quality.pk}


def test_a_report_with_empty_required_sections_is_not_submitted_and_names_them_fu_013(world: World, required: dict[str, int]) -> None:
    unit = world.unit("Hagaskolan")
    period = ReportingPeriod.objects.get(pk=required["period"])
    report = services.report_create(actor=world.users["unit_manager"], org_unit=unit, period=period)
    with pytest.raises(RuleViolation) as err:
        services.report_submit(actor=world.users["unit_manager"], report=report)
    assert err.value.code == "FU-013"
    assert err.value.detail["keys"] == "goals, quality, economy, analysis"
    assert "Goal status" in err.value.detail["sections"]
    report.refresh_from_db()
    assert report.state == "draft"
    assert not AuditEvent.objects.filter(action="report.submitted").exists()


def test_the_report_is_submitted_once_every_section_is_filled(world: World, required: dict[str, int]) -> None:
    unit = world.unit("Hagaskolan")
    manager = world.users["unit_manager"]
    period = ReportingPeriod.objects.get(pk=required["period"])
    report = services.report_create(actor=manager, org_unit=unit, period=period, analysis="Februari i korthet.")
    states = {s.key: s for s in sections.sections_status(unit, period, report)}
    assert [k for k, s in states.items() if not s.filled] == ["goals", "quality", "economy"]
    assert (states["goals"].done, states["goals"].total) == (0, 1)
    assert states["goals"].required_by == "ks" and states["economy"].required_by == "body"

    goal = DevelopmentGoal.objects.get(pk=required["goal"])
    services.assessment_record(actor=manager, period=period, goal=goal, status="achieved", analysis="Rastvärdarna har minskat konflikterna.")
    services.quality_value_record(actor=manager, indicator=QualityIndicator.objects.get(pk=required["quality"]), period=date(YEAR, 2, 1), value=Decimal(91))
    with pytest.raises(RuleViolation) as err:
        services.report_submit(actor=manager, report=report)
    assert err.value.detail["keys"] == "economy"  # only the forecast is left
    Forecast.objects.create(group=world.group, report=report, amount_sek=Decimal("12500000.00"))
    assert all(s.filled for s in sections.sections_status(unit, period, report))
    assert services.report_submit(actor=manager, report=report).state == "submitted"


def test_a_body_elsewhere_in_the_tree_is_held_only_to_ks_minimum(world: World, required: dict[str, int]) -> None:
    care = world.unit("Omsorgsnämnden")
    period = ReportingPeriod.objects.get(pk=required["period"])
    report = services.report_create(actor=None, org_unit=care, period=period, analysis="Februari.")
    assert [s.key for s in sections.sections_status(care, period, report)] == ["goals", "analysis"]
    assert services.report_submit(actor=None, report=report).state == "submitted"  # no goals: nothing to report


def test_the_checklist_costs_the_same_queries_however_many_goals(world: World, required: dict[str, int]) -> None:
    unit = world.unit("Hagaskolan")
    period = ReportingPeriod.objects.get(pk=required["period"])
    report = services.report_create(actor=None, org_unit=unit, period=period)

    def count() -> int:
        fresh = Report.objects.select_related("org_unit", "period").get(pk=report.pk)
        with CaptureQueriesContext(connection) as queries:
            sections.sections_status(fresh.org_unit, fresh.period, fresh)
        return len(queries)

    before = count()
    for n in range(2):
        planning.goal_create(actor=None, org_unit=unit, title=f"Mål {n}", start_year=YEAR, end_year=YEAR, measurable=False)
    assert count() == before <= 6


def test_the_reporting_page_lists_the_sections_in_words_and_refuses_the_submit(world: World, required: dict[str, int]) -> None:
    unit = world.unit("Hagaskolan")
    period = ReportingPeriod.objects.get(pk=required["period"])
    services.report_create(actor=None, org_unit=unit, period=period)
    client = world.client("unit_manager")
    url = f"/enheter/{unit.pk}/rapportering/{period.pk}/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Required sections" in page
    assert "Missing:</strong> Goal status (0 of 1)" in page
    assert "Missing:</strong> Economy with forecast" in page
    assert "Filled:</strong>" not in page
    response = client.post(url, {"action": "submit"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    body = response.content.decode()
    assert "(FU-013)" in body and "Goal status" in body
    assert Report.objects.get(org_unit=unit, period=period).state == "draft"


def test_ks_sets_the_minimum_and_a_committee_its_own_on_the_calendar_page(world: World) -> None:
    calendar = make(world)
    url = f"/arshjul/{YEAR}/"
    controller = world.client("ks_controller")
    page = controller.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "What the reports must contain" in page and 'name="sections-monthly_report"' in page
    response = controller.post(url, {"action": "sections", "sections-monthly_report": ["goals"], "sections-annual_report": ["analysis"]})
    assert response.status_code == 302
    assert sections.calendar_requirements(calendar)[("monthly_report", None)] == ("goals",)
    assert ("interim_accounts", None) not in sections.calendar_requirements(calendar)  # unchecked on the form: none required
    committee = world.unit("Utbildningsnämnden")
    politician = world.client("committee_politician")
    page = politician.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Report content of Utbildningsnämnden" in page and "Report content of Omsorgsnämnden" not in page
    refused = politician.post(url, {"action": "body_sections", "body": committee.pk, "sections-monthly_report": ["economy"]}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 422 and "(FU-014)" in refused.content.decode()
    done = politician.post(
        url, {"action": "body_sections", "body": committee.pk, "sections-monthly_report": ["goals", "economy"], "sections-annual_report": ["analysis"]}
    )
    assert done.status_code == 302
    assert sections.calendar_requirements(calendar)[("monthly_report", committee.pk)] == ("economy",)
    page = politician.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Utbildningsnämnden: Economy with forecast" in page
    outsider = world.client("committee_politician").post(url, {"action": "sections", "sections-monthly_report": []}, HTTP_ACCEPT_LANGUAGE="en")
    assert outsider.status_code == 403
    adopt(world, calendar)
    page = controller.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="sections-monthly_report"' not in page  # locked: the table stays, the forms go
    assert "Utbildningsnämnden: Economy with forecast" in page
    locked = controller.post(url, {"action": "sections", "sections-monthly_report": []}, HTTP_ACCEPT_LANGUAGE="en")
    assert locked.status_code == 409 and "(CAL-006)" in locked.content.decode()


def test_the_calendar_and_reporting_pages_with_sections_are_valid_html(world: World, required: dict[str, int]) -> None:
    unit = world.unit("Hagaskolan")
    period = ReportingPeriod.objects.get(pk=required["period"])
    services.report_create(actor=None, org_unit=unit, period=period, analysis="Februari.")
    documents = {
        "calendar (controller)": world.client("ks_controller").get(f"/arshjul/{YEAR}/", HTTP_ACCEPT_LANGUAGE="en").content.decode(),
        "calendar (committee)": world.client("committee_politician").get(f"/arshjul/{YEAR}/", HTTP_ACCEPT_LANGUAGE="en").content.decode(),
        "reporting": world.client("unit_manager").get(f"/enheter/{unit.pk}/rapportering/{period.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode(),
    }
    errors = vnu_errors(documents)
    assert not errors, "\n".join(errors)


def test_the_analysis_written_in_the_submit_form_is_saved_and_fills_its_section(world: World) -> None:
    calendar = make(world)
    period = ReportingPeriod.objects.get(calendar=calendar, kind="interim_accounts")  # the preset requires its analysis
    committee = world.unit("Utbildningsnämnden")
    report = services.report_create(actor=None, org_unit=committee, period=period)
    client = world.client("ks_controller")
    url = f"/enheter/{committee.pk}/rapportering/{period.pk}/"
    refused = client.post(url, {"action": "submit", "analysis": "  "}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 422 and "(FU-013)" in refused.content.decode() and "Analysis" in refused.content.decode()
    done = client.post(url, {"action": "submit", "analysis": "Delåret i korthet."}, HTTP_ACCEPT_LANGUAGE="en")
    assert done.status_code == 200
    report.refresh_from_db()
    assert (report.state, report.analysis) == ("submitted", "Delåret i korthet.")
    assert "Filled:</strong> Analysis" in done.content.decode()


def test_the_calendar_pages_sections_cost_the_same_queries_however_many_committees(world: World) -> None:
    from styr.organisation.services import org_unit_create

    calendar = make(world)
    client = world.client("ks_controller")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/arshjul/{YEAR}/").status_code == 200
        return len(queries)

    before = count()
    council = world.unit("Kommunfullmäktige")
    for n in range(3):
        body = org_unit_create(actor=None, group=world.group, parent=council, kind="COMMITTEE", name=f"Nämnd {n}", valid_from=date(YEAR, 1, 1))
        sections.body_sections_set(actor=None, calendar=calendar, body=body, sections={"monthly_report": ["economy"]})
    assert count() == before
