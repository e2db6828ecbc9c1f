"""Two writers at once on PostgreSQL (issue 14 §1): each thread has its own database connection
and commits for real, so the row lock of ``expected()`` and the unique constraints are what
decide, not the order of the calls.

- EDIT-001: two PATCHes of one goal with the same ``If-Match``: one 200, one 409, the winner's
  title stored, one audit event.
- Unique races (CAL-005, ALLOC-011, INV-005, POP-001): the second creation waits on the first's
  uncommitted row in the unique index, then is refused with the rule (never an IntegrityError).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, connections, transaction
from django.test import Client

from styr.core.models import AuditEvent
from styr.core.services import api_token_create
from styr.core.versions import expected
from styr.domain.errors import RuleViolation
from styr.economy.models import AllocationModel, InvestmentProject, PopulationSeries
from styr.economy.services.allocation import allocation_model_create
from styr.economy.services.investments import investment_project_create
from styr.economy.services.population import population_series_store
from styr.followup.models import PlanningCalendar
from styr.followup.services import calendar_create
from styr.planning import services
from styr.planning.models import DevelopmentGoal
from tests.conftest import YEAR, World

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not ON_POSTGRESQL,
        reason="two writers at once need PostgreSQL: SQLite has no row locks and serialises writers on one file lock",
    ),
]


def _in_threads(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads started together (a barrier); each result, or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a writer never finished"
    return results


def _goal(world: World) -> DevelopmentGoal:
    return services.goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Trygg skola", start_year=YEAR, end_year=YEAR + 1)


def test_edit_001_two_api_patches_at_once_with_the_same_if_match_one_wins_one_is_409(world: World) -> None:
    goal = _goal(world)
    _token, raw = api_token_create(actor=None, user=world.users["committee_politician"])
    titles = ("Trygg och lugn skola", "Studiero för alla")

    def patch(title: str) -> Any:
        headers = {"Authorization": f"Bearer {raw}", "If-Match": '"1"'}
        return Client().patch(f"/api/v1/goals/{goal.pk}", data=json.dumps({"title": title}), content_type="application/json", headers=headers)

    responses = _in_threads(*(lambda title=title: patch(title) for title in titles))
    assert sorted(r.status_code for r in responses) == [200, 409], [r.content for r in responses]
    winner = next(r for r in responses if r.status_code == 200)
    loser = next(r for r in responses if r.status_code == 409).json()
    assert loser["code"] == "EDIT-001" and loser["detail"]["expected"] == 1 and loser["detail"]["current"] == 2
    assert loser["detail"]["current_values"]["title"] == winner.json()["title"]
    goal.refresh_from_db()
    assert goal.title == winner.json()["title"] and goal.version == 2 and winner["ETag"] == '"2"'
    assert AuditEvent.objects.filter(action="goal.updated", object_id=str(goal.pk)).count() == 1


def test_edit_001_two_service_writes_at_once_through_expected_one_wins_one_is_refused(world: World) -> None:
    goal = _goal(world)
    politician = world.users["committee_politician"]

    def write(title: str) -> DevelopmentGoal:
        stale = DevelopmentGoal.objects.get(pk=goal.pk)  # each writer's own read, at version 1
        with expected(stale, 1):
            return services.goal_update(
                actor=politician, goal=stale, title=title, citizen_change="", start_year=YEAR, end_year=YEAR + 1, measurable=True, development_area=None
            )

    results = _in_threads(lambda: write("A"), lambda: write("B"))
    refused = [r for r in results if isinstance(r, RuleViolation)]
    saved = [r for r in results if isinstance(r, DevelopmentGoal)]
    assert len(refused) == 1 and len(saved) == 1, results
    assert refused[0].code == "EDIT-001" and refused[0].detail["current_values"]["title"] == saved[0].title
    goal.refresh_from_db()
    assert goal.title == saved[0].title and goal.version == 2
    assert AuditEvent.objects.filter(action="goal.updated", object_id=str(goal.pk)).count() == 1


def _blocked_on_a_lock() -> bool:
    """Some other session waits on a lock (the second insert, on the first's uncommitted key)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
        row = cursor.fetchone()
    return bool(row and row[0])


def _race(create: Callable[[], Any]) -> tuple[Any, Any]:
    """The first creation inserts and holds its transaction open; the second passes the "exists?"
    check (it cannot see the uncommitted row) and waits on the unique index; then the first commits."""
    inserted, release = threading.Event(), threading.Event()
    outcome: dict[str, Any] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                outcome["first"] = create()
                inserted.set()
                assert release.wait(timeout=30)
        except Exception as error:
            outcome["first"] = error
            inserted.set()
        finally:
            connections.close_all()

    def second() -> None:
        try:
            assert inserted.wait(timeout=30)
            outcome["second"] = create()
        except Exception as error:
            outcome["second"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while not _blocked_on_a_lock() and time.monotonic() < deadline and threads[1].is_alive():
        time.sleep(0.05)
    waited = _blocked_on_a_lock()
    release.set()
    for thread in threads:
        thread.join(timeout=60)
    assert waited, "the second creation never waited on the first's row: no race was run"
    return outcome["first"], outcome["second"]


RACES: dict[str, tuple[str, Callable[[World], Any], Callable[[World], int]]] = {
    "calendar": (
        "CAL-005",
        lambda world: calendar_create(actor=world.users["ks_controller"], group=world.group, year=YEAR),
        lambda world: PlanningCalendar.objects.filter(group=world.group, year=YEAR).count(),
    ),
    "allocation model": (
        "ALLOC-011",
        lambda world: allocation_model_create(actor=world.users["ks_controller"], group=world.group, budget_year=YEAR, name="Resursfördelning"),
        lambda world: AllocationModel.objects.filter(group=world.group, name="Resursfördelning").count(),
    ),
    "investment project code": (
        "INV-005",
        lambda world: investment_project_create(
            actor=None, committee=world.unit("Utbildningsnämnden"), name="Ny skola", category="expansion", start_year=YEAR, end_year=YEAR + 1, code="P100"
        ),
        lambda world: InvestmentProject.objects.filter(group=world.group, code="P100").count(),
    ),
    "population series": (
        "POP-001",
        lambda world: population_series_store(
            actor=world.users["ks_controller"], group=world.group, name="Prognos", source=PopulationSeries.Source.UPLOAD, cells=[(YEAR, "", 7, 100)]
        ),
        lambda world: PopulationSeries.objects.filter(group=world.group, name="Prognos").count(),
    ),
}


@pytest.mark.parametrize("what", RACES)
def test_two_creations_at_once_answer_the_rule_never_a_database_error(world: World, what: str) -> None:
    code, create, count = RACES[what]
    first, second = _race(lambda: create(world))
    assert not isinstance(first, Exception), first
    assert isinstance(second, RuleViolation) and second.code == code, repr(second)
    assert count(world) == 1


def test_cal_005_two_calendars_posted_at_once_one_201_one_409(world: World) -> None:
    """CAL-005 is in LOCKED_RULES (the year's calendar is there already): 409, never a 500."""
    _token, raw = api_token_create(actor=None, user=world.users["ks_controller"])

    def post() -> Any:
        return Client().post(
            "/api/v1/planning-calendars", data=json.dumps({"year": YEAR}), content_type="application/json", headers={"Authorization": f"Bearer {raw}"}
        )

    responses = _in_threads(post, post)
    assert sorted(r.status_code for r in responses) == [201, 409], [r.content for r in responses]
    assert next(r for r in responses if r.status_code == 409).json()["code"] == "CAL-005"
    assert PlanningCalendar.objects.filter(group=world.group, year=YEAR).count() == 1


def test_edit_001_two_first_targets_set_at_once_one_is_saved_the_other_sees_it_never_a_database_error(world: World) -> None:
    """A set-or-replace service (the target for a year) whose row does not exist yet: two writers
    both find none and create; the unique constraint stops the second, answered as EDIT-001 with
    the first one's saved row (``core/unique.created_once``), and one target is stored."""
    from decimal import Decimal

    from styr.planning.models import GoalIndicatorTarget

    goal = services.goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Behörighet", start_year=YEAR, end_year=YEAR + 1)
    indicator = services.indicator_create(actor=None, goal=goal, name="Behöriga", unit_label="%", baseline_year=YEAR - 1, baseline_value=Decimal(70))
    values = iter((Decimal(80), Decimal(90)))
    first, second = _race(lambda: services.target_set(actor=world.users["ks_controller"], indicator=indicator, year=YEAR + 1, value=next(values)))
    assert not isinstance(first, Exception), first
    assert isinstance(second, RuleViolation) and second.code == "EDIT-001", repr(second)
    assert Decimal(second.detail["current_values"]["value"]) == 80
    assert list(GoalIndicatorTarget.objects.filter(indicator=indicator, year=YEAR + 1).values_list("value", flat=True)) == [Decimal(80)]
