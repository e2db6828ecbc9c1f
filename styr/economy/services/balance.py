"""Writes of the balance requirement (balanskravsutredning, kommunallagen 11 kap. 10–14 §§; issue 11 §4).

- ``balance_statement_save``: a controller prepares a year's statement, entering any line (past
  years before Styr held the books, the reserve's provision and use as the council decided them).
  The year must join the chain (BAL-009) and the reserve's rules hold for it (BAL-001…BAL-004, BAL-008).
- ``balance_statement_fill_from_accounts``: the year's result, realisation gains (the preset's
  Kommun-Bas ranges), tax revenue and general grants and equity read from the municipality's ledger.
- ``balance_statement_adopt``: the council adopts the statement with the annual report (a decision,
  the statement frozen as JSON + SHA-256); then it is locked (BAL-007), and years are adopted in
  order (BAL-011).
- ``balance_deficit_decide``: the council's recovery plan (åtgärdsplan) for a deficit, or its
  decision on synnerliga skäl not to restore it, in part or whole, or to restore it later (BAL-006, BAL-012).

After every write the deficit ledger (``BalanceDeficit``) is brought in line with the chain.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import require
from styr.domain.balance_deficits import check_adoption_order, check_deficit_exists, check_open, check_waiver
from styr.domain.balance_requirement import ZERO, check_reserve, run_chain
from styr.domain.errors import RuleViolation, _
from styr.domain.limits import check_year
from styr.domain.plans import snapshot_hash
from styr.economy.models import AmountSource, BalanceDeficit, BalanceStatementState, BalanceStatementYear
from styr.economy.selectors.balance_requirement import balance_statement, chain_of, council, year_inputs
from styr.economy.selectors.statement import result_statement
from styr.organisation.models import MunicipalGroup
from styr.planning.services.plans import decision_record

AMOUNT_FIELDS = (
    "year_result_sek",
    "realisation_gains_sek",
    "exception_gains_sek",
    "exception_losses_sek",
    "unrealised_securities_sek",
    "unrealised_reversal_sek",
    "reserve_provision_sek",
    "reserve_use_sek",
    "legacy_reserve_use_sek",
    "tax_and_grants_sek",
    "equity_sek",
    "pension_obligations_sek",
    "reserve_opening_sek",
    "legacy_reserve_opening_sek",
)
#: the amounts that may come from the accounts, with the field naming their source
SOURCE_OF = {
    "year_result_sek": "year_result_source",
    "realisation_gains_sek": "realisation_gains_source",
    "tax_and_grants_sek": "tax_and_grants_source",
    "equity_sek": "equity_source",
}
NULLABLE = ("tax_and_grants_sek", "equity_sek", "pension_obligations_sek", "reserve_opening_sek", "legacy_reserve_opening_sek")
STATEMENT_FIELDS = ["year", "state", *AMOUNT_FIELDS, *SOURCE_OF.values(), "note", "decision"]
DEFICIT_FIELDS = [
    "origin_year",
    "amount_sek",
    "restored_sek",
    "deadline_year",
    "recovery_plan_decision",
    "recovery_plan",
    "waiver_decision",
    "waived_sek",
    "extended_deadline_year",
    "waiver_reason",
]
CENT = Decimal("0.01")


def _check_amount(name: str, value: Decimal | None) -> None:
    """BAL-008 also for the form of an amount: kronor with at most two decimals, within 15 digits."""
    if value is None:
        if name not in NULLABLE:
            raise RuleViolation("BAL-008", _("%(row)s needs an amount."), {"row": name, "amount": ""}, field=name)
        return
    if not value.is_finite() or abs(value) >= Decimal(10) ** 15 or value != value.quantize(CENT):
        raise RuleViolation("BAL-008", _("%(amount)s is not an amount in kronor (at most two decimals)."), {"row": name, "amount": str(value)}, field=name)


def _rows_with(group: MunicipalGroup, row: BalanceStatementYear) -> tuple[list[BalanceStatementYear], list[BalanceDeficit]]:
    rows = [r for r in BalanceStatementYear.objects.filter(group=group).order_by("year") if r.year != row.year]
    rows = sorted([*rows, row], key=lambda r: r.year)
    return rows, list(BalanceDeficit.objects.filter(group=group))


def _check_year_rules(group: MunicipalGroup, row: BalanceStatementYear) -> None:
    """The chain holds together (BAL-009) and the reserve's rules hold for the row's year."""
    rows, deficits = _rows_with(group, row)
    chain = chain_of(group, rows, deficits)
    year = chain.year(row.year)
    settings = group.governance.balance_requirement
    old = settings.ceiling_for(row.year - 1) if year.legacy_name else None
    check_reserve(
        year_inputs(row),
        reserve_before=year.reserve_opening,
        ceiling=settings.ceiling_for(row.year),
        legacy_before=year.legacy_reserve_opening,
        legacy_only_against_negative=old.use_only_against_negative_result if old and old.reserve_name == year.legacy_name else True,
    )


def _sync_deficits(group: MunicipalGroup, actor: Actor) -> None:
    """The deficit ledger follows the chain: amounts, restorations and the law's deadline."""
    rows = list(BalanceStatementYear.objects.filter(group=group).order_by("year"))
    stored = {d.origin_year: d for d in BalanceDeficit.objects.select_for_update().filter(group=group)}
    chain = chain_of(group, rows, list(stored.values())) if rows else run_chain([])
    found = {d.origin_year: d for d in chain.deficits}
    for year, deficit in found.items():
        row = stored.get(year) or BalanceDeficit(group=group, origin_year=year, amount_sek=ZERO, deadline_year=deficit.deadline_year)
        before = audit.snapshot(row, DEFICIT_FIELDS) if row.pk else None
        values = (deficit.amount, deficit.restored, year + 3)
        if row.pk and (row.amount_sek, row.restored_sek, row.deadline_year) == values:
            continue
        row.amount_sek, row.restored_sek, row.deadline_year = values
        row.save()
        audit.record(actor=actor, action="balance_deficit.updated", obj=row, org_unit=council(group), before=before, after=audit.snapshot(row, DEFICIT_FIELDS))
    for year, row in stored.items():
        if year in found:
            continue
        before = audit.snapshot(row, DEFICIT_FIELDS)
        if row.recovery_plan_decision_id is None and row.waiver_decision_id is None:
            row.delete()
            audit.record(actor=actor, action="balance_deficit.removed", obj=None, group=group, org_unit=council(group), before=before)
        elif row.amount_sek or row.restored_sek:
            row.amount_sek = row.restored_sek = ZERO
            row.save(update_fields=["amount_sek", "restored_sek"])
            audit.record(
                actor=actor, action="balance_deficit.updated", obj=row, org_unit=council(group), before=before, after=audit.snapshot(row, DEFICIT_FIELDS)
            )


