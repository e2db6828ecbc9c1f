"""SIE: the Swedish standard file for accounting data (SIE-gruppen's format, types 1–4).

``parse`` reads a file as a stream of binary lines; vouchers go to a callback (or a list),
everything else into a ``SieFile`` with the findings of the checks (SIE-001…SIE-007)."""

from styr.domain.sie.checks import dedupe_period_balances, reconciliation_findings, voucher_findings
from styr.domain.sie.model import (
    Account,
    Balance,
    Dimension,
    Finding,
    FiscalYear,
    PeriodBalance,
    SieFile,
    Transaction,
    Voucher,
)
from styr.domain.sie.parser import parse, parse_bytes, parse_path
from styr.domain.sie.writer import BudgetRow, write_pbudget

__all__ = [
    "Account",
    "Balance",
    "BudgetRow",
    "Dimension",
    "Finding",
    "FiscalYear",
    "PeriodBalance",
    "SieFile",
    "Transaction",
    "Voucher",
    "dedupe_period_balances",
    "parse",
    "parse_bytes",
    "parse_path",
    "reconciliation_findings",
    "voucher_findings",
    "write_pbudget",
]
