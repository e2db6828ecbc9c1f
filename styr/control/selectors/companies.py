"""Reads of the companies' part of KS's oversight (issue 12 §5): the directives a user may see, what
applies to a company in a year, its answers point by point, its reports through the chain (a
subsidiary to the parent company, the parent company and the joint authorities to KS) and the
owner dialogues of the årshjul.

A company's board sees its own company; KS's roles and the auditors (on the council) the whole
group (``unit.view`` scope)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from styr.control.models import DirectiveAnswer, DirectiveDemand, OwnerDialogue, OwnerDirective
from styr.core.permissions import require_visible, scope, scope_q
from styr.domain import companies as rules
from styr.domain.calendar import level_deadline
from styr.domain.levels import REPORTS_LIKE_COMPANY, LevelKind
from styr.domain.numbers import sv_number
from styr.followup.models import Deadline, PeriodKind, Report, ReportingPeriod, ReportState
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.selectors import bodies_in_tree_order

KINDS = [k.value for k in REPORTS_LIKE_COMPANY]


def companies_of(user: Any, group: MunicipalGroup) -> list[OrgUnit]:
    """The companies and joint authorities the user sees, in the tree's order (parent before its subsidiaries)."""
    visible = scope(user)
    units = bodies_in_tree_order(group, KINDS)
    return [u for u in units if u.pk in visible]


def company_get(user: Any, group: MunicipalGroup, pk: int) -> OrgUnit:
    unit = OrgUnit.objects.filter(group=group, pk=pk, kind__in=KINDS).select_related("parent").first()
    if unit is None:
        raise Http404
    require_visible(user, unit)
    return unit


def _visible_q(user: Any) -> Q:
    """A directive to a company the user sees; the general directive to anyone who sees a company or its issuer."""
    visible = scope(user)
    sees_a_company = OrgUnit.objects.filter(pk__in=visible, kind__in=sorted(rules.GENERAL_APPLIES_TO)).exists()
    general = Q(company__isnull=True) & (Q(issuer__in=visible) if not sees_a_company else Q())
    return Q(company__in=visible) | general


def directive_list(user: Any, group: MunicipalGroup) -> QuerySet[OwnerDirective]:
    return (
        OwnerDirective.objects.filter(_visible_q(user), group=group)
        .select_related("issuer", "company", "document", "decision")
        .prefetch_related("demands")
        .order_by("issuer__kind", "kind", "company__name", "title")
    )


def directive_get(user: Any, group: MunicipalGroup, pk: int) -> OwnerDirective:
    directive = directive_list(user, group).filter(pk=pk).first()
    if directive is None:
        raise Http404
    return directive


def demand_get(user: Any, group: MunicipalGroup, pk: int) -> DirectiveDemand:
    demand = DirectiveDemand.objects.filter(pk=pk, group=group, directive__in=directive_list(user, group)).select_related("directive__issuer").first()
    if demand is None:
        raise Http404
    return demand


def _in_force(group_id: int, year: int) -> QuerySet[OwnerDirective]:
    return (
        OwnerDirective.objects.filter(group=group_id, valid_from__lte=date(year, 12, 31))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date(year, 1, 1)))
        .select_related("issuer")
        .prefetch_related("demands")
        .order_by("kind", "title")
    )


def _applies(directive: OwnerDirective, company: OrgUnit) -> bool:
    if directive.company_id is None:
        return company.kind in rules.GENERAL_APPLIES_TO
    return directive.company_id == company.pk


def directives_for(company: OrgUnit, year: int) -> list[OwnerDirective]:
    """The directives that apply to the company and are in force some day of the year, demands prefetched."""
    applies = Q(company=company)
    if company.kind in rules.GENERAL_APPLIES_TO:
        applies |= Q(company__isnull=True)
    return list(_in_force(company.group_id, year).filter(applies))


@dataclass
class AnswerRow:
    directive: OwnerDirective
    demand: DirectiveDemand
    answer: DirectiveAnswer | None


def answer_rows(company: OrgUnit, year: int) -> list[AnswerRow]:
    """Each demand of each directive in force for the company that year, with its answer (or none yet)."""
    directives = directives_for(company, year)
    answers = {a.demand_id: a for a in DirectiveAnswer.objects.filter(company=company, year=year)}
    return [AnswerRow(d, demand, answers.get(demand.pk)) for d in directives for demand in d.demands.all()]