@transaction.atomic
def balance_statement_save(*, actor: Actor, group: MunicipalGroup, year: int, changes: Mapping[str, Any]) -> BalanceStatementYear:
    """Prepare the year's statement: each amount given is entered (its source becomes "entered");
    ``note`` a text. Creates the year when it is new (joining the chain, BAL-009)."""
    body = council(group)
    if actor is not None:
        require(actor, "balance.write", body)
    check_year(field="year", label=gettext("Year"), year=year)
    unknown = sorted(set(changes) - {*AMOUNT_FIELDS, "note"})
    if unknown:
        raise ValueError(f"not a field of the balance statement: {', '.join(unknown)}")
    row = BalanceStatementYear.objects.select_for_update().filter(group=group, year=year).first()
    check_open(adopted=row is not None and row.is_adopted, year=year)
    before = audit.snapshot(row, STATEMENT_FIELDS) if row else None
    row = row or BalanceStatementYear(group=group, year=year)
    for name, value in changes.items():
        if name == "note":
            row.note = str(value or "").strip()
            continue
        _check_amount(name, value)
        setattr(row, name, value.quantize(CENT) if value is not None else None)
        if name in SOURCE_OF:
            setattr(row, SOURCE_OF[name], AmountSource.ENTERED)
    _check_year_rules(group, row)
    row.full_clean(exclude=["group", "decision"])
    row.save()
    _sync_deficits(group, actor)
    audit.record(actor=actor, action="balance_statement.saved", obj=row, org_unit=body, before=before, after=audit.snapshot(row, STATEMENT_FIELDS))
    return row


