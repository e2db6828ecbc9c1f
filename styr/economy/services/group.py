"""The group's statements as data (issue 11 §5): KS's controllers set each company's ownership share
and the accounts that hold the members' trade with each other (``group_statements.write`` on KS)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import require
from styr.core.unique import created_once
from styr.domain.consolidation import check_capital, check_member, check_ownership
from styr.economy.models import GroupMember, InternalAccount
from styr.economy.selectors.frames import executive_board
from styr.organisation.models import OrgUnit

MEMBER_FIELDS = ["org_unit", "ownership_percent", "method", "shares_book_value_sek", "shares_account", "equity_at_acquisition_sek"]
INTERNAL_FIELDS = ["org_unit", "account", "counterpart"]
ORE = Decimal("0.01")


@transaction.atomic
def group_member_set(*, actor: Actor, org_unit: OrgUnit, ownership_percent: Decimal) -> GroupMember:
    """The company's ownership share in the group's statements (GROUP-004: a company; GROUP-001:
    above 0, at most 100 per cent)."""
    if actor is not None:
        require(actor, "group_statements.write", executive_board(org_unit.group))
    check_member(org_unit.kind, name=org_unit.name)
    check_ownership(ownership_percent, member=org_unit.name)
    ownership_percent = ownership_percent.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    member = GroupMember.objects.select_for_update().filter(org_unit=org_unit).first()
    before = audit.snapshot(member, MEMBER_FIELDS) if member else None
    if member is None:
        with created_once(GroupMember, org_unit=org_unit):
            member = GroupMember.objects.create(group=org_unit.group, org_unit=org_unit, ownership_percent=ownership_percent)
    else:
        member.ownership_percent = ownership_percent
        member.save(update_fields=["ownership_percent"])
    audit.record(actor=actor, action="group_member.set", obj=member, org_unit=org_unit, before=before, after=audit.snapshot(member, MEMBER_FIELDS))
    return member


@transaction.atomic
def internal_account_set(*, actor: Actor, org_unit: OrgUnit, account: str, counterpart: OrgUnit) -> InternalAccount:
    """The member's accounts ``account`` (a number or its leading digits) hold its trade with
    ``counterpart``: eliminated in the group's statements (GROUP-004: another member)."""
    if actor is not None:
        require(actor, "group_statements.write", executive_board(org_unit.group))
    check_member(
        org_unit.kind, name=org_unit.name, counterpart_kind=counterpart.kind, same=counterpart.pk == org_unit.pk or counterpart.group_id != org_unit.group_id
    )
    found = InternalAccount.objects.select_for_update().filter(org_unit=org_unit, account=account).first()
    before = audit.snapshot(found, INTERNAL_FIELDS) if found else None
    if found is None:
        with created_once(InternalAccount, org_unit=org_unit, account=account):
            found = InternalAccount.objects.create(group=org_unit.group, org_unit=org_unit, account=account, counterpart=counterpart)
    else:
        found.counterpart = counterpart
        found.save(update_fields=["counterpart"])
    audit.record(actor=actor, action="internal_account.set", obj=found, org_unit=org_unit, before=before, after=audit.snapshot(found, INTERNAL_FIELDS))
    return found


@transaction.atomic
def group_member_capital_set(
    *, actor: Actor, member: GroupMember, shares_book_value_sek: Decimal | None, shares_account: str, equity_at_acquisition_sek: Decimal | None
) -> GroupMember:
    """The capital elimination's data of a company in the group (GROUP-005): the municipality's
    book value of its shares, the class 13 account they sit on and the company's equity at the
    acquisition; all empty to leave the shares uneliminated."""
    if actor is not None:
        require(actor, "group_statements.write", executive_board(member.group))
    shares_account = shares_account.strip()
    name = member.org_unit.name
    check_capital(book_value_sek=shares_book_value_sek, equity_at_acquisition_sek=equity_at_acquisition_sek, account=shares_account, member=name)
    member = GroupMember.objects.select_for_update().select_related("org_unit").get(pk=member.pk)
    before = audit.snapshot(member, MEMBER_FIELDS)
    member.shares_book_value_sek = shares_book_value_sek.quantize(ORE, rounding=ROUND_HALF_UP) if shares_book_value_sek is not None else None
    member.shares_account = shares_account
    member.equity_at_acquisition_sek = equity_at_acquisition_sek.quantize(ORE, rounding=ROUND_HALF_UP) if equity_at_acquisition_sek is not None else None
    member.save(update_fields=["shares_book_value_sek", "shares_account", "equity_at_acquisition_sek"])
    after = audit.snapshot(member, MEMBER_FIELDS)
    audit.record(actor=actor, action="group_member.capital_set", obj=member, org_unit=member.org_unit, before=before, after=after)
    return member
