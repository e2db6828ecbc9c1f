"""The årshjul's deadlines, meetings and report requirements in the API (issue 13 §4): read by
everyone in the group, written through the page's services (CAL-004, CAL-006, FU-014, FU-015), each
tried by someone allowed, someone out of scope and the outsider."""

from datetime import date

from styr.core.models import AuditEvent
from styr.followup import services
from styr.followup.models import Meeting, ReportingPeriod, ReportRequirement
from tests.api.test_api_calendar import YEAR, adopt, make
from tests.api.test_api_planning import Api, audited, refused
from tests.conftest import World


def test_deadlines_are_listed_earliest_first_and_filtered(world: World) -> None:
    calendar = make(world)
    interim = ReportingPeriod.objects.get(calendar=calendar, kind="interim_accounts")
    manager = Api(world, "unit_manager")
    everything = manager.get(f"/deadlines?year={YEAR}&limit=100").json()
    dues = [d["due"] for d in everything["items"]]
    assert everything["count"] > 9 and dues == sorted(dues)
    own = manager.get(f"/deadlines?period={interim.pk}&limit=100").json()["items"]
    assert {d["period_id"] for d in own} == {interim.pk} and {d["period_kind"] for d in own} == {"interim_accounts"}
    assert {d["level"] for d in own} >= {"UNIT", "ADMINISTRATION", "COMMITTEE", "EXECUTIVE_BOARD"}
    ks = manager.get(f"/deadlines?year={YEAR}&level=EXECUTIVE_BOARD&limit=100").json()
    assert ks["count"] == ReportingPeriod.objects.filter(calendar=calendar).count()
    assert manager.get(f"/deadlines?year={YEAR + 1}").json()["count"] == 0
    refused(manager.get("/deadlines?level=KING"), 422, "INPUT-001")
    assert Api(world, "outsider").get("/deadlines").status_code in (403, 404)


def test_ks_controller_adds_a_meeting_after_the_bodys_deadline_and_others_may_not(world: World) -> None:
    calendar = make(world)
    interim = ReportingPeriod.objects.get(calendar=calendar, kind="interim_accounts")
    school = world.unit("Utbildningsnämnden")
    path = f"/planning-calendars/{YEAR}/meetings"
    body = {"body": school.pk, "date": f"{YEAR}-09-22", "title": "Delårsbokslut", "period": interim.pk}
    refused(Api(world, "ks_controller").post(path, {**body, "date": f"{YEAR}-09-01"}), 422, "CAL-004")
    refused(Api(world, "committee_politician").post(path, body), 403, "PERM-001")
    refused(Api(world, "ks_politician").post(path, body), 403, "PERM-001")
    assert Api(world, "outsider").post(path, body).status_code in (403, 404)
    refused(Api(world, "ks_controller").post(path, {**body, "period": 999999}), 404, "NOT-FOUND")
    assert not Meeting.objects.exists()
    added = Api(world, "ks_controller").post(path, body)
    assert added.status_code == 201, added.content
    meeting = Meeting.objects.get()
    assert added.json() == {"id": meeting.pk, "year": YEAR, "body_id": school.pk, "date": f"{YEAR}-09-22", "title": "Delårsbokslut", "period_id": interim.pk}
    assert audited("calendar.meeting_added", meeting).actor == world.users["ks_controller"]
    adopt(calendar)
    refused(Api(world, "ks_controller").post(path, {**body, "date": f"{YEAR}-10-01"}), 409, "CAL-006")
    assert Meeting.objects.count() == 1


def test_meetings_are_listed_by_year_and_body(world: World) -> None:
    calendar = make(world)
    school, care = world.unit("Utbildningsnämnden"), world.unit("Omsorgsnämnden")
    for body, day in ((care, 20), (school, 10)):
        services.meeting_add(actor=None, calendar=calendar, body=body, on=date(YEAR, 10, day), title=f"Möte {body.short_name}")
    politician = Api(world, "committee_politician")
    listed = politician.get(f"/meetings?year={YEAR}").json()
    assert [m["title"] for m in listed["items"]] == [f"Möte {school.short_name}", f"Möte {care.short_name}"]
    assert [m["body_id"] for m in politician.get(f"/meetings?body={school.pk}").json()["items"]] == [school.pk]
    refused(politician.get(f"/meetings?body={care.pk}"), 404, "NOT-FOUND")  # out of scope: a body it does not see
    assert politician.get(f"/meetings?year={YEAR + 1}").json()["count"] == 0
    assert Api(world, "outsider").get("/meetings").status_code in (403, 404)


