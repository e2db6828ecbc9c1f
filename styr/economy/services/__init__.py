"""Writes of the economy: frames (proposed, adopted, adjusted by KS), periodised budgets, forecasts, and SIE files read into ledgers."""

from styr.economy.services.budget import budget_enter, budget_from_ledger, budget_import, budget_set
from styr.economy.services.forecast import forecast_set
from styr.economy.services.frames import frame_adjust, frame_set, frames_adopt
from styr.economy.services.ledger import ImportOutcome, sie_import
from styr.economy.services.mapping import ledger_object_map
from styr.economy.services.population import population_series_delete, population_series_store
from styr.economy.services.upload import upload_create, upload_run, uploads_expire

__all__ = [
    "ImportOutcome",
    "budget_enter",
    "budget_from_ledger",
    "budget_import",
    "budget_set",
    "forecast_set",
    "frame_adjust",
    "frame_set",
    "frames_adopt",
    "ledger_object_map",
    "population_series_delete",
    "population_series_store",
    "sie_import",
    "upload_create",
    "upload_run",
    "uploads_expire",
]
