"""The start page "Att göra" (issue 8, point 6): what waits for me — reports to write, review or
adopt with their deadlines, overdue items I own, comments that mention me, my units."""

from datetime import UTC, date, datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.followup import dialogue, services
from styr.followup.models import ReportingPeriod
from styr.organisation.services import org_unit_create
from styr.planning import services as planning
from tests.conftest import TODAY, World

YEAR = 2027
NOW = datetime(YEAR, 4, 1, 9, 0, tzinfo=UTC)


def setup(world: World) -> ReportingPeriod:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    school, care = world.unit("Utbildningsnämnden"), world.unit("Omsorgsnämnden")
    services.report_create(actor=None, org_unit=world.unit("Hagaskolan"), period=feb)  # a draft
    submitted = services.report_create(actor=None, org_unit=school, period=feb)
    services.report_submit(actor=None, report=submitted)
    reviewed = services.report_create(actor=None, org_unit=care, period=feb)
    services.report_submit(actor=None, report=reviewed)
    services.report_review(actor=None, report=reviewed)
    services.meeting_add(actor=None, calendar=calendar, body=care, on=date(YEAR, 4, 8), title="Sammanträde", period=feb)
    goal = planning.goal_create(
        actor=None,
        org_unit=world.unit("Hagaskolan"),
        title="Trygga raster",
        start_year=YEAR,
        end_year=YEAR,
        measurable=False,
        owner=world.users["unit_manager"],
    )
    dialogue.comment_add(actor=world.users["administration_official"], goal=goal, text="@unit_manager hur går det med rastvärdarna?")
    dialogue.comment_add(actor=world.users["administration_official"], goal=goal, text="@unit_manager2 ska inte räknas")
    return feb


@time_machine.travel(NOW, tick=False)
def test_the_unit_manager_sees_the_draft_to_write_the_overdue_goal_and_the_mention(world: World) -> None:
    setup(world)
    body = world.client("unit_manager").get("/att-gora/").content.decode()
    assert "Rapporter att skriva och skicka in" in body and "Hagaskolan" in body
    assert f"{YEAR}-03-05" in body and "försenad" in body  # the unit's deadline for February, passed
    march = body.split("Månadsrapport 2027-03")[1].split("</tr>")[0]
    assert "inte påbörjad" in march and f"{YEAR}-04-05" in march and "försenad" not in march  # ended, no report yet, still in time
    assert "Bedömning av ”Trygga raster”" in body or "Trygga raster" in body.split("Försenat som du äger")[1]
    assert "hur går det med rastvärdarna" in body and "ska inte räknas" not in body
    assert "Rapporter att granska" not in body and "Rapporter att fastställa" not in body
    assert "Utbildningsnämnden" not in body  # another unit's report is not the unit manager's


@time_machine.travel(NOW, tick=False)
def test_the_controller_reviews_and_the_politician_adopts_only_their_own_committees_report(world: World) -> None:
    setup(world)
    controller = world.client("ks_controller").get("/att-gora/").content.decode()
    assert "Rapporter att granska" in controller and "Utbildningsnämnden" in controller
    assert "Rapporter att fastställa" not in controller  # a controller prepares, politicians adopt
    care_politician = world.client("other_committee_politician").get("/att-gora/").content.decode()
    assert "Rapporter att fastställa" in care_politician and "Omsorgsnämnden" in care_politician
    assert f"{YEAR}-04-08" in care_politician and "försenad" not in care_politician  # it waits for the meeting, not late
    assert "Utbildningsnämnden" not in care_politician
    school_politician = world.client("committee_politician").get("/att-gora/").content.decode()
    assert "Rapporter att fastställa" not in school_politician and "Omsorgsnämnden" not in school_politician


def test_after_login_and_at_the_root_the_person_lands_on_the_start_page(world: World) -> None:
    client = world.client(None)
    response = client.post("/konto/logga-in/", {"username": "unit_manager", "password": "test-pass-123"})
    assert response.status_code == 302 and response["Location"] == "/att-gora/"
    assert client.get("/")["Location"] == "/att-gora/"
    outsider = world.client("outsider").get("/att-gora/").content.decode()
    assert "ingen roll" in outsider
    assert world.client(None).get("/att-gora/").status_code == 302  # anonymous: to the login


@time_machine.travel(NOW, tick=False)
def test_the_start_page_queries_do_not_grow_with_the_number_of_units(world: World) -> None:
    setup(world)
    client = world.client("ks_controller")
    client.get("/att-gora/")
    with CaptureQueriesContext(connection) as before:
        client.get("/att-gora/")
    feb = ReportingPeriod.objects.get(end=date(YEAR, 2, 28), kind="monthly_report")
    for n in range(20):
        unit = org_unit_create(actor=None, group=world.group, parent=world.unit("Grundskola"), kind="UNIT", name=f"Skola {n}", valid_from=TODAY)
        planning.goal_create(actor=None, org_unit=unit, title=f"Mål {n}", start_year=YEAR, end_year=YEAR, owner=world.users["ks_controller"])
        report = services.report_create(actor=None, org_unit=unit, period=feb)
        services.report_submit(actor=None, report=report)
    with CaptureQueriesContext(connection) as after:
        body = client.get("/att-gora/").content.decode()
    assert "Skola 19" in body
    assert len(after.captured_queries) == len(before.captured_queries)


@time_machine.travel(NOW, tick=False)
def test_the_administrations_official_writes_the_committees_report_not_one_of_its_own(world: World) -> None:
    setup(world)
    body = world.client("administration_official").get("/att-gora/").content.decode()
    written = body.split("Rapporter att skriva och skicka in")[1].split("</table>")[0]
    assert "Utbildningsnämnden" in written and "Månadsrapport 2027-03" in written
    assert "Utbildningsförvaltningen" not in written


@time_machine.travel(NOW, tick=False)
def test_the_mentions_on_reports_are_read_in_a_fixed_number_of_queries(world: World) -> None:
    """A mention on a report names the report (its period and unit): no query per comment."""
    from styr.followup.models import Report

    setup(world)
    reports = list(Report.objects.order_by("pk"))
    client = world.client("ks_controller")
    dialogue.comment_add(actor=None, report=reports[0], text="@ks_controller se hit")
    client.get("/att-gora/")
    with CaptureQueriesContext(connection) as before:
        client.get("/att-gora/")
    for n, report in enumerate(reports * 2):
        dialogue.comment_add(actor=None, report=report, text=f"@ks_controller nummer {n}")
    with CaptureQueriesContext(connection) as after:
        body = client.get("/att-gora/").content.decode()
    assert "nummer 5" in body
    assert len(after.captured_queries) == len(before.captured_queries)
