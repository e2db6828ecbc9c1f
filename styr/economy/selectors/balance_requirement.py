"""Reads of the balance requirement (issue 11 §4): a year's balanskravsutredning with the law's row
labels, the reserve and the deficit ledger, computed from the stored statements by the pure chain
(``domain/balance_requirement.py``). ``balance_statement(group, year)`` is the contract the
documents read (the annual report's section); the pages and the API read with the user."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from styr.core.permissions import require_visible
from styr.domain.balance_deficits import Deficit, DeficitDecisions
from styr.domain.balance_requirement import Chain, YearInputs, run_chain
from styr.domain.levels import LevelKind
from styr.economy.models import BalanceDeficit, BalanceStatementYear
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.models import Decision

ZERO = Decimal(0)
#: the lines whose amount may come from the accounts; the others are always entered
SOURCED = {"year_result": "year_result_source", "realisation_gains": "realisation_gains_source"}


@dataclass(frozen=True)
class BalanceLine:
    key: str
    label_sv: str
    label_en: str
    amount_sek: Decimal
    is_sum: bool
    #: "accounts" or "entered"; "" for a sum row and the council's reserve decisions
    source: str

    def label(self, language: str = "sv") -> str:
        return self.label_en if language.startswith("en") else self.label_sv


@dataclass(frozen=True)
class DeficitView:
    origin_year: int
    amount_sek: Decimal
    waived_sek: Decimal
    restored_sek: Decimal
    open_sek: Decimal
    deadline_year: int
    #: (year, amount) each later year restored
    restorations: tuple[tuple[int, Decimal], ...]
    #: BAL-005: still open after its deadline year's statement
    overdue: bool
    recovery_plan: str
    recovery_plan_decision: Decision | None
    waiver_reason: str
    waiver_decision: Decision | None


@dataclass(frozen=True)
class BalanceStatementView:
    group: MunicipalGroup
    year: int
    state: str
    decision: Decision | None
    lines: tuple[BalanceLine, ...]
    result_after_sek: Decimal
    balance_result_sek: Decimal
    reserve_opening_sek: Decimal
    reserve_closing_sek: Decimal
    #: the reserve in force ("resultatutjämningsreserv" or "resultatreserv"), and one kept beside it
    reserve_name: str
    legacy_reserve_name: str | None
    legacy_reserve_opening_sek: Decimal
    legacy_reserve_closing_sek: Decimal
    #: BAL-014: the most the reserve may hold; None without a cap or tax revenue
    reserve_cap_sek: Decimal | None
    #: what the law let go to the reserve this year; None when tax revenue is not known
    reserve_room_sek: Decimal | None
    tax_and_grants_sek: Decimal | None
    equity_incl_pensions_sek: Decimal | None
    #: "accounts" or "entered", for tax revenue and general grants and for equity
    tax_and_grants_source: str
    equity_source: str
    deficits_opening_sek: Decimal
    restored_sek: Decimal
    deficits_closing_sek: Decimal
    #: the deficit ledger as it stands at the year's end (deficits of this and earlier years)
    deficits: tuple[DeficitView, ...]
    note: str

    @property
    def to_restore_sek(self) -> Decimal:
        return self.deficits_closing_sek

    @property
    def overdue(self) -> tuple[DeficitView, ...]:
        return tuple(d for d in self.deficits if d.overdue)


def council(group: MunicipalGroup) -> OrgUnit:
    """The council: it adopts the statement and keeps the municipality's books."""
    return OrgUnit.objects.get(group=group, parent__isnull=True, kind=LevelKind.COUNCIL.value)


def equity_incl_pensions(row: BalanceStatementYear) -> Decimal | None:
    if row.equity_sek is None:
        return None
    return row.equity_sek - (row.pension_obligations_sek or ZERO)


def year_inputs(row: BalanceStatementYear) -> YearInputs:
    return YearInputs(
        year=row.year,
        year_result=row.year_result_sek,
        realisation_gains=row.realisation_gains_sek,
        exception_gains=row.exception_gains_sek,
        exception_losses=row.exception_losses_sek,
        unrealised_securities=row.unrealised_securities_sek,
        unrealised_reversal=row.unrealised_reversal_sek,
        reserve_provision=row.reserve_provision_sek,
        reserve_use=row.reserve_use_sek,
        legacy_reserve_use=row.legacy_reserve_use_sek,
        tax_and_grants=row.tax_and_grants_sek,
        equity_incl_pensions=equity_incl_pensions(row),
    )


def deficit_decisions(deficits: list[BalanceDeficit]) -> dict[int, DeficitDecisions]:
    return {
        d.origin_year: DeficitDecisions(
            has_recovery_plan=d.recovery_plan_decision_id is not None,
            has_waiver_decision=d.waiver_decision_id is not None,
            waived=d.waived_sek,
            deadline_year=d.extended_deadline_year,
        )
        for d in deficits
    }


