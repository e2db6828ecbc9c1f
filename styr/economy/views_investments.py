"""The investment plan's pages (issue 11 §3): the plan of a year of Mål och budget by committee with
N, N+1, N+2, edited in place by those who prepare it until the council adopts; its chart per year
and category; the investment account of the year (plan against the ledgers); a project's page with
its amounts in every plan, the follow-up by year and the operating-cost consequences."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styr.core.conflicts import add_version, save_checked
from styr.core.converters import year_param
from styr.core.errors import NotAllowed
from styr.core.permissions import can, scope
from styr.core.views import call_service, form_status, refusal_text
from styr.domain.errors import RuleViolation
from styr.domain.investments import INVESTMENT_COMMITTEES, plan_years
from styr.economy import selectors, services
from styr.economy.forms_investments import InvestmentProjectForm, InvestmentYearForm, ProjectObjectMapForm
from styr.economy.investment_charts import investment_plan_chart
from styr.economy.models import InvestmentProject, LedgerObject
from styr.economy.selectors.frames import executive_board, goals_and_budget_adopted
from styr.economy.selectors.investments import (
    PlanRow,
    investment_account_list,
    investment_account_total,
    investment_plan,
    investment_project_amounts,
    investment_project_follow_up,
    investment_project_get,
    ledger_project_objects,
)
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.selectors import group_of_user, org_unit_ancestors, org_unit_get

WRITE = "investment.write"
ZERO = Decimal(0)


def plan_url(year: int) -> str:
    return reverse("economy:investment_plan", kwargs={"year": year})


def _committees(user: Any, group: MunicipalGroup) -> QuerySet[OrgUnit]:
    """The committees (and KS) whose projects the user may prepare, in the tree's order."""
    return OrgUnit.objects.filter(group=group, kind__in=[k.value for k in INVESTMENT_COMMITTEES], pk__in=sorted(scope(user, WRITE))).order_by(
        "position", "name"
    )


def _project_form(user: Any, group: MunicipalGroup, *args: Any, **kwargs: Any) -> InvestmentProjectForm:
    return InvestmentProjectForm(*args, committees=_committees(user, group), **kwargs)


def _project_initial(project: Any) -> dict[str, Any]:
    """A project's particulars as its form shows them."""
    initial = {f: getattr(project, f) for f in ("name", "category", "status", "start_year", "end_year", "code", "total_tsek", "description")}
    return {**initial, "committee": project.committee_id}


def _year_forms(project: InvestmentProject, plan_year: int, data: Any = None, *, row: PlanRow | None = None) -> list[tuple[int, InvestmentYearForm]]:
    """The project's three years in the plan of ``plan_year`` as forms; from the plan's ``row`` when
    given (the plan page: no query per project), else read."""
    if row is not None:
        stored = {y: (row.amounts[y], row.capital_costs[y], row.running_costs[y]) for y in row.amounts}
    else:
        stored = {a.year: (a.amount_tsek, a.capital_cost_tsek, a.running_cost_tsek) for a in project.amounts.filter(plan_year=plan_year)}
    forms = []
    for year in plan_years(plan_year):
        amount, capital, running = stored.get(year, (ZERO, ZERO, ZERO))
        initial = {"amount_tsek": amount, "capital_cost_tsek": capital, "running_cost_tsek": running}
        forms.append((year, InvestmentYearForm(data, initial=initial, prefix=f"y{year}", auto_id=f"p{project.pk}-%s")))
    return forms


def _save_years(request: HttpRequest, project: InvestmentProject, plan_year: int, forms: list[tuple[int, InvestmentYearForm]]) -> bool:
    """All three years saved, or none (the first refusal goes beside its field)."""
    if not all(form.is_valid() for _year, form in forms):
        return False
    try:
        with transaction.atomic():
            for year, form in forms:
                data = form.cleaned_data
                saved = call_service(
                    form,
                    lambda year=year, data=data: services.investment_amount_set(  # type: ignore[misc]
                        actor=request.user,
                        project=project,
                        plan_year=plan_year,
                        year=year,
                        amount_tsek=data["amount_tsek"],
                        capital_cost_tsek=data.get("capital_cost_tsek"),
                        running_cost_tsek=data.get("running_cost_tsek"),
                    ),
                )
                if saved is None:
                    raise _Refused
    except _Refused:
        return False
    return True


class _Refused(Exception):
    pass


