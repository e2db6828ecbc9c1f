"""KS's overview: reporting completeness, status spread, owners, values, overdue assignments and deviations."""

from datetime import UTC, date, datetime
from decimal import Decimal

import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.followup import services
from styr.followup.models import ReportingPeriod
from styr.followup.overview import ks_overview, unit_rollup
from styr.organisation.models import OrgUnit
from styr.organisation.services import org_unit_create
from styr.planning import services as planning
from styr.planning.models import GoalIndicator
from tests.conftest import TODAY, World

YEAR = 2027


def setup(world: World) -> ReportingPeriod:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    unit = world.unit("Utbildningsnämnden")
    good = planning.goal_create(actor=None, org_unit=unit, title="Bra", start_year=YEAR, end_year=YEAR, owner=world.users["committee_politician"])
    bad = planning.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Dåligt", start_year=YEAR, end_year=YEAR)
    planning.indicator_create(actor=None, goal=bad, name="Utan ägare och värden", baseline_year=YEAR - 1, baseline_value=Decimal(1))
    services.assessment_record(actor=None, period=feb, goal=good, status="achieved", analysis="")
    services.assessment_record(actor=None, period=feb, goal=bad, status="not_achieved", analysis="")
    planning.assignment_create(
        actor=None, issuer=unit, receiver=world.unit("Utbildningsförvaltningen"), year=YEAR, title="Sen utredning", deadline=date(YEAR, 3, 1)
    )
    report = services.report_create(actor=None, org_unit=unit, period=feb)
    services.report_submit(actor=None, report=report)
    return feb


def test_ks_sees_every_committee_and_what_needs_attention(world: World) -> None:
    feb = setup(world)
    _periods, bodies = ks_overview(world.users["ks_controller"], group=world.group, year=YEAR, today=date(YEAR, 4, 1))
    school = next(b for b in bodies if b.unit.name == "Utbildningsnämnden")
    assert school.reports[feb.pk] == "submitted" and school.reported == 1
    assert school.statuses == {"achieved": 1, "not_achieved": 1}
    assert [d.title for d in school.deviations] == ["Dåligt"]
    assert school.indicators_without_owner == 1 and school.indicators_without_values == 1
    assert [a.title for a in school.overdue_assignments] == ["Sen utredning"]
    care = next(b for b in bodies if b.unit.name == "Omsorgsnämnden")
    assert care.reported == 0 and not care.statuses
    assert {b.unit.kind for b in bodies} >= {"COMMITTEE", "EXECUTIVE_BOARD", "PARENT_COMPANY", "COMPANY"}
    assert unit_rollup(world.users["ks_controller"], unit=world.unit("Utbildningsnämnden"), period=feb) == {"achieved": 1, "not_achieved": 1}


def test_the_groups_figures_are_kept_until_a_change_and_a_change_shows_at_once(world: World) -> None:
    """KS's figures over the whole group are kept while nothing in the group changes (a request that
    finds them reads no indicator), and a change made through a service shows on the next request."""
    setup(world)
    ks = world.users["ks_controller"]
    cache.clear()
    with CaptureQueriesContext(connection) as first:
        ks_overview(ks, group=world.group, year=YEAR, today=date(YEAR, 4, 1))
    with CaptureQueriesContext(connection) as kept:
        _periods, again = ks_overview(ks, group=world.group, year=YEAR, today=date(YEAR, 4, 1))
    assert any("planning_qualityindicator" in q["sql"] for q in first.captured_queries)
    assert not any("planning_qualityindicator" in q["sql"] for q in kept.captured_queries)
    assert len(kept.captured_queries) < len(first.captured_queries)
    school = next(b for b in again if b.unit.name == "Utbildningsnämnden")
    assert school.indicators_without_owner == 1 and school.indicators_without_values == 1
    assert [a.title for a in school.overdue_assignments] == ["Sen utredning"]
    # an owner given and a value recorded: the next request counts afresh
    indicator = GoalIndicator.objects.get(goal__title="Dåligt")
    planning.indicator_update(actor=None, indicator=indicator, owner=world.users["unit_manager"])
    _periods, after = ks_overview(ks, group=world.group, year=YEAR, today=date(YEAR, 4, 1))
    assert next(b for b in after if b.unit.name == "Utbildningsnämnden").indicators_without_owner == 0
    services.measurement_record(actor=None, indicator=indicator, period=date(YEAR, 3, 1), value=Decimal(4))
    _periods, after = ks_overview(ks, group=world.group, year=YEAR, today=date(YEAR, 4, 1))
    assert next(b for b in after if b.unit.name == "Utbildningsnämnden").indicators_without_values == 0
    # another day: the overdue assignments are a matter of the date, so they are counted for it
    _periods, later = ks_overview(ks, group=world.group, year=YEAR, today=date(YEAR, 2, 1))
    assert not next(b for b in later if b.unit.name == "Utbildningsnämnden").overdue_assignments


