"""Dialogue between levels: comment threads on goals, assessments and reports; mentions notify."""

from datetime import date

import pytest
from django.core import mail

from styr.core.errors import NotAllowed
from styr.domain.errors import RuleViolation
from styr.followup import services
from styr.followup.dialogue import comment_add, mentioned, thread
from styr.followup.models import Comment, ReportingPeriod
from styr.planning import services as planning
from tests.conftest import World


def test_mentions_are_read_from_the_text() -> None:
    assert mentioned("Hej @unit_manager och @ks_controller, se @unit_manager.") == ["unit_manager", "ks_controller"]
    assert mentioned("mejla anna@example.se") == []


def test_a_comment_on_a_goal_notifies_the_mentioned_who_can_see_it(world: World, django_capture_on_commit_callbacks: object) -> None:
    for name in ("unit_manager", "other_committee_politician"):
        user = world.users[name]
        user.email = f"{name}@alvesta.example"
        user.save()
    goal = planning.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Lugna raster", start_year=2027, end_year=2027)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        comment_add(actor=world.users["committee_politician"], goal=goal, text="Hur går det, @unit_manager och @other_committee_politician?")
    assert [m.to for m in mail.outbox] == [["unit_manager@alvesta.example"]]  # the other committee's politician cannot see the goal
    assert [c.text for c in thread(user=world.users["unit_manager"], goal=goal)] == ["Hur går det, @unit_manager och @other_committee_politician?"]
    with pytest.raises(NotAllowed):
        comment_add(actor=world.users["auditor"], goal=goal, text="Revisorn ändrar inget.")
    with pytest.raises(RuleViolation) as err:
        comment_add(actor=world.users["unit_manager"], goal=goal, text="  ")
    assert err.value.code == "FU-010"


def test_comments_on_assessments_and_reports(world: World) -> None:
    calendar = services.calendar_create(actor=None, group=world.group, year=2027)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(2027, 2, 28))
    goal = planning.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Mål", start_year=2027, end_year=2027)
    assessment = services.assessment_record(actor=None, period=feb, goal=goal, status="not_assessed")
    report = services.report_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), period=feb)
    comment_add(actor=world.users["ks_controller"], assessment=assessment, text="Varför ej bedömt?")
    comment_add(actor=world.users["administration_official"], report=report, text="Nämnden får rapporten i mars.")
    assert Comment.objects.filter(assessment=assessment).count() == 1 and Comment.objects.filter(report=report).count() == 1


def test_the_goal_page_shows_the_thread_and_takes_a_comment(world: World) -> None:
    goal = planning.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Lugna raster", start_year=2027, end_year=2027)
    client = world.client("unit_manager")
    assert client.post(f"/mal/{goal.pk}/kommentarer/", {"text": "Rastvärdarna är på plats."}).status_code == 302
    body = client.get(f"/mal/{goal.pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Rastvärdarna är på plats." in body
    refused = client.post(f"/mal/{goal.pk}/kommentarer/", {"text": ""})
    assert refused.status_code == 422 and "FU-010" in refused.content.decode()
