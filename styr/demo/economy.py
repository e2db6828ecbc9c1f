"""The demo's economy (issue 9 §3): the council's frames for KS and the five committees and each
unit's periodised budget, last year's and this year's; Alvesta kommun's ledger for last year and
for this year's months that have ended (generated as SIE 4 files and read through the importer,
its responsibilities mapped to the units but one) and AllboHus's closed year from the SIE file
the demo ships. All through the services, so audited.

The figures are made up; the group is marked so, and every page says so in its footer."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from styr.demo.allbohus import ALLBOHUS_FILE, ALLBOHUS_NAME
from styr.demo.ledgers import RESPONSIBILITIES, frames_tsek, municipal_files, unit_budget_months, unit_budgets
from styr.economy.models import Ledger, LedgerObject
from styr.economy.services import budget_set, frame_set, ledger_object_map, sie_import
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.services import group_demo_figures_set

#: the unit that keeps the municipality's books: the council, so every committee's unit lies below it (SIE-009)
MUNICIPAL_LEDGER_KEEPER = "Kommunfullmäktige"


def load_demo_economy(*, group: MunicipalGroup, units: dict[str, OrgUnit], users: dict[str, Any], today: date) -> None:
    """Frames, budgets and ledgers for last year and ``today``'s year; actuals up to the month before ``today``."""
    controller = users["ks.controller"]
    for year, last_year in ((today.year - 1, True), (today.year, False)):
        for committee, amount_tsek in frames_tsek(last_year=last_year).items():
            frame_set(actor=controller, org_unit=units[committee], year=year, amount_tsek=amount_tsek)
        for budget in unit_budgets(last_year=last_year):
            budget_set(actor=controller, org_unit=units[budget.unit], year=year, months=unit_budget_months(budget))

    keeper = units[MUNICIPAL_LEDGER_KEEPER]
    for file_name, data in municipal_files(today):
        sie_import(actor=controller, org_unit=keeper, file_name=file_name, stream=io.BytesIO(data))
    ledger = Ledger.objects.get(org_unit=keeper)
    objects = {o.code: o for o in LedgerObject.objects.filter(ledger=ledger, dimension=ledger.responsibility_dimension)}
    for responsibility in RESPONSIBILITIES:
        if responsibility.mapped:
            ledger_object_map(actor=controller, ledger_object=objects[responsibility.code], org_unit=units[responsibility.unit])

    sie_import(actor=controller, org_unit=units[ALLBOHUS_NAME], file_name=ALLBOHUS_FILE.name, path=ALLBOHUS_FILE)
    group_demo_figures_set(actor=controller, group=group, demo_figures=True)
