"""The demo's budget assumptions (issue 11 §6): what KS's controller enters for Mål och budget of
``today``'s year and the plan years (and the year after, the ground of next year's), of an
Alvesta-like size: some 20 000 residents, tax revenue about 1 100 Mkr, general grants and
equalisation about 450 Mkr. Entered before the council adopts Mål och budget, so its result,
balance and cash-flow budgets are in the adopted document. Made up, as the demo says everywhere."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from styr.demo.population import load_population
from styr.economy.services import budget_assumption_set
from styr.organisation.models import MunicipalGroup

D = Decimal

#: tkr per year offset from ``today``'s year: tax revenue and grants rise with SKR's forecast of the
#: tax base, depreciation with the investments.
ASSUMPTIONS = {
    "tax_revenue": (D("1100000"), D("1136000"), D("1171000"), D("1206000")),
    "general_grants": (D("450000"), D("463000"), D("474000"), D("486000")),
    "financial_income": (D("8000"), D("8000"), D("8500"), D("8500")),
    "financial_costs": (D("22000"), D("24500"), D("27000"), D("29000")),
    "pensions_outside_committees": (D("60000"), D("62500"), D("65000"), D("67000")),
    "depreciation": (D("70000"), D("73000"), D("76000"), D("79000")),
    "reserves": (D("15000"), D("15000"), D("15000"), D("15000")),
}
SOURCES = {
    "tax_revenue": "SKR cirkulär {year}:20, skatteunderlagsprognos april",
    "general_grants": "SKR cirkulär {year}:20, generella statsbidrag och utjämning",
    "financial_income": "Kommunens finansprognos",
    "financial_costs": "Kommunens finansprognos, räntebana enligt SKR",
    "pensions_outside_committees": "KPA:s pensionsprognos",
    "depreciation": "Anläggningsregistret och investeringsplanen",
    "reserves": "Kommunstyrelsens förslag",
}


def load_demo_budget_assumptions(*, group: MunicipalGroup, users: dict[str, Any], today: date) -> None:
    """The assumptions, and the population next year's allocation model counts in (loaded here, so
    that the investment room of this year's Mål och budget has the plan years' growth)."""
    controller = users["ks.controller"]
    load_population(group=group, controller=controller, year=today.year + 1)
    forecast_year = today.year - 1  # SKR's April forecast of the year before Mål och budget is adopted
    for key, amounts in ASSUMPTIONS.items():
        for offset, amount_tsek in enumerate(amounts):
            budget_assumption_set(
                actor=controller,
                group=group,
                year=today.year + offset,
                key=key,
                amount_tsek=amount_tsek,
                source=SOURCES[key].format(year=str(forecast_year)[2:]),
                source_date=date(forecast_year, 4, 24),
            )
