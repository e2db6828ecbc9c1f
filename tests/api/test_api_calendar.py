"""KS's årshjul in the API (issue 13 §4): calendars, their reporting periods and the committees'
own monthly reports, read by everyone in the group and written through the page's services (their
permissions, rules CAL-001…CAL-006 and audit); each tried by someone allowed, someone out of scope
and the outsider."""

from datetime import date

from styr.core.models import AuditEvent
from styr.followup import services
from styr.followup.models import PlanningCalendar, PlanningMilestone, ReportingPeriod
from tests.api.test_api_planning import Api, audited, refused
from tests.conftest import World

YEAR = 2027
MINIMUM = [2, 3, 5, 9, 10, 11]


def make(world: World) -> PlanningCalendar:
    return services.calendar_create(actor=None, group=world.group, year=YEAR, interim_report_month=4)


def adopt(calendar: PlanningCalendar) -> None:
    services.calendar_adopt(actor=None, calendar=calendar, decided_on=date(YEAR - 1, 12, 1), paragraph="§ 1", registration_number="KS 2026/1")


def test_everyone_in_the_group_reads_the_calendars_and_the_outsider_does_not(world: World) -> None:
    make(world)
    listed = Api(world, "unit_manager").get("/planning-calendars")
    assert listed.status_code == 200 and listed.json()["count"] == 1
    item = listed.json()["items"][0]
    assert (item["year"], item["state"], item["decision"]) == (YEAR, "draft", None)
    assert item["ics_url"] == f"http://testserver/arshjul/{YEAR}/arshjul.ics"
    one = Api(world, "auditor").get(f"/planning-calendars/{YEAR}")
    assert one.status_code == 200 and one.json() == item
    refused(Api(world, "unit_manager").get(f"/planning-calendars/{YEAR + 1}"), 404, "NOT-FOUND")
    assert Api(world, "outsider").get("/planning-calendars").status_code in (403, 404)
    assert Api(world, "outsider").get(f"/planning-calendars/{YEAR}").status_code in (403, 404)


def test_the_ics_link_is_the_pages_icalendar_for_the_same_login(world: World) -> None:
    make(world)
    url = Api(world, "unit_manager").get(f"/planning-calendars/{YEAR}").json()["ics_url"]
    answer = world.client("unit_manager").get(url.removeprefix("http://testserver"))
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/calendar")


def test_ks_controller_creates_the_calendar_with_the_pages_options_and_others_may_not(world: World) -> None:
    for persona in ("ks_politician", "committee_politician", "auditor"):
        refused(Api(world, persona).post("/planning-calendars", {"year": YEAR}), 403, "PERM-001")
    assert Api(world, "outsider").post("/planning-calendars", {"year": YEAR}).status_code in (403, 404)
    refused(Api(world, "ks_controller").post("/planning-calendars", {"year": YEAR, "interim_report_month": 8}), 422, "CAL-003")
    refused(Api(world, "ks_controller").post("/planning-calendars", {"year": YEAR, "quality_report_months": [13]}), 422, "CAL-002")
    assert not PlanningCalendar.objects.exists()
    created = Api(world, "ks_controller").post("/planning-calendars", {"year": YEAR, "interim_report_month": 4, "quality_report_months": [6, 11]})
    assert created.status_code == 201, created.content
    assert (created.json()["year"], created.json()["state"]) == (YEAR, "draft")
    calendar = PlanningCalendar.objects.get(group=world.group, year=YEAR)
    kinds = sorted(ReportingPeriod.objects.filter(calendar=calendar).values_list("kind", flat=True))
    assert kinds.count("quality_report") == 2 and kinds.count("interim_report") == 1
    assert audited("calendar.created", calendar).actor == world.users["ks_controller"]
    refused(Api(world, "ks_controller").post("/planning-calendars", {"year": YEAR}), 409, "CAL-005")
    assert PlanningCalendar.objects.count() == 1


def test_ks_adopts_the_calendar_and_it_is_locked(world: World) -> None:
    """CAL-006: after adoption every write to the årshjul answers 409."""
    make(world)
    decision = {"decided_on": f"{YEAR - 1}-12-01", "paragraph": "§ 201", "registration_number": "KS 2026/450"}
    refused(Api(world, "ks_controller").post(f"/planning-calendars/{YEAR}/adoption", decision), 403, "PERM-001")
    refused(Api(world, "committee_politician").post(f"/planning-calendars/{YEAR}/adoption", decision), 403, "PERM-001")
    assert Api(world, "outsider").post(f"/planning-calendars/{YEAR}/adoption", decision).status_code in (403, 404)
    refused(Api(world, "ks_politician").post(f"/planning-calendars/{YEAR}/adoption", {**decision, "paragraph": " "}), 422, "INPUT-001")
    assert PlanningCalendar.objects.get().state == "draft"
    adopted = Api(world, "ks_politician").post(f"/planning-calendars/{YEAR}/adoption", decision)
    assert adopted.status_code == 200, adopted.content
    assert adopted.json()["state"] == "adopted"
    assert adopted.json()["decision"] == {"date": f"{YEAR - 1}-12-01", "paragraph": "§ 201", "registration_number": "KS 2026/450"}
    calendar = PlanningCalendar.objects.get()
    assert calendar.state == "adopted" and calendar.decision is not None and calendar.decision.body == world.unit("Kommunstyrelsen")
    assert audited("calendar.adopted", calendar).actor == world.users["ks_politician"]
    refused(Api(world, "ks_politician").post(f"/planning-calendars/{YEAR}/adoption", decision), 409, "CAL-006")
    assert AuditEvent.objects.filter(action="calendar.adopted").count() == 1


