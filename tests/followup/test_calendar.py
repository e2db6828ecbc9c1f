"""KS's årshjul: made from the model, committees choose more months, meetings, adoption, the wheel and iCalendar."""

from datetime import date

import pytest

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.followup import services
from styr.followup.models import Deadline, PlanningCalendar, PlanningMilestone, ReportingPeriod
from tests.conftest import World

YEAR = 2027


def make(world: World) -> PlanningCalendar:
    return services.calendar_create(actor=world.users["ks_controller"], group=world.group, year=YEAR, interim_report_month=4)


def test_ks_controller_creates_the_calendar_from_the_model_with_staggered_deadlines(world: World) -> None:
    calendar = make(world)
    periods = ReportingPeriod.objects.filter(calendar=calendar)
    assert periods.count() == 6 + 1 + 1 + 1  # monthly minimum, interim accounts, interim report, annual report
    february = periods.get(kind="monthly_report", end=date(YEAR, 2, 28))
    due = dict(Deadline.objects.filter(period=february).values_list("level", "due"))
    assert due["UNIT"] < due["ADMINISTRATION"] < due["COMMITTEE"] < due["EXECUTIVE_BOARD"]
    assert AuditEvent.objects.filter(action="calendar.created").exists()
    with pytest.raises(RuleViolation) as err:
        make(world)
    assert err.value.code == "CAL-005"


@pytest.mark.parametrize("persona", ["committee_politician", "auditor", "outsider", "administration_official"])
def test_only_controllers_covering_ks_make_the_calendar(world: World, persona: str) -> None:
    with pytest.raises(NotAllowed):
        services.calendar_create(actor=world.users[persona], group=world.group, year=YEAR)
    assert not PlanningCalendar.objects.exists()


def test_a_committee_reports_more_often_but_never_below_the_minimum(world: World) -> None:
    calendar = make(world)
    committee = world.unit("Utbildningsnämnden")
    minimum = list(world.group.governance.reporting.monthly_minimum_months)
    rows = services.committee_months_set(actor=world.users["committee_politician"], calendar=calendar, committee=committee, months=[*minimum, 4, 6])
    assert sorted(r.end.month for r in rows) == [4, 6]  # April's interim report is another kind of report
    with pytest.raises(RuleViolation) as err:
        services.committee_months_set(actor=world.users["committee_politician"], calendar=calendar, committee=committee, months=[2, 3])
    assert err.value.code == "CAL-001"
    assert ReportingPeriod.objects.filter(org_unit=committee).count() == 2
    with pytest.raises(NotAllowed):
        services.committee_months_set(actor=world.users["other_committee_politician"], calendar=calendar, committee=committee, months=minimum)


def test_a_meeting_before_the_deadline_is_refused_and_ks_adopts_the_calendar(world: World) -> None:
    calendar = make(world)
    period = ReportingPeriod.objects.get(calendar=calendar, kind="interim_accounts")
    body = world.unit("Utbildningsnämnden")
    with pytest.raises(RuleViolation) as err:
        services.meeting_add(actor=world.users["ks_controller"], calendar=calendar, body=body, on=date(YEAR, 9, 1), title="Delårsbokslut", period=period)
    assert err.value.code == "CAL-004"
    services.meeting_add(actor=world.users["ks_controller"], calendar=calendar, body=body, on=date(YEAR, 9, 22), title="Delårsbokslut", period=period)
    with pytest.raises(NotAllowed):
        services.calendar_adopt(
            actor=world.users["ks_controller"], calendar=calendar, decided_on=date(YEAR - 1, 12, 1), paragraph="§ 1", registration_number="1"
        )
    adopted = services.calendar_adopt(
        actor=world.users["ks_politician"], calendar=calendar, decided_on=date(YEAR - 1, 12, 1), paragraph="§ 201", registration_number="2026-00450"
    )
    assert adopted.state == "adopted" and adopted.decision is not None and adopted.decision.body == world.unit("Kommunstyrelsen")
    with pytest.raises(RuleViolation) as err:
        services.meeting_add(actor=world.users["ks_controller"], calendar=calendar, body=body, on=date(YEAR, 10, 1), title="x")
    assert err.value.code == "CAL-006"


