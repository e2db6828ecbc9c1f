"""The demo's pension obligations outside the balance sheet (issue 11 §1): entered by KS's
controller for the last two years, so the equity ratio including pension obligations has a value.
The figures are made up, of the size a municipality of 20 000 residents reports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from styr.economy.services import pension_obligation_set
from styr.organisation.models import MunicipalGroup

#: (years before today's, kronor incl. payroll tax): falling as the obligations are paid out
PENSION_OBLIGATIONS = ((2, Decimal("468300000")), (1, Decimal("452900000")))


def load_demo_financial_goals(*, group: MunicipalGroup, users: dict[str, Any], today: date) -> None:
    for back, amount in PENSION_OBLIGATIONS:
        year = today.year - back
        pension_obligation_set(
            actor=users["ks.controller"],
            group=group,
            year=year,
            amount_sek=amount,
            source=f"Pensionsförvaltarens pensionsskuldsberäkning {year}-12-31 (påhittad)",
        )
