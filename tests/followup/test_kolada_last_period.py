"""The sync keeps each bound indicator's latest month with a value as a person's entry does
(followup.services.note_last_period, one helper for both): a value from Kolada moves it forward,
never back behind a later month a person entered."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import respx
import time_machine

from styr.followup.kolada import kolada_sync
from styr.followup.services import measurement_record
from styr.integrations.kolada import KoladaClient
from styr.planning.models import GoalIndicator, QualityIndicator
from tests.conftest import World
from tests.followup.kolada_setup import bound_world
from tests.integrations.kolada_answers import kolada_answers


@pytest.fixture(autouse=True)
def _mid_2026() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False):
        yield


def _sync(world: World) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        kolada_answers(mock)
        kolada_sync(actor=world.users["ks_controller"], source=KoladaClient(sleep=lambda s: None), group=world.group)


def test_kolada_002_a_sync_moves_the_latest_month_forward_and_never_back(world: World) -> None:
    bound = bound_world(world)
    later = GoalIndicator.objects.get(pk=bound.goal_indicator.pk)
    measurement_record(actor=None, indicator=later, period=date(2026, 3, 1), value=Decimal("25"))
    assert GoalIndicator.objects.get(pk=later.pk).last_period == date(2026, 3, 1)
    _sync(world)
    assert GoalIndicator.objects.get(pk=later.pk).last_period == date(2026, 3, 1)  # Kolada's December 2024 is older
    assert QualityIndicator.objects.get(pk=bound.quality_indicator.pk).last_period == date(2024, 12, 1)
