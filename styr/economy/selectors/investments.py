"""Reads of the rolling investment plan (issue 11 §3): the plan of a year of Mål och budget per
project and in total, and its follow-up from the ledgers (the investment account)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import F, Q, QuerySet, Sum
from django.http import Http404

from styr.core.permissions import require_visible, scope, scope_q
from styr.domain.investments import INVESTMENT_ACCOUNT_PREFIXES, ZERO, deviation, plan_years
from styr.domain.levels import LevelKind
from styr.economy.models import FiscalYear, InvestmentAmount, InvestmentProject, Ledger, LedgerObject, LedgerTransaction, ObjectBalance
from styr.economy.selectors.frames import goals_and_budget_adopted
from styr.organisation.models import MunicipalGroup, OrgUnit

TENTH = Decimal("0.1")


def investment_totals(group: MunicipalGroup, year: int) -> dict[int, Decimal]:
    """The planned gross investment (tkr) of the plan of ``year`` (Mål och budget N = ``year``) for
    N, N+1 and N+2: keys exactly those three years, 0 where nothing is planned. Cancelled projects
    do not count. One query; callers check who reads (the investment room, Mål och budget)."""
    totals = dict.fromkeys(plan_years(year), ZERO)
    rows = (
        InvestmentAmount.objects.filter(group=group, plan_year=year)
        .exclude(project__status=InvestmentProject.Status.CANCELLED)
        .order_by()
        .values("year")
        .annotate(total=Sum("amount_tsek"))
        .values_list("year", "total")
    )
    for found_year, total in rows:
        if found_year in totals:
            totals[found_year] = Decimal(total).quantize(TENTH)
    return totals


def investment_project_list(user: Any, *, group: MunicipalGroup, committee: OrgUnit | None = None) -> QuerySet[InvestmentProject]:
    """The projects of the committees the user may see, in the tree's order."""
    found = InvestmentProject.objects.filter(scope_q(user, "committee_id"), group=group).select_related("committee")
    if committee is not None:
        found = found.filter(committee=committee)
    return found.order_by("committee__position", "committee__name", "name", "pk")


def investment_project_get(user: Any, pk: int, *, group: MunicipalGroup | None = None) -> InvestmentProject:
    """A project the user may see (404 otherwise: out of scope, it does not exist)."""
    found = InvestmentProject.objects.filter(pk=pk).select_related("committee", "group").first()
    if found is None or (group is not None and found.group_id != group.pk):
        raise Http404
    require_visible(user, found.committee)
    return found


@dataclass(frozen=True)
class PlanRow:
    """A project in the plan of a year: its amounts (tkr) for N, N+1, N+2 and their sum, and the
    operating-cost consequences (capital and running cost) per year."""

    project: InvestmentProject
    amounts: dict[int, Decimal]
    capital_costs: dict[int, Decimal]
    running_costs: dict[int, Decimal]

    @property
    def total_tsek(self) -> Decimal:
        return sum(self.amounts.values(), ZERO)


@dataclass(frozen=True)
class CommitteePlan:
    committee: OrgUnit
    rows: list[PlanRow]
    totals: dict[int, Decimal]

    @property
    def total_tsek(self) -> Decimal:
        return sum(self.totals.values(), ZERO)


@dataclass(frozen=True)
class InvestmentPlan:
    """The plan of Mål och budget ``year``: the committees' projects, totals per year and per
    category, and whether the plan is locked (the council has adopted Mål och budget)."""

    year: int
    years: tuple[int, ...]
    committees: list[CommitteePlan]
    totals: dict[int, Decimal]
    by_category: dict[str, dict[int, Decimal]]
    locked: bool

    @property
    def total_tsek(self) -> Decimal:
        return sum(self.totals.values(), ZERO)


def investment_plan(user: Any, *, group: MunicipalGroup, year: int) -> InvestmentPlan:
    """The plan of ``year`` as the user may see it: every project of a committee in scope that is
    not cancelled and has an amount in the plan or runs in its years. Two queries."""
    years = plan_years(year)
    projects = list(
        investment_project_list(user, group=group)
        .exclude(status=InvestmentProject.Status.CANCELLED)
        .filter(Q(amounts__plan_year=year) | Q(start_year__lte=years[-1], end_year__gte=year, status__in=["planned", "ongoing"]))
        .distinct()
    )
    amounts: dict[int, dict[int, InvestmentAmount]] = {}
    for a in InvestmentAmount.objects.filter(project__in=projects, plan_year=year):
        amounts.setdefault(a.project_id, {})[a.year] = a
    committees: dict[int, CommitteePlan] = {}
    totals = dict.fromkeys(years, ZERO)
    by_category: dict[str, dict[int, Decimal]] = {c: dict.fromkeys(years, ZERO) for c in InvestmentProject.Category.values}
    for p in projects:
        mine = amounts.get(p.pk, {})
        row = PlanRow(
            project=p,
            amounts={y: mine[y].amount_tsek if y in mine else ZERO for y in years},
            capital_costs={y: mine[y].capital_cost_tsek if y in mine else ZERO for y in years},
            running_costs={y: mine[y].running_cost_tsek if y in mine else ZERO for y in years},
        )
        plan = committees.setdefault(p.committee_id, CommitteePlan(committee=p.committee, rows=[], totals=dict.fromkeys(years, ZERO)))
        plan.rows.append(row)
        for y in years:
            plan.totals[y] += row.amounts[y]
            totals[y] += row.amounts[y]
            by_category[p.category][y] += row.amounts[y]
    return InvestmentPlan(
        year=year,
        years=years,
        committees=list(committees.values()),
        totals=totals,
        by_category=by_category,
        locked=goals_and_budget_adopted(group, year),
    )


