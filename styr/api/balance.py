"""The balance requirement (issue 11 §4): each year's balanskravsutredning with the law's rows, the
reserve and the deficit ledger. Controllers prepare a year (``balance.write``: enter lines, or read
them from the municipality's ledger), the council adopts it and decides on a deficit's recovery plan
or synnerliga skäl (``balance.adopt``, ``balance.decide``, politicians on the council itself);
everyone who sees the council reads (auditors too). Rules BAL-001…BAL-014."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from pydantic import Field

from styr.api.schemas import ERRORS, SOMETHING, Day, Patch, Text, Year
from styr.api.schemas import Input as InputSchema
from styr.api.versions import IfMatch, Version, expected_version
from styr.economy.models import BalanceStatementYear
from styr.economy.selectors.balance_requirement import BalanceStatementView, DeficitView, balance_deficit_list, balance_statement_get, balance_statement_list
from styr.economy.services.balance import balance_deficit_decide, balance_statement_adopt, balance_statement_fill_from_accounts, balance_statement_save
from styr.organisation.models import MunicipalGroup
from styr.organisation.selectors import group_of_user

router = Router(tags=["Balance requirement"])

Kronor = Annotated[Decimal, Field(allow_inf_nan=False, strict=False, description="kronor, at most two decimals")]
Paragraph = Annotated[str, Field(max_length=30, pattern=SOMETHING, examples=["§ 49"])]
RegistrationNumber = Annotated[str, Field(max_length=50, pattern=SOMETHING)]


class BalanceDecisionOut(Schema):
    id: int
    body_id: int
    decided_on: date
    paragraph: str
    registration_number: str
    title: str


class LineOut(Schema):
    key: str
    label_sv: str
    label_en: str
    amount_sek: Decimal
    is_sum: bool
    #: "accounts", "entered", or "" for a sum row and the council's reserve decisions
    source: str


class DeficitOut(Schema):
    origin_year: int
    amount_sek: Decimal
    waived_sek: Decimal
    restored_sek: Decimal
    open_sek: Decimal
    deadline_year: int
    restorations: list[tuple[int, Decimal]]
    overdue: bool
    recovery_plan: str
    recovery_plan_decision: BalanceDecisionOut | None
    waiver_reason: str
    waiver_decision: BalanceDecisionOut | None


class StatementOut(Schema):
    year: int
    version: Version
    state: str
    decision: BalanceDecisionOut | None
    lines: list[LineOut]
    result_after_sek: Decimal
    balance_result_sek: Decimal
    reserve_opening_sek: Decimal
    reserve_closing_sek: Decimal
    #: "resultatutjämningsreserv" or, from 2024, "resultatreserv"; a result equalisation reserve kept beside it
    reserve_name: str
    legacy_reserve_name: str | None
    legacy_reserve_opening_sek: Decimal
    legacy_reserve_closing_sek: Decimal
    #: BAL-014: the most the reserve may hold (None: no cap, or tax revenue unknown)
    reserve_cap_sek: Decimal | None
    reserve_room_sek: Decimal | None
    tax_and_grants_sek: Decimal | None
    equity_incl_pensions_sek: Decimal | None
    #: "accounts" or "entered"
    tax_and_grants_source: str
    equity_source: str
    deficits_opening_sek: Decimal
    restored_sek: Decimal
    to_restore_sek: Decimal
    deficits: list[DeficitOut]
    note: str


class StatementIn(Patch):
    """The lines a controller enters; only those sent change (each then counts as entered)."""

    nullable: ClassVar[frozenset[str]] = frozenset(
        {"tax_and_grants_sek", "equity_sek", "pension_obligations_sek", "reserve_opening_sek", "legacy_reserve_opening_sek"}
    )
    year_result_sek: Kronor | None = None
    realisation_gains_sek: Kronor | None = None
    exception_gains_sek: Kronor | None = None
    exception_losses_sek: Kronor | None = None
    unrealised_securities_sek: Kronor | None = None
    unrealised_reversal_sek: Kronor | None = None
    reserve_provision_sek: Kronor | None = None
    reserve_use_sek: Kronor | None = None
    legacy_reserve_use_sek: Kronor | None = None
    tax_and_grants_sek: Kronor | None = None
    equity_sek: Kronor | None = None
    pension_obligations_sek: Kronor | None = None
    reserve_opening_sek: Kronor | None = None
    legacy_reserve_opening_sek: Kronor | None = None
    note: Text | None = None


class AdoptionIn(InputSchema):
    decided_on: Day
    paragraph: Paragraph
    registration_number: RegistrationNumber


class DeficitDecisionIn(AdoptionIn):
    kind: Literal["recovery_plan", "synnerliga_skal"]
    text: Text
    waived_sek: Kronor = Decimal(0)
    extended_deadline_year: Year | None = None


def _decision(decision: Any) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "id": decision.pk,
        "body_id": decision.body_id,
        "decided_on": decision.decided_on,
        "paragraph": decision.paragraph,
        "registration_number": decision.registration_number,
        "title": decision.title,
    }


def _deficit(d: DeficitView) -> dict[str, Any]:
    return {
        "origin_year": d.origin_year,
        "amount_sek": d.amount_sek,
        "waived_sek": d.waived_sek,
        "restored_sek": d.restored_sek,
        "open_sek": d.open_sek,
        "deadline_year": d.deadline_year,
        "restorations": list(d.restorations),
        "overdue": d.overdue,
        "recovery_plan": d.recovery_plan,
        "recovery_plan_decision": _decision(d.recovery_plan_decision),
        "waiver_reason": d.waiver_reason,
        "waiver_decision": _decision(d.waiver_decision),
    }


def _statement(v: BalanceStatementView, versions: dict[int, int]) -> dict[str, Any]:
    return {
        "year": v.year,
        "version": versions.get(v.year, 1),
        "state": v.state,
        "decision": _decision(v.decision),
        "lines": [vars(line) for line in v.lines],
        "result_after_sek": v.result_after_sek,
        "balance_result_sek": v.balance_result_sek,
        "reserve_opening_sek": v.reserve_opening_sek,
        "reserve_closing_sek": v.reserve_closing_sek,
        "reserve_name": v.reserve_name,
        "legacy_reserve_name": v.legacy_reserve_name,
        "legacy_reserve_opening_sek": v.legacy_reserve_opening_sek,
        "legacy_reserve_closing_sek": v.legacy_reserve_closing_sek,
        "reserve_cap_sek": v.reserve_cap_sek,
        "reserve_room_sek": v.reserve_room_sek,
        "tax_and_grants_sek": v.tax_and_grants_sek,
        "equity_incl_pensions_sek": v.equity_incl_pensions_sek,
        "tax_and_grants_source": v.tax_and_grants_source,
        "equity_source": v.equity_source,
        "deficits_opening_sek": v.deficits_opening_sek,
        "restored_sek": v.restored_sek,
        "to_restore_sek": v.to_restore_sek,
        "deficits": [_deficit(d) for d in v.deficits],
        "note": v.note,
    }


def _get(request: HttpRequest, year: int) -> dict[str, Any]:
    view = balance_statement_get(request.user, group_of_user(request.user), year)
    if view is None:
        raise Http404
    return _statement(view, _versions(view.group, year))


def _versions(group: MunicipalGroup, year: int | None = None) -> dict[int, int]:
    """Each stored year's version (the ETag of its statement)."""
    rows = BalanceStatementYear.objects.filter(group=group)
    if year is not None:
        rows = rows.filter(year=year)
    return dict(rows.values_list("year", "version"))