def accounts_figures(actor: Actor, group: MunicipalGroup, year: int) -> dict[str, Decimal]:
    """The year's result, realisation gains, tax revenue and general grants and equity from the
    municipality's ledger (kept by the council), read as its result statement and balance sheet.
    Realisation gains are the accounts of the preset's ``realisation_gain_accounts`` as shown (a
    gain positive). BAL-013 when the ledger holds no such year."""
    body = council(group)
    statement = result_statement(actor, body, year)
    if statement.fiscal_year_start is None:
        raise RuleViolation("BAL-013", _("The municipality's ledger holds no fiscal year %(year)s: enter the amounts instead."), {"year": year}, field="year")
    settings = group.governance.balance_requirement
    gains = sum(
        (
            account.amount_sek
            for line in statement.result
            if not line.is_sum
            for account in line.accounts
            if settings.is_realisation_gain_account(account.account)
        ),
        ZERO,
    )
    return {
        "year_result_sek": statement.line("year_result").amount_sek,
        "realisation_gains_sek": max(gains, ZERO),
        "tax_and_grants_sek": statement.line("tax_revenue").amount_sek + statement.line("general_grants").amount_sek,
        "equity_sek": statement.line("equity").amount_sek,
    }


@transaction.atomic
def balance_statement_fill_from_accounts(*, actor: Actor, group: MunicipalGroup, year: int) -> BalanceStatementYear:
    """Read the lines the accounts hold into the year's statement (their source becomes "accounts")."""
    body = council(group)
    if actor is not None:
        require(actor, "balance.write", body)
    figures = accounts_figures(actor, group, year)
    row = balance_statement_save(actor=actor, group=group, year=year, changes=figures)
    before = audit.snapshot(row, STATEMENT_FIELDS)
    for name in figures:
        setattr(row, SOURCE_OF[name], AmountSource.ACCOUNTS)
    row.save(update_fields=list(SOURCE_OF.values()))
    audit.record(actor=actor, action="balance_statement.read_from_accounts", obj=row, org_unit=body, before=before, after=audit.snapshot(row, STATEMENT_FIELDS))
    return row


@transaction.atomic
def balance_statement_adopt(
    *, actor: Actor, group: MunicipalGroup, year: int, decided_on: date, paragraph: str, registration_number: str
) -> BalanceStatementYear:
    """The council adopts the year's statement with the annual report: a decision, the statement
    frozen (JSON + SHA-256), the year locked (BAL-007). Earlier drafts first (BAL-011)."""
    body = council(group)
    if actor is not None:
        require(actor, "balance.adopt", body)
    row = BalanceStatementYear.objects.select_for_update().filter(group=group, year=year).first()
    if row is None:
        raise Http404
    check_open(adopted=row.is_adopted, year=year)
    earlier = BalanceStatementYear.objects.filter(group=group, year__lt=year, state=BalanceStatementState.DRAFT).order_by("year").first()
    check_adoption_order(year=year, earlier_draft=earlier.year if earlier else None)
    _check_year_rules(group, row)
    before = audit.snapshot(row, STATEMENT_FIELDS)
    view = balance_statement(group, year)
    assert view is not None
    snapshot = {
        "year": year,
        "lines": [{"key": li.key, "label": li.label_sv, "amount_sek": str(li.amount_sek), "source": li.source} for li in view.lines],
        "reserve_opening_sek": str(view.reserve_opening_sek),
        "reserve_closing_sek": str(view.reserve_closing_sek),
        "reserve_name": view.reserve_name,
        "legacy_reserve_opening_sek": str(view.legacy_reserve_opening_sek),
        "legacy_reserve_closing_sek": str(view.legacy_reserve_closing_sek),
        "deficits": [
            {"origin_year": d.origin_year, "amount_sek": str(d.amount_sek), "open_sek": str(d.open_sek), "deadline_year": d.deadline_year}
            for d in view.deficits
        ],
    }
    row.decision = decision_record(
        actor=actor,
        body=body,
        decided_on=decided_on,
        paragraph=paragraph,
        registration_number=registration_number,
        title=gettext("Balance requirement statement %(year)s") % {"year": year},
    )
    row.state = BalanceStatementState.ADOPTED
    row.snapshot, row.snapshot_sha256 = snapshot, snapshot_hash(snapshot)
    row.save()
    audit.record(actor=actor, action="balance_statement.adopted", obj=row, org_unit=body, before=before, after=audit.snapshot(row, STATEMENT_FIELDS))
    return row


