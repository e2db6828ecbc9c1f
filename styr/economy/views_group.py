"""The group's statements page (issue 11 §5): the municipality and its companies consolidated,
with the eliminations as a column of their own; KS's controllers keep the ownership shares and
the internal accounts on it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from styr.core.errors import NotAllowed
from styr.core.permissions import can
from styr.core.views import call_service, form_status
from styr.domain.consolidation import COMPANY_KINDS, Consolidation
from styr.economy.forms_group import CapitalForm, InternalAccountForm, OwnershipForm
from styr.economy.models import GroupMember, InternalAccount, Ledger
from styr.economy.selectors.frames import executive_board
from styr.economy.selectors.group_statements import group_cash_flow_build, group_statements, municipal_units
from styr.economy.services.group import group_member_capital_set, group_member_set, internal_account_set
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import group_of_user


@login_required
def group_current(request: HttpRequest) -> HttpResponse:
    return redirect("economy:group_statements", year=timezone.localdate().year)


@login_required
def group_statements_page(request: HttpRequest, year: int) -> HttpResponse:
    group = group_of_user(request.user)
    found = group_statements(request.user, group, year)  # 404 unless the reader sees the whole group
    board = executive_board(group)
    may_write = can(request.user, "group_statements.write", board)
    companies = list(OrgUnit.objects.filter(group=group, kind__in=COMPANY_KINDS).order_by("position", "name"))
    members = [(u.pk, u.name) for u in municipal_units(group)] + [
        (u.pk, u.name) for u in companies if Ledger.objects.filter(org_unit=u).exists() or GroupMember.objects.filter(org_unit=u).exists()
    ]
    ownership_form = OwnershipForm(prefix="share", companies=[(u.pk, u.name) for u in companies])
    internal_form = InternalAccountForm(prefix="internal", members=members)
    in_group = [
        (m.org_unit_id, m.org_unit.name)
        for m in GroupMember.objects.filter(group=group).select_related("org_unit").order_by("org_unit__position", "org_unit__name")
    ]
    capital_form = CapitalForm(prefix="capital", companies=in_group)
    status = 200
    if request.method == "POST":
        if board is None or not may_write:
            raise NotAllowed("group_statements.write", board)
        action = request.POST.get("action")
        done: GroupMember | InternalAccount | None = None
        if action == "share":
            ownership_form = OwnershipForm(request.POST, prefix="share", companies=[(u.pk, u.name) for u in companies])
            if ownership_form.is_valid():
                data = ownership_form.cleaned_data
                unit = OrgUnit.objects.get(group=group, pk=data["org_unit"])
                done = call_service(ownership_form, lambda: group_member_set(actor=request.user, org_unit=unit, ownership_percent=data["ownership_percent"]))
            status = form_status(ownership_form)
        elif action == "capital":
            capital_form = CapitalForm(request.POST, prefix="capital", companies=in_group)
            if capital_form.is_valid():
                data = capital_form.cleaned_data
                member = GroupMember.objects.select_related("org_unit").get(group=group, org_unit_id=data["org_unit"])
                done = call_service(
                    capital_form,
                    lambda: group_member_capital_set(
                        actor=request.user,
                        member=member,
                        shares_book_value_sek=data["shares_book_value_sek"],
                        shares_account=data["shares_account"],
                        equity_at_acquisition_sek=data["equity_at_acquisition_sek"],
                    ),
                )
            status = form_status(capital_form)
        elif action == "internal":
            internal_form = InternalAccountForm(request.POST, prefix="internal", members=members)
            if internal_form.is_valid():
                data = internal_form.cleaned_data
                unit, counterpart = OrgUnit.objects.get(group=group, pk=data["org_unit"]), OrgUnit.objects.get(group=group, pk=data["counterpart"])
                done = call_service(
                    internal_form, lambda: internal_account_set(actor=request.user, org_unit=unit, account=data["account"], counterpart=counterpart)
                )
            status = form_status(internal_form)
        else:
            raise Http404
        if done is not None:
            messages.success(request, _("The group's statements were updated."))
            return redirect("economy:group_statements", year=year)
    context = {
        "year": year,
        "group": group,
        "found": found,
        "consolidation": found.consolidation,
        "result": [line for line in found.consolidation.lines if line.part == "result"],
        "balance": [line for line in found.consolidation.lines if line.part == "balance"],
        "members": GroupMember.objects.filter(group=group).select_related("org_unit").order_by("org_unit__position", "org_unit__name"),
        "internal_accounts": InternalAccount.objects.filter(group=group).select_related("org_unit", "counterpart"),
        "capital": capital_rows(found.consolidation, get_language() or "sv"),
        "cash_flow": [
            {"label": x.label(get_language() or "sv"), "sum": x.is_sum, "amount_sek": x.amount_sek} for x in group_cash_flow_build(group, year).lines
        ],
        "may_write": may_write,
        "ownership_form": ownership_form,
        "internal_form": internal_form,
        "capital_form": capital_form,
    }
    return render(request, "economy/group_statements.html", context, status=status)


def capital_rows(consolidation: Consolidation, language: str) -> list[dict[str, Any]]:
    """The capital elimination's entries as the page lists them (GROUP-005): the company, what is
    eliminated, on which row and how much, so the eliminations column can be followed."""
    kinds = {
        "shares": _("The municipality's shares (book value)"),
        "equity": _("The company's equity at acquisition, at the ownership share"),
        "surplus": _("Surplus value on acquisition (goodwill)"),
        "deficit": _("Deficit on acquisition (negative goodwill)"),
    }
    names = {c.key: c.name for c in consolidation.columns}
    return [
        {"company": names.get(e.member, e.member), "kind": kinds[e.kind], "row": consolidation.line(e.row).label(language), "amount_sek": e.amount_sek}
        for e in consolidation.capital
    ]
