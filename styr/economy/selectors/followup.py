"""Budget, actual and forecast of a unit, month by month (issue 9 §3): what the reporting page,
the monthly report and KS's overview show.

Everything is net cost in kronor (positive is cost). A unit's figures are those of its subtree:
a committee sees its administrations and units. A company keeps its own books, so a unit's
figures stop at a company below it (the parent company's row is its own books, each subsidiary
has its own row); the companies together and the group are rows of their own.

Actuals come from the imported ledgers: the result accounts of operations (classes 3–7,
``domain.economy.is_operating_account``), per object of the ledger's responsibility dimension
mapped to a unit; an amount without an object, or with an object not mapped yet, counts to the
unit that keeps the ledger. Where a file gives #PSALDO per month those are the actuals (the row
for the account as a whole, split by its object rows), else the sums of its transactions.

The figures of any number of units are read in a fixed number of queries (eight, plus the
user's grants): the database sums per unit and month, the tree sums the units.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Case, Exists, F, OuterRef, Q, Sum, Value, When
from django.db.models.functions import ExtractMonth
from django.utils.translation import get_language, gettext

from styr.core.permissions import group_tree, require_visible, scope
from styr.domain.governance import GovernanceModel, StatusLevel
from styr.domain.variance import Variance, variance, variance_step
from styr.economy.models import BudgetMonth, Forecast, Ledger, LedgerObject, LedgerTransaction, OperatingFrame, PeriodAmount
from styr.organisation.models import MunicipalGroup, OrgUnit

#: ``is_operating_account`` as SQL: classes 3–7, at least four digits.
OPERATING_ACCOUNT = r"^[3-7][0-9][0-9][0-9]"
COMPANY_KINDS = frozenset({"PARENT_COMPANY", "COMPANY"})
MONTHS = range(1, 13)
ZERO = Decimal(0)


def _zeros() -> list[Decimal]:
    return [ZERO] * 12


@dataclass
class MonthRow:
    month: int
    budget_sek: Decimal
    actual_sek: Decimal
    budget_to_date_sek: Decimal
    actual_to_date_sek: Decimal


@dataclass
class EconomyFigures:
    """A unit's (or a total's) economy for a year, up to and including ``month``."""

    label: str
    year: int
    month: int
    unit: OrgUnit | None = None
    actual: list[Decimal] = field(default_factory=_zeros)  # per month, January first
    budget: list[Decimal] = field(default_factory=_zeros)
    #: the council's operating frame (committees and KS), in kronor: as it stands now
    frame_sek: Decimal | None = None
    #: the frame as adopted, KS's adjustments and as it stands now, in tkr (KS's overview sets it)
    frame: Any = None
    forecast_sek: Decimal | None = None
    forecast_comment: str = ""
    #: the end of the period whose report gave the forecast
    forecast_period_end: date | None = None
    variance: Variance | None = None
    step: StatusLevel | None = None
    step_label: str = ""

    @property
    def actual_to_date_sek(self) -> Decimal:
        return sum(self.actual[: self.month], ZERO)

    @property
    def budget_to_date_sek(self) -> Decimal:
        return sum(self.budget[: self.month], ZERO)

    @property
    def budget_year_sek(self) -> Decimal:
        return sum(self.budget, ZERO)

    @property
    def reference_sek(self) -> Decimal:
        """What the forecast is held against: the frame where the council gave one, else the
        year's periodised budget."""
        return self.frame_sek if self.frame_sek is not None else self.budget_year_sek

    @property
    def months(self) -> list[MonthRow]:
        rows, budget_sum, actual_sum = [], ZERO, ZERO
        for m in MONTHS:
            budget_sum += self.budget[m - 1]
            actual_sum += self.actual[m - 1] if m <= self.month else ZERO
            rows.append(MonthRow(m, self.budget[m - 1], self.actual[m - 1] if m <= self.month else ZERO, budget_sum, actual_sum))
        return rows

    @property
    def has_figures(self) -> bool:
        return any(self.actual) or any(self.budget) or self.frame_sek is not None or self.forecast_sek is not None

    def conclude(self, model: GovernanceModel) -> None:
        """The deviation from the forecast and its step on the model's scale (ECON-010)."""
        self.variance = variance(self.reference_sek, self.forecast_sek) if self.forecast_sek is not None else None
        self.step = variance_step(self.variance, model)
        self.step_label = self.step.label_en if (get_language() or "sv").startswith("en") else self.step.label_sv