def test_a_committee_politician_sees_only_its_own_committee(world: World) -> None:
    setup(world)
    _, bodies = ks_overview(world.users["committee_politician"], group=world.group, year=YEAR, today=date(YEAR, 4, 1))
    assert [b.unit.name for b in bodies] == ["Utbildningsnämnden"]


@time_machine.travel(datetime(YEAR, 4, 1, 12, 0, tzinfo=UTC), tick=False)
def test_the_overview_page_links_to_each_unit_and_its_queries_do_not_grow(world: World) -> None:
    setup(world)
    client = world.client("ks_controller")
    url = f"/oversikt/{YEAR}/"
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert f'href="/enheter/{world.unit("Utbildningsnämnden").pk}/"' in body and "Sen utredning" in body and "Dåligt" in body
    assert '<img src="data:image/svg+xml;base64,' in body and "Uppfyllt 1" in body  # the status spread, with its text
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(25):
        unit = org_unit_create(actor=None, group=world.group, parent=world.unit("Grundskola"), kind="UNIT", name=f"Skola {n}", valid_from=TODAY)
        planning.goal_create(actor=None, org_unit=unit, title=f"Mål {n}", start_year=YEAR, end_year=YEAR)
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)
    assert world.client("outsider").get(url).status_code == 403


def test_the_cascade_shows_how_lower_goals_stand_under_each_council_goal(world: World) -> None:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    council_goal = planning.goal_create(actor=None, org_unit=world.unit("Kommunfullmäktige"), title="Fler invånare", start_year=YEAR, end_year=YEAR)
    school = planning.goal_create(
        actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Attraktiv skola", start_year=YEAR, end_year=YEAR, contributes_to=[council_goal]
    )
    services.assessment_record(actor=None, period=feb, goal=school, status="not_achieved")
    indicator = planning.indicator_create(actor=None, goal=school, name="Sökande", baseline_year=YEAR - 1, baseline_value=Decimal(1))
    services.measurement_record(actor=None, indicator=indicator, period=date(YEAR, 2, 1), value=Decimal(2))
    with CaptureQueriesContext(connection) as queries:
        body = world.client("ks_controller").get(f"/mal/kaskad/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Attraktiv skola" in body and "<strong>Ej uppfyllt</strong>" in body
    # titles, units and statuses: at 2,000 units, reading every indicator's values took two minutes
    assert not any("followup_measurement" in q["sql"] for q in queries.captured_queries)


def test_indicators_without_values_are_counted_for_the_year_asked(world: World) -> None:
    """The latest month with a value is kept on each indicator; a later year's value does not
    hide that a past year had none."""
    unit = world.unit("Hagaskolan")
    goal = planning.goal_create(actor=None, org_unit=unit, title="Långt mål", start_year=YEAR - 1, end_year=YEAR + 1)
    last_year = planning.indicator_create(actor=None, goal=goal, name="Förra året", baseline_year=YEAR - 2, baseline_value=Decimal(1))
    this_year = planning.indicator_create(actor=None, goal=goal, name="I år", baseline_year=YEAR - 2, baseline_value=Decimal(1))
    next_year = planning.indicator_create(actor=None, goal=goal, name="Nästa år", baseline_year=YEAR - 2, baseline_value=Decimal(1))
    planning.indicator_create(actor=None, goal=goal, name="Aldrig", baseline_year=YEAR - 2, baseline_value=Decimal(1))
    services.measurement_record(actor=None, indicator=last_year, period=date(YEAR - 1, 11, 1), value=Decimal(2))
    services.measurement_record(actor=None, indicator=this_year, period=date(YEAR, 5, 1), value=Decimal(2))
    services.measurement_record(actor=None, indicator=this_year, period=date(YEAR, 2, 1), value=Decimal(2))  # an earlier month keeps the latest
    services.measurement_record(actor=None, indicator=next_year, period=date(YEAR + 1, 1, 1), value=Decimal(2))
    this_year.refresh_from_db()
    assert this_year.last_period == date(YEAR, 5, 1)
    factor = planning.quality_factor_create(actor=None, org_unit=unit, title="Trygghet")
    quality = planning.quality_indicator_create(actor=None, factor=factor, name="Trygga elever", direction="higher")
    services.quality_value_record(actor=None, indicator=quality, period=date(YEAR, 3, 1), value=Decimal(90))

    def without_values(year: int) -> int:
        _, bodies = ks_overview(world.users["ks_controller"], group=world.group, year=year, today=date(YEAR, 6, 1))
        return next(b for b in bodies if b.unit.name == "Utbildningsnämnden").indicators_without_values

    assert without_values(YEAR) == 3  # last year's, next year's and the one never measured; not this year's nor the quality indicator
    assert without_values(YEAR - 1) == 4  # only last year's has a value then, and the quality indicator has none
    assert without_values(YEAR + 1) == 4  # only next year's has a value then


def test_the_overview_lists_five_variances_and_counts_the_rest(world: World) -> None:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    mar = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 3, 31))
    for n in range(7):
        unit = org_unit_create(actor=None, group=world.group, parent=world.unit("Grundskola"), kind="UNIT", name=f"Skola {n}", valid_from=TODAY)
        goal = planning.goal_create(actor=None, org_unit=unit, title=f"Mål {n}", start_year=YEAR, end_year=YEAR)
        services.assessment_record(actor=None, period=feb, goal=goal, status="achieved")
        services.assessment_record(actor=None, period=mar, goal=goal, status="not_achieved")  # the latest period counts
    _, bodies = ks_overview(world.users["ks_controller"], group=world.group, year=YEAR, today=date(YEAR, 4, 1))
    school = next(b for b in bodies if b.unit.name == "Utbildningsnämnden")
    assert len(school.deviations) == 7 and school.statuses == {"not_achieved": 7}
    body = world.client("ks_controller").get(f"/oversikt/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Mål 4" in body and "Mål 5" not in body and "och 2 till" in body
    assert "Data i ”Utvecklingsmål per status”" in body  # the status spread's data as a table


@time_machine.travel(datetime(YEAR, 4, 20, 12, 0, tzinfo=UTC), tick=False)
def test_at_a_glance_each_body_has_a_status_bar_with_numbers_its_latest_report_and_what_needs_attention_first(world: World) -> None:
    """Issue 8, point 6: the bar in the scale's colours (decorative; the numbers are text beside
    it, no inline style under the CSP), the latest report's state and deadline, late and red first."""
    setup(world)
    body = world.client("ks_controller").get(f"/oversikt/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    glance = body.split('class="table table-sm align-middle overview-glance"')[1].split("</table>")[0]
    first_row = glance.split("<tbody>")[1].split("</tr>")[0]
    assert "Utbildningsnämnden" in first_row  # a late March report and a goal not achieved: first
    assert "Rapporten är försenad" in first_row and "1 mål ej uppfyllt" in first_row and "1 uppdrag försenat" in first_row
    assert '<svg class="status-bar" viewBox="0 0 100 12"' in first_row and 'aria-hidden="true"' in first_row
    assert '<rect x="0.0" y="0" width="50.0" height="12" fill="#1e7b34"' in first_row
    assert '<rect x="50.0" y="0" width="50.0" height="12" fill="#b02a37"' in first_row
    assert "Uppfyllt 1 · Ej uppfyllt 1" in first_row
    assert "Månadsrapport 2027-03: inte påbörjad" in first_row and f"{YEAR}-04-15" in first_row  # the committee's deadline
    assert "style=" not in glance
    care = next(row for row in glance.split("</tr>") if "Omsorgsnämnden" in row)
    assert "Ännu inte bedömt" in care


def test_each_goals_latest_assessment_is_kept_on_the_goal_as_the_service_writes(world: World) -> None:
    """KS's overview reads a goal's latest status from the goal (``assessed_until``, ``latest_status``):
    an earlier period assessed afterwards does not replace it, the latest period corrected does, and a
    goal saved from a form read before the assessment does not write the older one back."""
    from styr.planning.models import DevelopmentGoal

    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    feb, mar = (ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, m, d)) for m, d in ((2, 28), (3, 31)))
    goal = planning.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Mål", start_year=YEAR, end_year=YEAR)
    stale = DevelopmentGoal.objects.get(pk=goal.pk)
    services.assessment_record(actor=None, period=mar, goal=goal, status="partly_achieved", analysis="")
    services.assessment_record(actor=None, period=feb, goal=goal, status="not_achieved", analysis="")
    goal.refresh_from_db()
    assert (goal.assessed_until, goal.latest_status) == (date(YEAR, 3, 31), "partly_achieved")
    services.assessment_record(actor=None, period=mar, goal=goal, status="achieved", analysis="")
    stale.title = "Mål, omformulerat"
    stale.save()  # read before both assessments
    goal.refresh_from_db()
    assert (goal.title, goal.assessed_until, goal.latest_status) == ("Mål, omformulerat", date(YEAR, 3, 31), "achieved")
    _, bodies = ks_overview(world.users["ks_controller"], group=world.group, year=YEAR, today=date(YEAR, 4, 15))
    assert next(b for b in bodies if b.unit.name == "Utbildningsnämnden").statuses == {"achieved": 1}