def answer_counts(user: Any, group: MunicipalGroup, year: int) -> dict[int, dict[str, int]]:
    """For KS's overview: each visible company's answers to the owner directives for the year, counted by
    status (one query, whose SQL stays short however many units the group has)."""
    counts: dict[int, dict[str, int]] = {}
    rows = (
        DirectiveAnswer.objects.filter(scope_q(user, "company_id"), group=group, year=year)
        .values_list("company_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for company_id, status, n in rows:
        counts.setdefault(company_id, {})[status] = n
    return counts


def answers_by_company(companies: Iterable[OrgUnit], year: int) -> dict[int, list[AnswerRow]]:
    """``answer_rows`` for many companies in three queries however many there are."""
    companies = list(companies)
    if not companies:
        return {}
    directives = list(_in_force(companies[0].group_id, year).filter(Q(company__in=companies) | Q(company__isnull=True)))
    answers = {(a.company_id, a.demand_id): a for a in DirectiveAnswer.objects.filter(company__in=companies, year=year)}
    return {c.pk: [AnswerRow(d, demand, answers.get((c.pk, demand.pk))) for d in directives if _applies(d, c) for demand in d.demands.all()] for c in companies}


@dataclass
class ChainReport:
    """A company's report of one period: its state, its own deadline and whether it is late."""

    period: ReportingPeriod
    state: str
    due: date | None
    late: bool

    @property
    def state_label(self) -> str:
        return str(dict(ReportState.choices).get(self.state, "")) if self.state else ""


@dataclass
class CompanyOverview:
    unit: OrgUnit
    reports: list[ChainReport] = field(default_factory=list)
    answers: list[AnswerRow] = field(default_factory=list)
    subsidiaries: list[CompanyOverview] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for row in self.answers if row.answer is not None)

    @property
    def late(self) -> int:
        return sum(1 for r in self.reports if r.late)


#: The reports a company or joint authority sends through the chain to KS: the interim accounts and the
#: annual report (its books close twice a year); the committees' monthly reports are not theirs.
CHAIN_KINDS = (PeriodKind.INTERIM_ACCOUNTS, PeriodKind.ANNUAL_REPORT)


def companies_overview(user: Any, *, group: MunicipalGroup, year: int, today: date) -> list[CompanyOverview]:
    """KS's page: each company and joint authority with its reports through the chain and its answers;
    a parent company gathers its subsidiaries'."""
    units = companies_of(user, group)
    periods = list(ReportingPeriod.objects.filter(group=group, end__year=year, org_unit__isnull=True, kind__in=CHAIN_KINDS).order_by("end", "pk"))
    due_by = {(d.period_id, d.level): d.due for d in Deadline.objects.filter(period__in=periods)}
    states = {(r.org_unit_id, r.period_id): r.state for r in Report.objects.filter(group=group, period__in=periods, org_unit__in=units)}
    overviews: dict[int, CompanyOverview] = {}
    answers = answers_by_company(units, year)
    for unit in units:
        reports = []
        for period in periods:
            state = states.get((unit.pk, period.pk), "")
            due = level_deadline(due_by, period.pk, unit.kind)
            reports.append(ChainReport(period, state, due, due is not None and due < today and state in ("", "draft")))
        overviews[unit.pk] = CompanyOverview(unit=unit, reports=reports, answers=answers[unit.pk])
    top: list[CompanyOverview] = []
    for unit in units:
        parent = overviews.get(unit.parent_id) if unit.kind == LevelKind.COMPANY and unit.parent_id else None
        if parent is not None:
            parent.subsidiaries.append(overviews[unit.pk])
        else:
            top.append(overviews[unit.pk])
    return top


def company_overview(user: Any, unit: OrgUnit, year: int, today: date) -> CompanyOverview:
    """One company (its subsidiaries gathered where it is the parent company)."""
    for overview in companies_overview(user, group=unit.group, year=year, today=today):
        if overview.unit.pk == unit.pk:
            return overview
        for sub in overview.subsidiaries:
            if sub.unit.pk == unit.pk:
                return sub
    raise Http404


def owner_dialogue_list(user: Any, group: MunicipalGroup, *, year: int | None = None, company: OrgUnit | None = None) -> QuerySet[OwnerDialogue]:
    """The dialogues of the subsidiaries the user sees (the parent company's board sees all of its own)."""
    rows = OwnerDialogue.objects.filter(group=group, company__in=scope(user)).select_related("parent_company", "company")
    if year is not None:
        rows = rows.filter(held_on__year=year)
    if company is not None:
        rows = rows.filter(Q(company=company) | Q(parent_company=company))
    return rows


def owner_dialogues_in_calendar(group_id: int, year: int) -> list[OwnerDialogue]:
    """The year's owner dialogues for the årshjul (its readers are the group's roles)."""
    return list(OwnerDialogue.objects.filter(group_id=group_id, held_on__year=year).select_related("parent_company", "company").order_by("held_on", "pk"))


def directive_section(unit: OrgUnit, year: int, *, status_label: Any) -> list[dict[str, Any]]:
    """The company's answers point by point, for its report document (empty for a body with no directive)."""
    if unit.kind not in KINDS:
        return []
    return [
        {
            "directive": row.directive.title,
            "demand": row.demand.text,
            "target": f"{sv_number(row.demand.target_value)} {row.demand.target_unit}" if row.demand.target_value is not None else "",
            "value": f"{sv_number(row.answer.value)} {row.demand.target_unit}" if row.answer and row.answer.value is not None else "",
            "answer": row.answer.answer if row.answer else "",
            "status": status_label(row.answer.status if row.answer else "not_assessed"),
        }
        for row in answer_rows(unit, year)
    ]
