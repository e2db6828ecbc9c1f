"""The balance requirement page (/balanskrav/, issue 11 §4): the chain of years, each year's
balanskravsutredning with the law's rows, the reserve and the deficit ledger with deadlines (an open
deficit past its deadline flagged, BAL-005). Controllers enter a year's lines (or read them from the
municipality's ledger); the council adopts a year and records a recovery plan or synnerliga skäl."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from styr.core.errors import NotAllowed
from styr.core.permissions import can
from styr.core.views import call_service, form_status, refusal_text
from styr.domain.errors import RuleViolation
from styr.economy.forms_balance import STATEMENT_FIELDS, BalanceAdoptForm, BalanceStatementForm, DeficitDecisionForm
from styr.economy.models import BalanceStatementYear
from styr.economy.selectors.balance_requirement import balance_statement_list, council
from styr.economy.services.balance import balance_deficit_decide, balance_statement_adopt, balance_statement_fill_from_accounts, balance_statement_save
from styr.organisation.selectors import group_of_user


def _initial(row: BalanceStatementYear) -> dict[str, Any]:
    return {"year": row.year, "note": row.note, **{name: getattr(row, name) for name in STATEMENT_FIELDS}}


@login_required
def balance_page(request: HttpRequest) -> HttpResponse:
    """GET shows the chain; POST takes one action (save, accounts, adopt, decide) and comes back."""
    group = group_of_user(request.user)
    body = council(group)
    views = balance_statement_list(request.user, group)
    may_write = can(request.user, "balance.write", body)
    may_adopt = can(request.user, "balance.adopt", body)
    may_decide = can(request.user, "balance.decide", body)
    rows = {r.year: r for r in BalanceStatementYear.objects.filter(group=group)}
    edit_forms: dict[int, BalanceStatementForm] = {y: BalanceStatementForm(initial=_initial(r), prefix=f"y{y}") for y, r in rows.items() if not r.is_adopted}
    next_year = (max(rows) + 1) if rows else None
    new_form = BalanceStatementForm(prefix="new", initial={"year": next_year} if next_year else None)
    adopt_form = BalanceAdoptForm(prefix="adopt")
    decide_form = DeficitDecisionForm(prefix="decide")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        needed = {"save": "balance.write", "new": "balance.write", "accounts": "balance.write", "adopt": "balance.adopt", "decide": "balance.decide"}
        if action not in needed:
            raise Http404
        if not can(request.user, needed[action], body):
            raise NotAllowed(needed[action], body)
        done: Any = None
        form: Any
        if action in {"save", "new"}:
            year_key = request.POST.get("year_key", "")
            prefix = "new" if action == "new" else f"y{year_key}"
            row = rows.get(int(year_key)) if action == "save" and year_key.isdigit() else None
            if action == "save" and row is None:
                raise Http404
            form = BalanceStatementForm(request.POST, prefix=prefix, initial=_initial(row) if row else None)
            if form.is_valid():
                year = row.year if row else form.cleaned_data["year"]
                done = call_service(form, lambda: balance_statement_save(actor=request.user, group=group, year=year, changes=form.changes()))
            if action == "new":
                new_form = form
            elif row is not None:
                edit_forms[row.year] = form
        elif action == "accounts":
            year_text = request.POST.get("year", "")
            if not year_text.isdigit():
                raise Http404
            try:
                balance_statement_fill_from_accounts(actor=request.user, group=group, year=int(year_text))
            except RuleViolation as violation:
                messages.error(request, refusal_text(violation))
                return redirect("economy:balance")
            messages.success(request, _("The lines were read from the accounts."))
            return redirect("economy:balance")
        elif action == "adopt":
            form = adopt_form = BalanceAdoptForm(request.POST, prefix="adopt")
            if form.is_valid():
                data = form.cleaned_data
                done = call_service(
                    form,
                    lambda: balance_statement_adopt(
                        actor=request.user,
                        group=group,
                        year=data["year"],
                        decided_on=data["decided_on"],
                        paragraph=data["paragraph"],
                        registration_number=data["registration_number"],
                    ),
                )
        else:
            form = decide_form = DeficitDecisionForm(request.POST, prefix="decide")
            if form.is_valid():
                data = form.cleaned_data
                done = call_service(
                    form,
                    lambda: balance_deficit_decide(
                        actor=request.user,
                        group=group,
                        origin_year=data["origin_year"],
                        kind=data["kind"],
                        decided_on=data["decided_on"],
                        paragraph=data["paragraph"],
                        registration_number=data["registration_number"],
                        text=data["text"],
                        waived_sek=data.get("waived_sek") or Decimal(0),
                        extended_deadline_year=data.get("extended_deadline_year"),
                    ),
                )
        if done is not None:
            messages.success(request, _("The balance requirement was saved."))
            return redirect("economy:balance")
        status = form_status(form)
    context = {
        "group": group,
        "years": [(view, edit_forms.get(view.year)) for view in reversed(views)],
        "latest": views[-1] if views else None,
        "may_write": may_write,
        "may_adopt": may_adopt,
        "may_decide": may_decide,
        "edit_forms": edit_forms,
        "new_form": new_form,
        "adopt_form": adopt_form,
        "decide_form": decide_form,
        "posted": request.POST.get("action", "") if request.method == "POST" else "",
        "posted_year": request.POST.get("year_key") or request.POST.get("adopt-year") or request.POST.get("decide-origin_year") or "",
    }
    return render(request, "economy/balance.html", context, status=status)
