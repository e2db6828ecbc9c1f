"""KS's overview in the API (issue 13 §4): what the overview page shows, read from the same
selectors with the same permission; tried by KS, a committee politician (its own committee only)
and the outsider."""

from datetime import UTC, date, datetime

import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.followup.milestone_progress import overdue_steps
from styr.followup.models import ReportingPeriod
from styr.followup.overview import ks_overview
from styr.organisation.services import org_unit_create
from styr.planning import services as planning
from tests.api.test_api_planning import Api, refused
from tests.conftest import TODAY, World
from tests.followup.test_overview import YEAR, setup

APRIL = datetime(YEAR, 4, 20, 12, 0, tzinfo=UTC)


@time_machine.travel(APRIL, tick=False)
def test_ks_reads_every_body_with_what_needs_attention_first(world: World) -> None:
    feb = setup(world)
    answer = Api(world, "ks_controller").get(f"/ks-overview/{YEAR}")
    assert answer.status_code == 200, answer.content
    overview = answer.json()
    assert (overview["year"], overview["today"], overview["economy_month"]) == (YEAR, f"{YEAR}-04-20", 3)
    periods, bodies = ks_overview(world.users["ks_controller"], group=world.group, year=YEAR, today=date(YEAR, 4, 20))
    assert [p["id"] for p in overview["periods"]] == [p.pk for p in periods]
    assert {b["id"] for b in overview["bodies"]} == {b.unit.pk for b in bodies}
    school = overview["bodies"][0]  # a late report and a goal not achieved: first, as on the page
    assert school["name"] == "Utbildningsnämnden" and school["kind"] == "COMMITTEE"
    reports = {r["period_id"]: r["state"] for r in school["reports"]}
    assert reports[feb.pk] == "submitted" and list(reports.values()).count(None) == len(periods) - 1
    march = ReportingPeriod.objects.get(group=world.group, kind="monthly_report", end=date(YEAR, 3, 31), org_unit__isnull=True)
    assert (school["latest_period_id"], school["latest_due"], school["report_overdue"], school["reported"]) == (march.pk, f"{YEAR}-04-15", True, 1)
    assert school["goals"] == 2
    assert school["statuses"] == [{"code": "achieved", "label": "Uppfyllt", "count": 1}, {"code": "not_achieved", "label": "Ej uppfyllt", "count": 1}]
    assert [d["title"] for d in school["deviations"]] == ["Dåligt"]
    assert (school["indicators_without_owner"], school["indicators_without_values"]) == (1, 1)
    assert [(a["title"], a["deadline"]) for a in school["overdue_assignments"]] == [("Sen utredning", f"{YEAR}-03-01")]
    assert school["internal_control"] is not None and school["internal_control"]["plan_state"] == ""
    assert school["directive_answers"] == []
    care = next(b for b in overview["bodies"] if b["name"] == "Omsorgsnämnden")
    assert care["statuses"] == [] and care["reported"] == 0
    # the economy columns: a row per body the reader sees, and the totals
    assert {row["unit_id"] for row in overview["economy"]} <= {b["id"] for b in overview["bodies"]}
    assert all(row["unit_id"] is None for row in overview["economy_totals"])


@time_machine.travel(APRIL, tick=False)
def test_a_period_narrows_the_reports_to_that_period(world: World) -> None:
    feb = setup(world)
    overview = Api(world, "ks_controller").get(f"/ks-overview/{YEAR}?period={feb.pk}").json()
    assert [p["id"] for p in overview["periods"]] == [feb.pk] and overview["periods"][0]["kind"] == "monthly_report"
    school = next(b for b in overview["bodies"] if b["name"] == "Utbildningsnämnden")
    assert school["reports"] == [{"period_id": feb.pk, "state": "submitted"}]
    other_year = ReportingPeriod.objects.filter(group=world.group).exclude(end__year=YEAR).first()
    refused(Api(world, "ks_controller").get(f"/ks-overview/{YEAR}?period=999999"), 404, "NOT-FOUND")
    assert other_year is None or Api(world, "ks_controller").get(f"/ks-overview/{YEAR}?period={other_year.pk}").status_code == 404


@time_machine.travel(APRIL, tick=False)
def test_a_committee_politician_reads_only_its_own_committee_and_the_outsider_nothing(world: World) -> None:
    setup(world)
    overview = Api(world, "committee_politician").get(f"/ks-overview/{YEAR}").json()
    assert [b["name"] for b in overview["bodies"]] == ["Utbildningsnämnden"]
    assert {row["unit_id"] for row in overview["economy"]} <= {overview["bodies"][0]["id"]}
    refused(Api(world, "outsider").get(f"/ks-overview/{YEAR}"), 403, "PERM-001")
    refused(Api(world, "ks_controller").get("/ks-overview/tjugo"), 422, "INPUT-001")


@time_machine.travel(datetime(YEAR, 12, 20, 12, 0, tzinfo=UTC), tick=False)
def test_the_planning_steps_past_their_day_are_named_on_each_body_as_on_the_page(world: World) -> None:
    setup(world)
    steps = overdue_steps(world.users["ks_controller"], group=world.group, year=YEAR, today=date(YEAR, 12, 20))
    assert steps  # nothing is planned for the year after in this world
    overview = Api(world, "ks_controller").get(f"/ks-overview/{YEAR}").json()
    assert [(s["body_id"], s["due"]) for s in overview["overdue_steps"]] == [(s.step.body.pk, s.progress.milestone.due.isoformat()) for s in steps]
    bodies = {b["id"] for b in overview["bodies"]}
    named = {(b["id"], s["due"]) for b in overview["bodies"] for s in b["overdue_steps"]}
    assert named == {(s.step.body.pk, s.progress.milestone.due.isoformat()) for s in steps if s.step.body.pk in bodies}
    assert any(s["body_name"] == "Kommunfullmäktige" for s in overview["overdue_steps"])  # the council's, beside the bodies
    assert all(s["title"] and s["url"].startswith("/") for b in overview["bodies"] for s in b["overdue_steps"])


@time_machine.travel(APRIL, tick=False)
def test_the_overviews_queries_do_not_grow_with_the_organisation(world: World) -> None:
    setup(world)
    ks = Api(world, "ks_controller")
    ks.get(f"/ks-overview/{YEAR}")  # the token's first use, and the caches, before counting
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as before:
        assert ks.get(f"/ks-overview/{YEAR}").status_code == 200
    for n in range(25):
        unit = org_unit_create(actor=None, group=world.group, parent=world.unit("Grundskola"), kind="UNIT", name=f"Skola {n}", valid_from=TODAY)
        planning.goal_create(actor=None, org_unit=unit, title=f"Mål {n}", start_year=YEAR, end_year=YEAR)
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as after:
        overview = ks.get(f"/ks-overview/{YEAR}").json()
    assert next(b for b in overview["bodies"] if b["name"] == "Utbildningsnämnden")["goals"] == 27
    assert len(after.captured_queries) == len(before.captured_queries)