def _municipal_ledgers(group: MunicipalGroup) -> QuerySet[Ledger]:
    """The municipality's own ledgers (the council's, a committee's): the investment account is the
    municipality's; the companies' books are not in it."""
    return Ledger.objects.filter(group=group).exclude(org_unit__kind__in=[LevelKind.PARENT_COMPANY, LevelKind.COMPANY])


def _project_objects(group: MunicipalGroup) -> dict[tuple[int, str], int]:
    """(ledger id, object code) → project id for the objects of each ledger's project dimension:
    an object mapped to a project counts for it; one not mapped counts for the project whose code
    is its code."""
    by_code = dict(InvestmentProject.objects.filter(group=group).exclude(code="").values_list("code", "pk"))
    found: dict[tuple[int, str], int] = {}
    rows = LedgerObject.objects.filter(group=group, dimension=F("ledger__project_dimension")).values_list("ledger_id", "code", "investment_project_id")
    for ledger_id, code, project_id in rows:
        if project_id is not None:
            found[(ledger_id, code)] = project_id
        elif code in by_code:
            found[(ledger_id, code)] = by_code[code]
    # a project code booked on but not (yet) among the ledger's objects counts by its code too
    for ledger_id in _municipal_ledgers(group).values_list("pk", flat=True):
        for code, project_id in by_code.items():
            found.setdefault((ledger_id, code), project_id)
    return found


def _object_in(object_list: list[list[str]], dimension: str) -> str | None:
    for pair in object_list:
        if len(pair) == 2 and pair[0] == dimension:
            return str(pair[1])
    return None


def investment_spend(group: MunicipalGroup, year: int) -> dict[tuple[int, str], Decimal]:
    """The year's actual investment spend in kronor per (ledger id, object code) of the project
    dimension: what was capitalised on the investment accounts (Kommun-Bas class 1, 10–13).

    For each ledger's fiscal year starting in ``year``: when the file gave object balances
    (#OIB/#OUB) whose object list holds a project object, the spend is closing − opening on the
    investment accounts; else it is the sum of the booked transactions (#TRANS) kept under the
    project dimension (a row that names a responsibility object as well is kept under the
    responsibility, so such files need the object balances). Four queries."""
    spend: dict[tuple[int, str], Decimal] = {}
    ledgers = dict(_municipal_ledgers(group).values_list("pk", "project_dimension"))
    fiscal_years = list(FiscalYear.objects.filter(ledger_id__in=list(ledgers), start__year=year).values_list("pk", "ledger_id", "start", "end"))
    with_balances: set[int] = set()
    balances = (
        ObjectBalance.objects.filter(fiscal_year_id__in=[fy[0] for fy in fiscal_years], account__number__startswith="1")
        .filter(_investment_accounts("account__number"))
        .values_list("fiscal_year__ledger_id", "fiscal_year_id", "object_list", "opening_sek", "closing_sek")
    )
    for ledger_id, fiscal_year_id, object_list, opening, closing in balances:
        code = _object_in(object_list, ledgers[ledger_id])
        if code is None:
            continue
        with_balances.add(fiscal_year_id)
        key = (ledger_id, code)
        spend[key] = spend.get(key, ZERO) + (closing or ZERO) - (opening or ZERO)
    by_transactions = Q(pk__in=[])
    for pk, ledger_id, start, end in fiscal_years:
        if pk not in with_balances:
            by_transactions |= Q(ledger_id=ledger_id, date__range=(start, end), dimension=ledgers[ledger_id])
    rows = (
        LedgerTransaction.objects.filter(by_transactions, _investment_accounts("account"))
        .order_by()
        .values("ledger_id", "object")
        .annotate(total=Sum("amount_sek"))
        .values_list("ledger_id", "object", "total")
    )
    for ledger_id, code, total in rows:
        key = (ledger_id, code)
        spend[key] = spend.get(key, ZERO) + Decimal(total)
    return spend


def _investment_accounts(field: str) -> Q:
    found = Q(pk__in=[])
    for prefix in INVESTMENT_ACCOUNT_PREFIXES:
        found |= Q(**{f"{field}__startswith": prefix})
    return found


