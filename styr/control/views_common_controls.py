"""KS's common controls of a year (issue 12 §2): KS's controllers draft them, KS adopts them in one
decision, and they are then carried into every draft plan they apply to."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.control.forms_plans import MONTH_CHOICES, CommonControlForm
from styr.control.models import CommonControl
from styr.control.selectors.plans import common_control_get, common_control_list
from styr.control.services import common_controls as services
from styr.core.conflicts import add_version, save_checked
from styr.core.errors import NotAllowed, violation_status
from styr.core.permissions import can
from styr.core.views import call_service, form_status, refusal_text
from styr.domain.errors import RuleViolation
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.selectors import group_of_user
from styr.planning.forms import PlanAdoptForm


def common_url(year: int) -> str:
    return reverse("control:common", kwargs={"year": year})


def _ks(group: MunicipalGroup) -> OrgUnit:
    try:
        return services.executive_board(group)
    except OrgUnit.DoesNotExist:
        raise Http404 from None


def _page(request: HttpRequest, year: int, *, bound: dict[str, forms.BaseForm] | None = None, refusal: str = "", status: int = 200) -> HttpResponse:
    bound = bound or {}
    group = group_of_user(request.user)
    ks = _ks(group)
    commons = list(common_control_list(request.user, group=group, year=year))
    may_write = can(request.user, "common_control.write", ks)
    may_adopt = can(request.user, "common_control.adopt", ks)
    drafts = [c for c in commons if c.decision_id is None]
    rows = []
    for common in commons:
        key = f"common-{common.pk}"
        editable = may_write and common.decision_id is None
        form = (bound.get(key) or add_version(CommonControlForm(instance=common, auto_id=f"{key}-%s"), common)) if editable else None
        rows.append({"common": common, "key": key, "form": form})
    context: dict[str, Any] = {
        "year": year,
        "ks": ks,
        "rows": rows,
        "decisions": sorted({c.decision for c in commons if c.decision is not None}, key=lambda d: (d.decided_on, d.pk)),
        "add_form": (bound.get("add") or CommonControlForm(auto_id="add-%s")) if may_write else None,
        "adopt_form": (bound.get("adopt") or PlanAdoptForm(auto_id="adopt-%s")) if may_adopt and drafts else None,
        "refusal": refusal,
        "months": dict(MONTH_CHOICES),
    }
    return render(request, "control/plans/common.html", context, status=status)


@login_required
def common_page(request: HttpRequest, year: int) -> HttpResponse:
    """GET: the year's common controls. POST: a controller drafts a new one."""
    if request.method != "POST":
        return _page(request, year)
    ks = _ks(group_of_user(request.user))
    if not can(request.user, "common_control.write", ks):
        raise NotAllowed("common_control.write", ks)
    form = CommonControlForm(request.POST, auto_id="add-%s")

    def create() -> CommonControl:
        return services.common_control_create(actor=request.user, group=ks.group, year=year, **form.fields_data())

    if form.is_valid() and call_service(form, create) is not None:
        messages.success(request, _("The common control was added."))
        return redirect(common_url(year))
    return _page(request, year, bound={"add": form}, status=form_status(form))


def _common(request: HttpRequest, year: int, pk: int) -> tuple[OrgUnit, CommonControl]:
    common = common_control_get(request.user, pk)
    if common.year != year:
        raise Http404
    ks = _ks(common.group)
    if not can(request.user, "common_control.write", ks):
        raise NotAllowed("common_control.write", ks)
    return ks, common


@login_required
@require_POST
def common_change(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    _, common = _common(request, year, pk)
    key = f"common-{pk}"
    form = add_version(CommonControlForm(request.POST, instance=common, auto_id=f"{key}-%s"), common)
    if (
        form.is_valid()
        and save_checked(
            form,
            common,
            lambda: services.common_control_update(actor=request.user, common=common, **form.fields_data()),
            reload_url=f"{common_url(year)}#edit-{key}",
        )
        is not None
    ):
        messages.success(request, _("The common control was changed."))
        return redirect(common_url(year))
    return _page(request, year, bound={key: form}, status=form_status(form))


@login_required
@require_POST
def common_remove(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    _, common = _common(request, year, pk)
    try:
        services.common_control_delete(actor=request.user, common=common)
    except RuleViolation as violation:
        return _page(request, year, refusal=refusal_text(violation), status=violation_status(violation))
    messages.success(request, _("The common control was removed."))
    return redirect(common_url(year))


@login_required
@require_POST
def common_adopt(request: HttpRequest, year: int) -> HttpResponse:
    ks = _ks(group_of_user(request.user))
    if not can(request.user, "common_control.adopt", ks):
        raise NotAllowed("common_control.adopt", ks)
    form = PlanAdoptForm(request.POST, auto_id="adopt-%s")

    def adopt() -> list[CommonControl]:
        return services.common_controls_adopt(actor=request.user, group=ks.group, year=year, **form.cleaned_data)

    if form.is_valid() and call_service(form, adopt) is not None:
        messages.success(request, _("The executive board's decision on the common controls was recorded."))
        return redirect(common_url(year))
    return _page(request, year, bound={"adopt": form}, status=form_status(form))
