"""The change history reads as people read it (issue 8, §5 "History"): "Ja" rather than True, a
state's label rather than its code, the linked goal's title rather than its id, dates in Swedish
form and "–" for nothing; the titles are read with one query per linked model."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.core.history import readable_history
from styr.core.models import AuditEvent
from styr.planning import services
from tests.conftest import YEAR, World


def _goal_with_history(world: World) -> object:
    controller = world.users["ks_controller"]
    council_goal = services.goal_create(actor=None, org_unit=world.unit("Kommunfullmäktige"), title="Fler invånare i arbete", start_year=YEAR, end_year=YEAR)
    goal = services.goal_create(actor=controller, org_unit=world.unit("Utbildningsnämnden"), title="Alla elever når målen", start_year=YEAR, end_year=YEAR)
    goal = services.goal_update(
        actor=controller,
        goal=goal,
        title="Alla elever når målen",
        citizen_change="",
        start_year=YEAR,
        end_year=YEAR,
        measurable=False,
        contributes_to=[council_goal],
    )
    services.goal_adopt(actor=world.users["committee_politician"], goal=goal)
    return goal


def test_the_goal_history_shows_yes_no_state_labels_and_linked_titles(world: World) -> None:
    goal = _goal_with_history(world)
    html = world.client("auditor").get(f"/mal/{goal.pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()  # type: ignore[attr-defined]
    assert "Mätbart med indikatorer: Ja → Nej" in html
    assert "Beslutsstatus: Utkast → Beslutad" in html
    assert "Bidrar till: – → Fler invånare i arbete" in html
    for raw in ("True", "False", ": draft", "→ adopted", "[", "None"):
        assert raw not in html.split('id="history-heading"')[1], raw


def test_dates_are_in_swedish_form_and_people_by_name(world: World) -> None:
    controller = world.users["ks_controller"]
    goal = services.goal_create(actor=controller, org_unit=world.unit("Hagaskolan"), title="Lugn i klassrummet", start_year=YEAR, end_year=YEAR)
    activity = services.activity_create(actor=controller, goal=goal, title="Rastvärdar", start_date=date(YEAR, 1, 10), end_date=date(YEAR, 6, 10))
    services.activity_update(actor=controller, activity=activity, owner=world.users["unit_manager"], end_date=date(YEAR, 6, 30))
    html = world.client("unit_manager").get(f"/enheter/{world.unit('Hagaskolan').pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    history = html.split('id="history-heading"')[1]
    assert f"10 januari {YEAR}" in history and f"10 juni {YEAR} → 30 juni {YEAR}" in history
    assert "– → Unit Manager" in history
    assert f"{YEAR}-01-10" not in history


def test_titles_are_read_with_one_query_per_linked_model(world: World) -> None:
    controller = world.users["ks_controller"]
    council = world.unit("Kommunfullmäktige")
    above = [services.goal_create(actor=None, org_unit=council, title=f"KF-mål {n}", start_year=YEAR, end_year=YEAR) for n in range(3)]
    unit = world.unit("Utbildningsnämnden")
    for n in range(3):
        goal = services.goal_create(actor=controller, org_unit=unit, title=f"Mål {n}", start_year=YEAR, end_year=YEAR, contributes_to=[above[n]])
        activity = services.activity_create(actor=controller, goal=goal, title=f"Aktivitet {n}", start_date=date(YEAR, 1, 1), end_date=date(YEAR, 2, 1))
        services.activity_update(actor=controller, activity=activity, owner=world.users["administration_official"])
    events = list(AuditEvent.objects.filter(org_unit=unit))
    from styr.core.middleware import request_cache
    from styr.core.permissions import grants_for

    token = request_cache.set({})  # as in a request: the reader's grants are read once, before the history
    grants_for(controller)
    try:
        with CaptureQueriesContext(connection) as queries:
            entries = readable_history(events, user=controller)
    finally:
        request_cache.reset(token)
    # the linked goals, the people and the activities' goals: one query each, not one per event
    assert len(queries.captured_queries) <= 3
    shown = [f"{c.label}: {c.after}" for e in entries for c in e.changes]
    assert "bidrar till: KF-mål 0" in shown and "ägare: Administration Official" in shown


def test_numbers_are_in_swedish_form(world: World) -> None:
    from decimal import Decimal

    goal = services.goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Fler i arbete", start_year=YEAR, end_year=YEAR + 1)
    services.indicator_create(
        actor=world.users["ks_controller"],
        goal=goal,
        name="Invånare i arbete",
        baseline_year=YEAR - 1,
        baseline_value=Decimal("20134.5"),
        target_year=YEAR + 1,
        target_value=Decimal("21000"),
    )
    html = world.client("ks_controller").get(f"/enheter/{world.unit('Utbildningsnämnden').pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    history = html.split('id="history-heading"')[1]
    assert "20\xa0134,5" in history or "20&nbsp;134,5" in history
    assert "20134.5" not in history


def test_a_goals_page_shows_its_latest_fifty_events_not_every_one(world: World) -> None:
    """The goal page's history is bounded like the unit page's: the newest 50 events."""
    from styr.organisation.selectors import audit_history

    goal = services.goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Titel 0", start_year=YEAR, end_year=YEAR)
    for n in range(1, 61):
        services.goal_update(actor=None, goal=goal, title=f"Titel {n}", citizen_change="", start_year=YEAR, end_year=YEAR, measurable=True)
    events = list(audit_history(world.users["ks_controller"], goal, unit=goal.org_unit))
    assert len(events) == 50 and events[0].after["title"] == "Titel 60"
    page = world.client("ks_controller").get(f"/mal/{goal.pk}/").content.decode()
    assert "Titel 60" in page and "→ Titel 5<" not in page
