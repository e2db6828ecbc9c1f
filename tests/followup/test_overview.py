"""KS's overview: reporting completeness, status spread, owners, values, overdue assignments and deviations."""

from datetime import UTC, date, datetime
from decimal import Decimal

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.followup import services
from styr.followup.models import ReportingPeriod
from styr.followup.overview import ks_overview, unit_rollup
from styr.organisation.services import org_unit_create
from styr.planning import services as planning
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
    assert [d.goal.title for d in school.deviations if d.goal is not None] == ["Dåligt"]
    assert school.indicators_without_owner == 1 and school.indicators_without_values == 1
    assert [a.title for a in school.overdue_assignments] == ["Sen utredning"]
    care = next(b for b in bodies if b.unit.name == "Omsorgsnämnden")
    assert care.reported == 0 and not care.statuses
    assert {b.unit.kind for b in bodies} >= {"COMMITTEE", "EXECUTIVE_BOARD", "PARENT_COMPANY", "COMPANY"}
    assert unit_rollup(world.users["ks_controller"], unit=world.unit("Utbildningsnämnden"), period=feb) == {"achieved": 1, "not_achieved": 1}


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
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(25):
        unit = org_unit_create(actor=None, group=world.group, parent=world.unit("Grundskola"), kind="UNIT", name=f"Skola {n}", valid_from=TODAY)
        planning.goal_create(actor=None, org_unit=unit, title=f"Mål {n}", start_year=YEAR, end_year=YEAR)
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
    body = world.client("ks_controller").get(f"/mal/kaskad/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Attraktiv skola" in body and "<strong>Ej uppfyllt</strong>" in body