@router.get("/balance-statements", response={200: list[StatementOut], **ERRORS}, summary="Every year's balance requirement statement, oldest first")
def list_statements(request: HttpRequest) -> list[dict[str, Any]]:
    group = group_of_user(request.user)
    versions = _versions(group)
    return [_statement(v, versions) for v in balance_statement_list(request.user, group)]


@router.get(
    "/balance-statements/{year}", response={200: StatementOut, **ERRORS}, summary="A year's statement with the reserve and the deficit ledger at its end"
)
def get_statement(request: HttpRequest, year: Year) -> dict[str, Any]:
    return _get(request, year)


@router.patch(
    "/balance-statements/{year}",
    response={200: StatementOut, **ERRORS},
    summary="Prepare a year's statement: enter lines (controllers; BAL-001…BAL-004, BAL-007…BAL-009)",
    description="Creates the year when it is new; it must join the chain (BAL-009). 409 BAL-007 once the council adopted it.",
)
def patch_statement(request: HttpRequest, year: Year, payload: StatementIn, if_match: IfMatch = None) -> dict[str, Any]:
    group = group_of_user(request.user)
    row = BalanceStatementYear.objects.filter(group=group, year=year).first()  # None: a new year, nothing to overwrite
    with expected_version(row, if_match):
        balance_statement_save(actor=request.user, group=group, year=year, changes=payload.changes())
    return _get(request, year)


@router.post(
    "/balance-statements/{year}/from-accounts",
    response={200: StatementOut, **ERRORS},
    summary="Read the year's result, realisation gains, tax revenue and equity from the municipality's ledger (controllers; BAL-013)",
)
def fill_from_accounts(request: HttpRequest, year: Year) -> dict[str, Any]:
    balance_statement_fill_from_accounts(actor=request.user, group=group_of_user(request.user), year=year)
    return _get(request, year)


@router.post(
    "/balance-statements/{year}/adoption",
    response={200: StatementOut, **ERRORS},
    summary="The council adopts the year's statement with the annual report (politicians on the council; BAL-007, BAL-011)",
)
def adopt_statement(request: HttpRequest, year: Year, payload: AdoptionIn) -> dict[str, Any]:
    balance_statement_adopt(
        actor=request.user,
        group=group_of_user(request.user),
        year=year,
        decided_on=payload.decided_on,
        paragraph=payload.paragraph,
        registration_number=payload.registration_number,
    )
    return _get(request, year)


@router.get("/balance-deficits", response={200: list[DeficitOut], **ERRORS}, summary="The deficit ledger: what is open, restored, and by when")
def list_deficits(request: HttpRequest) -> list[dict[str, Any]]:
    return [_deficit(d) for d in balance_deficit_list(request.user, group_of_user(request.user))]


@router.post(
    "/balance-deficits/{origin_year}/decisions",
    response={200: DeficitOut, **ERRORS},
    summary="The council's recovery plan or decision on synnerliga skäl for a year's deficit (politicians on the council; BAL-006, BAL-012)",
)
def decide_deficit(request: HttpRequest, origin_year: Year, payload: DeficitDecisionIn) -> dict[str, Any]:
    group = group_of_user(request.user)
    balance_deficit_decide(
        actor=request.user,
        group=group,
        origin_year=origin_year,
        kind=payload.kind,
        decided_on=payload.decided_on,
        paragraph=payload.paragraph,
        registration_number=payload.registration_number,
        text=payload.text,
        waived_sek=payload.waived_sek,
        extended_deadline_year=payload.extended_deadline_year,
    )
    found = next(d for d in balance_deficit_list(request.user, group) if d.origin_year == origin_year)
    return _deficit(found)
