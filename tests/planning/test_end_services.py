"""Ending instead of removing (issue 14 §2): a date and a reason, stored and recorded; an ended item
is not changed, removed or ended again (DEL-003, a lock: 409); no follow-up after its end (DEL-006);
an ended goal counts towards the cap only for the years it lived."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from styr.core.errors import NotAllowed, violation_status
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.followup.models import Measurement
from styr.followup.services import measurement_record, quality_value_record
from styr.planning import services
from styr.planning.models import DevelopmentGoal
from tests.conftest import YEAR, World
from tests.planning.delete_setup import COMMITTEE, controller, followed


def test_each_kind_is_ended_with_a_date_and_a_reason_stored_and_recorded(world: World) -> None:
    data = followed(world)
    items: list[Any] = [data.goal, data.indicator, data.activity, data.factor, data.quality, data.assignment, data.assignment_activity]
    for item in items:
        version = type(item).objects.get(pk=item.pk).version
        ended = services.item_end(actor=controller(world), item=item, ended_on=date(YEAR, 6, 30), reason="  Ersatt av ett nytt mål  ")
        stored = type(item).objects.get(pk=item.pk)
        assert (stored.ended_on, stored.end_reason) == (date(YEAR, 6, 30), "Ersatt av ett nytt mål")
        assert stored.version == version + 1 == ended.version
    actions = sorted(AuditEvent.objects.filter(action__endswith=".ended").values_list("action", flat=True))
    assert actions == sorted(
        ["goal.ended", "goal_indicator.ended", "activity.ended", "quality_factor.ended", "quality_indicator.ended", "assignment.ended", "activity.ended"]
    )
    event = AuditEvent.objects.get(action="goal.ended")
    assert event.before == {"ended_on": None, "end_reason": ""} and event.after == {"ended_on": f"{YEAR}-06-30", "end_reason": "Ersatt av ett nytt mål"}


def test_del_003_an_ended_item_is_not_changed_removed_or_ended_again_and_answers_409(world: World) -> None:
    data = followed(world)
    services.goal_end(actor=controller(world), goal=data.goal, ended_on=date(YEAR, 6, 30), reason="Uppnått")
    services.quality_factor_end(actor=controller(world), factor=data.factor, ended_on=date(YEAR, 6, 30), reason="Utgår")
    calls = [
        lambda: services.goal_end(actor=controller(world), goal=data.goal, ended_on=date(YEAR, 7, 1), reason="Igen"),
        lambda: services.goal_update(
            actor=controller(world), goal=data.goal, title="Nytt", citizen_change="", start_year=YEAR, end_year=YEAR + 1, measurable=True
        ),
        lambda: services.goal_delete(actor=controller(world), goal=data.goal),
        lambda: services.indicator_create(actor=None, goal=data.goal, name="Ny", baseline_year=YEAR, baseline_value=Decimal(1)),
        lambda: services.activity_create(actor=None, goal=data.goal, title="Ny", start_date=date(YEAR, 7, 1), end_date=date(YEAR, 8, 1)),
        lambda: services.quality_factor_update(actor=controller(world), factor=data.factor, title="Ny"),
        lambda: services.quality_indicator_create(actor=controller(world), factor=data.factor, name="Ny", direction="higher"),
    ]
    for call in calls:
        events = AuditEvent.objects.count()
        with pytest.raises(RuleViolation) as err:
            call()
        assert err.value.code == "DEL-003" and violation_status(err.value) == 409
        assert AuditEvent.objects.count() == events
    assert DevelopmentGoal.objects.get(pk=data.goal.pk).end_reason == "Uppnått"


def test_del_004_and_del_005_an_end_needs_a_date_a_reason_and_not_before_the_item_began(world: World) -> None:
    data = followed(world)
    for ended_on, reason, code, field in [
        (None, "Skäl", "DEL-004", "ended_on"),
        (date(YEAR, 6, 30), "   ", "DEL-004", "end_reason"),
        (date(YEAR - 1, 12, 31), "Skäl", "DEL-005", "ended_on"),
    ]:
        with pytest.raises(RuleViolation) as err:
            services.goal_end(actor=controller(world), goal=data.goal, ended_on=ended_on, reason=reason)
        assert (err.value.code, err.value.field) == (code, field)
    with pytest.raises(RuleViolation) as err:
        services.activity_end(actor=None, activity=data.activity, ended_on=date(YEAR, 1, 9), reason="Skäl")  # it started on the 10th
    assert err.value.code == "DEL-005"
    assert DevelopmentGoal.objects.get(pk=data.goal.pk).ended_on is None and not AuditEvent.objects.filter(action__endswith=".ended").exists()


def test_permission_first_the_outsider_is_refused_before_any_rule_and_nothing_is_written(world: World) -> None:
    data = followed(world)
    for persona in ("outsider", "unit_manager"):
        with pytest.raises(NotAllowed):
            services.goal_end(actor=world.users[persona], goal=data.goal, ended_on=None, reason="")  # DEL-004 is not told
    assert DevelopmentGoal.objects.get(pk=data.goal.pk).ended_on is None


def test_del_006_no_value_or_assessment_for_a_period_after_the_end(world: World) -> None:
    data = followed(world)
    services.indicator_end(actor=controller(world), indicator=data.indicator, ended_on=date(YEAR, 3, 15), reason="Mäts inte längre")
    measurement_record(actor=None, indicator=data.indicator, period=date(YEAR, 3, 1), value=Decimal(81))  # the month it ended: allowed
    with pytest.raises(RuleViolation) as err:
        measurement_record(actor=None, indicator=data.indicator, period=date(YEAR, 4, 1), value=Decimal(82))
    assert err.value.code == "DEL-006"
    services.quality_factor_end(actor=controller(world), factor=data.factor, ended_on=date(YEAR, 1, 31), reason="Utgår")
    with pytest.raises(RuleViolation) as err:
        quality_value_record(actor=None, indicator=data.quality, period=date(YEAR, 2, 1), value=Decimal(91))  # its factor ended
    assert err.value.code == "DEL-006"
    assert not Measurement.objects.filter(period__gte=date(YEAR, 2, 1), quality_indicator=data.quality).exists()
    assert not Measurement.objects.filter(period=date(YEAR, 4, 1)).exists()


def test_an_ended_goal_counts_towards_the_cap_only_for_the_years_it_lived(world: World) -> None:
    unit = world.unit(COMMITTEE)
    cap = unit.group.governance.max_development_goals
    goals = [services.goal_create(actor=None, org_unit=unit, title=f"Mål {n}", start_year=YEAR, end_year=YEAR + 2) for n in range(cap)]
    with pytest.raises(RuleViolation) as err:
        services.goal_create(actor=None, org_unit=unit, title="Ett för mycket", start_year=YEAR + 1, end_year=YEAR + 1)
    assert err.value.code == "GOAL-001"
    services.goal_end(actor=controller(world), goal=goals[0], ended_on=date(YEAR, 12, 31), reason="Uppnått")
    services.goal_create(actor=None, org_unit=unit, title="Nytt nästa år", start_year=YEAR + 1, end_year=YEAR + 1)  # the ended one no longer counts
    with pytest.raises(RuleViolation) as err:
        services.goal_create(actor=None, org_unit=unit, title="Ett för mycket i år", start_year=YEAR, end_year=YEAR)  # it still counts this year
    assert err.value.code == "GOAL-001"
