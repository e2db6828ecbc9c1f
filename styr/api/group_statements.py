"""The municipality's cash-flow statement and the group's statements (issue 11 §5): the
consolidation with its columns (the municipality, each company at its share, the eliminations,
the group), and the data it is built from (ownership shares, internal accounts), kept by KS's
controllers; auditors read."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from pydantic import Field

from styr.api.schemas import ERRORS, Amount, DbId, Input, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.core.permissions import require_visible
from styr.economy.models import GroupMember, InternalAccount
from styr.economy.selectors.group_statements import cash_flow_statement, group_statements
from styr.economy.services.group import group_member_capital_set, group_member_set, internal_account_set
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import group_of_user, org_unit_get

router = Router(tags=["Group statements"])

Month = Annotated[int, Field(ge=1, le=12)]


class CashFlowLineOut(Schema):
    key: str
    label: str
    sum: bool
    amount_sek: Decimal


class CashFlowOut(Schema):
    org_unit: int
    year: int
    #: the last month counted (1–12), or null for the whole fiscal year
    month: int | None
    lines: list[CashFlowLineOut]


@router.get(
    "/accounting/cash-flow-statement",
    response={200: CashFlowOut, **ERRORS},
    summary="The cash-flow statement of a unit's ledger, by the indirect method, from its balance sheets and result statement",
    description=(
        "From the fiscal year's opening balances to its end, or to the end of `month`: the operating activities "
        "(the result, depreciation and provisions added back, the change in working capital), the investing and the "
        "financing activities, the year's cash flow and the liquid funds at the beginning and the end."
    ),
)
def get_cash_flow(request: HttpRequest, org_unit: DbId, year: Year, month: Month | None = None) -> dict[str, Any]:
    unit = org_unit_get(request.user, org_unit)
    flows = cash_flow_statement(request.user, unit, year, f"{year}{month:02d}" if month else None)
    language = getattr(request, "LANGUAGE_CODE", "sv")
    return {
        "org_unit": unit.pk,
        "year": year,
        "month": month,
        "lines": [{"key": x.key, "label": x.label(language), "sum": x.is_sum, "amount_sek": x.amount_sek} for x in flows.lines],
    }


class ColumnOut(Schema):
    key: str
    name: str
    #: "member" (the municipality or a company), "eliminations" or "group"
    kind: str
    share_percent: Decimal | None


class GroupLineOut(Schema):
    key: str
    part: str
    label: str
    sum: bool
    #: one amount per column, in the columns' order
    amounts_sek: list[Decimal]


class UnbalancedOut(Schema):
    code: str
    member: str
    counterpart: str
    part: str
    difference_sek: Decimal


class CapitalEntryOut(Schema):
    #: the company's column key
    member: str
    #: "shares", "equity", "surplus" (goodwill) or "deficit" (negative goodwill)
    kind: str
    row: str
    amount_sek: Decimal


class GroupStatementsOut(Schema):
    year: int
    columns: list[ColumnOut]
    lines: list[GroupLineOut]
    #: GROUP-005: the capital elimination's entries, all in the eliminations column
    capital: list[CapitalEntryOut]
    #: GROUP-002: internal items of two members that do not match
    unbalanced: list[UnbalancedOut]
    #: companies with books but no ownership share: not consolidated
    left_out: list[str]


@router.get(
    "/group/statements",
    response={200: GroupStatementsOut, **ERRORS},
    summary="The group's result statement and balance sheet (sammanställda räkenskaper) with their columns",
    description=(
        "The municipality, each company at its ownership share (its BAS rows moved onto Kommun-Bas rows), the "
        "eliminations of the trade and balances between members (from their internal accounts) and the group; "
        "for a reader who sees the whole group. Pairs whose internal items differ are listed (GROUP-002)."
    ),
)
def get_group_statements(request: HttpRequest, year: Year) -> dict[str, Any]:
    found = group_statements(request.user, group_of_user(request.user), year)
    language = getattr(request, "LANGUAGE_CODE", "sv")
    c = found.consolidation
    return {
        "year": year,
        "columns": [{"key": x.key, "name": x.name, "kind": x.kind, "share_percent": x.share_percent} for x in c.columns],
        "lines": [{"key": x.key, "part": x.part, "label": x.label(language), "sum": x.is_sum, "amounts_sek": list(x.amounts)} for x in c.lines],
        "capital": [{"member": e.member, "kind": e.kind, "row": e.row, "amount_sek": e.amount_sek} for e in c.capital],
        "unbalanced": [
            {"code": u.code, "member": u.member, "counterpart": u.counterpart, "part": u.part, "difference_sek": u.difference_sek} for u in c.unbalanced
        ],
        "left_out": list(found.left_out),
    }


def _require_whole_group(request: HttpRequest, group: Any) -> None:
    """The group's statements are read by those who see the whole group (404 otherwise)."""
    for root in OrgUnit.objects.filter(group=group, parent__isnull=True):
        require_visible(request.user, root)


