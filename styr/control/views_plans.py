"""The pages of the internal control plans (issue 12 §2): the index of bodies with their plans,
and a body's plan with its controls, forms and decision. Thin: forms → services → redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.control.forms_plans import MONTH_CHOICES, ControlForm
from styr.control.models import Control, ControlFrequency, ControlMethod, InternalControlPlan
from styr.control.selectors.actions import open_actions_before
from styr.control.selectors.plans import control_get, control_plan_of, plan_controls, plan_deadline, plan_index
from styr.control.services import plans as services
from styr.core.conflicts import add_version, save_checked
from styr.core.errors import NotAllowed, violation_status
from styr.core.permissions import can
from styr.core.views import call_service, form_status, refusal_text
from styr.domain.errors import RuleViolation
from styr.domain.internal_control import PLAN_BODY_KINDS
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import group_of_user, org_unit_get
from styr.planning.forms import PlanAdoptForm

BODY_KINDS = {k.value for k in PLAN_BODY_KINDS}
#: The words of a control's codes, for the live plan and its snapshot alike.
LABELS: dict[str, Any] = {
    "methods": dict(ControlMethod.choices),
    "frequencies": dict(ControlFrequency.choices),
    "months": dict(MONTH_CHOICES),
}


@login_required
def index_current(request: HttpRequest) -> HttpResponse:
    return redirect("control:index", year=timezone.localdate().year)


@login_required
def index(request: HttpRequest, year: int) -> HttpResponse:
    """Every body the user sees with its plan for the year; who is late after the deadline."""
    group = group_of_user(request.user)
    found = plan_index(request.user, group=group, year=year, today=timezone.localdate())
    context = {"year": year, "index": found, "today": timezone.localdate(), "past": timezone.localdate() > found.deadline}
    return render(request, "control/plans/index.html", context)


def _body(request: HttpRequest, unit_pk: int) -> OrgUnit:
    unit = org_unit_get(request.user, unit_pk)
    if unit.kind not in BODY_KINDS:
        raise Http404
    return unit


def plan_url(unit: OrgUnit, year: int) -> str:
    return reverse("control:plan", kwargs={"unit_pk": unit.pk, "year": year})


Bound = dict[str, forms.BaseForm]


def _page(request: HttpRequest, unit: OrgUnit, year: int, *, bound: Bound | None = None, refusal: str = "", status: int = 200) -> HttpResponse:
    bound = bound or {}
    plan = control_plan_of(request.user, unit, year)
    may_write = can(request.user, "internal_control.write", unit)
    may_adopt = can(request.user, "internal_control.adopt", unit)
    draft = plan is not None and plan.state == "draft"
    controls = plan_controls(plan) if plan is not None else []
    rows = []
    for control in controls:
        key = f"control-{control.pk}"
        form = bound.get(key) or add_version(ControlForm(instance=control, fixed=control.common_control_id is not None, auto_id=f"{key}-%s"), control)
        rows.append({"control": control, "form": form if draft and may_write else None, "key": key})
    context: dict[str, Any] = {
        "unit": unit,
        "year": year,
        "plan": plan,
        "rows": rows,
        "may_write": may_write,
        "may_adopt": may_adopt,
        "add_form": bound.get("add") or ControlForm(auto_id="add-%s") if draft and may_write else None,
        "adopt_form": bound.get("adopt") or PlanAdoptForm(auto_id="adopt-%s") if plan is not None and plan.state == "proposed" and may_adopt else None,
        "open_actions": list(open_actions_before(request.user, org_unit_id=unit.pk, year=year)),
        "deadline": plan_deadline(unit.group, year),
        "snapshot": plan.snapshot if plan is not None and plan.state == "adopted" else None,
        "refusal": refusal,
        **LABELS,
    }
    return render(request, "control/plans/plan.html", context, status=status)


@login_required
def plan_page(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    return _page(request, _body(request, unit_pk), year)


def _require_write(request: HttpRequest, unit: OrgUnit) -> None:
    if not can(request.user, "internal_control.write", unit):
        raise NotAllowed("internal_control.write", unit)


def _plan_of(request: HttpRequest, unit: OrgUnit, year: int) -> InternalControlPlan:
    plan = control_plan_of(request.user, unit, year)
    if plan is None:
        raise Http404
    return plan


def _act(request: HttpRequest, unit: OrgUnit, year: int, call: Callable[[], object], done: str) -> HttpResponse:
    try:
        call()
    except RuleViolation as violation:
        return _page(request, unit, year, refusal=refusal_text(violation), status=violation_status(violation))
    messages.success(request, done)
    return redirect(plan_url(unit, year))


@login_required
@require_POST
def plan_create(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = _body(request, unit_pk)
    _require_write(request, unit)
    return _act(request, unit, year, lambda: services.control_plan_create(actor=request.user, org_unit=unit, year=year), _("The plan was made."))


@login_required
@require_POST
def plan_sync(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = _body(request, unit_pk)
    _require_write(request, unit)
    plan = _plan_of(request, unit, year)
    return _act(request, unit, year, lambda: services.control_plan_sync(actor=request.user, plan=plan), _("The plan was brought up to date."))


@login_required
@require_POST
def plan_propose(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = _body(request, unit_pk)
    _require_write(request, unit)
    plan = _plan_of(request, unit, year)
    return _act(request, unit, year, lambda: services.control_plan_propose(actor=request.user, plan=plan), _("The plan was put forward for decision."))


@login_required
@require_POST
def plan_withdraw(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = _body(request, unit_pk)
    _require_write(request, unit)
    plan = _plan_of(request, unit, year)
    return _act(request, unit, year, lambda: services.control_plan_withdraw(actor=request.user, plan=plan), _("The proposal was withdrawn."))


@login_required
@require_POST
def plan_adopt(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = _body(request, unit_pk)
    if not can(request.user, "internal_control.adopt", unit):
        raise NotAllowed("internal_control.adopt", unit)
    plan = _plan_of(request, unit, year)
    form = PlanAdoptForm(request.POST, auto_id="adopt-%s")
    if form.is_valid() and call_service(form, lambda: services.control_plan_adopt(actor=request.user, plan=plan, **form.cleaned_data)) is not None:
        messages.success(request, _("The plan was adopted."))
        return redirect(plan_url(unit, year))
    return _page(request, unit, year, bound={"adopt": form}, status=form_status(form))


@login_required
@require_POST
def control_add(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = _body(request, unit_pk)
    _require_write(request, unit)
    plan = _plan_of(request, unit, year)
    form = ControlForm(request.POST, auto_id="add-%s")
    if form.is_valid() and call_service(form, lambda: services.control_create(actor=request.user, plan=plan, **form.fields_data())) is not None:
        messages.success(request, _("The control was added."))
        return redirect(plan_url(unit, year))
    return _page(request, unit, year, bound={"add": form}, status=form_status(form))


def _control(request: HttpRequest, unit: OrgUnit, year: int, pk: int) -> Control:
    control = control_get(request.user, pk)
    if control.plan.org_unit_id != unit.pk or control.plan.year != year:
        raise Http404
    return control


@login_required
@require_POST
def control_change(request: HttpRequest, unit_pk: int, year: int, pk: int) -> HttpResponse:
    unit = _body(request, unit_pk)
    _require_write(request, unit)
    control = _control(request, unit, year, pk)
    key = f"control-{pk}"
    form = add_version(ControlForm(request.POST, instance=control, fixed=control.common_control_id is not None, auto_id=f"{key}-%s"), control)
    if (
        form.is_valid()
        and save_checked(
            form,
            control,
            lambda: services.control_update(actor=request.user, control=control, **form.fields_data()),
            reload_url=f"{plan_url(unit, year)}#edit-{key}",
        )
        is not None
    ):
        messages.success(request, _("The control was changed."))
        return redirect(plan_url(unit, year))
    return _page(request, unit, year, bound={key: form}, status=form_status(form))


@login_required
@require_POST
def control_remove(request: HttpRequest, unit_pk: int, year: int, pk: int) -> HttpResponse:
    unit = _body(request, unit_pk)
    _require_write(request, unit)
    control = _control(request, unit, year, pk)
    return _act(request, unit, year, lambda: services.control_delete(actor=request.user, control=control), _("The control was removed."))
