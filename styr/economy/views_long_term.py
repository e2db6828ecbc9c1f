"""The long-term budget pages (issue 11 §6, §3): a year's budget assumptions edited in place by KS's
controllers (one form per year of N..N+2, locked once the council adopts that year's Mål och budget,
MOB-002), the result, balance and cash-flow budgets they give, and the investment room against the
plan with its chart. Everyone who sees the group reads them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from styr.core.errors import NotAllowed, violation_message, violation_status
from styr.documents.long_term_sections import balance_and_cash_flow, result_part, room_part
from styr.domain.errors import RuleViolation
from styr.domain.long_term_budget import ASSUMPTION_KEYS
from styr.economy import services
from styr.economy.forms_long_term import AssumptionsForm
from styr.economy.room_charts import room_chart
from styr.economy.selectors.frames import goals_and_budget_stage
from styr.economy.selectors.investment_room import investment_room_of
from styr.economy.selectors.long_term import assumptions_by_year, budget_assumptions_may_write, sees_group
from styr.organisation.models import MunicipalGroup
from styr.organisation.selectors import group_of_user


def _group(request: HttpRequest) -> MunicipalGroup:
    group = group_of_user(request.user)
    if not sees_group(request.user, group):
        raise Http404
    return group


def _initial(found: dict[str, Any]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for key, a in found.items():
        initial |= {f"{key}-amount_tsek": a.amount_tsek, f"{key}-source": a.source, f"{key}-source_date": a.source_date}
    return initial


def _save(request: HttpRequest, group: MunicipalGroup, year: int, form: AssumptionsForm, found: dict[str, Any]) -> int:
    """Enter the lines that changed; a refused line's message goes beside its field. The number saved."""
    saved = 0
    data = form.cleaned_data
    for line in ASSUMPTION_KEYS:
        amount: Decimal | None = data[f"{line.key}-amount_tsek"]
        source, source_date = data[f"{line.key}-source"], data[f"{line.key}-source_date"]
        if amount is None:
            continue
        old = found.get(line.key)
        if old is not None and (old.amount_tsek, old.source, old.source_date) == (amount, source.strip(), source_date):
            continue
        try:
            services.budget_assumption_set(actor=request.user, group=group, year=year, key=line.key, amount_tsek=amount, source=source, source_date=source_date)
            saved += 1
        except RuleViolation as violation:
            name = f"{line.key}-{violation.field}"
            form.add_error(name if name in form.fields else None, f"{violation_message(violation)} ({violation.code})")
            form.violation_status = violation_status(violation)  # type: ignore[attr-defined]
    return saved


@login_required
def budget_assumptions_current(request: HttpRequest) -> HttpResponse:
    """The assumptions of this year's Mål och budget."""
    return redirect("economy:budget_assumptions", year=timezone.localdate().year)


@login_required
def budget_assumptions_page(request: HttpRequest, year: int) -> HttpResponse:
    """Mål och budget ``year``'s assumptions for N, N+1 and N+2 and the budgets they give."""
    group = _group(request)
    may_write = budget_assumptions_may_write(request.user, group)
    years = [year, year + 1, year + 2]
    entered = assumptions_by_year(group, years)
    stages = {y: goals_and_budget_stage(group, y) for y in years}
    forms = {y: AssumptionsForm(initial=_initial(entered[y]), prefix=f"y{y}") for y in years}
    status = 200
    if request.method == "POST":
        if not may_write:
            raise NotAllowed("budget_assumption.write")
        try:
            posted = int(request.POST.get("year", ""))
        except ValueError:
            raise Http404 from None
        if posted not in forms:
            raise Http404
        form = forms[posted] = AssumptionsForm(request.POST, initial=_initial(entered[posted]), prefix=f"y{posted}")
        if form.is_valid():
            saved = _save(request, group, posted, form, entered[posted])
            if not form.errors:
                messages.success(request, _("%(n)s lines of %(year)s were saved.") % {"n": saved, "year": posted})
                return redirect("economy:budget_assumptions", year=year)
        status = getattr(form, "violation_status", 422)
        entered = assumptions_by_year(group, years)
    room = investment_room_of(group, year)
    balance, flow = balance_and_cash_flow(room.budget)
    context = {
        "group": group,
        "year": year,
        "years": [(y, forms[y], stages[y], entered[y]) for y in years],
        "may_write": may_write,
        "parts": [result_part(room.budget), balance, flow],
    }
    return render(request, "economy/budget_assumptions.html", context, status=status)


@login_required
def investment_room_page(request: HttpRequest, year: int) -> HttpResponse:
    """The investment room of N..N+2 against the plan, with its chart (text alternative and data)."""
    room = investment_room_of(_group(request), year)
    return render(request, "economy/investment_room.html", {"year": year, "room": room, "parts": [room_part(room)], "chart": room_chart(room)})
