"""Writes of the budget assumptions (budgetförutsättningar, issue 11 §6): KS's controllers enter
each year's tax revenue, general grants and equalisation, financial items and what lies outside
the committees' frames, with the source of each amount, before the council adopts that year's
Mål och budget (MOB-002 after it; a new revision reopens them)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.errors import NotAllowed
from styr.core.permissions import require
from styr.domain.limits import check_year
from styr.domain.long_term_budget import TENTH, check_assumption, check_assumptions_open
from styr.economy.models import BudgetAssumption
from styr.economy.selectors.frames import executive_board, goals_and_budget_adopted
from styr.organisation.models import MunicipalGroup

FIELDS = ["year", "key", "amount_tsek", "source", "source_date"]


@transaction.atomic
def budget_assumption_set(
    *,
    actor: Actor,
    group: MunicipalGroup,
    year: int,
    key: str,
    amount_tsek: Decimal,
    source: str,
    source_date: date | None = None,
) -> BudgetAssumption:
    """Enter (or change in place) one line of the year's result budget: MOB-005 for a line not in
    the fixed list, MOB-003 for an amount that is not one, MOB-004 without a source, MOB-002 once
    the council has adopted Mål och budget for the year. Kept on KS (``budget_assumption.write``)."""
    board = executive_board(group)
    if actor is not None:
        if board is None:
            raise NotAllowed("budget_assumption.write")
        require(actor, "budget_assumption.write", board)
    check_year(field="year", label=gettext("Year"), year=year)
    check_assumption(key=key, amount_tsek=amount_tsek, source=source)
    check_assumptions_open(adopted=goals_and_budget_adopted(group, year), year=year)
    found = BudgetAssumption.objects.select_for_update().filter(group=group, year=year, key=key).first()
    before = audit.snapshot(found, FIELDS) if found else None
    if found is None:
        found = BudgetAssumption(group=group, year=year, key=key)
    found.amount_tsek, found.source, found.source_date = amount_tsek.quantize(TENTH), source.strip(), source_date
    found.updated_by = as_user(actor)
    found.save()
    audit.record(actor=actor, action="budget_assumption.set", obj=found, group=group, org_unit=board, before=before, after=audit.snapshot(found, FIELDS))
    return found
