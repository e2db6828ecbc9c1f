"""Writes of the rolling three-year investment plan (seed §5.D, issue 11 §3).

- ``investment_project_create`` / ``investment_project_update``: a committee's project (INV-004,
  INV-005, INV-007). KS's controllers and the committee's officials prepare (``investment.write``
  on the committee).
- ``investment_amount_set``: the project's amount for a year in the plan of a year N of Mål och
  budget, with its operating-cost consequences (INV-001, INV-002, INV-006); refused once the council
  has adopted Mål och budget N (INV-003: the plan is locked, like the frames, FRAME-001).
- ``investment_plan_roll``: the plan rolls forward each year. The plan of N is copied as the draft
  plan of N+1: year N drops out, N+1 and N+2 keep their amounts, N+3 is added with the project's
  remaining amount (its total cost less what was planned for it up to N+2; 0 without a total).
  Finished and cancelled projects are not carried; a late project whose end year has passed is
  carried into N+1 with what remains of it, its end year moved to N+1. Amounts already prepared
  in the draft of N+1 are kept (the roll fills only what is missing), so rolling twice is harmless.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import F, Sum
from django.utils.translation import gettext

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import require
from styr.core.unique import unique_or
from styr.domain.endings import check_nothing_below
from styr.domain.investments import (
    TENTH,
    ZERO,
    ProjectPlan,
    check_amount,
    check_code_free,
    check_committee,
    check_plan_open,
    check_plan_year,
    check_within_project,
    check_years,
    plan_years,
    roll_amounts,
)
from styr.domain.limits import check_year
from styr.economy.models import InvestmentAmount, InvestmentProject
from styr.economy.selectors.frames import executive_board, goals_and_budget_adopted
from styr.organisation.models import MunicipalGroup, OrgUnit

PROJECT_FIELDS = ["committee", "name", "description", "category", "status", "start_year", "end_year", "code", "total_tsek"]
AMOUNT_FIELDS = ["amount_tsek", "capital_cost_tsek", "running_cost_tsek"]


def _check_project(*, group: MunicipalGroup, committee: OrgUnit, code: str, start_year: int, end_year: int, total_tsek: Decimal | None, pk: int | None) -> None:
    check_committee(committee.level_kind)
    check_year(field="start_year", label=gettext("Start year"), year=start_year)
    check_year(field="end_year", label=gettext("End year"), year=end_year)
    check_years(start_year=start_year, end_year=end_year)
    if total_tsek is not None:
        check_amount(total_tsek, field="total_tsek")
    others = InvestmentProject.objects.filter(group=group, code=code)
    if pk is not None:
        others = others.exclude(pk=pk)
    check_code_free(code=code, taken=bool(code) and others.exists())


@transaction.atomic
def investment_project_create(
    *,
    actor: Actor,
    committee: OrgUnit,
    name: str,
    category: str,
    start_year: int,
    end_year: int,
    description: str = "",
    status: str = InvestmentProject.Status.PLANNED,
    code: str = "",
    total_tsek: Decimal | None = None,
) -> InvestmentProject:
    """A committee's new investment project (INV-004, INV-005, INV-007)."""
    if actor is not None:
        require(actor, "investment.write", committee)
    code = code.strip()
    _check_project(group=committee.group, committee=committee, code=code, start_year=start_year, end_year=end_year, total_tsek=total_tsek, pk=None)
    project = InvestmentProject(
        group=committee.group,
        committee=committee,
        name=name.strip(),
        description=description.strip(),
        category=category,
        status=status,
        start_year=start_year,
        end_year=end_year,
        code=code,
        total_tsek=total_tsek,
    )
    project.full_clean(exclude=["group", "committee"], validate_constraints=False)
    with unique_or(lambda: check_code_free(code=code, taken=True)):  # INV-005 for a code taken at the same moment
        project.save()
    audit.record(actor=actor, action="investment_project.created", obj=project, org_unit=committee, after=audit.snapshot(project, PROJECT_FIELDS))
    return project


