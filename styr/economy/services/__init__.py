"""Writes of the economy: the population and the resource allocation model, frames (proposed,
adopted, adjusted by KS), the investment plan, periodised, internal and personnel budgets, forecasts, and SIE files
read into ledgers."""

from styr.economy.services.allocation import (
    allocation_adjustment_add,
    allocation_adjustment_remove,
    allocation_adjustment_update,
    allocation_count_override,
    allocation_count_override_remove,
    allocation_driver_add,
    allocation_driver_remove,
    allocation_driver_update,
    allocation_fixed_amount_add,
    allocation_fixed_amount_remove,
    allocation_fixed_amount_update,
    allocation_frames_propose,
    allocation_model_create,
    allocation_model_delete,
    allocation_model_update,
    allocation_scenario_create,
)
from styr.economy.services.budget import budget_enter, budget_from_ledger, budget_import, budget_set
from styr.economy.services.budget_adoption import internal_budget_adopt, internal_budget_reopen
from styr.economy.services.carry_over import Decided, carry_overs_compute, carry_overs_decide
from styr.economy.services.financial_goals import financial_management_assess, pension_obligation_set
from styr.economy.services.forecast import forecast_set
from styr.economy.services.frames import frame_adjust, frame_set, frames_adopt
from styr.economy.services.investment_mapping import ledger_project_map
from styr.economy.services.investments import (
    investment_amount_set,
    investment_plan_roll,
    investment_project_create,
    investment_project_delete,
    investment_project_update,
)
from styr.economy.services.ledger import ImportOutcome, sie_import
from styr.economy.services.long_term import budget_assumption_set
from styr.economy.services.mapping import ledger_object_map
from styr.economy.services.personnel import (
    overhead_rate_delete,
    overhead_rate_set,
    position_create,
    position_delete,
    position_update,
    positions_import,
)
from styr.economy.services.population import population_fetch_scb, population_series_delete, population_series_store, population_upload
from styr.economy.services.upload import upload_create, upload_run, uploads_expire

__all__ = [
    "Decided",
    "ImportOutcome",
    "allocation_adjustment_add",
    "allocation_adjustment_remove",
    "allocation_adjustment_update",
    "allocation_count_override",
    "allocation_count_override_remove",
    "allocation_driver_add",
    "allocation_driver_remove",
    "allocation_driver_update",
    "allocation_fixed_amount_add",
    "allocation_fixed_amount_remove",
    "allocation_fixed_amount_update",
    "allocation_frames_propose",
    "allocation_model_create",
    "allocation_model_delete",
    "allocation_model_update",
    "allocation_scenario_create",
    "budget_assumption_set",
    "budget_enter",
    "budget_from_ledger",
    "budget_import",
    "budget_set",
    "carry_overs_compute",
    "carry_overs_decide",
    "financial_management_assess",
    "forecast_set",
    "frame_adjust",
    "frame_set",
    "frames_adopt",
    "internal_budget_adopt",
    "internal_budget_reopen",
    "investment_amount_set",
    "investment_plan_roll",
    "investment_project_create",
    "investment_project_delete",
    "investment_project_update",
    "ledger_object_map",
    "ledger_project_map",
    "overhead_rate_delete",
    "overhead_rate_set",
    "pension_obligation_set",
    "population_fetch_scb",
    "population_series_delete",
    "population_series_store",
    "population_upload",
    "position_create",
    "position_delete",
    "position_update",
    "positions_import",
    "sie_import",
    "upload_create",
    "upload_run",
    "uploads_expire",
]