@dataclass
class EconomyRollup:
    """KS's view: a row per committee, KS and company, with the companies together, the
    municipality (everything but the companies) and the group as totals, each where the reader
    sees all it covers."""

    rows: list[EconomyFigures]
    municipality: EconomyFigures | None = None
    companies: EconomyFigures | None = None
    group: EconomyFigures | None = None

    def row_of(self, unit: OrgUnit) -> EconomyFigures | None:
        return next((row for row in self.rows if row.unit is not None and row.unit.pk == unit.pk), None)

    @property
    def totals(self) -> list[EconomyFigures]:
        return [t for t in (self.municipality, self.companies, self.group) if t is not None]


@dataclass
class _Books:
    """Per unit (its own, not its subtree): actual and budget per month, frame, latest forecast."""

    parent_of: dict[int, int | None]
    kind_of: dict[int, str]
    actual: dict[int, list[Decimal]] = field(default_factory=lambda: defaultdict(_zeros))
    budget: dict[int, list[Decimal]] = field(default_factory=lambda: defaultdict(_zeros))
    frames: dict[int, Decimal] = field(default_factory=dict)
    forecasts: dict[int, tuple[Decimal, str, date]] = field(default_factory=dict)

    @functools.cached_property
    def covers(self) -> dict[int, set[int]]:
        """For each unit, the units with figures its row sums: itself and what lies under it, but not a
        company below it nor what lies under that (a company keeps its own books).
        Found by walking up from each unit with figures, not down every subtree (10,000 units at
        Göteborg size, most without figures of their own)."""
        found: dict[int, set[int]] = defaultdict(set)
        for unit in self.actual.keys() | self.budget.keys():
            node: int | None = unit
            seen: set[int] = set()
            while node is not None and node not in seen:
                seen.add(node)
                found[node].add(unit)
                if self.kind_of.get(node) in COMPANY_KINDS:
                    break  # a company's books are its own: the units above it do not count them
                node = self.parent_of.get(node)
        return found