@login_required
def investment_plan_current(request: HttpRequest) -> HttpResponse:
    """The plan of this year's Mål och budget."""
    return redirect(plan_url(timezone.localdate().year))


@login_required
@require_http_methods(["GET", "POST"])
def investment_plan_page(request: HttpRequest, year: int) -> HttpResponse:
    """GET: the plan of Mål och budget ``year``. POST: one project's three years saved in place
    (``project`` names it), by those who prepare the plan, until the council adopts."""
    group = group_of_user(request.user)
    refused: dict[int, list[tuple[int, InvestmentYearForm]]] = {}
    status = 200
    if request.method == "POST":
        wanted = request.POST.get("project", "")
        project = investment_project_get(request.user, int(wanted), group=group) if wanted.isdigit() and len(wanted) < 19 else None
        if project is None:
            messages.error(request, _("The project was not found."))
            return redirect(plan_url(year))
        if not can(request.user, WRITE, project.committee_id):
            raise NotAllowed(WRITE, project.committee)
        forms = _year_forms(project, year, request.POST)
        if _save_years(request, project, year, forms):
            messages.success(request, _("The plan of %(project)s was saved.") % {"project": project.name})
            return redirect(plan_url(year) + f"#project-{project.pk}")
        refused[project.pk] = forms
        status = max((form_status(f) for _y, f in forms if f.errors), default=422)
    plan = investment_plan(request.user, group=group, year=year)
    writable = scope(request.user, WRITE)
    rows = []
    for committee in plan.committees:
        may_edit = not plan.locked and committee.committee.pk in writable
        lines = []
        for r in committee.rows:
            shown = refused.get(r.project.pk) or (_year_forms(r.project, year, row=r) if may_edit else None)
            cells = [(y, r.amounts[y], dict(shown)[y] if shown else None) for y in plan.years]
            lines.append((r, cells, bool(shown)))
        rows.append((committee, lines))
    account = investment_account_list(request.user, group=group, year=year)
    board = executive_board(group)
    context = {
        "year": year,
        "plan": plan,
        "rows": rows,
        "chart": investment_plan_chart(plan) if plan.total_tsek else None,
        "account": account,
        "account_total": investment_account_total(account),
        "may_create": bool(_committees(request.user, group).exists()),
        "may_roll": board is not None and can(request.user, WRITE, board),
        "project_form": _project_form(request.user, group, initial={"start_year": year, "end_year": year + 2, "status": "planned"}),
        "today": timezone.localdate(),
    }
    return render(request, "economy/investment_plan.html", context, status=status)


@login_required
@require_POST
def investment_project_create(request: HttpRequest, year: int) -> HttpResponse:
    group = group_of_user(request.user)
    form = _project_form(request.user, group, request.POST)
    if not _committees(request.user, group).exists():
        raise NotAllowed(WRITE)
    if form.is_valid():
        data = dict(form.cleaned_data)
        project = call_service(form, lambda: services.investment_project_create(actor=request.user, **data))
        if project is not None:
            messages.success(request, _("The project %(name)s was added.") % {"name": project.name})
            return redirect(plan_url(year) + f"#project-{project.pk}")
    plan = investment_plan(request.user, group=group, year=year)
    context = {"year": year, "plan": plan, "rows": [], "project_form": form, "may_create": True, "only_form": True}
    return render(request, "economy/investment_plan.html", context, status=form_status(form))


@login_required
@require_POST
def investment_plan_roll(request: HttpRequest, year: int) -> HttpResponse:
    """KS's controllers roll the plan of ``year`` forward as the draft plan of the next year."""
    group = group_of_user(request.user)
    try:
        written = services.investment_plan_roll(actor=request.user, group=group, from_year=year)
    except RuleViolation as refused:  # the next year's plan is locked (INV-003): said on the plan page
        messages.error(request, refusal_text(refused))
        return redirect(plan_url(year))
    messages.success(request, _("The plan was rolled forward into %(year)s: %(n)s amounts.") % {"year": year + 1, "n": len(written)})
    return redirect(plan_url(year + 1))