class OwnershipIn(Input):
    ownership_percent: Amount


class MemberOut(Schema):
    org_unit: int
    version: Version
    name: str
    ownership_percent: Decimal
    method: str
    shares_book_value_sek: Decimal | None
    shares_account: str
    equity_at_acquisition_sek: Decimal | None


def _member_out(member: GroupMember) -> dict[str, Any]:
    return {
        "org_unit": member.org_unit_id,
        "version": member.version,
        "name": member.org_unit.name,
        "ownership_percent": member.ownership_percent,
        "method": member.method,
        "shares_book_value_sek": member.shares_book_value_sek,
        "shares_account": member.shares_account,
        "equity_at_acquisition_sek": member.equity_at_acquisition_sek,
    }


@router.get("/group/members", response={200: list[MemberOut], **ERRORS}, summary="The companies in the group's statements and their ownership shares")
def list_members(request: HttpRequest) -> list[dict[str, Any]]:
    group = group_of_user(request.user)
    _require_whole_group(request, group)
    return [_member_out(m) for m in GroupMember.objects.filter(group=group).select_related("org_unit").order_by("org_unit__position", "org_unit__name")]


@router.put(
    "/group/members/{org_unit}",
    response={200: MemberOut, **ERRORS},
    summary="Set a company's ownership share in the group's statements (KS's controllers; GROUP-001, GROUP-004)",
)
def put_member(request: HttpRequest, org_unit: DbId, payload: OwnershipIn, if_match: IfMatch = None) -> dict[str, Any]:
    unit = org_unit_get(request.user, org_unit)
    existing = GroupMember.objects.filter(org_unit=unit).first()  # None: a new member, nothing to overwrite
    with expected_version(existing, if_match):
        return _member_out(group_member_set(actor=request.user, org_unit=unit, ownership_percent=payload.ownership_percent))


class CapitalIn(Input):
    shares_book_value_sek: Amount | None = None
    shares_account: Annotated[str, Field(max_length=10)] = ""
    equity_at_acquisition_sek: Amount | None = None


@router.put(
    "/group/members/{org_unit}/capital",
    response={200: MemberOut, **ERRORS},
    summary="Set the capital elimination's data of a company (KS's controllers; GROUP-005)",
    description=(
        "The municipality's book value of its shares in the company, the class 13 account they sit on "
        "and the company's equity at acquisition; all empty to stop eliminating."
    ),
)
def put_member_capital(request: HttpRequest, org_unit: DbId, payload: CapitalIn, if_match: IfMatch = None) -> dict[str, Any]:
    unit = org_unit_get(request.user, org_unit)
    member = GroupMember.objects.filter(org_unit=unit).select_related("org_unit").first()
    if member is None:
        raise Http404
    with expected_version(member, if_match):
        return _member_out(
            group_member_capital_set(
                actor=request.user,
                member=member,
                shares_book_value_sek=payload.shares_book_value_sek,
                shares_account=payload.shares_account,
                equity_at_acquisition_sek=payload.equity_at_acquisition_sek,
            )
        )


class InternalAccountIn(Input):
    counterpart: DbId


class InternalAccountOut(Schema):
    org_unit: int
    version: Version
    account: str
    counterpart: int


def _internal_out(found: InternalAccount) -> dict[str, Any]:
    return {"org_unit": found.org_unit_id, "version": found.version, "account": found.account, "counterpart": found.counterpart_id}


@router.get("/group/internal-accounts", response={200: list[InternalAccountOut], **ERRORS}, summary="The accounts that hold the members' trade with each other")
def list_internal_accounts(request: HttpRequest) -> list[dict[str, Any]]:
    group = group_of_user(request.user)
    _require_whole_group(request, group)
    return [_internal_out(x) for x in InternalAccount.objects.filter(group=group)]


@router.put(
    "/group/internal-accounts/{org_unit}/{account}",
    response={200: InternalAccountOut, **ERRORS},
    summary="Say which member the accounts `account` (a number or its leading digits) of a member's ledger trade with (KS's controllers; GROUP-004)",
)
def put_internal_account(
    request: HttpRequest,
    org_unit: DbId,
    account: Annotated[str, Field(pattern=r"^[0-9]{1,10}$")],
    payload: InternalAccountIn,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    unit = org_unit_get(request.user, org_unit)
    counterpart = org_unit_get(request.user, payload.counterpart)
    existing = InternalAccount.objects.filter(org_unit=unit, account=account).first()  # None: a new account, nothing to overwrite
    with expected_version(existing, if_match):
        return _internal_out(internal_account_set(actor=request.user, org_unit=unit, account=account, counterpart=counterpart))