@transaction.atomic
def investment_project_update(*, actor: Actor, project: InvestmentProject, **changes: object) -> InvestmentProject:
    """Change a project's description, category, status, years, code or total (a field not given
    stays). Its amounts in an adopted plan stay as the council decided them; a new start or end is
    checked against the amounts of plans still open (INV-001)."""
    project = InvestmentProject.objects.select_for_update().select_related("committee").get(pk=project.pk)
    if actor is not None:
        require(actor, "investment.write", project.committee)
    unknown = set(changes) - set(PROJECT_FIELDS) - {"committee"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    before = audit.snapshot(project, PROJECT_FIELDS)
    for name, value in changes.items():
        setattr(project, name, value.strip() if isinstance(value, str) else value)
    if "committee" in changes and actor is not None:
        require(actor, "investment.write", project.committee)
    _check_project(
        group=project.group,
        committee=project.committee,
        code=project.code,
        start_year=project.start_year,
        end_year=project.end_year,
        total_tsek=project.total_tsek,
        pk=project.pk,
    )
    for amount in project.amounts.exclude(amount_tsek=0).order_by("plan_year", "year"):
        if not goals_and_budget_adopted(project.group, amount.plan_year):
            check_within_project(year=amount.year, start_year=project.start_year, end_year=project.end_year, project=project.name)
    project.full_clean(exclude=["group", "committee"], validate_constraints=False)
    with unique_or(lambda: check_code_free(code=project.code, taken=True)):
        project.save()
    audit.record(
        actor=actor, action="investment_project.updated", obj=project, org_unit=project.committee, before=before, after=audit.snapshot(project, PROJECT_FIELDS)
    )
    return project


@transaction.atomic
def investment_amount_set(
    *,
    actor: Actor,
    project: InvestmentProject,
    plan_year: int,
    year: int,
    amount_tsek: Decimal,
    capital_cost_tsek: Decimal | None = None,
    running_cost_tsek: Decimal | None = None,
) -> InvestmentAmount:
    """Set the project's amount for ``year`` in the plan of ``plan_year`` (tkr), and, when given,
    the operating-cost consequences that year. Refused once Mål och budget ``plan_year`` is adopted
    (INV-003)."""
    project = InvestmentProject.objects.select_related("committee").get(pk=project.pk)
    if actor is not None:
        require(actor, "investment.write", project.committee)
    check_year(field="plan_year", label=gettext("Plan year"), year=plan_year)
    check_plan_year(year=year, plan_year=plan_year)
    check_amount(amount_tsek, field="amount_tsek")
    for field, value in (("capital_cost_tsek", capital_cost_tsek), ("running_cost_tsek", running_cost_tsek)):
        if value is not None:
            check_amount(value, field=field)
    if amount_tsek:
        check_within_project(year=year, start_year=project.start_year, end_year=project.end_year, project=project.name)
    check_plan_open(adopted=goals_and_budget_adopted(project.group, plan_year), plan_year=plan_year)
    row = InvestmentAmount.objects.select_for_update().filter(project=project, plan_year=plan_year, year=year).first()
    before = audit.snapshot(row, AMOUNT_FIELDS) if row else None
    if row is None:
        row = InvestmentAmount(group=project.group, project=project, plan_year=plan_year, year=year)
    row.amount_tsek = amount_tsek.quantize(TENTH)  # as the column keeps it, so the audit says what is stored
    if capital_cost_tsek is not None:
        row.capital_cost_tsek = capital_cost_tsek.quantize(TENTH)
    if running_cost_tsek is not None:
        row.running_cost_tsek = running_cost_tsek.quantize(TENTH)
    row.save()
    audit.record(
        actor=actor,
        action="investment_amount.set",
        obj=row,
        org_unit=project.committee,
        before=before,
        after={**audit.snapshot(row, AMOUNT_FIELDS), "plan_year": plan_year, "year": year},
    )
    return row


@transaction.atomic
def investment_plan_roll(*, actor: Actor, group: MunicipalGroup, from_year: int) -> list[InvestmentAmount]:
    """Roll the plan of ``from_year`` (N) forward as the draft plan of N+1 (see the module's text).
    Prepared by KS's controllers (``investment.write`` on KS, which covers every committee);
    refused when Mål och budget N+1 is already adopted (INV-003). Audited as one event with counts."""
    board = executive_board(group)
    if actor is not None:
        require(actor, "investment.write", board)
    to_year = from_year + 1
    check_year(field="from_year", label=gettext("Plan year"), year=to_year)
    check_plan_open(adopted=goals_and_budget_adopted(group, to_year), plan_year=to_year)
    amounts: dict[int, dict[int, InvestmentAmount]] = {}
    for row in InvestmentAmount.objects.filter(group=group, plan_year=from_year):
        amounts.setdefault(row.project_id, {})[row.year] = row
    earlier = dict(
        InvestmentAmount.objects.filter(group=group, plan_year__lt=from_year, year=F("plan_year"))  # each earlier plan's own budget year
        .order_by()
        .values("project_id")
        .annotate(total=Sum("amount_tsek"))
        .values_list("project_id", "total")
    )
    existing = set(InvestmentAmount.objects.filter(group=group, plan_year=to_year).values_list("project_id", "year"))
    written: list[InvestmentAmount] = []
    projects = InvestmentProject.objects.select_for_update().filter(group=group, pk__in=list(amounts)).order_by("pk")
    for project in projects:
        rows = amounts[project.pk]
        plan = ProjectPlan(
            start_year=project.start_year,
            end_year=project.end_year,
            carried=project.carried,
            total_tsek=project.total_tsek,
            amounts={year: r.amount_tsek for year, r in rows.items()},
            earlier_tsek=Decimal(earlier.get(project.pk) or ZERO),
        )
        rolled = roll_amounts(plan, from_year=from_year)
        if rolled is None:
            continue
        if project.end_year < to_year and rolled.get(to_year):
            project.end_year = to_year
            project.save(update_fields=["end_year"])
        for year in plan_years(to_year):
            if (project.pk, year) in existing:
                continue
            source = rows.get(year)
            amount = rolled.get(year, ZERO)
            if not amount and source is None:
                continue
            written.append(
                InvestmentAmount(
                    group=group,
                    project=project,
                    plan_year=to_year,
                    year=year,
                    amount_tsek=amount,
                    capital_cost_tsek=source.capital_cost_tsek if source else ZERO,
                    running_cost_tsek=source.running_cost_tsek if source else ZERO,
                )
            )
    InvestmentAmount.objects.bulk_create(written)
    audit.record(
        actor=actor,
        action="investment_plan.rolled",
        obj=None,
        group=group,
        org_unit=board,
        after={"from_year": from_year, "to_year": to_year, "amounts": len(written), "projects": len({a.project_id for a in written})},
    )
    return written


@transaction.atomic
def investment_project_delete(*, actor: Actor, project: InvestmentProject) -> None:
    """Remove a project prepared by mistake, with its amounts (each its own audit event). Refused
    when it has an amount in a plan the council has adopted (INV-003): that plan stays as decided;
    set the project's status to cancelled instead. Refused too when accounting objects are mapped
    to it (DEL-001): its outcome would lose its project."""
    project = InvestmentProject.objects.select_for_update().select_related("committee").get(pk=project.pk)
    if actor is not None:
        require(actor, "investment.write", project.committee)
    for plan_year in sorted(set(project.amounts.values_list("plan_year", flat=True))):
        check_plan_open(adopted=goals_and_budget_adopted(project.group, plan_year), plan_year=plan_year)
    # DEL-001: the project's outcome is followed in the ledger through the objects mapped to it
    check_nothing_below(f"«{project}»", {"ledger_objects": project.ledger_objects.count()}, {"ledger_objects": gettext("accounting objects")})
    for row in project.amounts.order_by("plan_year", "year"):  # each row removed is its own event (issue 14 §2)
        audit.record(
            actor=actor,
            action="investment_amount.deleted",
            obj=row,
            org_unit=project.committee,
            before={"plan_year": row.plan_year, "year": row.year, **audit.snapshot(row, AMOUNT_FIELDS)},
        )
    before = audit.snapshot(project, PROJECT_FIELDS)
    audit.record(actor=actor, action="investment_project.deleted", obj=project, org_unit=project.committee, before=before)
    project.delete()