def chain_of(group: MunicipalGroup, rows: list[BalanceStatementYear], deficits: list[BalanceDeficit], *, check: bool = False) -> Chain:
    """The chain of the given (consecutive) years; the reserve opens with the first year's entered balance."""
    settings = group.governance.balance_requirement
    opening = rows[0].reserve_opening_sek if rows and rows[0].reserve_opening_sek is not None else ZERO
    legacy = rows[0].legacy_reserve_opening_sek if rows and rows[0].legacy_reserve_opening_sek is not None else ZERO
    return run_chain(
        [year_inputs(r) for r in rows],
        reserve_opening=opening,
        legacy_reserve_opening=legacy,
        ceilings={r.year: settings.ceiling_for(r.year) for r in rows},
        decisions=deficit_decisions(deficits),
        check=check,
    )


def _deficit_view(deficit: Deficit, stored: BalanceDeficit | None) -> DeficitView:
    return DeficitView(
        origin_year=deficit.origin_year,
        amount_sek=deficit.amount,
        waived_sek=deficit.waived,
        restored_sek=deficit.restored,
        open_sek=deficit.open,
        deadline_year=deficit.deadline_year,
        restorations=deficit.restorations,
        overdue=deficit.overdue,
        recovery_plan=stored.recovery_plan if stored else "",
        recovery_plan_decision=stored.recovery_plan_decision if stored else None,
        waiver_reason=stored.waiver_reason if stored else "",
        waiver_decision=stored.waiver_decision if stored else None,
    )


def _views(group: MunicipalGroup, rows: list[BalanceStatementYear], deficits: list[BalanceDeficit]) -> list[BalanceStatementView]:
    """Each year's view, its deficit ledger as known at that year's end (the chain up to it)."""
    stored = {d.origin_year: d for d in deficits}
    views = []
    for index, row in enumerate(rows):
        chain = chain_of(group, rows[: index + 1], deficits)
        year = chain.years[-1]
        lines = tuple(
            BalanceLine(line.key, line.label_sv, line.label_en, line.amount, line.is_sum, getattr(row, SOURCED[line.key]) if line.key in SOURCED else "")
            for line in year.lines
        )
        views.append(
            BalanceStatementView(
                group=group,
                year=row.year,
                state=row.state,
                decision=row.decision,
                lines=lines,
                result_after_sek=year.result_after,
                balance_result_sek=year.balance_result,
                reserve_opening_sek=year.reserve_opening,
                reserve_closing_sek=year.reserve_closing,
                reserve_room_sek=year.reserve_room,
                reserve_name=year.reserve_name,
                legacy_reserve_name=year.legacy_name,
                legacy_reserve_opening_sek=year.legacy_reserve_opening,
                legacy_reserve_closing_sek=year.legacy_reserve_closing,
                reserve_cap_sek=year.reserve_cap,
                tax_and_grants_sek=row.tax_and_grants_sek,
                equity_incl_pensions_sek=equity_incl_pensions(row),
                tax_and_grants_source=row.tax_and_grants_source,
                equity_source=row.equity_source,
                deficits_opening_sek=year.deficits_opening,
                restored_sek=year.restored,
                deficits_closing_sek=year.deficits_closing,
                deficits=tuple(_deficit_view(d, stored.get(d.origin_year)) for d in chain.deficits),
                note=row.note,
            )
        )
    return views


def _rows(group: MunicipalGroup) -> tuple[list[BalanceStatementYear], list[BalanceDeficit]]:
    rows = list(BalanceStatementYear.objects.filter(group=group).select_related("decision", "decision__body").order_by("year"))
    deficits = list(BalanceDeficit.objects.filter(group=group).select_related("recovery_plan_decision__body", "waiver_decision__body").order_by("origin_year"))
    return rows, deficits


def balance_statement(group: MunicipalGroup, year: int) -> BalanceStatementView | None:
    """The year's statement with the reserve and the deficit ledger as at its end; ``None`` when the
    year has no statement. For documents (the annual report): the group's own data, no user."""
    rows, deficits = _rows(group)
    rows = [r for r in rows if r.year <= year]
    if not rows or rows[-1].year != year:
        return None
    return _views(group, rows, deficits)[-1]


def balance_statement_list(user: Any, group: MunicipalGroup) -> list[BalanceStatementView]:
    """Every year of the chain, oldest first, for whoever may see the council (the whole municipality)."""
    require_visible(user, council(group))
    rows, deficits = _rows(group)
    return _views(group, rows, deficits)


def balance_statement_get(user: Any, group: MunicipalGroup, year: int) -> BalanceStatementView | None:
    require_visible(user, council(group))
    return balance_statement(group, year)


def balance_deficit_list(user: Any, group: MunicipalGroup) -> list[DeficitView]:
    """The deficit ledger as it stands after the chain's last year."""
    views = balance_statement_list(user, group)
    return list(views[-1].deficits) if views else []