def test_report_requirements_are_read_by_the_group_and_set_by_ks_and_the_bodies(world: World) -> None:
    calendar = make(world)
    school = world.unit("Utbildningsnämnden")
    base = f"/planning-calendars/{YEAR}/report-requirements"
    listed = Api(world, "unit_manager").get(base).json()
    assert {(r["kind"], r["org_unit_id"], tuple(r["sections"])) for r in listed["items"]} == {
        ("interim_accounts", None, ("analysis",)),
        ("annual_report", None, ("analysis",)),
    }
    assert Api(world, "unit_manager").get(f"/planning-calendars/{YEAR + 1}/report-requirements").json()["count"] == 0
    assert Api(world, "outsider").get(base).status_code in (403, 404)
    # KS's minimum: KS's controllers only, with the kinds and keys Styr knows (FU-015)
    refused(Api(world, "committee_politician").put(base, {"sections": {"monthly_report": ["goals"]}}), 403, "PERM-001")
    assert Api(world, "outsider").put(base, {"sections": {"monthly_report": ["goals"]}}).status_code in (403, 404)
    refused(Api(world, "ks_controller").put(base, {"sections": {"weekly": ["goals"]}}), 422, "FU-015")
    refused(Api(world, "ks_controller").put(base, {"sections": {"monthly_report": ["poetry"]}}), 422, "FU-015")
    set_ = Api(world, "ks_controller").put(base, {"sections": {"monthly_report": ["goals", "economy"]}})
    assert set_.status_code == 200, set_.content
    assert set_.json() == {
        "org_unit_id": None,
        "sections": {"interim_accounts": ["analysis"], "annual_report": ["analysis"], "monthly_report": ["goals", "economy"]},
    }
    assert ReportRequirement.objects.get(calendar=calendar, kind="monthly_report", org_unit__isnull=True).sections == ["goals", "economy"]
    assert AuditEvent.objects.filter(action="calendar.report_sections_set", actor=world.users["ks_controller"]).count() == 1
    # a committee's own sections keep KS's minimum (FU-014)
    own = f"{base}/{school.pk}"
    refused(Api(world, "committee_politician").put(own, {"sections": {"monthly_report": ["analysis"]}}), 422, "FU-014")
    refused(Api(world, "other_committee_politician").put(own, {"sections": {"monthly_report": ["goals", "economy"]}}), 404, "NOT-FOUND")
    refused(Api(world, "committee_politician").put(f"{base}/{world.unit('Hagaskolan').pk}", {"sections": {"monthly_report": ["goals"]}}), 422, "FU-014")
    added = Api(world, "committee_politician").put(own, {"sections": {"monthly_report": ["goals", "economy", "analysis"]}})
    assert added.status_code == 200, added.content
    assert added.json() == {"org_unit_id": school.pk, "sections": {"monthly_report": ["analysis"]}}
    event = AuditEvent.objects.get(action="calendar.body_sections_set")
    assert event.actor == world.users["committee_politician"] and event.after == {"monthly_report": ["analysis"]}
    bodies = {(r["kind"], r["org_unit_id"]) for r in Api(world, "auditor").get(f"{base}?limit=100").json()["items"]}
    assert ("monthly_report", school.pk) in bodies
    adopt(calendar)
    refused(Api(world, "ks_controller").put(base, {"sections": {"monthly_report": ["goals"]}}), 409, "CAL-006")
    refused(Api(world, "committee_politician").put(own, {"sections": {"monthly_report": ["goals", "economy"]}}), 409, "CAL-006")
    assert ReportRequirement.objects.get(calendar=calendar, kind="monthly_report", org_unit=school).sections == ["analysis"]
