"""The economy's tables: the population and the resource allocation model, frames and KS's
adjustments of them, the investment plan, internal and personnel budgets, and the ledgers read from SIE files."""

from styr.economy.models.allocation import AllocationCountOverride, AllocationDriver, AllocationFixedAmount, AllocationModel, PoliticalAdjustment
from styr.economy.models.balance import AmountSource, BalanceDeficit, BalanceStatementState, BalanceStatementYear
from styr.economy.models.budget import BudgetMonth, Forecast
from styr.economy.models.carry_over import CarryOver, CarryOverState
from styr.economy.models.financial_goals import FinancialManagementAssessment, PensionObligation
from styr.economy.models.frames import FrameAdjustment, OperatingFrame
from styr.economy.models.group import GroupMember, InternalAccount
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
    "AmountSource",
    "BalanceDeficit",
    "BalanceStatementState",
    "BalanceStatementYear",
    "BudgetAssumption",
    "BudgetMonth",
    "CarryOver",
    "CarryOverState",
    "Dimension",
    "FinancialManagementAssessment",
    "FiscalYear",
    "Forecast",
    "FrameAdjustment",
    "GroupMember",
    "InternalAccount",
    "InternalBudgetAdoption",
    "InvestmentAmount",
    "InvestmentProject",
    "Ledger",
    "LedgerObject",
    "LedgerTransaction",
    "ObjectBalance",
    "OperatingFrame",
    "PensionObligation",
    "PeriodAmount",
    "PersonnelOverheadRate",
    "PoliticalAdjustment",
    "PopulationCount",
    "PopulationSeries",
    "Position",
    "SieImport",
    "SieUpload",
]
