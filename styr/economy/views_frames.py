"""A committee's frame page (issue 10 §2): the frames as adopted and as they stand now, KS's
adjustments with §, date and reason; before the council adopts Mål och budget a controller's form
to prepare the proposal, after it the form by which a politician on KS records an adjustment.
There is no other way to change a frame."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.core.converters import year_param
from styr.core.errors import NotAllowed, violation_status
from styr.core.permissions import can
from styr.core.views import call_service, form_status, form_violation, refusal_text
from styr.economy import selectors, services
from styr.economy.forms import FrameAdjustmentForm, FrameForm
from styr.economy.selectors.frames import LOCKED, OPEN, REVISING, executive_board, goals_and_budget_stage
from styr.economy.views import _committee
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import org_unit_ancestors
from styr.organisation.views import _tree_context
from styr.planning.models import Plan


def _refusal(form: Any) -> str:
    violation = form_violation(form)
    return refusal_text(violation) if violation is not None and violation_status(violation) == 409 else ""


def frame_url(unit: OrgUnit, year: int) -> str:
    return f"{reverse('economy:frame', kwargs={'unit_pk': unit.pk})}?ar={year}"


def _may_prepare(request: HttpRequest, unit: OrgUnit, stage: str) -> bool:
    return stage in {OPEN, REVISING} and can(request.user, "frame.set", unit.parent_id)


def _may_adjust(request: HttpRequest, unit: OrgUnit, adopted: bool) -> bool:
    board = executive_board(unit.group)
    return adopted and board is not None and can(request.user, "frame.adjust", board)


def _page(
    request: HttpRequest,
    unit: OrgUnit,
    year: int,
    *,
    proposal_form: FrameForm | None = None,
    adjustment_form: FrameAdjustmentForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    history = selectors.frame_history(request.user, unit, year)
    figures = history.figures
    stage = goals_and_budget_stage(unit.group, year)
    council_plan = Plan.objects.filter(group=unit.group, kind="goals_and_budget", year=year).order_by("-revision").select_related("org_unit").first()
    may_prepare = _may_prepare(request, unit, stage)
    may_adjust = _may_adjust(request, unit, figures.is_adopted)
    if may_prepare and proposal_form is None:
        proposal_form = FrameForm(
            initial={"year": year, "amount_tsek": figures.proposal_tsek, "investment_tsek": figures.proposal_investment_tsek}, auto_id="proposal-%s"
        )
        proposal_form.fields["year"].widget = proposal_form.fields["year"].hidden_widget()
    if may_adjust and adjustment_form is None:
        adjustment_form = FrameAdjustmentForm(auto_id="adjustment-%s")
    context: dict[str, Any] = {
        **_tree_context(request, unit),
        "unit": unit,
        "year": year,
        "ancestors": org_unit_ancestors(unit),
        "history": history,
        "figures": figures,
        "stage": stage,
        "council_plan": council_plan,
        "proposal_form": proposal_form if may_prepare else None,
        "adjustment_form": adjustment_form if may_adjust else None,
        "refusal": refusal,
        "locked_for_proposals": stage == LOCKED and can(request.user, "frame.set", unit.parent_id),
    }
    return render(request, "economy/frame.html", context, status=status)


@login_required
def frame_page(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """GET: the frame and its history. POST: a controller's proposal for the council's Mål och
    budget (refused with FRAME-001 once it is adopted: the form is then the adjustment's)."""
    unit = _committee(request, unit_pk)
    if request.method != "POST":
        return _page(request, unit, year_param(request))
    if not can(request.user, "frame.set", unit.parent_id):
        raise NotAllowed("frame.set", unit)
    form = FrameForm(request.POST, auto_id="proposal-%s")
    year = form.data.get("year")
    if form.is_valid():
        year = form.cleaned_data["year"]
        saved = call_service(
            form,
            lambda: services.frame_set(
                actor=request.user,
                org_unit=unit,
                year=form.cleaned_data["year"],
                amount_tsek=form.cleaned_data["amount_tsek"],
                investment_tsek=form.cleaned_data["investment_tsek"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The frame proposal was saved."))
            return redirect(frame_url(unit, saved.year))
    shown = year if isinstance(year, int) else year_param(request)
    return _page(request, unit, shown, proposal_form=form, refusal=_refusal(form), status=form_status(form))


@login_required
@require_POST
def frame_adjustment_create(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """A politician on KS records KS's adjustment of the committee's adopted frame."""
    unit = _committee(request, unit_pk)
    year = year_param(request)
    board = executive_board(unit.group)
    if board is None or not can(request.user, "frame.adjust", board):
        raise NotAllowed("frame.adjust", board or unit)
    form = FrameAdjustmentForm(request.POST, auto_id="adjustment-%s")
    if form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            lambda: services.frame_adjust(
                actor=request.user,
                org_unit=unit,
                year=year,
                reason=data["reason"] or "",
                decided_on=data["decided_on"],
                paragraph=data["paragraph"],
                registration_number=data["registration_number"],
                operating_tsek=data["operating_tsek"] or Decimal(0),
                investment_tsek=data["investment_tsek"] or Decimal(0),
            ),
        )
        if saved is not None:
            messages.success(request, _("The executive board's adjustment was recorded."))
            return redirect(frame_url(unit, year))
    status = form_status(form)
    if status == 409:  # nothing adopted to adjust: the page shows why, without the form
        return _page(request, unit, year, refusal=_refusal(form), status=409)
    return _page(request, unit, year, adjustment_form=form, status=status)
