"""Reads of the economy: operating frames, and ledger balances."""

from styr.economy.selectors.frames import frame_list
from styr.economy.selectors.ledger import AccountFigures, ObjectFigures, balances, sie_import_list

__all__ = ["AccountFigures", "ObjectFigures", "balances", "frame_list", "sie_import_list"]
