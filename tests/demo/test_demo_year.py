"""The demo shows a year in progress (issue 8, point 6): an adopted årshjul, ended periods with
values, assessments and reports in every state, comments and last year's annual report, on
whatever day it is loaded."""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from styr.core.models import AuditEvent
from styr.followup.milestone_progress import progress
from styr.followup.models import Assessment, Comment, Measurement, PlanningCalendar, PlanningMilestone, Report, ReportRequirement
from styr.organisation.models import GoverningDocument, OrgUnit
from styr.planning.models import CitizenComment, CitizenDialogue, CoreMission, Plan, QualityFactor

pytestmark = pytest.mark.django_db


def _load(on: date) -> None:
    with time_machine.travel(datetime(on.year, on.month, on.day, 9, 0, tzinfo=UTC), tick=False):
        call_command("load_demo", stdout=StringIO())


def test_in_october_the_year_has_reports_in_every_state_values_assessments_and_comments() -> None:
    _load(date(2026, 10, 20))
    calendar = PlanningCalendar.objects.get(year=2026)
    assert calendar.state == "adopted" and calendar.decision is not None
    assert PlanningCalendar.objects.get(year=2025).state == "adopted"
    this_year = Report.objects.filter(period__end__year=2026)
    assert {"draft", "submitted", "reviewed", "adopted"} <= set(this_year.values_list("state", flat=True))
    assert not this_year.filter(period__end__gte=date(2026, 10, 20)).exists()  # nothing reported before its period ends
    latest = this_year.order_by("-period__end").first()
    assert latest is not None and latest.period.end == date(2026, 9, 30)
    assert set(this_year.filter(period=latest.period).values_list("state", flat=True)) <= {"draft", "submitted"}
    assert set(this_year.filter(period__end__lte=date(2026, 6, 30), org_unit__kind="COMMITTEE").values_list("state", flat=True)) == {"adopted"}
    assert Measurement.objects.filter(indicator__isnull=False, period__year=2026).exists()
    assert Assessment.objects.filter(period__end__year=2026).exists()
    assert Comment.objects.filter(text__contains="@enhetschef").exists()
    # what the reports must contain (issue 9 §4): Utbildningsnämnden adds the goals' status, and its reports still went in
    assert ReportRequirement.objects.get(calendar=calendar, kind="monthly_report", org_unit__name="Utbildningsnämnden").sections == ["goals"]
    assert this_year.filter(org_unit__name="Hagaskolan", period__kind="monthly_report").exclude(state="draft").exists()
    annual = Report.objects.filter(period__kind="annual_report", period__end=date(2025, 12, 31))
    assert annual.filter(state="adopted", org_unit__name="Kommunstyrelsen").exists()
    # the planning year (issue 10 §3), made with each årshjul: 2026 is an election year, so Mål och
    # budget 2027 is due after the new council takes office; last year's steps planning 2026 read
    # the adopted Mål och budget and the frames the demo sets
    steps = dict(PlanningMilestone.objects.filter(calendar=calendar).values_list("kind", "due"))
    assert len(steps) == 7 and steps["goals_and_budget"] == date(2026, 11, 30)
    last = {p.milestone.kind: p for p in progress(PlanningCalendar.objects.get(year=2025))}
    assert last["goals_and_budget"].done and last["frames"].done and not last["operational_plan"].done
    # this year's carry-over of 2025's results is decided by the council (issue 11 §1)
    assert {p.milestone.kind: p for p in progress(calendar)}["carry_over"].done
    # issue 15 §3, §4: a strategy with goals of its own past its review date, and quality factors
    # answering the Education Act and the management system regulation
    strategy = GoverningDocument.objects.get(title="Energi- och klimatstrategi (demo)")
    assert strategy.steers_in_parallel and strategy.review_by is not None and strategy.review_by < date(2026, 10, 20)
    assert set(QualityFactor.objects.filter(org_unit__name="Utbildningsnämnden").values_list("national_requirement", flat=True)) == {"skollagen-4-kap"}
    assert QualityFactor.objects.filter(org_unit__name="Omsorgsnämnden", national_requirement="sosfs-2011-9").exists()
    # all through the services, so all in the history
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"calendar.created", "calendar.adopted", "measurement.recorded", "assessment.recorded", "report.adopted", "comment.added"} <= actions
    assert AuditEvent.objects.filter(action="report.adopted").count() == Report.objects.filter(state="adopted").count()


