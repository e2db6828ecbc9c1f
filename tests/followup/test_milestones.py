"""The planning year in the årshjul (issue 10 §3): the steps made with the calendar, moved before
KS adopts it, done when what they ask for exists (or confirmed by a controller), overdue on KS's
overview, on the page, the wheel and in iCalendar."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.services import budget_enter, frame_set, internal_budget_adopt, internal_budget_reopen
from styr.followup import services
from styr.followup.milestone_progress import MilestoneProgress, overdue_steps, progress
from styr.followup.milestones import milestone_confirm, milestone_move, milestones_add
from styr.followup.models import MilestoneConfirmation, PlanningCalendar, PlanningMilestone
from styr.organisation.services import org_unit_create, role_assign
from styr.planning import services as planning
from tests.conftest import TODAY, World

YEAR = 2027
PLAN_YEAR = YEAR + 1
BODIES = ["Kommunstyrelsen", "Nämnden för arbete och lärande", "Utbildningsnämnden", "Omsorgsnämnden", "Samhällsbyggnadsnämnden", "Kultur- och fritidsnämnden"]


def make(world: World) -> PlanningCalendar:
    return services.calendar_create(actor=world.users["ks_controller"], group=world.group, year=YEAR)


def step(calendar: PlanningCalendar, kind: str) -> PlanningMilestone:
    return PlanningMilestone.objects.select_related("calendar").get(calendar=calendar, kind=kind)


def adopt_plan(world: World, unit_name: str, on: date) -> None:
    plan = planning.plan_create(actor=None, org_unit=world.unit(unit_name), year=PLAN_YEAR)
    planning.plan_propose(actor=None, plan=plan)
    planning.plan_adopt(actor=None, plan=plan, decided_on=on, paragraph="§ 1", registration_number="2027-1")


def by_kind(calendar: PlanningCalendar) -> dict[str, MilestoneProgress]:
    return {p.milestone.kind: p for p in progress(PlanningCalendar.objects.get(pk=calendar.pk))}


def test_the_calendar_is_made_with_the_steps_that_plan_the_next_year(world: World) -> None:
    calendar = make(world)
    dues = dict(PlanningMilestone.objects.filter(calendar=calendar).values_list("kind", "due"))
    assert dues == {
        "carry_over": date(YEAR, 4, 30),
        "allocation_model": date(YEAR, 4, 30),
        "frames": date(YEAR, 6, 30),
        "goals_and_budget": date(YEAR, 6, 30),
        "internal_budget": date(YEAR, 11, 30),
        "operational_plan": date(YEAR, 11, 30),
        "internal_control_plan": date(YEAR, 11, 30),
    }
    event = AuditEvent.objects.get(action="calendar.created")
    assert "goals_and_budget 2027-06-30" in event.after["milestones"]


def test_an_election_years_calendar_has_the_new_council_adopt_mal_och_budget(world: World) -> None:
    calendar = services.calendar_create(actor=None, group=world.group, year=2026)
    due = step(calendar, "goals_and_budget").due
    assert due >= world.group.governance.council_takes_office(2026) and due.month == 11


def test_an_older_draft_gets_its_steps_once_and_an_adopted_one_none(world: World) -> None:
    calendar = make(world)
    PlanningMilestone.objects.filter(calendar=calendar).delete()
    with pytest.raises(NotAllowed):
        milestones_add(actor=world.users["committee_politician"], calendar=calendar)
    assert len(milestones_add(actor=world.users["ks_controller"], calendar=calendar)) == 7
    assert milestones_add(actor=world.users["ks_controller"], calendar=calendar) == []
    assert AuditEvent.objects.filter(action="calendar.milestones_added").count() == 1
    other = services.calendar_create(actor=None, group=world.group, year=YEAR + 1)
    PlanningMilestone.objects.filter(calendar=other).delete()
    services.calendar_adopt(actor=None, calendar=other, decided_on=date(YEAR, 12, 1), paragraph="§ 1", registration_number="1")
    with pytest.raises(RuleViolation) as err:
        milestones_add(actor=world.users["ks_controller"], calendar=other)
    assert err.value.code == "CAL-006"


def test_ks_controller_moves_a_step_before_adoption_within_the_rules(world: World) -> None:
    calendar = make(world)
    plans = step(calendar, "operational_plan")
    moved = milestone_move(actor=world.users["ks_controller"], milestone=plans, due=date(YEAR, 11, 20))
    assert moved.due == date(YEAR, 11, 20)
    event = AuditEvent.objects.get(action="calendar.milestone_moved")
    assert event.before == {"due": "2027-11-30"} and event.after["due"] == "2027-11-20"
    for due, code in ((date(YEAR + 1, 1, 10), "CAL-007"), (date(YEAR, 5, 1), "CAL-009")):
        with pytest.raises(RuleViolation) as err:
            milestone_move(actor=world.users["ks_controller"], milestone=plans, due=due)
        assert err.value.code == code
    for persona in ("committee_politician", "ks_politician", "outsider"):
        with pytest.raises(NotAllowed):
            milestone_move(actor=world.users[persona], milestone=plans, due=date(YEAR, 11, 25))
    services.calendar_adopt(actor=world.users["ks_politician"], calendar=calendar, decided_on=date(YEAR - 1, 12, 1), paragraph="§ 2", registration_number="2")
    with pytest.raises(RuleViolation) as err:
        milestone_move(actor=world.users["ks_controller"], milestone=plans, due=date(YEAR, 11, 25))
    assert err.value.code == "CAL-006"
    assert step(calendar, "operational_plan").due == date(YEAR, 11, 20)


def test_in_an_election_year_the_council_steps_cannot_move_before_the_new_council_takes_office(world: World) -> None:
    calendar = services.calendar_create(actor=None, group=world.group, year=2026)
    with pytest.raises(RuleViolation) as err:
        milestone_move(actor=world.users["ks_controller"], milestone=step(calendar, "frames"), due=date(2026, 10, 1))
    assert err.value.code == "CAL-008"


def test_plans_are_done_per_body_when_adopted_and_mal_och_budget_when_the_council_adopts_it(world: World) -> None:
    calendar = make(world)
    for name in BODIES[:4]:
        adopt_plan(world, name, date(YEAR, 11, 20))
    steps = by_kind(calendar)
    plans = steps["operational_plan"]
    assert (plans.done_count, plans.total, plans.checked) == (4, 6, True)  # "4 of 6"
    assert [s.body.name for s in plans.missing] == BODIES[4:]
    assert plans.missing[0].url == f"/enheter/{world.unit(BODIES[4]).pk}/plan/{PLAN_YEAR}/"
    assert not steps["goals_and_budget"].done
    adopt_plan(world, "Kommunfullmäktige", date(YEAR, 6, 20))
    assert by_kind(calendar)["goals_and_budget"].done


def test_the_frames_are_done_when_every_body_has_one_and_mal_och_budget_is_adopted(world: World) -> None:
    calendar = make(world)
    for name in BODIES:
        frame_set(actor=None, org_unit=world.unit(name), year=PLAN_YEAR, amount_tsek=Decimal("1000.0"))
    frames = by_kind(calendar)["frames"]
    assert frames.done_count == 0 and frames.total == 6  # proposals only: Mål och budget is not adopted
    # a missing step links to the body's frame page for the year planned, not to its unit page
    committee = world.unit("Utbildningsnämnden")
    assert {s.body: s.url for s in frames.missing}[committee] == f"/enheter/{committee.pk}/driftram/?ar={PLAN_YEAR}"
    adopt_plan(world, "Kommunfullmäktige", date(YEAR, 6, 20))
    assert by_kind(calendar)["frames"].done


def test_a_controller_confirms_a_step_no_checker_reads_with_date_and_name(world: World) -> None:
    calendar = make(world)
    model = step(calendar, "allocation_model")
    ks = world.unit("Kommunstyrelsen")
    controller = world.users["ks_controller"]
    with time_machine.travel(datetime(YEAR, 4, 25, 12, tzinfo=UTC), tick=False):
        confirmation = milestone_confirm(actor=controller, milestone=model, body=ks, note="Scenario B, KS § 41")
    assert (confirmation.confirmed_on, confirmation.confirmed_by_name) == (date(YEAR, 4, 25), "Ks Controller")
    assert milestone_confirm(actor=controller, milestone=model, body=ks) == confirmation  # again: nothing new
    event = AuditEvent.objects.get(action="calendar.milestone_confirmed")
    assert event.after["kind"] == "allocation_model" and event.org_unit == ks
    item = by_kind(calendar)["allocation_model"]
    assert (item.done_count, item.checked) == (1, False)
    # out of scope: a committee's controller, a politician, the outsider
    committee_controller = world.users["committee_politician"].__class__.objects.create_user(username="un_controller")
    role_assign(actor=None, user=committee_controller, org_unit=world.unit("Utbildningsnämnden"), role="CONTROLLER")
    for persona in (committee_controller, world.users["ks_politician"], world.users["outsider"]):
        with pytest.raises(NotAllowed):
            milestone_confirm(actor=persona, milestone=model, body=ks)
    # a step read from the data is not marked by hand; a body that does not answer for it neither
    for kind in ("operational_plan", "internal_budget"):
        with pytest.raises(RuleViolation) as err:
            milestone_confirm(actor=controller, milestone=step(calendar, kind), body=world.unit("Utbildningsnämnden"))
        assert err.value.code == "CAL-010"
    with pytest.raises(RuleViolation) as err:
        milestone_confirm(actor=controller, milestone=model, body=world.unit("Utbildningsnämnden"))
    assert err.value.code == "CAL-011"
    # adoption locks the days, not the completion
    MilestoneConfirmation.objects.all().delete()
    services.calendar_adopt(actor=None, calendar=calendar, decided_on=date(YEAR - 1, 12, 1), paragraph="§ 3", registration_number="3")
    milestone_confirm(actor=controller, milestone=model, body=ks)
    assert MilestoneConfirmation.objects.count() == 1


def test_an_internal_budget_is_done_when_its_committee_adopted_it_and_open_again_when_reopened(world: World) -> None:
    calendar = make(world)
    committee, school = world.unit("Utbildningsnämnden"), world.unit("Hagaskolan")
    frame_set(actor=None, org_unit=committee, year=PLAN_YEAR, amount_tsek=Decimal("1200.0"))
    adopt_plan(world, "Kommunfullmäktige", date(YEAR, 6, 20))  # the council adopts the frame with Mål och budget (ECON-013)
    budget_enter(actor=None, org_unit=school, year=PLAN_YEAR, key="even", total_sek="1200000")
    assert by_kind(calendar)["internal_budget"].done_count == 0
    internal_budget_adopt(
        actor=world.users["committee_politician"],
        committee=committee,
        year=PLAN_YEAR,
        decided_on=date(YEAR, 11, 19),
        paragraph="§ 88",
        registration_number="UN 2026/88",
    )
    item = by_kind(calendar)["internal_budget"]
    assert item.checked and item.done_count == 1 and [b.body for b in item.bodies if b.done] == [committee]
    overdue = overdue_steps(world.users["ks_controller"], group=world.group, year=YEAR, today=date(YEAR, 12, 10))
    assert committee not in [o.step.body for o in overdue if o.progress.milestone.kind == "internal_budget"]
    internal_budget_reopen(actor=world.users["committee_politician"], committee=committee, year=PLAN_YEAR, reason="KS justerade ramen")
    assert by_kind(calendar)["internal_budget"].done_count == 0


def test_steps_past_their_day_and_not_done_are_overdue_per_body_the_user_sees(world: World) -> None:
    make(world)
    adopt_plan(world, "Utbildningsnämnden", date(YEAR, 11, 20))
    ks = overdue_steps(world.users["ks_controller"], group=world.group, year=YEAR, today=date(YEAR, 12, 10))
    found = {(o.progress.milestone.kind, o.step.body.name) for o in ks}
    assert ("goals_and_budget", "Kommunfullmäktige") in found and ("operational_plan", "Omsorgsnämnden") in found
    assert ("operational_plan", "Utbildningsnämnden") not in found
    assert not overdue_steps(world.users["ks_controller"], group=world.group, year=YEAR, today=date(YEAR, 4, 1))
    own = overdue_steps(world.users["other_committee_politician"], group=world.group, year=YEAR, today=date(YEAR, 12, 10))
    assert {o.step.body.name for o in own} == {"Omsorgsnämnden"}


@time_machine.travel(datetime(YEAR, 12, 10, 12, tzinfo=UTC), tick=False)
def test_ks_overview_names_overdue_steps_with_links_and_its_queries_do_not_grow(world: World) -> None:
    make(world)
    client = world.client("ks_controller")
    url = f"/oversikt/{YEAR}/"
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Planeringssteg som är försenade" in body and "Verksamhetsplaner för 2028" in body
    assert f'href="/enheter/{world.unit("Omsorgsnämnden").pk}/plan/{PLAN_YEAR}/"' in body
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(10):
        org_unit_create(actor=None, group=world.group, parent=world.unit("Grundskola"), kind="UNIT", name=f"Skola {n}", valid_from=TODAY)
    adopt_plan(world, "Utbildningsnämnden", date(YEAR, 11, 20))

    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)

    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)


def test_the_page_lists_the_steps_moves_and_confirms_them_and_refuses_with_the_rule(world: World) -> None:
    calendar = make(world)
    client = world.client("ks_controller")
    page = client.get(f"/arshjul/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Mål och budget 2028" in page and "Verksamhetsplaner för 2028" in page and "0 av 6" in page
    assert 'class="event-milestone"' in page  # on the wheel too, with its text
    plans = step(calendar, "operational_plan")
    late = client.post(f"/arshjul/{YEAR}/", {"action": "milestone_move", "milestone": plans.pk, "due": f"{YEAR + 1}-01-05"})
    assert late.status_code == 422 and "CAL-007" in late.content.decode()
    ok = client.post(f"/arshjul/{YEAR}/", {"action": "milestone_move", "milestone": plans.pk, "due": f"{YEAR}-11-25"})
    assert ok.status_code == 302 and step(calendar, "operational_plan").due == date(YEAR, 11, 25)
    # EDIT-001: the page posts the version it showed; a move from a page read before that one is refused
    assert (
        f'name="milestone" value="{plans.pk}"><input type="hidden" name="version" value="{plans.version + 1}">'
        in client.get(f"/arshjul/{YEAR}/").content.decode()
    )
    stale = client.post(f"/arshjul/{YEAR}/", {"action": "milestone_move", "milestone": plans.pk, "version": plans.version, "due": f"{YEAR}-11-27"})
    assert stale.status_code == 409 and "EDIT-001" in stale.content.decode()
    assert step(calendar, "operational_plan").due == date(YEAR, 11, 25)
    ks = world.unit("Kommunstyrelsen")
    model = step(calendar, "allocation_model")
    assert client.post(f"/arshjul/{YEAR}/", {"action": "milestone_confirm", "milestone": model.pk, "body": ks.pk}).status_code == 302
    assert "bekräftat" in client.get(f"/arshjul/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    PlanningMilestone.objects.filter(calendar=calendar).delete()
    assert "Lägg till planeringsstegen" in client.get(f"/arshjul/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert client.post(f"/arshjul/{YEAR}/", {"action": "milestones_add"}).status_code == 302
    assert PlanningMilestone.objects.filter(calendar=calendar).count() == 7
    assert world.client("committee_politician").post(f"/arshjul/{YEAR}/", {"action": "milestones_add"}).status_code == 403


def test_the_icalendar_export_holds_the_steps_as_events(world: World) -> None:
    import icalendar

    make(world)
    text = world.client("unit_manager").get(f"/arshjul/{YEAR}/arshjul.ics", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    events = [e for e in icalendar.Calendar.from_ical(text).walk("VEVENT") if "MILESTONE" in str(e["CATEGORIES"].to_ical())]
    assert len(events) == 7
    summaries = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events}
    assert summaries["Mål och budget 2028: Kommunfullmäktige"] == date(YEAR, 6, 30)
    assert summaries["Verksamhetsplaner för 2028: varje nämnd och kommunstyrelsen"] == date(YEAR, 11, 30)
    assert all(str(e["UID"]).startswith("milestone-") for e in events)