@login_required
@require_http_methods(["GET", "POST"])
def investment_project_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A project: what it is, its amounts in every plan with their operating-cost consequences,
    and the follow-up (the year's plan against the ledgers). POST: its particulars changed."""
    group = group_of_user(request.user)
    project = investment_project_get(request.user, pk, group=group)
    may_write = can(request.user, WRITE, project.committee_id)
    form = None
    status = 200
    if may_write:
        form = add_version(_project_form(request.user, group, initial=_project_initial(project)), project)
    plans = investment_project_amounts(project)
    until = timezone.localdate().year
    plan_year = year_param(request) if "ar" in request.GET else max(plans, default=until)
    open_plan = may_write and not goals_and_budget_adopted(group, plan_year)
    year_forms = _year_forms(project, plan_year) if open_plan else None
    if request.method == "POST" and "plan_year" in request.POST:
        if not open_plan:
            raise NotAllowed(WRITE, project.committee)
        year_forms = _year_forms(project, plan_year, request.POST)
        if _save_years(request, project, plan_year, year_forms):
            messages.success(request, _("The plan of %(project)s was saved.") % {"project": project.name})
            return redirect(reverse("economy:investment_project", kwargs={"pk": project.pk}) + f"?ar={plan_year}")
        status = max((form_status(f) for _y, f in year_forms if f.errors), default=422)
    elif request.method == "POST":
        if not may_write:
            raise NotAllowed(WRITE, project.committee)
        form = add_version(_project_form(request.user, group, request.POST), project)
        if form.is_valid():
            data = form.cleaned_data
            saved = save_checked(
                form,
                project,
                lambda: services.investment_project_update(actor=request.user, project=project, **data),
                reload_url=reverse("economy:investment_project", kwargs={"pk": project.pk}),
                saved_initial=_project_initial,
            )
            if saved is not None:
                messages.success(request, _("The project was saved."))
                return redirect("economy:investment_project", pk=project.pk)
        status = form_status(form)
    context = {
        "project": project,
        "plans": [(plan_year, rows, sum((a.amount_tsek for a in rows), ZERO)) for plan_year, rows in plans.items()],
        "follow_up": investment_project_follow_up(project, until=until),
        "form": form,
        "plan_year": plan_year,
        "plan_years": plan_years(plan_year),
        "year_forms": year_forms,
    }
    return render(request, "economy/investment_project.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def ledger_projects(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """The objects of the ledger's project dimension and the investment project each is (INV-008):
    an object not mapped counts for the project whose code is its code."""
    unit = org_unit_get(request.user, unit_pk)
    ledger = selectors.ledger_get(request.user, unit)
    may_map = can(request.user, "ledger.import", unit)
    # the form takes any project of the group: INV-008 (the keeper's part only) is the service's to refuse
    projects = InvestmentProject.objects.filter(group=unit.group).select_related("committee").order_by("committee__position", "name")
    refused: tuple[int, ProjectObjectMapForm] | None = None
    if request.method == "POST":
        if not may_map:
            raise NotAllowed("ledger.import", unit)
        wanted = request.POST.get("object", "")
        obj = LedgerObject.objects.filter(ledger=ledger, pk=int(wanted)).first() if ledger and wanted.isdigit() and len(wanted) < 19 else None
        if obj is None:
            messages.error(request, _("The object was not found in this ledger."))
            return redirect("economy:ledger_projects", unit_pk=unit.pk)
        form = ProjectObjectMapForm(request.POST, projects=projects, auto_id=f"id_object_{obj.pk}_%s")
        if form.is_valid():
            target, chosen = form.cleaned_data["project"], obj
            if call_service(form, lambda: services.ledger_project_map(actor=request.user, ledger_object=chosen, project=target)) is not None:
                messages.success(request, _("Object %(code)s was saved.") % {"code": obj.code})
                return redirect(reverse("economy:ledger_projects", kwargs={"unit_pk": unit.pk}) + f"#object-{obj.pk}")
        refused = (obj.pk, form)
    objects = ledger_project_objects(request.user, ledger) if ledger is not None else []
    by_code = {p.code: p for p in projects if p.code}
    rows = []
    for obj in objects:
        if refused is not None and refused[0] == obj.pk:
            shown = refused[1]
        else:
            shown = ProjectObjectMapForm(initial={"project": obj.investment_project_id}, projects=projects, auto_id=f"id_object_{obj.pk}_%s")
        rows.append((obj, obj.investment_project or by_code.get(obj.code), shown))
    context = {
        "unit": unit,
        "ancestors": org_unit_ancestors(unit),
        "ledger": ledger,
        "rows": rows,
        "may_map": may_map,
        "project_choices": [(str(p.pk), f"{p.committee.name}: {p}") for p in projects] if may_map and rows else [],
    }
    return render(request, "economy/ledger_projects.html", context, status=422 if refused is not None else 200)