def test_reporting_periods_are_listed_with_their_deadlines_and_filtered(world: World) -> None:
    calendar = make(world)
    services.calendar_create(actor=None, group=world.group, year=YEAR + 1)
    school = world.unit("Utbildningsnämnden")
    services.committee_months_set(actor=None, calendar=calendar, committee=school, months=[*MINIMUM, 6])
    manager = Api(world, "unit_manager")
    year = manager.get(f"/reporting-periods?year={YEAR}&limit=100").json()
    assert year["count"] == 6 + 1 + 1 + 1 + 1  # the minimum, interim accounts and report, annual report, the committee's June
    february = next(p for p in year["items"] if p["kind"] == "monthly_report" and p["end"] == f"{YEAR}-02-28")
    assert february["year"] == YEAR and february["org_unit_id"] is None and february["kind_label"]
    due = {d["level"]: d["due"] for d in february["deadlines"]}
    assert due["UNIT"] < due["ADMINISTRATION"] < due["COMMITTEE"] < due["EXECUTIVE_BOARD"]
    annual = manager.get("/reporting-periods?kind=annual_report").json()
    assert [p["year"] for p in annual["items"]] == [YEAR, YEAR + 1]
    june = [p for p in manager.get(f"/reporting-periods?year={YEAR}&kind=monthly_report&limit=100").json()["items"] if p["org_unit_id"] is not None]
    assert [(p["end"], p["org_unit_id"]) for p in june] == [(f"{YEAR}-06-30", school.pk)]
    # a filter by unit gives the group's periods and that committee's own
    care = Api(world, "other_committee_politician").get(f"/reporting-periods?year={YEAR}&org_unit={world.unit('Omsorgsnämnden').pk}&limit=100").json()
    assert care["count"] == year["count"] - 1
    got = manager.get(f"/reporting-periods/{february['id']}")
    assert got.status_code == 200 and got.json() == february
    # out of scope: a unit the reader does not see; the outsider sees nothing
    refused(manager.get(f"/reporting-periods?org_unit={world.unit('Omsorgsnämnden').pk}"), 404, "NOT-FOUND")
    assert Api(world, "outsider").get("/reporting-periods").status_code in (403, 404)
    assert Api(world, "outsider").get(f"/reporting-periods/{february['id']}").status_code in (403, 404)
    refused(manager.get("/reporting-periods/999999"), 404, "NOT-FOUND")
    refused(manager.get("/reporting-periods?kind=weekly"), 422, "INPUT-001")


def test_a_committee_sets_its_own_monthly_reports_keeping_ks_minimum(world: World) -> None:
    calendar = make(world)
    school = world.unit("Utbildningsnämnden")
    path = f"/planning-calendars/{YEAR}/committee-months/{school.pk}"
    answer = Api(world, "committee_politician").put(path, {"months": [*MINIMUM, 4, 6]})
    assert answer.status_code == 200, answer.content
    assert answer.json()["committee_id"] == school.pk
    assert [p["end"] for p in answer.json()["periods"]] == [f"{YEAR}-04-30", f"{YEAR}-06-30"]
    assert sorted(ReportingPeriod.objects.filter(calendar=calendar, org_unit=school).values_list("end__month", flat=True)) == [4, 6]
    event = AuditEvent.objects.get(action="calendar.committee_months_set")
    assert event.actor == world.users["committee_politician"] and event.after == {"extra_months": [4, 6]}
    refused(Api(world, "committee_politician").put(path, {"months": [2, 3]}), 422, "CAL-001")
    refused(Api(world, "committee_politician").put(path, {"months": [*MINIMUM, 14]}), 422, "CAL-002")
    # out of scope: another committee's politician does not see the committee; its administration's official may not choose
    refused(Api(world, "other_committee_politician").put(path, {"months": MINIMUM}), 404, "NOT-FOUND")
    refused(Api(world, "administration_official").put(path, {"months": MINIMUM}), 403, "PERM-001")
    assert Api(world, "outsider").put(path, {"months": MINIMUM}).status_code in (403, 404)
    assert ReportingPeriod.objects.filter(calendar=calendar, org_unit=school).count() == 2
    adopt(calendar)
    refused(Api(world, "committee_politician").put(path, {"months": MINIMUM}), 409, "CAL-006")
    assert ReportingPeriod.objects.filter(calendar=calendar, org_unit=school).count() == 2


def test_an_older_draft_gets_the_planning_years_steps_once_and_an_adopted_one_none(world: World) -> None:
    calendar = make(world)
    PlanningMilestone.objects.filter(calendar=calendar).delete()  # an årshjul made before the steps existed
    path = f"/planning-calendars/{YEAR}/milestone-additions"
    refused(Api(world, "committee_politician").post(path), 403, "PERM-001")
    refused(Api(world, "ks_politician").post(path), 403, "PERM-001")
    assert Api(world, "outsider").post(path).status_code in (403, 404)
    assert not PlanningMilestone.objects.filter(calendar=calendar).exists()
    added = Api(world, "ks_controller").post(path)
    assert added.status_code == 200, added.content
    assert len(added.json()) == 7 and added.json()[0]["kind"] == "carry_over"
    assert PlanningMilestone.objects.filter(calendar=calendar).count() == 7
    assert audited("calendar.milestones_added", calendar).actor == world.users["ks_controller"]
    assert Api(world, "ks_controller").post(path).json() == []
    assert AuditEvent.objects.filter(action="calendar.milestones_added").count() == 1
    PlanningMilestone.objects.filter(calendar=calendar).delete()
    adopt(calendar)
    refused(Api(world, "ks_controller").post(path), 409, "CAL-006")
    assert not PlanningMilestone.objects.filter(calendar=calendar).exists()
