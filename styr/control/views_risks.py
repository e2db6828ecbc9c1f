"""The risk analysis pages (issue 12 §1): a unit's register of a year (the matrix, the list filtered
by a cell, the forms to add, score and choose risks and to copy the core mission's), and one risk
with its history across the years. Those who may not write (auditors, KS's politicians) read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styr.control.forms_risks import ControlRiskForm as RiskEditForm
from styr.control.forms_risks import CopyRisksForm, NewRiskForm, RiskScoreForm
from styr.control.matrix import matrix_cells, matrix_svg, value_line_svg
from styr.control.models import ControlRisk, InternalControlPlan
from styr.control.selectors.risks import Register, aim_labels, control_risk_get, risk_history, risk_register
from styr.control.services import risks as services
from styr.core.conflicts import add_version, save_checked
from styr.core.converters import year_param
from styr.core.errors import NotAllowed, violation_status
from styr.core.permissions import can
from styr.core.views import call_service, form_status, refusal_text
from styr.domain.errors import RuleViolation
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import org_unit_get
from styr.planning.models import Risk

WRITE = services.WRITE


def register_url(unit_id: int, year: int) -> str:
    return reverse("control:risks", kwargs={"unit_pk": unit_id, "year": year})


def risk_url(pk: int, year: int | None = None) -> str:
    url = reverse("control:risk", kwargs={"pk": pk})
    return f"{url}?ar={year}" if year is not None else url


def _step(request: HttpRequest, name: str, steps: int) -> int | None:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() and len(raw) < 3 and 1 <= int(raw) <= steps else None


class _Refused(Exception):
    pass


def _register_page(
    request: HttpRequest, unit: OrgUnit, year: int, *, forms: dict[str, Any] | None = None, refusal: str = "", status: int = 200
) -> HttpResponse:
    register: Register = risk_register(request.user, org_unit=unit, year=year)
    steps = (register.likelihood_steps, register.consequence_steps)
    selected = (_step(request, "l", steps[0]), _step(request, "c", steps[1]))
    base = register_url(unit.pk, year)
    cells = matrix_cells(
        register.settings,
        likelihood_steps=steps[0],
        consequence_steps=steps[1],
        counts=register.counts(),
        base_url=base,
        selected=selected,
        language=(get_language() or "sv")[:2],
    )
    title = _("Risk matrix of %(unit)s %(year)s") % {"unit": unit.name, "year": year}
    may_write = can(request.user, WRITE, unit)
    locked = InternalControlPlan.objects.filter(org_unit=unit, year=year, state="adopted").exists()
    forms = forms or {}
    if may_write and not locked:
        forms.setdefault("risk", NewRiskForm(steps=steps, auto_id="new-%s"))
        if register.rows:
            forms.setdefault("score", RiskScoreForm(steps=steps, risks=[r.risk for r in register.rows], auto_id="score-%s"))
        if Risk.objects.filter(core_mission__org_unit=unit).exclude(control_risks__org_unit=unit).exists():
            forms.setdefault("copying", CopyRisksForm(auto_id="copy-%s"))
    filtered = selected != (None, None)
    context = {
        "unit": unit,
        "year": year,
        "register": register,
        "rows": register.in_cell(*selected) if filtered else register.rows,
        "filtered": filtered,
        "selected": selected,
        "cells": cells,
        "svg": matrix_svg(register.settings, cells, title=title),
        "matrix_title": title,
        "settings": register.settings,
        # the words of each step, highest likelihood first as the matrix draws them ("4 Sannolik")
        "likelihood_steps": [register.settings.likelihood_label(row[0].likelihood) for row in cells if row],
        "consequence_steps": [register.settings.consequence_label(cell.consequence) for cell in (cells[0] if cells else [])],
        "may_write": may_write,
        "locked": locked,
        "forms": forms,
        "refusal": refusal,
        "base": base,
    }
    return render(request, "control/risks/register.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def risks_page(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    """GET: the register. POST ``form=risk``: a new risk (and its score of the year); ``form=score``:
    a risk's score of the year, chosen or not."""
    unit = org_unit_get(request.user, unit_pk)
    if request.method != "POST":
        return _register_page(request, unit, year)
    if not can(request.user, WRITE, unit):
        raise NotAllowed(WRITE, unit)
    matrix = unit.group.governance.risk_matrix
    steps = (matrix.likelihood_steps, matrix.consequence_steps)
    if request.POST.get("form") == "score":
        risks = list(ControlRisk.objects.filter(org_unit=unit).order_by("area", "pk"))
        form: Any = RiskScoreForm(request.POST, steps=steps, risks=risks, auto_id="score-%s")
        if form.is_valid():
            data = form.cleaned_data
            risk = next(r for r in risks if r.pk == data["risk"])
            saved = call_service(
                form,
                lambda: services.risk_score_set(
                    actor=request.user,
                    risk=risk,
                    year=year,
                    likelihood=data["likelihood"],
                    consequence=data["consequence"],
                    chosen=data["chosen"],
                    reason=data["reason"],
                ),
            )
            if saved is not None:
                messages.success(request, _("The score of %(year)s was saved.") % {"year": year})
                return redirect(base_or_next(unit.pk, year))
        return _register_page(request, unit, year, forms={"score": form}, status=form_status(form))
    form = NewRiskForm(request.POST, steps=steps, auto_id="new-%s")
    if form.is_valid() and _create(request, unit, year, form):
        messages.success(request, _("The risk was added."))
        return redirect(base_or_next(unit.pk, year))
    return _register_page(request, unit, year, forms={"risk": form}, status=form_status(form))


