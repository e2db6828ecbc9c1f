"""The economy's tables: the population and the resource allocation model, frames and KS's
adjustments of them, the investment plan, internal and personnel budgets, and the ledgers read from SIE files."""

from styr.economy.models.allocation import AllocationCountOverride, AllocationDriver, AllocationFixedAmount, AllocationModel, PoliticalAdjustment
from styr.economy.models.budget import BudgetMonth, Forecast
from styr.economy.models.frames import FrameAdjustment, OperatingFrame
from styr.economy.models.internal_budget import InternalBudgetAdoption
from styr.economy.models.investments import InvestmentAmount, InvestmentProject
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
from styr.economy.models.long_term import BudgetAssumption
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
    "BudgetAssumption",
    "BudgetMonth",
    "Dimension",
    "FiscalYear",
    "Forecast",
    "FrameAdjustment",
    "InternalBudgetAdoption",
    "InvestmentAmount",
    "InvestmentProject",
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
