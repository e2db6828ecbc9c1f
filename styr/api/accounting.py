"""Accounting: SIE files read into a unit's ledger, and the ledger's balances per account and month."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from styr.api.schemas import ERRORS, DbId, Year
from styr.economy.selectors import AccountFigures, ResultStatement, StatementLine, balances, result_statement
from styr.economy.services import sie_import
from styr.organisation.selectors import org_unit_get

router = Router(tags=["Accounting"])

AccountNumber = Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[0-9]+$")]


class FiscalYearRangeOut(Schema):
    start: str
    end: str


class FiscalYearOut(Schema):
    year: int
    start: str
    end: str


class FindingOut(Schema):
    line: int | None
    code: str
    message: str


class SieImportOut(Schema):
    id: int
    file_name: str
    sha256: str
    sie_type: str
    state: str
    #: the same file was imported into this ledger before: nothing was written
    unchanged: bool
    counts: dict[str, int]
    fiscal_years: list[FiscalYearOut]
    warnings: list[FindingOut]
    #: the earlier imports whose year this one replaced
    replaced: list[int]


class ObjectFiguresOut(Schema):
    dimension: str
    object: str
    #: dimension -> object, the whole object list of the #OIB/#OUB row
    objects: dict[str, str]
    opening_sek: Decimal | None
    closing_sek: Decimal | None


class AccountFiguresOut(Schema):
    account: str
    name: str
    opening_sek: Decimal | None
    closing_sek: Decimal | None
    result_sek: Decimal | None
    months: dict[str, Decimal]
    budget: dict[str, Decimal]
    #: opening (#OIB) and closing (#OUB) balance per object list, where the file gives them
    objects: list[ObjectFiguresOut]


class StatementAccountOut(Schema):
    account: str
    name: str
    amount_sek: Decimal


class StatementLineOut(Schema):
    key: str
    label: str
    #: a sum of earlier rows
    sum: bool
    #: shown apart and in no sum (the closing account of the year's result)
    memo: bool
    amount_sek: Decimal
    budget_sek: Decimal | None
    accounts: list[StatementAccountOut]


class UnmappedAccountOut(StatementAccountOut):
    code: str


class ResultStatementOut(Schema):
    org_unit: int
    year: int
    plan: str
    fiscal_year: FiscalYearRangeOut | None
    result: list[StatementLineOut]
    balance: list[StatementLineOut]
    unmapped: list[UnmappedAccountOut]


@router.post(
    "/accounting/sie-imports",
    response={201: SieImportOut, 200: SieImportOut, **ERRORS},
    summary="Import a SIE file into a unit's ledger (SIE-001…SIE-008)",
    description=(
        "Multipart: `file` (a SIE file of type 1, 2, 3, 4E or 4I) and `org_unit`. 201 with the import; 200 with "
        "`unchanged: true` when the same file (SHA-256) was imported before. A refused file writes nothing and answers "
        "422 with its first error and every error in `detail.errors` (line, code, message)."
    ),
)
def create_sie_import(request: HttpRequest, org_unit: Form[DbId], file: File[UploadedFile]) -> Status[dict[str, Any]]:
    unit = org_unit_get(request.user, org_unit, action="ledger.import")
    outcome = sie_import(actor=request.user, org_unit=unit, file_name=file.name or "upload.se", stream=file.file)
    record = outcome.sie_import
    body = {
        "id": record.pk,
        "file_name": record.file_name,
        "sha256": record.sha256,
        "sie_type": record.sie_type,
        "state": record.state,
        "unchanged": outcome.unchanged,
        "counts": record.counts,
        "fiscal_years": record.fiscal_years,
        "warnings": record.warnings,
        "replaced": list(outcome.replaced),
    }
    return Status(200 if outcome.unchanged else 201, body)


@router.get(
    "/accounting/balances",
    response={200: list[AccountFiguresOut], **ERRORS},
    summary="Per account of a unit's ledger in a year: opening and closing balance, result, amount and budget per month (YYYYMM), and balances per object",
)
def list_balances(request: HttpRequest, org_unit: DbId, year: Year, account: AccountNumber | None = None) -> list[AccountFigures]:
    unit = org_unit_get(request.user, org_unit)
    return balances(request.user, unit, year, account)


def _line_out(line: StatementLine, language: str) -> dict[str, Any]:
    return {
        "key": line.key,
        "label": line.label(language),
        "sum": line.is_sum,
        "memo": line.memo,
        "amount_sek": line.amount_sek,
        "budget_sek": line.budget_sek,
        "accounts": [{"account": a.account, "name": a.name, "amount_sek": a.amount_sek} for a in line.accounts],
    }


def _statement_out(statement: ResultStatement, language: str) -> dict[str, Any]:
    fiscal_year = None
    if statement.fiscal_year_start and statement.fiscal_year_end:
        fiscal_year = {"start": statement.fiscal_year_start.isoformat(), "end": statement.fiscal_year_end.isoformat()}
    return {
        "org_unit": statement.org_unit.pk,
        "year": statement.year,
        "plan": statement.plan,
        "fiscal_year": fiscal_year,
        "result": [_line_out(line, language) for line in statement.result],
        "balance": [_line_out(line, language) for line in statement.balance],
        "unmapped": [{"account": a.account, "name": a.name, "amount_sek": a.amount_sek, "code": "ACC-002"} for a in statement.unmapped],
    }


@router.get(
    "/accounting/result-statement",
    response={200: ResultStatementOut, **ERRORS},
    summary="The result statement and balance sheet of a unit's ledger in a year, by the statement mapping of its chart of accounts",
    description=(
        "Rows as shown (revenue positive, costs negative: sign × booked amount), sum rows included, each account "
        "row with its accounts; `budget_sek` from #PBUDGET for result rows. Accounts in no range of the mapping are "
        "listed in `unmapped` (ACC-002), with their amount as booked."
    ),
)
def get_result_statement(request: HttpRequest, org_unit: DbId, year: Year) -> dict[str, Any]:
    unit = org_unit_get(request.user, org_unit)
    return _statement_out(result_statement(request.user, unit, year), getattr(request, "LANGUAGE_CODE", "sv"))
