"""The demo's investment plan (issue 11 §3): a dozen projects across the committees, this year's plan
locked with Mål och budget, next year's rolled forward as a draft, and the investment account
showing the spend the demo ledger booked on the projects' objects in #DIM 6."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styr.demo.investment_projects import DEMO_PROJECTS, UNPLANNED
from styr.economy.models import InvestmentProject
from styr.economy.selectors.frames import goals_and_budget_adopted
from styr.economy.selectors.investments import investment_account, investment_totals
from styr.organisation.models import MunicipalGroup
from tests.demo.test_demo_economy import TODAY, _load


@pytest.mark.django_db
def test_the_demo_plans_a_dozen_projects_and_the_ledger_books_their_spend() -> None:
    _load(TODAY)
    group = MunicipalGroup.objects.get()
    year = TODAY.year
    assert InvestmentProject.objects.count() == len(DEMO_PROJECTS) >= 12
    assert len(set(InvestmentProject.objects.values_list("committee__name", flat=True))) >= 5
    assert goals_and_budget_adopted(group, year)
    totals = investment_totals(group, year)
    assert totals[year] == sum((p.spend.get(0, Decimal(0)) for p in DEMO_PROJECTS if not p.finished), Decimal(0))
    assert investment_totals(group, year + 1)[year + 3] > 0  # rolled forward: the new last year from the remaining amounts
    rows = {r.code: r for r in investment_account(group, year)}
    school = rows["P3001"]
    # nine of twelve months booked at the project's pace: 30 000 × 0.92 × 9/12
    assert school.budget_tsek == Decimal("30000.0") and school.actual_tsek == Decimal("20700.0")
    assert rows[UNPLANNED[0]].project is None and rows[UNPLANNED[0]].actual_tsek > 0
    last = {r.code: r.actual_tsek for r in investment_account(group, year - 1)}
    assert last["P6001"] == Decimal("4500.0")