RECOVERY_PLAN, SYNNERLIGA_SKAL = "recovery_plan", "synnerliga_skal"


@transaction.atomic
def balance_deficit_decide(
    *,
    actor: Actor,
    group: MunicipalGroup,
    origin_year: int,
    kind: str,
    decided_on: date,
    paragraph: str,
    registration_number: str,
    text: str,
    waived_sek: Decimal = ZERO,
    extended_deadline_year: int | None = None,
) -> BalanceDeficit:
    """The council's decision on a year's deficit: ``recovery_plan`` (åtgärdsplan, 11 kap. 12 §) with
    its text, or ``synnerliga_skal`` (11 kap. 13 §) with the reason, the amount not to be restored
    and/or a later deadline (BAL-006). Only on a year with a deficit (BAL-012)."""
    body = council(group)
    if actor is not None:
        require(actor, "balance.decide", body)
    if kind not in (RECOVERY_PLAN, SYNNERLIGA_SKAL):
        raise ValueError(f"unknown decision kind {kind!r}")
    deficit = BalanceDeficit.objects.select_for_update().filter(group=group, origin_year=origin_year).first()
    check_deficit_exists(year=origin_year, amount=deficit.amount_sek if deficit else None)
    assert deficit is not None
    if kind == SYNNERLIGA_SKAL:
        _check_amount("waived_sek", waived_sek)
        check_waiver(amount=deficit.amount_sek, waived=waived_sek, has_decision=True, origin_year=origin_year, deadline_year=extended_deadline_year)
        if not text.strip():
            raise RuleViolation("BAL-006", _("A decision on synnerliga skäl states the reasons."), {"year": origin_year}, field="text")
    before = audit.snapshot(deficit, DEFICIT_FIELDS)
    title = gettext("Recovery plan for the deficit of %(year)s") if kind == RECOVERY_PLAN else gettext("Synnerliga skäl for the deficit of %(year)s")
    decision = decision_record(
        actor=actor, body=body, decided_on=decided_on, paragraph=paragraph, registration_number=registration_number, title=title % {"year": origin_year}
    )
    if kind == RECOVERY_PLAN:
        deficit.recovery_plan_decision, deficit.recovery_plan = decision, text.strip()
    else:
        deficit.waiver_decision, deficit.waiver_reason = decision, text.strip()
        deficit.waived_sek, deficit.extended_deadline_year = waived_sek, extended_deadline_year
    deficit.full_clean(exclude=["group"])
    deficit.save()
    _sync_deficits(group, actor)
    deficit.refresh_from_db()
    audit.record(actor=actor, action=f"balance_deficit.{kind}", obj=deficit, org_unit=body, before=before, after=audit.snapshot(deficit, DEFICIT_FIELDS))
    return deficit
