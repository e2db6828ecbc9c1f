"""The economy's tables: frames and KS's adjustments of them, the ledgers read from SIE files, and the population the allocation model counts."""

from styr.economy.models.budget import BudgetMonth, Forecast
from styr.economy.models.frames import FrameAdjustment, OperatingFrame
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
from styr.economy.models.population import PopulationCount, PopulationSeries
from styr.economy.models.upload import SieUpload

__all__ = [
    "Account",
    "AccountBalance",
    "BudgetMonth",
    "Dimension",
    "FiscalYear",
    "Forecast",
    "FrameAdjustment",
    "Ledger",
    "LedgerObject",
    "LedgerTransaction",
    "ObjectBalance",
    "OperatingFrame",
    "PeriodAmount",
    "PopulationCount",
    "PopulationSeries",
    "SieImport",
    "SieUpload",
]
