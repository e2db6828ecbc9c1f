"""The demo's financial goals are tied to measures and computed from its ledger (issue 11 §1)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from styr.economy.models import PensionObligation
from styr.economy.selectors.financial_goals import financial_goal_status
from styr.organisation.models import MunicipalGroup

TODAY = date(2026, 10, 20)


@pytest.mark.django_db
def test_the_demos_financial_goals_have_measures_values_forecasts_and_statuses() -> None:
    with time_machine.travel(datetime(TODAY.year, TODAY.month, TODAY.day, 9, 0, tzinfo=UTC), tick=False):
        call_command("load_demo", stdout=StringIO())
    group = MunicipalGroup.objects.get()
    assert sorted(PensionObligation.objects.values_list("year", flat=True)) == [2024, 2025]
    rows = {row.goal.measure: row for row in financial_goal_status(group, 2026, None)}
    assert set(rows) == {"result_share", "self_financing", "equity_ratio_with_pensions", "net_cost_share"}
    # the demo's ledger books the investment projects' spend on 1180/1210: to date the self-financing
    # ratio divides by it; the full year reads the year's amount of the investment plan
    assert rows["self_financing"].value is not None and rows["self_financing"].value > 0
    assert rows["self_financing"].forecast_value is not None and rows["self_financing"].forecast_value > 0
    for measure, row in rows.items():
        assert row.value_month == 9 and row.forecast_value is not None, (measure, row.reason, row.forecast_reason)
        assert row.value is not None
        assert row.status in {"achieved", "partly_achieved", "not_achieved"}
        assert [m.month for m in row.series] == list(range(1, 10))