def test_a_past_year_counts_each_goals_latest_assessment_of_that_year_not_a_later_one(world: World) -> None:
    """A goal running over two years, assessed in both: the past year's overview and cascade show
    its status in that year's latest period, not the newer one kept on the goal."""
    from styr.followup.overview import latest_goal_statuses

    periods = {}
    for year in (YEAR, YEAR + 1):
        calendar = services.calendar_create(actor=None, group=world.group, year=year)
        periods[year] = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end__month=2)
    goal = planning.goal_create(actor=None, org_unit=world.unit("Hagaskolan"), title="Långt mål", start_year=YEAR, end_year=YEAR + 1)
    services.assessment_record(actor=None, period=periods[YEAR], goal=goal, status="not_achieved", analysis="")
    services.assessment_record(actor=None, period=periods[YEAR + 1], goal=goal, status="achieved", analysis="")
    for year, status in ((YEAR, "not_achieved"), (YEAR + 1, "achieved")):
        _, bodies = ks_overview(world.users["ks_controller"], group=world.group, year=year, today=date(YEAR + 2, 1, 15))
        school = next(b for b in bodies if b.unit.name == "Utbildningsnämnden")
        assert school.statuses == {status: 1}
        assert [d.title for d in school.deviations] == (["Långt mål"] if status == "not_achieved" else [])
        assert set(latest_goal_statuses(group=world.group, year=year, language="en").values()) == {"Achieved" if status == "achieved" else "Not achieved"}


