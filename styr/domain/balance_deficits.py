"""The deficits of the balance requirement (kommunallagen 11 kap. 12–13 §§): a negative
balanskravsresultat to restore within the three following years, the council's recovery plan
(åtgärdsplan) or its decision on synnerliga skäl, and the rules on adopting the statements
(BAL-006, BAL-007, BAL-011, BAL-012). Pure; no Django. The chain that opens and restores the
deficits year by year is ``run_chain`` in ``domain/balance_requirement.py``."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from styr.domain.errors import RuleViolation, _

ZERO = Decimal(0)
RESTORATION_YEARS = 3


@dataclass(frozen=True)
class DeficitDecisions:
    """What the council decided on one year's deficit: a recovery plan (åtgärdsplan), or synnerliga
    skäl not to restore ``waived`` of it and/or to restore the rest by ``deadline_year``."""

    has_recovery_plan: bool = False
    has_waiver_decision: bool = False
    waived: Decimal = ZERO
    deadline_year: int | None = None


@dataclass(frozen=True)
class Deficit:
    origin_year: int
    amount: Decimal
    waived: Decimal
    deadline_year: int
    #: (year, amount) restored by later years' positive balanskravsresultat, oldest deficit first
    restorations: tuple[tuple[int, Decimal], ...]
    has_recovery_plan: bool
    has_waiver_decision: bool
    #: BAL-005: open after its deadline year's statement
    overdue: bool

    @property
    def restored(self) -> Decimal:
        return sum((a for _y, a in self.restorations), ZERO)

    @property
    def open(self) -> Decimal:
        return self.amount - self.waived - self.restored


def check_waiver(*, amount: Decimal, waived: Decimal, has_decision: bool, origin_year: int, deadline_year: int | None) -> None:
    """BAL-006: synnerliga skäl (11 kap. 13 §) are the council's decision: without one nothing is waived
    nor extended; with one, no more than the deficit is waived and a new deadline lies after the law's."""
    if (waived > 0 or deadline_year is not None) and not has_decision:
        raise RuleViolation(
            "BAL-006",
            _("Not restoring %(year)s's deficit, or restoring it later, needs the council's decision on synnerliga skäl."),
            {"year": origin_year},
            field="waived_sek",
        )
    if waived < 0 or waived > amount:
        raise RuleViolation(
            "BAL-006",
            _("Synnerliga skäl may waive from 0 up to the deficit of %(year)s (%(amount)s), not %(waived)s."),
            {"year": origin_year, "amount": str(amount), "waived": str(waived)},
            field="waived_sek",
        )
    if deadline_year is not None and deadline_year <= origin_year + RESTORATION_YEARS:
        raise RuleViolation(
            "BAL-006",
            _("A longer time to restore %(year)s's deficit ends after %(law)s, the law's own deadline."),
            {"year": origin_year, "law": origin_year + RESTORATION_YEARS},
            field="deadline_year",
        )


@dataclass
class OpenDeficit:
    """A deficit while the chain runs (internal, mutable)."""

    origin_year: int
    amount: Decimal
    decided: DeficitDecisions
    restorations: list[tuple[int, Decimal]] = field(default_factory=list)

    @property
    def deadline_year(self) -> int:
        return self.decided.deadline_year or self.origin_year + RESTORATION_YEARS

    @property
    def open(self) -> Decimal:
        return self.amount - self.decided.waived - sum((a for _y, a in self.restorations), ZERO)


def check_open(*, adopted: bool, year: int) -> None:
    """BAL-007: the council adopted the year's statement with the annual report: it is locked."""
    if adopted:
        raise RuleViolation("BAL-007", _("The council has adopted the balance requirement statement for %(year)s: it is locked."), {"year": year}, field="year")


def check_adoption_order(*, year: int, earlier_draft: int | None) -> None:
    """BAL-011: the statements are adopted in the chain's order, since each carries the reserve and
    the deficits of the one before it."""
    if earlier_draft is not None:
        raise RuleViolation(
            "BAL-011",
            _("The statement for %(earlier)s must be adopted before the one for %(year)s."),
            {"earlier": earlier_draft, "year": year},
            field="year",
        )


def check_deficit_exists(*, year: int, amount: Decimal | None) -> None:
    """BAL-012: a recovery plan or synnerliga skäl are decided on a year whose balanskravsresultat is negative."""
    if amount is None or amount <= 0:
        raise RuleViolation("BAL-012", _("%(year)s has no negative balance-requirement result to decide on."), {"year": year}, field="origin_year")
