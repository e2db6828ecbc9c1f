"""Reads of the internal budget's adoption (issue 10 §2): its state (draft, adopted, reopened),
the check of the split against the frame before adoption, and the adoptions so far."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import Http404

from styr.core.permissions import require_visible
from styr.domain.economy import FRAME_RECEIVERS
from styr.domain.internal_budget import ADOPTED, DRAFT, REOPENED, split_difference
from styr.economy.models import InternalBudgetAdoption
from styr.economy.selectors.budget import InternalBudget, budget_committee_of, internal_budget
from styr.organisation.models import OrgUnit


@dataclass
class InternalBudgetStatus:
    """Where a committee's internal budget for a year stands, beside its split (``budget``)."""

    budget: InternalBudget
    #: every adoption, newest revision first (with its decision)
    history: list[InternalBudgetAdoption]

    @property
    def in_force(self) -> InternalBudgetAdoption | None:
        return next((a for a in self.history if a.in_force), None)

    @property
    def state(self) -> str:
        """``adopted`` while an adoption is in force; ``reopened`` when a revision is being
        prepared after one; ``draft`` before the first."""
        if self.in_force is not None:
            return ADOPTED
        return REOPENED if self.history else DRAFT

    @property
    def next_revision(self) -> int:
        return max((a.revision for a in self.history), default=0) + 1

    @property
    def difference_sek(self) -> Decimal | None:
        """frame − the units' budgets; ``None`` without a frame."""
        if self.budget.frame_sek is None:
            return None
        return split_difference(self.budget.frame_sek, self.budget.total)

    @property
    def matches_frame(self) -> bool:
        return self.difference_sek == 0

    @property
    def frame_changed_since_adoption(self) -> bool:
        """The frame as it stands now differs from the one the adopted split was matched against
        (a KS adjustment after the committee's decision)."""
        adopted = self.in_force
        if adopted is None or self.budget.frame_sek is None:
            return False
        return bool(adopted.frame_tsek * 1000 != self.budget.frame_sek)


def adoption_list(committee: OrgUnit, year: int) -> list[InternalBudgetAdoption]:
    return list(InternalBudgetAdoption.objects.filter(committee=committee, year=year).select_related("decision", "reopened_by").order_by("-revision"))


def internal_budget_status(user: Any, committee: OrgUnit, year: int) -> InternalBudgetStatus:
    """The committee's split and its adoptions (ECON-001: a committee or KS only)."""
    budget = internal_budget(user, committee, year)
    return InternalBudgetStatus(budget=budget, history=adoption_list(committee, year))


def internal_budget_adoption_get(user: Any, pk: int) -> InternalBudgetAdoption:
    adoption = InternalBudgetAdoption.objects.select_related("committee", "decision", "reopened_by").filter(pk=pk).first()
    if adoption is None:
        raise Http404
    require_visible(user, adoption.committee)
    return adoption


def adoption_in_force(unit: OrgUnit, year: int) -> InternalBudgetAdoption | None:
    """The adopted internal budget that holds the unit's budget months of the year, if any: that
    of the unit's committee (ECON-014). No user: the services' lock check."""
    committee = unit if unit.level_kind in FRAME_RECEIVERS else budget_committee_of(unit)
    if committee is None:
        return None
    return InternalBudgetAdoption.objects.filter(committee=committee, year=year, reopened_at__isnull=True).select_related("decision").first()
