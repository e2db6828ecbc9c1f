"""The balance requirement page (/balanskrav/, issue 11 §4): the chain of years, each year's
balanskravsutredning with the law's rows, the reserve and the deficit ledger with deadlines (an open
deficit past its deadline flagged, BAL-005). Controllers enter a year's lines in place (or read them
from the municipality's ledger); the council adopts a year and records a recovery plan or synnerliga
skäl. Forms work without JavaScript; with htmx a form swaps only the page's body."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from styr.core.errors import NotAllowed, violation_status
from styr.core.permissions import can
from styr.core.views import call_service, form_status, refusal_text
from styr.domain.errors import RuleViolation
from styr.economy.forms_balance import STATEMENT_FIELDS, BalanceAdoptForm, BalanceStatementForm, DeficitDecisionForm
from styr.economy.models import BalanceStatementYear
from styr.economy.selectors.balance_requirement import balance_statement_list, council
from styr.economy.services.balance import balance_deficit_decide, balance_statement_adopt, balance_statement_fill_from_accounts, balance_statement_save
from styr.organisation.models import MunicipalGroup
from styr.organisation.selectors import group_of_user

NEEDED = {"save": "balance.write", "new": "balance.write", "accounts": "balance.write", "adopt": "balance.adopt", "decide": "balance.decide"}


def _initial(row: BalanceStatementYear) -> dict[str, Any]:
    return {"year": row.year, "note": row.note, **{name: getattr(row, name) for name in STATEMENT_FIELDS}}


def _render(request: HttpRequest, group: MunicipalGroup, *, posted: dict[str, Any] | None = None, notice: str = "", status: int = 200) -> HttpResponse:
    """The page (or, for htmx, its body) as it stands, with the posted form in place of its fresh one."""
    posted = posted or {}
    body = council(group)
    views = balance_statement_list(request.user, group)
    rows = {r.year: r for r in BalanceStatementYear.objects.filter(group=group)}
    edit_forms = {y: BalanceStatementForm(initial=_initial(r), prefix=f"y{y}") for y, r in rows.items() if not r.is_adopted}
    edit_forms.update(posted.get("edit", {}))
    next_year = (max(rows) + 1) if rows else None
    context = {
        "group": group,
        "years": [(view, edit_forms.get(view.year)) for view in reversed(views)],
        "latest": views[-1] if views else None,
        "may_write": can(request.user, "balance.write", body),
        "may_adopt": can(request.user, "balance.adopt", body),
        # the years are adopted in order (BAL-011): only the earliest draft is offered
        "adoptable_year": min((y for y, r in rows.items() if not r.is_adopted), default=None),
        "may_decide": can(request.user, "balance.decide", body),
        "new_form": posted.get("new") or BalanceStatementForm(prefix="new", initial={"year": next_year} if next_year else None),
        "adopt_form": posted.get("adopt") or BalanceAdoptForm(prefix="adopt"),
        "decide_form": posted.get("decide") or DeficitDecisionForm(prefix="decide"),
        "posted": posted.get("action", ""),
        "posted_year": posted.get("year", ""),
        "notice": notice,
    }
    template = "economy/_balance_body.html" if getattr(request, "htmx", False) else "economy/balance.html"
    return render(request, template, context, status=status)


def _act(request: HttpRequest, group: MunicipalGroup, action: str) -> tuple[Any, dict[str, Any]]:
    """Run one action; (what the service returned or None, the posted forms to show again)."""
    post = request.POST
    if action in {"save", "new"}:
        year_key = post.get("year_key", "")
        row = BalanceStatementYear.objects.filter(group=group, year=int(year_key)).first() if action == "save" and year_key.isdigit() else None
        if action == "save" and row is None:
            raise Http404
        form = BalanceStatementForm(post, prefix="new" if row is None else f"y{row.year}", initial=_initial(row) if row else None)
        done = None
        if form.is_valid():
            year = row.year if row else form.cleaned_data["year"]
            done = call_service(form, lambda: balance_statement_save(actor=request.user, group=group, year=year, changes=form.changes()))
        shown = {"new": form} if row is None else {"edit": {row.year: form}, "year": str(row.year)}
        return done, {"action": action, **shown, "status": form_status(form)}
    if action == "accounts":
        year_text = post.get("year", "")
        if not year_text.isdigit():
            raise Http404
        return balance_statement_fill_from_accounts(actor=request.user, group=group, year=int(year_text)), {}
    if action == "adopt":
        adopt = BalanceAdoptForm(post, prefix="adopt")
        done = None
        if adopt.is_valid():
            data = adopt.cleaned_data
            done = call_service(
                adopt,
                lambda: balance_statement_adopt(
                    actor=request.user,
                    group=group,
                    year=data["year"],
                    decided_on=data["decided_on"],
                    paragraph=data["paragraph"],
                    registration_number=data["registration_number"],
                ),
            )
        return done, {"action": action, "adopt": adopt, "year": post.get("adopt-year", ""), "status": form_status(adopt)}
    decide = DeficitDecisionForm(post, prefix="decide")
    decided = None
    if decide.is_valid():
        data = decide.cleaned_data
        decided = call_service(
            decide,
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
    return decided, {"action": action, "decide": decide, "status": form_status(decide)}


@login_required
def balance_page(request: HttpRequest) -> HttpResponse:
    """GET shows the chain; POST takes one action (save, new, accounts, adopt, decide)."""
    group = group_of_user(request.user)
    if request.method != "POST":
        return _render(request, group)
    action = request.POST.get("action", "")
    if action not in NEEDED:
        raise Http404
    body = council(group)
    if not can(request.user, NEEDED[action], body):
        raise NotAllowed(NEEDED[action], body)
    htmx = bool(getattr(request, "htmx", False))
    try:
        done, posted = _act(request, group, action)
    except RuleViolation as violation:  # reading from the accounts has no form: the message above the page
        if htmx:
            return _render(request, group, notice=refusal_text(violation), status=violation_status(violation))
        messages.error(request, refusal_text(violation))
        return redirect("economy:balance")
    if done is None:
        return _render(request, group, posted=posted, status=posted.get("status", 422))
    notice = _("The lines were read from the accounts.") if action == "accounts" else _("The balance requirement was saved.")
    if htmx:
        return _render(request, group, notice=notice)
    messages.success(request, notice)
    return redirect("economy:balance")