def test_in_january_only_last_years_periods_have_ended_and_the_annual_report_is_under_way() -> None:
    _load(date(2027, 1, 12))  # 2026 is an election year: the new council adopted 2027's Mål och budget
    budget = Plan.objects.get(kind="goals_and_budget", year=2027)
    assert budget.state == "adopted" and budget.decision is not None and budget.decision.decided_on == date(2026, 11, 16)
    assert PlanningCalendar.objects.get(year=2027).state == "adopted"
    assert not Report.objects.filter(period__end__year=2027).exists()
    assert not Assessment.objects.exists()  # this year's goals have nothing ended to assess yet
    annual = {r.org_unit.name: r.state for r in Report.objects.filter(period__kind="annual_report").select_related("org_unit")}
    assert annual == {"Hagaskolan": "submitted", "Utbildningsnämnden": "submitted", "Omsorgsnämnden": "draft", "Kommunstyrelsen": "draft"}
    earlier = Report.objects.filter(period__end__year=2026).exclude(period__kind="annual_report")
    assert set(earlier.values_list("state", flat=True)) == {"reviewed", "adopted"}  # the last twelve months are reported
    assert Measurement.objects.filter(quality_indicator__isnull=False, period=date(2026, 12, 1)).exists()
    # every demo unit's core mission is written (Hagaskolan's was empty)
    below = OrgUnit.objects.filter(
        kind__in=["ADMINISTRATION", "OPERATION", "UNIT"],
        name__in=[
            "Hagaskolan",
            "Prästängsskolan",
            "Grundskola",
            "Vård och omsorg",
            "Särskilt boende Hagalund",
        ],
    )
    assert below.count() == 5
    for unit in below:
        mission = CoreMission.objects.get(org_unit=unit)
        assert mission.serves and mission.purpose, unit


def test_the_demo_pages_show_the_year_to_the_controller_and_the_unit_manager() -> None:
    _load(date(2026, 10, 20))
    client = Client()
    assert client.login(username="ks.controller", password="styr-demo")
    with time_machine.travel(datetime(2026, 10, 20, 10, 0, tzinfo=UTC), tick=False):
        calendar = client.get("/arshjul/2026/")
        overview = client.get("/oversikt/2026/")
        school = OrgUnit.objects.get(name="Utbildningsnämnden")
        report = Report.objects.filter(org_unit=school).order_by("-period__end").first()
        assert report is not None
        reporting = client.get(f"/enheter/{school.pk}/rapportering/{report.period.pk}/")
        start = client.get("/att-gora/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
        manager = Client()
        assert manager.login(username="enhetschef", password="styr-demo")
        manager_start = manager.get("/att-gora/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
        found = client.get("/sok/", {"q": "Hagaskolan"}).content.decode()
    assert calendar.status_code == overview.status_code == reporting.status_code == 200
    assert "Delårsrapport" in calendar.content.decode() or "Interim report" in calendar.content.decode()
    assert "Utbildningsnämnden" in overview.content.decode() and '<svg class="status-bar"' in overview.content.decode()
    assert "Rapporter att granska" in start and "Utbildningsnämnden" in start
    assert "Kommentarer som nämner dig" in manager_start and "Hagaskolan" in manager_start
    assert f'href="/enheter/{OrgUnit.objects.get(name="Hagaskolan").pk}/"' in found


def test_the_public_pages_show_the_committees_dialogue_with_citizens_one_comment_answered_and_one_waiting() -> None:
    _load(date(2026, 3, 10))
    dialogue = CitizenDialogue.objects.get()
    assert dialogue.goal is not None and dialogue.goal.state == "adopted" and dialogue.org_unit.name == "Utbildningsnämnden"
    assert dialogue.opens_on < date(2026, 3, 10) < dialogue.closes_on
    assert sorted(CitizenComment.objects.values_list("state", flat=True)) == ["approved", "pending"]
    with time_machine.travel(datetime(2026, 3, 10, 10, 0, tzinfo=UTC), tick=False):
        slug = dialogue.group.slug
        listing = Client().get(f"/offentlig/{slug}/dialog/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
        public = Client().get(f"/offentlig/{slug}/dialog/{dialogue.pk}/", HTTP_ACCEPT_LANGUAGE="sv")
        official = Client()
        assert official.login(username="uf.tjansteperson", password="styr-demo")
        moderation = official.get(f"/medborgardialog/{dialogue.pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert dialogue.title in listing and public.status_code == 200
    page = public.content.decode()
    assert "Fler vuxna ute på rasterna" in page and "Hagaskolan prövar i år rastvärdar" in page  # shown, with the answer
    assert "Mindre klasser" not in page  # waiting for moderation
    assert "Mindre klasser" in moderation and "Visa offentligt" in moderation