def base_or_next(unit_id: int, year: int) -> str:
    return register_url(unit_id, year) + "#risk-list"


def _create(request: HttpRequest, unit: OrgUnit, year: int, form: NewRiskForm) -> bool:
    """The risk and its score of the year in one transaction, or neither."""
    data = form.cleaned_data
    try:
        with transaction.atomic():
            risk = call_service(
                form,
                lambda: services.control_risk_create(
                    actor=request.user,
                    org_unit=unit,
                    **{k: data[k] for k in ("area", "description", "cause", "effect", "owner", "aims")},
                ),
            )
            if risk is None:
                raise _Refused
            if data.get("likelihood") is not None:
                score = call_service(
                    form,
                    lambda: services.risk_score_set(
                        actor=request.user,
                        risk=risk,
                        year=year,
                        likelihood=data["likelihood"],
                        consequence=data["consequence"],
                        chosen=data["chosen"],
                        reason=data["reason"],
                    ),
                )
                if score is None:
                    raise _Refused
    except _Refused:
        return False
    return True


@login_required
@require_POST
def risks_copy(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    """The core mission's risks not yet in the register drawn into it, scored for the year."""
    unit = org_unit_get(request.user, unit_pk)
    if not can(request.user, WRITE, unit):
        raise NotAllowed(WRITE, unit)
    form = CopyRisksForm(request.POST, auto_id="copy-%s")
    if form.is_valid():
        data = form.cleaned_data
        made = call_service(
            form, lambda: services.control_risks_copy_from_core_mission(actor=request.user, org_unit=unit, year=year, aims=data["aims"], area=data["area"])
        )
        if made is not None:
            messages.success(request, _("%(count)s risks were copied from the core mission.") % {"count": len(made)})
            return redirect(base_or_next(unit.pk, year))
    return _register_page(request, unit, year, forms={"copying": form}, status=form_status(form))


def _risk_page(
    request: HttpRequest, risk: ControlRisk, year: int, *, forms: dict[str, Any] | None = None, refusal: str = "", status: int = 200
) -> HttpResponse:
    history = risk_history(risk)
    governance = risk.group.governance
    matrix = governance.risk_matrix
    steps = (matrix.likelihood_steps, matrix.consequence_steps)
    may_write = can(request.user, WRITE, risk.org_unit_id)
    adopted = set(InternalControlPlan.objects.filter(org_unit_id=risk.org_unit_id, state="adopted").values_list("year", flat=True))
    forms = forms or {}
    if may_write:
        forms.setdefault("edit", add_version(RiskEditForm.for_risk(risk, auto_id="edit-%s"), risk))
        if year not in adopted:
            this = next((h.score for h in history if h.score.year == year), None)
            initial = {"likelihood": this.likelihood, "consequence": this.consequence, "chosen": this.chosen, "reason": this.reason} if this else {}
            forms.setdefault("score", RiskScoreForm(initial=initial, steps=steps, auto_id="score-%s"))
    points = [(h.score.year, h.score.risk_value) for h in history]
    title = _("The risk value by year") + f": {risk.area}"
    context = {
        "risk": risk,
        "unit": risk.org_unit,
        "year": year,
        "history": history,
        "line": value_line_svg(points, top=steps[0] * steps[1], title=title) if len(points) > 1 else "",
        "settings": governance.internal_control,
        "may_write": may_write,
        "may_delete": may_write and not adopted & {h.score.year for h in history} and not risk.controls.exists(),
        "forms": forms,
        "aims": aim_labels(risk.aims),
        "refusal": refusal,
    }
    return render(request, "control/risks/risk.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def risk_page(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: one risk and its history. POST ``form=edit``: what it says; ``form=score``: its score of ``?ar=``."""
    risk = control_risk_get(request.user, pk)
    year = year_param(request)
    if request.method != "POST":
        return _risk_page(request, risk, year)
    if not can(request.user, WRITE, risk.org_unit_id):
        raise NotAllowed(WRITE, risk.org_unit)
    matrix = risk.group.governance.risk_matrix
    if request.POST.get("form") == "score":
        form: Any = RiskScoreForm(request.POST, steps=(matrix.likelihood_steps, matrix.consequence_steps), auto_id="score-%s")
        if form.is_valid():
            data = form.cleaned_data
            saved = call_service(
                form,
                lambda: services.risk_score_set(
                    actor=request.user,
                    risk=risk,
                    year=year,
                    likelihood=data["likelihood"],
                    consequence=data["consequence"],
                    chosen=data["chosen"],
                    reason=data["reason"],
                ),
            )
            if saved is not None:
                messages.success(request, _("The score of %(year)s was saved.") % {"year": year})
                return redirect(risk_url(risk.pk, year))
        return _risk_page(request, risk, year, forms={"score": form}, status=form_status(form))
    form = add_version(RiskEditForm(request.POST, auto_id="edit-%s"), risk)
    if form.is_valid():
        changed = save_checked(
            form,
            risk,
            lambda: services.control_risk_update(actor=request.user, risk=risk, **form.cleaned_data),
            reload_url=f"{risk_url(risk.pk, year)}#edit-heading",
            saved_initial=lambda saved: RiskEditForm.for_risk(saved).initial,  # type: ignore[arg-type]
        )
        if changed is not None:
            messages.success(request, _("The risk was saved."))
            return redirect(risk_url(risk.pk, year))
    return _risk_page(request, risk, year, forms={"edit": form}, status=form_status(form))


@login_required
@require_POST
def risk_delete(request: HttpRequest, pk: int) -> HttpResponse:
    risk = control_risk_get(request.user, pk)
    year = year_param(request)
    if not can(request.user, WRITE, risk.org_unit_id):
        raise NotAllowed(WRITE, risk.org_unit)
    unit_id = risk.org_unit_id
    try:
        services.control_risk_delete(actor=request.user, risk=risk)
    except RuleViolation as violation:
        return _risk_page(request, risk, year, refusal=refusal_text(violation), status=violation_status(violation))
    messages.success(request, _("The risk was removed."))
    return redirect(register_url(unit_id, year))


@login_required
def risks_current(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """The register of this year."""
    return redirect(register_url(unit_pk, timezone.localdate().year))
