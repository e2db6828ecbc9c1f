"""``core/unique.unique_or`` on both databases, one writer: the unique constraint a race would hit
(the row is already there when the create runs, as if the "exists?" check had been passed just
before) answers the rule, the transaction stays usable, and any other database error stays one.
The two-writer races themselves run on PostgreSQL in ``test_concurrent.py``."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from styr.core.unique import unique_or
from styr.domain.errors import RuleViolation
from styr.domain.investments import check_code_free
from styr.economy.models import InvestmentProject
from styr.followup.models import PlanningCalendar
from tests.conftest import YEAR, World


def test_cal_005_a_calendar_created_beside_one_already_there_is_the_rule_and_the_transaction_goes_on(world: World) -> None:
    taken = RuleViolation("CAL-005", "The group already has a planning calendar for %(year)s.", {"year": YEAR}, field="year")
    with transaction.atomic():
        PlanningCalendar.objects.create(group=world.group, year=YEAR)
        with pytest.raises(RuleViolation) as refused, unique_or(taken):
            PlanningCalendar.objects.create(group=world.group, year=YEAR)
        assert refused.value is taken and isinstance(refused.value.__cause__, IntegrityError)
        assert PlanningCalendar.objects.filter(group=world.group).count() == 1  # still usable: the savepoint was rolled back


def test_inv_005_the_rules_own_check_answers_a_code_taken_at_the_same_moment(world: World) -> None:
    committee = world.unit("Utbildningsnämnden")

    def project() -> InvestmentProject:
        return InvestmentProject(group=world.group, committee=committee, name="Ny skola", category="expansion", start_year=YEAR, end_year=YEAR, code="P1")

    project().save()
    with pytest.raises(RuleViolation) as refused, unique_or(lambda: check_code_free(code="P1", taken=True)):
        project().save()
    assert refused.value.code == "INV-005" and refused.value.detail == {"code": "P1"}


def test_an_error_that_is_no_unique_constraint_is_not_turned_into_the_rule(world: World) -> None:
    taken = RuleViolation("CAL-005", "The group already has a planning calendar for %(year)s.", {"year": YEAR})
    with pytest.raises(IntegrityError), unique_or(taken):
        PlanningCalendar.objects.create(group=world.group, year=None)  # type: ignore[misc]  # NOT NULL, not unique


def test_edit_001_a_set_service_whose_row_appeared_meanwhile_answers_the_saved_row_not_a_database_error(world: World) -> None:
    from decimal import Decimal

    from styr.core.unique import created_once
    from styr.planning import services
    from styr.planning.models import GoalIndicatorTarget

    goal = services.goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Behörighet", start_year=YEAR, end_year=YEAR + 1)
    indicator = services.indicator_create(actor=None, goal=goal, name="Behöriga", unit_label="%", baseline_year=YEAR - 1, baseline_value=Decimal(70))
    with transaction.atomic():
        GoalIndicatorTarget.objects.create(group=world.group, indicator=indicator, year=YEAR, value=Decimal(80))  # the other writer's
        with pytest.raises(RuleViolation) as refused, created_once(GoalIndicatorTarget, indicator=indicator, year=YEAR):
            GoalIndicatorTarget.objects.create(group=world.group, indicator=indicator, year=YEAR, value=Decimal(90))
        assert refused.value.code == "EDIT-001" and refused.value.detail["expected"] == 0
        assert Decimal(refused.value.detail["current_values"]["value"]) == 80
        assert GoalIndicatorTarget.objects.filter(indicator=indicator).count() == 1  # the transaction goes on
