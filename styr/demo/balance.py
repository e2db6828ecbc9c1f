"""The demo's balance requirement (issue 11 §4): Alvesta's last years as a controller enters them
from the adopted annual reports (made up, as the demo says everywhere), with a deficit three years
ago, partly covered by the result equalisation reserve and restored over the next two years, the
council's recovery plan for it, and last year's statement read from the demo ledger. The entered
years are adopted by the council; last year's stays a draft for the annual report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from styr.domain.errors import RuleViolation
from styr.economy.services.balance import balance_deficit_decide, balance_statement_adopt, balance_statement_fill_from_accounts, balance_statement_save
from styr.organisation.models import MunicipalGroup

D = Decimal


def load_demo_balance(*, group: MunicipalGroup, users: dict[str, Any], today: date) -> None:
    controller, chair = users["ks.controller"], users["kf.ordforande"]
    first = today.year - 4
    # the reserve the deficit year draws on: the one it had the year before, which is kept beside a
    # new one (resultatreserven from 2024) where the law changed in between
    settings = group.governance.balance_requirement
    before, during = settings.ceiling_for(first), settings.ceiling_for(first + 1)
    renamed = before is not None and during is not None and before.reserve_name != during.reserve_name
    entered = {
        # a good year: 4 mkr to the reserve, within 1 % of 1 500 mkr in tax revenue and grants
        first: {
            "year_result_sek": D(31_400_000),
            "realisation_gains_sek": D(1_200_000),
            "tax_and_grants_sek": D(1_480_000_000),
            "reserve_provision_sek": D(4_000_000),
            "reserve_opening_sek": D(18_000_000),
        },
        # a deficit: −26.1 mkr after adjustments, 10 mkr from the reserve, −16.1 mkr to restore
        first + 1: {
            "year_result_sek": D(-25_300_000),
            "realisation_gains_sek": D(800_000),
            "tax_and_grants_sek": D(1_520_000_000),
            ("legacy_reserve_use_sek" if renamed else "reserve_use_sek"): D(10_000_000),
        },
        # the first restoration: 9.6 mkr of it
        first + 2: {"year_result_sek": D(9_900_000), "realisation_gains_sek": D(300_000), "tax_and_grants_sek": D(1_570_000_000)},
    }
    for year, changes in entered.items():
        balance_statement_save(actor=controller, group=group, year=year, changes={**changes, "note": "Inmatat ur årsredovisningen (påhittade siffror)."})
    for index, year in enumerate(entered):
        balance_statement_adopt(
            actor=chair,
            group=group,
            year=year,
            decided_on=date(year + 1, 4, 24),
            paragraph=f"§ {40 + index}",
            registration_number=f"KS {year + 1}/{60 + index}",
        )
    balance_deficit_decide(
        actor=chair,
        group=group,
        origin_year=first + 1,
        kind="recovery_plan",
        decided_on=date(first + 2, 4, 24),
        paragraph="§ 47",
        registration_number=f"KS {first + 2}/88",
        text="Vakanser hålls öppna och lokalytor sägs upp; underskottet återställs under de två följande åren.",
    )
    try:
        balance_statement_fill_from_accounts(actor=controller, group=group, year=today.year - 1)
    except RuleViolation:
        # without last year in the demo ledger, the year is entered instead
        balance_statement_save(actor=controller, group=group, year=today.year - 1, changes={"year_result_sek": D(12_500_000)})
