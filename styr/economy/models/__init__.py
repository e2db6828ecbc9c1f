"""The economy's tables: operating frames, the ledgers read from SIE files, and the population the allocation model counts, and the allocation model."""

from styr.economy.models.allocation import AllocationCountOverride, AllocationDriver, AllocationFixedAmount, AllocationModel, PoliticalAdjustment
from styr.economy.models.budget import BudgetMonth, Forecast
from styr.economy.models.frames import OperatingFrame
from styr.economy.models.internal_budget import InternalBudgetAdoption
from styr.economy.models.ledger import (
    Account,
    AccountBalance,
    Dimension,
    FiscalYear,
    Ledger,
    LedgerObject,
    LedgerTransaction,
    ObjectBalance,
    PeriodAmount,
    SieImport,
)
from styr.economy.models.personnel import PersonnelOverheadRate, Position
from styr.economy.models.population import PopulationCount, PopulationSeries
from styr.economy.models.upload import SieUpload

__all__ = [
    "Account",
    "AccountBalance",
    "AllocationCountOverride",
    "AllocationDriver",
    "AllocationFixedAmount",
    "AllocationModel",
    "BudgetMonth",
    "Dimension",
    "FiscalYear",
    "Forecast",
    "InternalBudgetAdoption",
    "Ledger",
    "LedgerObject",
    "LedgerTransaction",
    "ObjectBalance",
    "OperatingFrame",
    "PeriodAmount",
    "PersonnelOverheadRate",
    "PoliticalAdjustment",
    "PopulationCount",
    "PopulationSeries",
    "Position",
    "SieImport",
    "SieUpload",
]
