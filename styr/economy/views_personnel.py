"""The personnel budget page (lönebudget, issue 10 §2): a unit's positions edited in place, their
cost per month (salary + PO) beside the unit's budget, with a chart; the Excel template and its
upload; the group's PO rates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from styr.core import xlsx
from styr.core.conflicts import add_version, save_checked
from styr.core.converters import year_param
from styr.core.errors import NotAllowed, violation_status
from styr.core.permissions import can
from styr.core.views import call_service, form_status, refusal_text
from styr.domain.errors import RuleViolation
from styr.economy import personnel_excel, selectors, services
from styr.economy.charts import personnel_chart
from styr.economy.forms import BudgetUploadForm, OverheadRateForm, PositionForm
from styr.economy.models import Position
from styr.economy.services.personnel import executive_board
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import org_unit_ancestors, org_unit_get
from styr.organisation.views import _tree_context

#: The fields edited in a position's row, in the order of the table's columns.
ROW_FIELDS = ("title", "monthly_salary_sek", "employment_rate", "start_month", "end_month", "salary_increase_percent", "salary_increase_month")


def _here(unit: OrgUnit, year: int) -> str:
    return f"{reverse('economy:personnel_budget', kwargs={'unit_pk': unit.pk})}?ar={year}"


def row_form(position: Position, data: Any = None) -> PositionForm:
    """The position's row as a form whose inputs sit in the table's cells (``form=`` attribute)."""
    initial = {name: getattr(position, name) for name in ROW_FIELDS}
    form = PositionForm(data, initial=initial, prefix=f"p{position.pk}")
    for name in ROW_FIELDS:
        widget = form.fields[name].widget
        widget.attrs["form"] = f"position-{position.pk}"
        widget.attrs["aria-label"] = f"{form.fields[name].label}, {position.title}"
    return add_version(form, position)


def _page(request: HttpRequest, unit: OrgUnit, year: int, *, status: int = 200, **overrides: Any) -> HttpResponse:
    budget = selectors.personnel_budget(request.user, unit, year)
    month_names = [str(MONTHS_3[m]).capitalize() for m in range(1, 13)]
    edited = overrides.pop("edited", {})
    rows = [(cost, edited.get(cost.position.pk) or row_form(cost.position)) for cost in budget.positions]
    chart = None
    if budget.positions and budget.refusal is None:
        chart = personnel_chart(
            title=_("Personnel cost and budget per month %(year)s, %(unit)s") % {"year": year, "unit": unit.name},
            month_names=month_names,
            months=budget.months,
            budget=budget.budget.months,
        )
    board = executive_board(unit.group)
    context = {
        **_tree_context(request, unit),
        "unit": unit,
        "year": year,
        "budget": budget,
        "rows": rows,
        "chart": chart,
        "month_names": month_names,
        "month_rows": list(zip(month_names, budget.compared, strict=True)),
        "refusal": refusal_text(budget.refusal) if budget.refusal is not None else "",
        "may_write": can(request.user, "personnel_budget.write", unit),
        "may_set_rates": can(request.user, "personnel_overhead.write", board),
        "form": PositionForm(auto_id="new-%s"),
        "upload_form": BudgetUploadForm(),
        "rate_form": OverheadRateForm(auto_id="rate-%s"),
        "errors": [],
        "ancestors": org_unit_ancestors(unit),
        **overrides,
    }
    return render(request, "economy/personnel_budget.html", context, status=status)


@login_required
def personnel_budget(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """GET the page; POST ``action`` = ``create`` (a position), ``import`` (the Excel template)
    or ``rate`` (the group's PO rate from a date, KS's controllers)."""
    unit = org_unit_get(request.user, unit_pk)
    year = year_param(request)
    if request.method != "POST":
        return _page(request, unit, year)
    action = request.POST.get("action")
    if action == "rate":
        board = executive_board(unit.group)
        if not can(request.user, "personnel_overhead.write", board):
            raise NotAllowed("personnel_overhead.write", board)
        rate_form = OverheadRateForm(request.POST, auto_id="rate-%s")
        if rate_form.is_valid():
            data = rate_form.cleaned_data
            saved = call_service(
                rate_form,
                lambda: services.overhead_rate_set(
                    actor=request.user, group=unit.group, valid_from=data["valid_from"], rate_percent=data["rate_percent"], note=data["note"]
                ),
            )
            if saved is not None:
                messages.success(request, _("The personnel overhead rate was saved."))
                return redirect(_here(unit, year))
        return _page(request, unit, year, status=form_status(rate_form), rate_form=rate_form)
    if not can(request.user, "personnel_budget.write", unit):
        raise NotAllowed("personnel_budget.write", unit)
    if action == "create":
        form = PositionForm(request.POST, auto_id="new-%s")
        if form.is_valid():
            data = form.cleaned_data
            if call_service(form, lambda: services.position_create(actor=request.user, org_unit=unit, year=year, **data)) is not None:
                messages.success(request, _("The position was added."))
                return redirect(_here(unit, year))
        return _page(request, unit, year, status=form_status(form), form=form)
    if action == "import":
        try:
            upload = request.FILES.get("file")
            if upload is None:
                raise RuleViolation("PAY-007", gettext_noop("Choose the filled-in Excel file."), {}, field="file")
            found = services.positions_import(actor=request.user, org_unit=unit, year=year, data=upload.read(xlsx.MAX_BYTES + 1), file_name=upload.name or "")
        except RuleViolation as violation:
            return _page(request, unit, year, status=violation_status(violation), errors=[refusal_text(violation)])
        messages.success(request, _("%(count)s positions were read from the file.") % {"count": len(found)})
        return redirect(_here(unit, year))
    raise Http404


@login_required
@require_POST
def position_edit(request: HttpRequest, unit_pk: int, pk: int) -> HttpResponse:
    """Save (``action=update``) or remove (``action=delete``) a position from its row."""
    unit = org_unit_get(request.user, unit_pk)
    position = selectors.position_get(request.user, pk)
    if position.org_unit_id != unit.pk:
        raise Http404
    if not can(request.user, "personnel_budget.write", unit):
        raise NotAllowed("personnel_budget.write", unit)
    year = position.year
    if request.POST.get("action") == "delete":
        services.position_delete(actor=request.user, position=position)
        messages.success(request, _("The position was removed."))
        return redirect(_here(unit, year))
    form = row_form(position, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        update = save_checked(
            form,
            position,
            lambda: services.position_update(actor=request.user, position=position, **data),
            reload_url=_here(unit, year),
            saved_initial=lambda saved: {name: getattr(saved, name) for name in ROW_FIELDS},
        )
        if update is not None:
            messages.success(request, _("The position was saved."))
            return redirect(_here(unit, year))
    return _page(request, unit, year, status=form_status(form), edited={position.pk: form})


@login_required
def personnel_template(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = org_unit_get(request.user, unit_pk)
    year = year_param(request)
    positions = [p.terms() for p in selectors.position_list(request.user, unit, year)]
    response = HttpResponse(personnel_excel.template(unit, year, positions), content_type=xlsx.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{personnel_excel.template_filename(unit, year)}"'
    return response
