"""The investment room (investeringsutrymme, issue 11 §3, seed §5.D) of Mål och budget's years
N..N+2: the expected positive cash flow (result + depreciation, from the result budget) plus the
room for population growth: the new residents of the year (residents of the year − residents of
the year before, in the whole region, ``population_summaries``) times the preset amount per new
resident (``model.economy.investment_room.per_new_resident_tsek``). The population is the series
the group's allocation model for N counts in, else the group's newest series. The planned
investments are set against it, with the self-financing ratio and the borrowing need."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from styr.domain.long_term_budget import RoomYear, investment_room
from styr.economy.models import PopulationSeries
from styr.economy.selectors.long_term import ResultBudget, allocation_model_of, result_budget
from styr.economy.selectors.population import population_summaries
from styr.organisation.models import MunicipalGroup


@dataclass(frozen=True)
class InvestmentRoom:
    year: int
    years: tuple[RoomYear, ...]
    per_new_resident_tsek: Decimal
    series_name: str
    #: the result budget it rests on (its years lacking assumptions have no room: MOB-001)
    budget: ResultBudget

    @property
    def missing_years(self) -> list[int]:
        return [y for y, keys in self.budget.missing.items() if keys]


def population_series_of(group: MunicipalGroup, year: int) -> PopulationSeries | None:
    model = allocation_model_of(group, year)
    if model is not None and model.population_series is not None:
        return model.population_series
    return PopulationSeries.objects.filter(group=group).order_by("-created_at", "-pk").first()


def new_residents(series: PopulationSeries | None, years: list[int]) -> dict[int, int | None]:
    """Residents of each year minus those of the year before; None where either is not in the series."""
    if series is None:
        return dict.fromkeys(years)
    residents = population_summaries([series])[0].residents_by_year
    return {y: residents[y] - residents[y - 1] if y in residents and y - 1 in residents else None for y in years}


def investment_room_of(group: MunicipalGroup, year: int, *, investments_tsek: dict[int, Decimal] | None = None) -> InvestmentRoom:
    """The room for N..N+2 against the planned investments (``investments_tsek``, else the
    investment plan of Mål och budget ``year``, ``investment_totals``)."""
    budget = result_budget(group, year)
    series = population_series_of(group, year)
    per_resident = group.governance.investment_room_per_new_resident_tsek
    flows = {y: (b.result_tsek, b.depreciation_tsek) for y, b in budget.budgets.items()}
    rooms = investment_room(
        flows,
        investments_tsek=investments_tsek if investments_tsek is not None else budget.investments_tsek,
        new_residents=new_residents(series, budget.budget_years),
        per_new_resident_tsek=per_resident,
    )
    return InvestmentRoom(year, rooms, per_resident, series.name if series is not None else "", budget)