def _books(group: MunicipalGroup, year: int, month: int) -> _Books:
    tree = group_tree(group.pk)
    books = _Books(parent_of={i: p for i, p, _k in tree}, kind_of={i: k for i, _p, k in tree})
    ledgers = {
        pk: (keeper, dimension) for pk, keeper, dimension in Ledger.objects.filter(group=group).values_list("id", "org_unit_id", "responsibility_dimension")
    }
    mapped = {
        (ledger, code): unit
        for ledger, dimension, code, unit in LedgerObject.objects.filter(group=group, org_unit__isnull=False).values_list(
            "ledger_id", "dimension", "code", "org_unit_id"
        )
        if ledger in ledgers and dimension == ledgers[ledger][1]
    }

    def book(ledger: int, code: str, period_month: int, amount: Decimal, *, within_whole: bool) -> None:
        keeper = ledgers[ledger][0]
        unit = mapped.get((ledger, code), keeper) if code else keeper
        books.actual[unit][period_month - 1] += amount
        if code and within_whole:  # the account's row as a whole already counted it to the keeper
            books.actual[keeper][period_month - 1] -= amount

    # #PSALDO: the row of the account as a whole ({}), and rows per responsibility object, which
    # split it (where the whole row exists) or make it up (where it does not)
    whole = PeriodAmount.objects.filter(
        fiscal_year=OuterRef("fiscal_year"), account=OuterRef("account"), period=OuterRef("period"), kind=PeriodAmount.Kind.ACTUAL, object=""
    )
    periods = (
        PeriodAmount.objects.filter(group=group, kind=PeriodAmount.Kind.ACTUAL, period__gte=year * 100 + 1, period__lte=year * 100 + 12)
        .filter(Q(object="") | Q(dimension=F("fiscal_year__ledger__responsibility_dimension")))
        .filter(account__number__regex=OPERATING_ACCOUNT)
        .annotate(ledger_pk=F("fiscal_year__ledger_id"), whole=Exists(whole))
        .values_list("ledger_pk", "object", "period", "whole")
        .annotate(total=Sum("amount_sek"))
        .order_by()
    )
    from_file: set[int] = set()
    for ledger, code, period, within_whole, total in periods:
        from_file.add(ledger)
        book(ledger, code, period % 100, Decimal(total), within_whole=bool(within_whole))
    # the transactions of the ledgers whose files give no #PSALDO for the year
    transactions = (
        LedgerTransaction.objects.filter(group=group, date__year=year, account__regex=OPERATING_ACCOUNT)
        .annotate(
            m=ExtractMonth("date"),
            own=Case(When(dimension=F("ledger__responsibility_dimension"), then=F("object")), default=Value("")),
        )
        .values_list("ledger_id", "own", "m")
        .annotate(total=Sum("amount_sek"))
        .order_by()
    )
    for ledger, code, m, total in transactions:
        if ledger not in from_file:
            book(ledger, code, m, Decimal(total), within_whole=False)
    for unit, m, amount in BudgetMonth.objects.filter(group=group, year=year).values_list("org_unit_id", "month", "amount_sek"):
        books.budget[unit][m - 1] += amount
    for unit, tsek in OperatingFrame.objects.filter(group=group, year=year).values_list("org_unit_id", "amount_tsek"):
        books.frames[unit] = (tsek * 1000).quantize(Decimal("0.01"))
    forecasts = (
        Forecast.objects.filter(group=group, report__period__end__year=year, report__period__end__month__lte=month)
        .values_list("report__org_unit_id", "amount_sek", "comment", "report__period__end")
        .order_by("report__period__end", "report_id")
    )
    for unit, amount, comment, end in forecasts:
        books.forecasts[unit] = (amount, comment, end)  # the latest period's wins
    return books


def _cover(books: _Books, root: int) -> set[int]:
    """The units with figures in the root's subtree, stopping at companies below it (they keep their
    own books)."""
    return books.covers.get(root, set())


def _sum_into(target: EconomyFigures, books: _Books, units: Iterable[int]) -> None:
    """The units' own figures added to ``target``: read from the units with figures (few), not from
    every unit given (all 10,000 for the group's total)."""
    wanted = units if isinstance(units, (set, frozenset)) else set(units)
    for unit in sorted(books.actual.keys() & wanted):
        target.actual = [a + b for a, b in zip(target.actual, books.actual[unit], strict=True)]
    for unit in sorted(books.budget.keys() & wanted):
        target.budget = [a + b for a, b in zip(target.budget, books.budget[unit], strict=True)]


def _row(books: _Books, unit: OrgUnit, year: int, month: int, model: GovernanceModel) -> EconomyFigures:
    row = EconomyFigures(label=unit.name, year=year, month=month, unit=unit, frame_sek=books.frames.get(unit.pk))
    _sum_into(row, books, _cover(books, unit.pk))
    if unit.pk in books.forecasts:
        row.forecast_sek, row.forecast_comment, row.forecast_period_end = books.forecasts[unit.pk]
    row.conclude(model)
    return row