def _tsek(amount_sek: Decimal) -> Decimal:
    return (amount_sek / 1000).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class InvestmentAccountRow:
    """A line of the investment account (investeringsredovisning): a project's budget for the
    year in the plan of the year, its actual spend from the ledgers and the deviation (budget −
    actual; positive when less was spent). ``project`` is ``None`` for spend booked on a project
    object no project answers to."""

    project: InvestmentProject | None
    name: str
    committee: str
    code: str
    budget_tsek: Decimal
    actual_tsek: Decimal

    @property
    def deviation_tsek(self) -> Decimal:
        return deviation(self.budget_tsek, self.actual_tsek)


def investment_account(group: MunicipalGroup, year: int) -> list[InvestmentAccountRow]:
    """The investment account of ``year``: per project with a budget (its amount for ``year`` in
    the plan of ``year``) or a spend that year, the budget, the actual and the deviation (tkr),
    in the committees' order; then spend on project objects no project answers to. Callers check
    who reads (the annual report, the API, the plan's page); ``investment_account_total`` sums it."""
    budgets = dict(InvestmentAmount.objects.filter(group=group, plan_year=year, year=year).order_by().values_list("project_id", "amount_tsek"))
    actual: dict[int, Decimal] = {}
    unknown: dict[tuple[int, str], Decimal] = {}
    objects = _project_objects(group)
    for key, amount in investment_spend(group, year).items():
        if key in objects:
            actual[objects[key]] = actual.get(objects[key], ZERO) + amount
        elif amount:
            unknown[key] = amount
    projects = InvestmentProject.objects.filter(group=group, pk__in=set(budgets) | set(actual)).select_related("committee")
    rows = [
        InvestmentAccountRow(
            project=p, name=p.name, committee=p.committee.name, code=p.code, budget_tsek=budgets.get(p.pk, ZERO), actual_tsek=_tsek(actual.get(p.pk, ZERO))
        )
        for p in projects.order_by("committee__position", "committee__name", "name", "pk")
    ]
    names = dict(
        ((o.ledger_id, o.code), o.name)
        for o in LedgerObject.objects.filter(group=group, dimension=F("ledger__project_dimension"), code__in=[c for _l, c in unknown])
    )
    for (ledger_id, code), amount in sorted(unknown.items()):
        rows.append(
            InvestmentAccountRow(project=None, name=names.get((ledger_id, code), ""), committee="", code=code, budget_tsek=ZERO, actual_tsek=_tsek(amount))
        )
    return rows


def investment_account_total(rows: list[InvestmentAccountRow]) -> InvestmentAccountRow:
    """The sum of the investment account's rows."""
    return InvestmentAccountRow(
        project=None,
        name="",
        committee="",
        code="",
        budget_tsek=sum((r.budget_tsek for r in rows), ZERO),
        actual_tsek=sum((r.actual_tsek for r in rows), ZERO),
    )


def investment_account_list(user: Any, *, group: MunicipalGroup, year: int) -> list[InvestmentAccountRow]:
    """The investment account as the user may see it: the projects of the committees in scope, and
    spend on project objects no project answers to for those who see the whole municipality."""
    visible = scope(user)
    council = OrgUnit.objects.filter(group=group, parent__isnull=True).values_list("pk", flat=True).first()
    return [r for r in investment_account(group, year) if (r.project.committee_id in visible if r.project is not None else council in visible)]


def investment_project_amounts(project: InvestmentProject) -> dict[int, list[InvestmentAmount]]:
    """The project's amounts in each plan: plan year → its (up to three) years, newest plan first."""
    found: dict[int, list[InvestmentAmount]] = {}
    for a in project.amounts.order_by("-plan_year", "year"):
        found.setdefault(a.plan_year, []).append(a)
    return found


@dataclass(frozen=True)
class FollowUpYear:
    """A project's year: the amount planned for it in its own year's plan, and what was spent."""

    year: int
    budget_tsek: Decimal
    actual_tsek: Decimal

    @property
    def deviation_tsek(self) -> Decimal:
        return deviation(self.budget_tsek, self.actual_tsek)


def investment_project_follow_up(project: InvestmentProject, *, until: int) -> list[FollowUpYear]:
    """Plan against actual for each year of the project up to ``until``: the budget is the amount
    for the year in the plan of that year (Mål och budget N's budget year)."""
    budgets = dict(project.amounts.filter(year=F("plan_year")).values_list("year", "amount_tsek"))
    years = range(project.start_year, min(project.end_year, until) + 1)
    rows = []
    for year in years:
        actual = next((r.actual_tsek for r in investment_account(project.group, year) if r.project is not None and r.project.pk == project.pk), ZERO)
        rows.append(FollowUpYear(year=year, budget_tsek=budgets.get(year, ZERO), actual_tsek=actual))
    return rows


def ledger_project_objects(user: Any, ledger: Ledger) -> list[LedgerObject]:
    """The objects of the ledger's project dimension, by code."""
    require_visible(user, ledger.org_unit)
    found = LedgerObject.objects.filter(ledger=ledger, dimension=ledger.project_dimension).select_related("investment_project__committee")
    return sorted(found, key=lambda o: (len(o.code), o.code))
