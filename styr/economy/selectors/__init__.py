"""Reads of the economy: operating frames, and ledger balances."""

from styr.economy.selectors.frames import frame_list
from styr.economy.selectors.ledger import AccountFigures, balances, sie_import_list
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
    "balances",
    "frame_list",
    "ledger_get",
    "ledger_object_list",
    "ledger_unit_choices",
    "responsibility_dimension",
    "sie_import_list",
    "sie_upload_get",
    "sie_upload_list",
]
