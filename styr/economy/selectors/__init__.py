"""Reads of the economy: operating frames, and ledger balances."""

from styr.economy.selectors.frames import frame_list
from styr.economy.selectors.ledger import AccountFigures, balances, ledger_kept, sie_import_list
from styr.economy.selectors.statement import ResultStatement, StatementLine, result_statement

__all__ = ["AccountFigures", "ResultStatement", "StatementLine", "balances", "frame_list", "ledger_kept", "result_statement", "sie_import_list"]
