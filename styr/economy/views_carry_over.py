"""The year-end carry-over page (issue 11 §2): each committee's frame, actual net cost, result, the
proposal and the council's decision; a controller computes and recomputes the proposals, a
politician on the council records the council's decision, possibly with other amounts and reasons."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.core.converters import YearConverter
from styr.core.errors import NotAllowed
from styr.core.permissions import can
from styr.core.views import call_service, form_status, form_violation, refusal_text
from styr.domain.errors import RuleViolation
from styr.economy import services
from styr.economy.forms_carry_over import CarryOverDecisionForm
from styr.economy.selectors.carry_over import carry_over_year, council_of
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import group_of_user


def _year(request: HttpRequest) -> int:
    """The year whose results are carried: ``?ar=``, else last year (the year-end just passed)."""
    raw = (request.GET.get("ar") or "").strip()
    if not raw:
        return timezone.localdate().year - 1
    if not re.fullmatch(YearConverter.regex, raw):
        raise Http404
    try:
        return YearConverter().to_python(raw)
    except ValueError:
        raise Http404 from None


def carry_over_url(year: int) -> str:
    return f"{reverse('economy:carry_over')}?ar={year}"


def _council(request: HttpRequest) -> OrgUnit:
    council = council_of(group_of_user(request.user))
    if council is None:
        raise Http404
    return council


def _page(request: HttpRequest, year: int, *, decision_form: CarryOverDecisionForm | None = None, refusal: str = "", status: int = 200) -> HttpResponse:
    council = _council(request)
    found = carry_over_year(request.user, council.group, year)
    may_compute = can(request.user, "carry_over.compute", council)
    may_decide = can(request.user, "carry_over.decide", council)
    proposed = [c for c in found.computed if not c.is_decided]
    if may_decide and proposed and decision_form is None:
        decision_form = CarryOverDecisionForm(carry_overs=proposed, auto_id="decision-%s")
    decisions = sorted({c.decision for c in found.computed if c.decision is not None}, key=lambda d: (d.decided_on, d.pk))
    context: dict[str, Any] = {
        "year": year,
        "next_year": year + 1,
        "council": council,
        "found": found,
        "decisions": decisions,
        "totals": {name: found.total(name) for name in ("actual_tsek", "result_tsek", "proposed_tsek", "decided_tsek")},
        "may_compute": may_compute and year < timezone.localdate().year,
        "decision_form": decision_form if may_decide and proposed else None,
        "refusal": refusal,
        "rules": council.group.governance.carry_over,
    }
    return render(request, "economy/carry_over.html", context, status=status)


@login_required
def carry_over_page(request: HttpRequest) -> HttpResponse:
    """GET: the year's carry-overs. POST: the council's decision on the proposals."""
    year = _year(request)
    if request.method != "POST":
        return _page(request, year)
    council = _council(request)
    if not can(request.user, "carry_over.decide", council):
        raise NotAllowed("carry_over.decide", council)
    proposed = [c for c in carry_over_year(request.user, council.group, year).computed if not c.is_decided]
    form = CarryOverDecisionForm(request.POST, carry_overs=proposed, auto_id="decision-%s")
    if form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            lambda: services.carry_overs_decide(
                actor=request.user,
                group=council.group,
                year=year,
                decided_on=data["decided_on"],
                paragraph=data["paragraph"],
                registration_number=data["registration_number"],
                amounts={pk: services.Decided(amount, comment) for pk, (amount, comment) in form.amounts().items()},
            ),
        )
        if saved is not None:
            messages.success(request, _("The council's decision on the carry-overs was recorded."))
            return redirect(carry_over_url(year))
    violation = form_violation(form)
    refusal = refusal_text(violation) if violation is not None and form_status(form) == 409 else ""
    return _page(request, year, decision_form=form, refusal=refusal, status=form_status(form))


@login_required
@require_POST
def carry_over_compute(request: HttpRequest) -> HttpResponse:
    """A controller computes (or recomputes) the proposals of the year."""
    year = _year(request)
    council = _council(request)
    if not can(request.user, "carry_over.compute", council):
        raise NotAllowed("carry_over.compute", council)
    try:
        computed = services.carry_overs_compute(actor=request.user, group=council.group, year=year)
    except RuleViolation as violation:
        return _page(request, year, refusal=refusal_text(violation), status=422)
    messages.success(request, _("The proposals were computed for %(count)s committees.") % {"count": len(computed)})
    return redirect(carry_over_url(year))