def _total(label: str, books: _Books, units: set[int], members: Sequence[EconomyFigures], year: int, month: int, model: GovernanceModel) -> EconomyFigures:
    """A total over a set of units (summed once each) whose frames and forecasts are those of its
    member rows; its forecast is known only when every member has given one."""
    total = EconomyFigures(label=label, year=year, month=month)
    _sum_into(total, books, units)
    frames = [m.frame_sek for m in members if m.frame_sek is not None]
    total.frame_sek = sum(frames, ZERO) if frames else None
    if members and all(m.forecast_sek is not None for m in members):
        total.forecast_sek = sum((m.forecast_sek or ZERO for m in members), ZERO)
        # each member is held against its own reference (frame or budget): so is their sum
        reference = sum((m.reference_sek for m in members), ZERO)
        total.variance = variance(reference, total.forecast_sek)
    total.step = variance_step(total.variance, model)
    total.step_label = total.step.label_en if (get_language() or "sv").startswith("en") else total.step.label_sv
    return total


def economy_figures_build(unit: OrgUnit, year: int, month: int) -> EconomyFigures:
    """The unit's figures without a permission check: for the report's content (its snapshot
    is what the body adopts) once the caller has checked who reads it."""
    books = _books(unit.group, year, month)
    return _row(books, unit, year, month, unit.group.governance)


def actual_year_sek(group: MunicipalGroup, units: Iterable[int], year: int) -> dict[int, Decimal]:
    """Each unit's actual net cost for the whole year in kronor (positive is cost), over its
    subtree as the rows above count it, read once for all units (the year-end carry-over; callers
    check who reads)."""
    books = _books(group, year, 12)
    return {unit: sum((sum(books.actual[u], ZERO) for u in _cover(books, unit) if u in books.actual), ZERO) for unit in units}


def economy_figures(user: Any, org_unit: OrgUnit, year: int, month: int) -> EconomyFigures:
    """Budget and actual per month for the unit and what lies under it, the frame, the latest
    forecast given in the year up to the month, and the deviation with its colour."""
    require_visible(user, org_unit)
    return economy_figures_build(org_unit, year, month)


def economy_rollup(user: Any, units: Sequence[OrgUnit], year: int, month: int) -> EconomyRollup:
    """The figures of many units at once, in the same number of queries as one: a row per unit the
    user sees, and the totals (companies together, the municipality, the group) over what the
    user sees whole."""
    if not units:
        return EconomyRollup(rows=[])
    group = units[0].group
    visible = scope(user)
    model = group.governance
    books = _books(group, year, month)
    rows = [_row(books, u, year, month, model) for u in units if u.pk in visible]
    rollup = EconomyRollup(rows=rows)
    companies = [r for r in rows if r.unit is not None and r.unit.kind in COMPANY_KINDS]
    if companies:
        units_of_companies = set().union(*(_cover(books, r.unit.pk) for r in companies if r.unit is not None))
        rollup.companies = _total(gettext("The companies together"), books, units_of_companies, companies, year, month, model)
    roots = [pk for pk, parent in books.parent_of.items() if parent is None]
    if roots and all(root in visible for root in roots):
        everything = set(books.parent_of)
        company_units = {pk for pk, kind in books.kind_of.items() if kind in COMPANY_KINDS}
        bodies = [r for r in rows if r not in companies]
        rollup.municipality = _total(gettext("The municipality"), books, everything - company_units, bodies, year, month, model)
        rollup.group = _total(gettext("The group together"), books, everything, rows, year, month, model)
    return rollup


def forecast_deviations(group: MunicipalGroup, year: int, month: int) -> dict[int, Decimal]:
    """Per unit that gave a full-year forecast in the year's reports up to ``month`` (its latest):
    reference − forecast in kronor (the frame where the council gave one, else the unit's year
    budget; positive: the unit expects to spend less). The financial goals' forecast adds them to
    the budgeted result (issue 11 §1). The queries of ``_books``, however many units."""
    books = _books(group, year, month)
    found: dict[int, Decimal] = {}
    for unit, (amount, _comment, _end) in books.forecasts.items():
        budgeted = (sum(books.budget[u], ZERO) for u in _cover(books, unit) if u in books.budget)
        reference = books.frames[unit] if unit in books.frames else sum(budgeted, ZERO)
        found[unit] = reference - amount
    return found
