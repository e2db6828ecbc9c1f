"""The demo's economy (issue 9 §3, issue 10 §2): the frames for KS and the five committees (proposed
before the council adopts Mål och budget, which adopts this year's; KS adjusts one in the spring) and each
unit's periodised budget, last year's and this year's; Alvesta kommun's ledger for last year and
for this year's months that have ended (generated as SIE 4 files and read through the importer,
its responsibilities mapped to the units but one) and AllboHus's closed year from the SIE file
the demo ships. All through the services, so audited.

The figures are made up; the group is marked so, and every page says so in its footer."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from styr.demo.allbohus import ALLBOHUS_FILE, ALLBOHUS_NAME
from styr.demo.group import load_demo_group
from styr.demo.ledgers import RESPONSIBILITIES, frames_tsek, investment_frames_tsek, municipal_files, unit_budget_months, unit_budgets
from styr.economy.models import Ledger, LedgerObject
from styr.economy.services import budget_set, frame_adjust, frame_set, ledger_object_map, sie_import
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.services import group_demo_figures_set

#: the unit that keeps the municipality's books: the council, so every committee's unit lies below it (SIE-009)
MUNICIPAL_LEDGER_KEEPER = "Kommunfullmäktige"


#: KS's one adjustment in the demo (seed §5.D: "viss justering"): more home-care users than the
#: budget assumed, met from the central room for the unforeseen; Omsorgsnämnden has it to distribute.
DEMO_ADJUSTMENT = (
    "Omsorgsnämnden",
    Decimal("1500"),
    "Fler brukare i hemtjänsten än budgeten räknade med; finansieras ur det centrala utrymmet för oförutsett.",
)


def load_demo_frames(*, units: dict[str, OrgUnit], users: dict[str, Any], today: date) -> None:
    """The controller's frame proposals for last year and ``today``'s year, before the council adopts
    Mål och budget (``load_demo_plans``), which adopts this year's; investment frames with them."""
    controller = users["ks.controller"]
    for year, last_year in ((today.year - 1, True), (today.year, False)):
        investments = investment_frames_tsek(last_year=last_year)
        for committee, amount_tsek in frames_tsek(last_year=last_year).items():
            frame_set(actor=controller, org_unit=units[committee], year=year, amount_tsek=amount_tsek, investment_tsek=investments.get(committee))


def load_demo_adjustment(*, units: dict[str, OrgUnit], users: dict[str, Any], today: date) -> None:
    """KS's adjustment of this year's adopted frame, decided in the spring (or today, early in the year)."""
    committee, amount_tsek, reason = DEMO_ADJUSTMENT
    frame_adjust(
        actor=users["ks.ordforande"],
        org_unit=units[committee],
        year=today.year,
        reason=reason,
        decided_on=min(today, date(today.year, 4, 22)),
        paragraph="§ 58",
        registration_number=f"KS {today.year}/112",
        operating_tsek=amount_tsek,
    )


def load_demo_economy(*, group: MunicipalGroup, units: dict[str, OrgUnit], users: dict[str, Any], today: date) -> None:
    """Budgets for last year and ``today``'s year (the frames are proposed before the plans,
    ``load_demo_frames``, the ledgers read before them, ``load_demo_ledgers``), KS's adjustment."""
    controller = users["ks.controller"]
    load_demo_adjustment(units=units, users=users, today=today)
    for year, last_year in ((today.year - 1, True), (today.year, False)):
        for budget in unit_budgets(last_year=last_year):
            budget_set(actor=controller, org_unit=units[budget.unit], year=year, months=unit_budget_months(budget))


def load_demo_ledgers(*, group: MunicipalGroup, units: dict[str, OrgUnit], users: dict[str, Any], today: date) -> None:
    """The ledgers: last year's and this year's months that have ended, read before the council
    adopts Mål och budget so that its result budget shows last year's outcome (issue 11 §6)."""
    controller = users["ks.controller"]
    keeper = units[MUNICIPAL_LEDGER_KEEPER]
    for file_name, data in municipal_files(today):
        sie_import(actor=controller, org_unit=keeper, file_name=file_name, stream=io.BytesIO(data))
    ledger = Ledger.objects.get(org_unit=keeper)
    objects = {o.code: o for o in LedgerObject.objects.filter(ledger=ledger, dimension=ledger.responsibility_dimension)}
    for responsibility in RESPONSIBILITIES:
        if responsibility.mapped:
            ledger_object_map(actor=controller, ledger_object=objects[responsibility.code], org_unit=units[responsibility.unit])

    sie_import(actor=controller, org_unit=units[ALLBOHUS_NAME], file_name=ALLBOHUS_FILE.name, path=ALLBOHUS_FILE)
    load_demo_group(units=units, users=users, today=today, municipal_keeper=MUNICIPAL_LEDGER_KEEPER)
    group_demo_figures_set(actor=controller, group=group, demo_figures=True)
