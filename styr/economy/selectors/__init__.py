"""Reads of the economy: operating and investment frames with KS's adjustments, and ledger balances."""

from styr.economy.selectors.budget import InternalBudget, SieExport, UnitBudget, budget_committee_of, budget_sie_export, internal_budget, unit_budget
from styr.economy.selectors.budget_adoption import InternalBudgetStatus, internal_budget_adoption_get, internal_budget_status
from styr.economy.selectors.frames import FrameFigures, FrameHistory, frame_adjustment_list, frame_figures, frame_figures_of_group, frame_history, frame_list
from styr.economy.selectors.ledger import AccountFigures, ObjectFigures, balances, ledger_kept, sie_import_list
from styr.economy.selectors.personnel import (
    PersonnelBudget,
    overhead_rate_get,
    overhead_rate_list,
    personnel_budget,
    position_get,
    position_list,
)
from styr.economy.selectors.population import population_by_age, population_in_band, population_series_get, population_series_list
from styr.economy.selectors.statement import ResultStatement, StatementLine, result_statement
from styr.economy.selectors.upload import (
    ledger_get,
    ledger_object_list,
    ledger_unit_choices,
    responsibility_dimension,
    sie_upload_get,
    sie_upload_list,
)

__all__ = [
    "AccountFigures",
    "FrameFigures",
    "FrameHistory",
    "InternalBudget",
    "InternalBudgetStatus",
    "ObjectFigures",
    "PersonnelBudget",
    "ResultStatement",
    "SieExport",
    "StatementLine",
    "UnitBudget",
    "balances",
    "budget_committee_of",
    "budget_sie_export",
    "frame_adjustment_list",
    "frame_figures",
    "frame_figures_of_group",
    "frame_history",
    "frame_list",
    "internal_budget",
    "internal_budget_adoption_get",
    "internal_budget_status",
    "ledger_get",
    "ledger_kept",
    "ledger_object_list",
    "ledger_unit_choices",
    "overhead_rate_get",
    "overhead_rate_list",
    "personnel_budget",
    "population_by_age",
    "population_in_band",
    "population_series_get",
    "population_series_list",
    "position_get",
    "position_list",
    "responsibility_dimension",
    "result_statement",
    "sie_import_list",
    "sie_upload_get",
    "sie_upload_list",
    "unit_budget",
]
