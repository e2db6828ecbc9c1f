"""Reads of the rolling investment plan (issue 11 §3): the plan of a year of Mål och budget per
project and in total, and its follow-up from the ledgers (the investment account)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum

from styr.domain.investments import ZERO, plan_years
from styr.economy.models import InvestmentAmount, InvestmentProject
from styr.organisation.models import MunicipalGroup

TENTH = Decimal("0.1")


def investment_totals(group: MunicipalGroup, year: int) -> dict[int, Decimal]:
    """The planned gross investment (tkr) of the plan of ``year`` (Mål och budget N = ``year``) for
    N, N+1 and N+2: keys exactly those three years, 0 where nothing is planned. Cancelled projects
    do not count. One query; callers check who reads (the investment room, Mål och budget)."""
    totals = dict.fromkeys(plan_years(year), ZERO)
    rows = (
        InvestmentAmount.objects.filter(group=group, plan_year=year)
        .exclude(project__status=InvestmentProject.Status.CANCELLED)
        .order_by()
        .values("year")
        .annotate(total=Sum("amount_tsek"))
        .values_list("year", "total")
    )
    for found_year, total in rows:
        if found_year in totals:
            totals[found_year] = Decimal(total).quantize(TENTH)
    return totals
