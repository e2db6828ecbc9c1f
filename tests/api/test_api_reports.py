"""Reports and their way to a decision, assessments and comments in the API (issue 13 §4), with
the reporting page's permissions and rules: a report in the wrong state answers 409 (FU-007)."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail

from styr.core.models import AuditEvent
from styr.followup import services
from styr.followup.models import Assessment, Comment, Report, ReportingPeriod
from styr.planning.models import DevelopmentGoal
from styr.planning.services import goal_create, indicator_create
from tests.api.test_api_planning import as_, audited, refused
from tests.conftest import YEAR, World


@pytest.fixture
def february(world: World) -> ReportingPeriod:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    return ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))


@pytest.fixture
def goal(world: World) -> DevelopmentGoal:
    goal = goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Alla elever når målen", start_year=YEAR, end_year=YEAR)
    indicator_create(actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78), target_year=YEAR, target_value=Decimal(86))
    return goal


OTHERS = [("auditor", 403, "PERM-001"), ("outsider", 404, "NOT-FOUND"), ("other_committee_politician", 404, "NOT-FOUND")]


def _report(world: World, period: ReportingPeriod, unit: str = "Utbildningsnämnden") -> Report:
    return services.report_create(actor=None, org_unit=world.unit(unit), period=period)


# --- Reports ---------------------------------------------------------------------------------


def test_a_committees_report_goes_to_its_decision_through_the_api(world: World, february: ReportingPeriod) -> None:
    official = as_(world, "administration_official")
    unit = world.unit("Utbildningsnämnden").pk
    created = official.post("/reports", {"org_unit": unit, "period": february.pk, "analysis": "Februari i korthet."})
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["state"], body["org_unit_id"], body["period_kind"], body["period_end"]) == ("draft", unit, "monthly_report", f"{YEAR}-02-28")
    pk = body["id"]
    report = Report.objects.get(pk=pk)
    assert report.analysis == "Februari i korthet." and audited("report.created", report).actor == world.users["administration_official"]
    written = official.patch(f"/reports/{pk}", {"analysis": "Februari: fler behöriga."})
    assert written.status_code == 200 and Report.objects.get(pk=pk).analysis == "Februari: fler behöriga."
    assert audited("report.written", report).after == {"analysis": "Februari: fler behöriga."}
    assert official.post(f"/reports/{pk}/submit").json()["state"] == "submitted"
    refused(official.post(f"/reports/{pk}/review"), 403, "PERM-001")
    controller = as_(world, "ks_controller")
    assert controller.post(f"/reports/{pk}/return").json()["state"] == "draft"
    official.post(f"/reports/{pk}/submit")
    reviewed = controller.post(f"/reports/{pk}/review").json()
    assert reviewed["state"] == "reviewed" and reviewed["reviewed_at"]
    decision = {"decided_on": f"{YEAR}-03-20", "paragraph": "§ 12", "registration_number": "UN 2026/30"}
    decided = dict(decision)
    refused(controller.post(f"/reports/{pk}/adopt", decision), 403, "PERM-001")
    adopted = as_(world, "committee_politician").post(f"/reports/{pk}/adopt", decision)
    assert adopted.status_code == 200, adopted.content
    assert adopted.json()["state"] == "adopted" and adopted.json()["decision"] == decided
    stored = Report.objects.get(pk=pk)
    assert stored.state == "adopted" and stored.snapshot_sha256 == adopted.json()["snapshot_sha256"] != ""
    refused(official.patch(f"/reports/{pk}", {"analysis": "Ändrat i efterhand."}), 409, "FU-007")  # adopted: as decided
    assert Report.objects.get(pk=pk).analysis == "Februari: fler behöriga."
    actions = list(AuditEvent.objects.filter(object_id=str(pk), action__startswith="report.").values_list("action", flat=True).order_by("id"))
    assert actions == ["report.created", "report.written", "report.submitted", "report.returned", "report.submitted", "report.reviewed", "report.adopted"]


def test_a_report_in_the_wrong_state_answers_409_fu_007(world: World, february: ReportingPeriod) -> None:
    pk = _report(world, february).pk
    controller = as_(world, "ks_controller")
    refused(controller.post(f"/reports/{pk}/review"), 409, "FU-007")
    decision = {"decided_on": f"{YEAR}-03-20", "paragraph": "§ 12", "registration_number": "UN 2026/30"}
    refused(as_(world, "committee_politician").post(f"/reports/{pk}/adopt", decision), 409, "FU-007")
    controller.post(f"/reports/{pk}/submit")
    refused(controller.post(f"/reports/{pk}/submit"), 409, "FU-007")
    assert Report.objects.get(pk=pk).state == "submitted"


def test_one_report_per_unit_and_period_and_a_units_report_ends_reviewed(world: World, february: ReportingPeriod) -> None:
    controller = as_(world, "ks_controller")
    _report(world, february)
    refused(controller.post("/reports", {"org_unit": world.unit("Utbildningsnämnden").pk, "period": february.pk}), 422, "FU-008")
    school = _report(world, february, "Hagaskolan")
    controller.post(f"/reports/{school.pk}/submit")
    controller.post(f"/reports/{school.pk}/review")
    decision = {"decided_on": f"{YEAR}-03-20", "paragraph": "§ 1", "registration_number": "1"}
    refused(as_(world, "committee_politician").post(f"/reports/{school.pk}/adopt", decision), 403, "PERM-001")  # no body adopts a unit's report
    assert Report.objects.get(pk=school.pk).state == "reviewed"


@pytest.mark.parametrize(("persona", "status", "code"), OTHERS)
def test_others_may_not_start_a_report(world: World, february: ReportingPeriod, persona: str, status: int, code: str) -> None:
    refused(as_(world, persona).post("/reports", {"org_unit": world.unit("Utbildningsnämnden").pk, "period": february.pk}), status, code)
    assert not Report.objects.exists()


def test_reports_are_listed_to_those_who_see_the_unit_and_filtered(world: World, february: ReportingPeriod) -> None:
    committee = _report(world, february)
    care = _report(world, february, "Omsorgsnämnden")
    services.report_submit(actor=None, report=care)
    controller = as_(world, "ks_controller")
    assert controller.get("/reports").json()["count"] == 2
    assert [r["id"] for r in controller.get("/reports?state=submitted").json()["items"]] == [care.pk]
    assert controller.get(f"/reports?year={YEAR}&period={february.pk}").json()["count"] == 2
    assert controller.get(f"/reports?year={YEAR + 1}").json()["count"] == 0
    assert [r["id"] for r in controller.get(f"/reports?org_unit={world.unit('Utbildningsnämnden').pk}").json()["items"]] == [committee.pk]
    assert [r["id"] for r in as_(world, "committee_politician").get("/reports").json()["items"]] == [committee.pk]
    assert as_(world, "committee_politician").get(f"/reports/{committee.pk}").json()["state"] == "draft"
    refused(as_(world, "committee_politician").get(f"/reports/{care.pk}"), 404, "NOT-FOUND")
    assert as_(world, "outsider").get("/reports").json()["count"] == 0
    refused(as_(world, "outsider").get(f"/reports/{committee.pk}"), 404, "NOT-FOUND")
    refused(controller.get("/reports?state=beslutad"), 422, "INPUT-001")


# --- Assessments -----------------------------------------------------------------------------


def test_an_official_records_a_goals_status_for_the_period(world: World, february: ReportingPeriod, goal: DevelopmentGoal) -> None:
    official = as_(world, "administration_official")
    body = {"period": february.pk, "goal": goal.pk, "status": "partly_achieved", "analysis": "Framsteg i åk 9."}
    created = official.post("/assessments", body)
    assert created.status_code == 201, created.content
    answer = created.json()
    assert (answer["status"], answer["goal_id"], answer["org_unit_id"], answer["period_end"]) == ("partly_achieved", goal.pk, goal.org_unit_id, f"{YEAR}-02-28")
    stored = Assessment.objects.get(goal=goal, period=february)
    assert stored.analysis == "Framsteg i åk 9." and audited("assessment.recorded", stored).actor == world.users["administration_official"]
    changed = official.post("/assessments", {**body, "status": "achieved"})
    assert changed.status_code == 200 and Assessment.objects.get(pk=stored.pk).status == "achieved"
    listed = as_(world, "committee_politician").get(f"/assessments?period={february.pk}&goal={goal.pk}").json()
    assert [a["id"] for a in listed["items"]] == [stored.pk]
    assert as_(world, "ks_controller").get(f"/assessments?year={YEAR + 1}").json()["count"] == 0
    assert as_(world, "other_committee_politician").get("/assessments").json()["count"] == 0
    assert as_(world, "outsider").get("/assessments").json()["count"] == 0


def test_an_assessments_rules_hold_in_the_api(world: World, february: ReportingPeriod, goal: DevelopmentGoal) -> None:
    official = as_(world, "administration_official")
    refused(official.post("/assessments", {"period": february.pk, "goal": goal.pk, "status": "perfekt"}), 422, "MODEL-002")
    refused(official.post("/assessments", {"period": february.pk, "status": "achieved"}), 422, "INPUT-001")  # neither goal nor assignment
    report = _report(world, february)
    services.report_submit(actor=None, report=report)
    services.report_review(actor=None, report=report)
    services.report_adopt(actor=None, report=report, decided_on=date(YEAR, 3, 20), paragraph="§ 12", registration_number="UN 2026/30")
    body = {"period": february.pk, "goal": goal.pk, "status": "achieved", "reason": "Sent"}
    refused(as_(world, "ks_controller").post("/assessments", body), 409, "FU-012")
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(("persona", "status", "code"), OTHERS)
def test_others_may_not_record_an_assessment(world: World, february: ReportingPeriod, goal: DevelopmentGoal, persona: str, status: int, code: str) -> None:
    refused(as_(world, persona).post("/assessments", {"period": february.pk, "goal": goal.pk, "status": "achieved"}), status, code)
    assert not Assessment.objects.exists()


# --- Comments --------------------------------------------------------------------------------


def test_comments_on_a_goal_and_a_report_with_a_mention(
    world: World, february: ReportingPeriod, goal: DevelopmentGoal, django_capture_on_commit_callbacks: Any
) -> None:
    world.users["ks_controller"].email = "controller@example.se"
    world.users["ks_controller"].save()
    politician = as_(world, "committee_politician")
    with django_capture_on_commit_callbacks(execute=True):
        created = politician.post(f"/goals/{goal.pk}/comments", {"text": "Hur går det i åk 9? @ks_controller"})
    assert created.status_code == 201, created.content
    assert created.json()["author_name"] == "Committee Politician" and created.json()["goal_id"] == goal.pk
    comment = Comment.objects.get(goal=goal)
    assert audited("comment.added", comment).after == {"text": "Hur går det i åk 9? @ks_controller"}
    assert [c["text"] for c in as_(world, "ks_controller").get(f"/goals/{goal.pk}/comments").json()["items"]] == [comment.text]
    report = _report(world, february)
    assert as_(world, "ks_controller").post(f"/reports/{report.pk}/comments", {"text": "Bra analys."}).status_code == 201
    assert [c["text"] for c in politician.get(f"/reports/{report.pk}/comments").json()["items"]] == ["Bra analys."]
    refused(politician.post(f"/reports/{report.pk}/comments", {"text": "   "}), 422, "INPUT-001")
    assert Comment.objects.count() == 2
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["controller@example.se"]


@pytest.mark.parametrize(("persona", "status", "code"), OTHERS)
def test_others_may_not_comment(world: World, goal: DevelopmentGoal, persona: str, status: int, code: str) -> None:
    refused(as_(world, persona).post(f"/goals/{goal.pk}/comments", {"text": "Hej"}), status, code)
    assert not Comment.objects.exists()
    if status == 404:
        refused(as_(world, persona).get(f"/goals/{goal.pk}/comments"), 404, "NOT-FOUND")