def test_the_calendar_page_shows_the_wheel_and_the_list_and_exports_icalendar(world: World) -> None:
    make(world)
    client = world.client("unit_manager")
    body = client.get(f"/arshjul/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'role="img"' in body and '<title id="wheel-title">' in body and "<table" in body
    assert body.count("<circle") > 30  # one dot per deadline in the year, the hub
    ics = client.get(f"/arshjul/{YEAR}/arshjul.ics")
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    text = ics.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.rstrip().endswith("END:VCALENDAR")
    assert text.count("BEGIN:VEVENT") == Deadline.objects.count() + PlanningMilestone.objects.count()  # and the planning steps (issue 10 §3)
    assert f"DTSTART;VALUE=DATE:{YEAR}0305" in text  # units' deadline for February
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert world.client("outsider").get(f"/arshjul/{YEAR}/").status_code == 403


def test_the_page_creates_and_refuses_with_the_rule(world: World) -> None:
    client = world.client("ks_controller")
    assert client.post(f"/arshjul/{YEAR}/", {"action": "create", "interim_report_month": "8"}).status_code == 422
    assert not PlanningCalendar.objects.exists()
    assert client.post(f"/arshjul/{YEAR}/", {"action": "create"}).status_code == 302
    calendar = PlanningCalendar.objects.get()
    committee = world.unit("Utbildningsnämnden")
    response = client.post(f"/arshjul/{YEAR}/", {"action": "months", "committee": committee.pk, "months": ["2"]})
    assert response.status_code == 422 and "CAL-001" in response.content.decode()
    assert not ReportingPeriod.objects.filter(calendar=calendar, org_unit=committee).exists()


def test_a_meeting_is_added_from_the_page_and_refused_before_the_deadline(world: World) -> None:
    calendar = make(world)
    period = ReportingPeriod.objects.get(calendar=calendar, kind="interim_accounts")
    body = world.unit("Utbildningsnämnden")
    client = world.client("ks_controller")
    early = client.post(f"/arshjul/{YEAR}/", {"action": "meeting", "body": body.pk, "date": f"{YEAR}-09-01", "title": "Delår", "period": period.pk})
    assert early.status_code == 422 and "CAL-004" in early.content.decode()
    ok = client.post(f"/arshjul/{YEAR}/", {"action": "meeting", "body": body.pk, "date": f"{YEAR}-09-22", "title": "Delår", "period": period.pk})
    assert ok.status_code == 302
    assert "Utbildningsnämnden: Delår" in client.get(f"/arshjul/{YEAR}/arshjul.ics").content.decode().replace("\r\n ", "")


def test_the_icalendar_export_parses_and_its_uids_do_not_follow_the_host(world: World) -> None:
    """A subscribed calendar must not double its events when Styr's address changes (issue 8, point 5)."""
    import icalendar
    import vobject

    calendar = make(world)
    body = world.unit("Utbildningsnämnden")
    period = ReportingPeriod.objects.get(calendar=calendar, kind="interim_accounts")
    services.meeting_add(actor=world.users["ks_controller"], calendar=calendar, body=body, on=date(YEAR, 9, 22), title="Delår, nämnd; möte", period=period)
    client = world.client("unit_manager")
    uids: list[list[str]] = []
    for host in ("127.0.0.1", "localhost"):
        text = client.get(f"/arshjul/{YEAR}/arshjul.ics", HTTP_HOST=host).content.decode()
        parsed = icalendar.Calendar.from_ical(text)
        events = list(parsed.walk("VEVENT"))
        assert len(events) == Deadline.objects.count() + PlanningMilestone.objects.count() + 1
        uids.append([str(event["UID"]) for event in events])
        assert all(host not in uid for uid in uids[-1])
        assert any(str(event["SUMMARY"]) == "Utbildningsnämnden: Delår, nämnd; möte" for event in events)
        other = vobject.readOne(text)
        assert sorted(str(e.uid.value) for e in other.vevent_list) == sorted(uids[-1])
    assert uids[0] == uids[1]
    assert len(set(uids[0])) == len(uids[0])
    assert all(uid.endswith(f".{world.group.slug}@styr") for uid in uids[0])