def test_a_unit_moved_to_another_committee_is_counted_there(world: World) -> None:
    """Each unit keeps the nearest body above it (``overseen_by``); moving a unit moves it and every
    unit below it, and KS's overview counts them in the new committee."""
    from styr.organisation.services import org_unit_move

    setup(world)
    grundskola = world.unit("Grundskola")
    assert world.unit("Hagaskolan").overseen_by_id == world.unit("Utbildningsnämnden").pk
    assert world.unit("Utbildningsnämnden").overseen_by_id is None  # a body below the council, no body above it
    org_unit_move(actor=None, unit=grundskola, new_parent=world.unit("Omsorgsförvaltningen"))
    assert OrgUnit.objects.get(name="Hagaskolan").overseen_by_id == world.unit("Omsorgsnämnden").pk
    _, bodies = ks_overview(world.users["ks_controller"], group=world.group, year=YEAR, today=date(YEAR, 4, 1))
    by_name = {b.unit.name: b for b in bodies}
    assert by_name["Omsorgsnämnden"].statuses == {"not_achieved": 1} and by_name["Omsorgsnämnden"].indicators_without_owner == 1
    assert by_name["Utbildningsnämnden"].statuses == {"achieved": 1} and by_name["Utbildningsnämnden"].indicators_without_owner == 0
