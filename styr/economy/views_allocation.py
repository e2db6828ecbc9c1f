"""The resource allocation pages (issue 10 §1, §5): the group's models and scenarios per budget
year, one model with its parameters edited in place and its result step by step, and two
models side by side. Forms work without JavaScript; with htmx a form swaps only the page's body."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.core.conflicts import add_version, save_checked
from styr.core.errors import NotAllowed, violation_status
from styr.core.views import call_service, form_status, refusal_text
from styr.domain.allocation import Allocation, Step, to_tsek
from styr.domain.errors import RuleViolation
from styr.economy import services
from styr.economy.allocation_charts import allocation_chart, comparison_chart
from styr.economy.forms_allocation import AdjustmentForm, DriverForm, FixedAmountForm, ModelCreateForm, ModelSettingsForm, OverrideForm, ScenarioForm
from styr.economy.models import AllocationCountOverride, AllocationDriver, AllocationFixedAmount, AllocationModel, PoliticalAdjustment
from styr.economy.selectors.allocation import (
    CountCell,
    allocation_committees,
    allocation_compare,
    allocation_counts,
    allocation_may_write,
    allocation_model_get,
    allocation_model_list,
    allocation_result,
)
from styr.economy.selectors.population import population_series_list
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.selectors import group_of_user


def _series_choices(request: HttpRequest, group: MunicipalGroup) -> list[tuple[Any, str]]:
    return [("", _("— none —"))] + [(s.pk, s.name) for s in population_series_list(request.user, group=group)]


def _require_write(request: HttpRequest, group: MunicipalGroup) -> None:
    if not allocation_may_write(request.user, group):
        raise NotAllowed("allocation.write")


@login_required
def allocation_list(request: HttpRequest) -> HttpResponse:
    """The group's models and scenarios by budget year; a form to start a model."""
    group = group_of_user(request.user)
    may_write = allocation_may_write(request.user, group)
    choices = {"population_series": _series_choices(request, group)}
    form = ModelCreateForm(choices=choices)
    status = 200
    if request.method == "POST":
        _require_write(request, group)
        form = ModelCreateForm(request.POST, choices=choices)
        if form.is_valid():
            data = form.cleaned_data
            series = population_series_list(request.user, group=group).filter(pk=data["population_series"]).first() if data["population_series"] else None
            model = call_service(
                form,
                lambda: services.allocation_model_create(
                    actor=request.user,
                    group=group,
                    budget_year=data["budget_year"],
                    name=data["name"],
                    description=data["description"],
                    population_series=series,
                ),
            )
            if model is not None:
                messages.success(request, _("The model %(name)s was created.") % {"name": model.name})
                return redirect("economy:allocation", pk=model.pk)
        status = form_status(form)
    models = list(allocation_model_list(request.user, group=group))
    years: dict[int, list[AllocationModel]] = {}
    for model in models:
        years.setdefault(model.budget_year, []).append(model)
    return render(request, "economy/allocation/list.html", {"group": group, "years": years, "form": form, "may_write": may_write}, status=status)


@dataclass
class CommitteeResult:
    committee: OrgUnit
    totals: list[Decimal]
    base: list[Decimal]
    adjustments: list[Decimal]
    steps: list[tuple[int, list[Step]]]

    @property
    def year_totals(self) -> list[tuple[int, Decimal]]:
        return [(year, total) for (year, _steps), total in zip(self.steps, self.totals, strict=True)]


def _result_rows(result: Allocation, committees: list[OrgUnit]) -> list[CommitteeResult]:
    rows = []
    for c in committees:
        cells = [result.row(c.pk, y) for y in result.years]
        rows.append(
            CommitteeResult(
                committee=c,
                totals=[r.total_sek for r in cells],
                base=[r.base_sek for r in cells],
                adjustments=[r.adjustments_sek for r in cells],
                steps=[(r.year, list(r.steps)) for r in cells],
            )
        )
    return rows


#: kind → (row model, form, add, update, remove, the keyword of the row in update/remove)
ROW_KINDS: dict[str, tuple[type[Any], type[forms.Form], Callable[..., Any], Callable[..., Any], Callable[..., Any], str]] = {
    "driver": (AllocationDriver, DriverForm, services.allocation_driver_add, services.allocation_driver_update, services.allocation_driver_remove, "driver"),
    "fixed": (
        AllocationFixedAmount,
        FixedAmountForm,
        services.allocation_fixed_amount_add,
        services.allocation_fixed_amount_update,
        services.allocation_fixed_amount_remove,
        "fixed_amount",
    ),
    "adjustment": (
        PoliticalAdjustment,
        AdjustmentForm,
        services.allocation_adjustment_add,
        services.allocation_adjustment_update,
        services.allocation_adjustment_remove,
        "adjustment",
    ),
}
ROW_FIELDS = {
    "driver": ("committee", "name", "age_from", "age_to", "area", "price_sek", "wage_share_percent"),
    "fixed": ("committee", "reason", "amount_sek", "wage_share_percent", "indexed"),
    "adjustment": ("committee", "year_offset", "amount_sek", "reason"),
}


class _Page:
    """Everything the model's page shows, and its forms (bound when refused)."""

    def __init__(self, request: HttpRequest, model: AllocationModel) -> None:
        self.request = request
        self.model = model
        self.committees = allocation_committees(model)
        self.open_committees = [c for c in self.committees if c.valid_to is None]
        self.series = list(population_series_list(request.user, group=model.group))
        self.forms: dict[str, forms.Form] = {}
        self.editing = request.GET.get("andra", "")
        self.status = 200
        self.notice = ""

    @cached_property
    def choices(self) -> dict[str, Any]:
        """Read once per request, however many forms the page shows."""
        committees = [(c.pk, c.name) for c in self.open_committees]
        years = [(i, f"{y}") for i, y in enumerate(self.model.years)]
        drivers = [(d.pk, f"{d.name} ({d.committee.name})") for d in self.model.drivers.select_related("committee")]
        return {
            "settings": {"population_series": [("", _("— none —"))] + [(s.pk, s.name) for s in self.series]},
            "driver": {"committee": committees},
            "fixed": {"committee": committees},
            "adjustment": {"committee": committees, "year_offset": years},
            "override": {"driver": drivers, "year": [(y, str(y)) for y in self.model.years]},
        }

    def form(self, name: str, data: Any = None, initial: dict[str, Any] | None = None) -> forms.Form:
        choices = self.choices
        if name == "settings":
            fields = ["name", "description", "wage_share_percent", *ModelSettingsForm.index_names]
            start = {f: getattr(self.model, f) for f in fields} | {"population_series": self.model.population_series_id}
            return add_version(ModelSettingsForm(data, initial=start, choices=choices["settings"], prefix="settings"), self.model)  # EDIT-001
        if name == "override":
            return OverrideForm(data, initial=initial, choices=choices["override"], prefix="override")
        if name == "scenario":
            return ScenarioForm(data, prefix="scenario")
        kind, _sep, pk = name.partition("-")
        start = initial or ({"wage_share_percent": self.model.wage_share_percent} if kind != "adjustment" else {})
        form: forms.Form = ROW_KINDS[kind][1](data, initial=start, choices=choices[kind], prefix=name)  # type: ignore[call-arg]
        return add_version(form, _row(self.model, kind, pk)) if pk else form  # EDIT-001: a row's edit form posts the version it was read with

    def refused(self, name: str, form: forms.Form) -> None:
        self.forms[name] = form
        self.status = form_status(form)
        if "-" in name and name.split("-")[1].isdigit():
            self.editing = name

    def context(self) -> dict[str, Any]:
        model = self.model
        cells = allocation_counts(model)
        result, refusal = None, ""
        try:
            result = allocation_result(model, counts=cells, committees=self.committees)
        except RuleViolation as violation:
            refusal = refusal_text(violation)
        rows = _result_rows(result, self.committees) if result is not None else []
        chart = None
        if result is not None:
            title = _("Allocation by committee %(first)s–%(last)s") % {"first": model.years[0], "last": model.years[-1]}
            chart = allocation_chart(title=title, years=model.years, committees=[(r.committee.name, [to_tsek(t) for t in r.totals]) for r in rows])
        by_driver: dict[int, list[CountCell]] = {}
        for cell in cells:
            by_driver.setdefault(cell.driver.pk, []).append(cell)
        drivers = list(model.drivers.select_related("committee"))
        fixed = list(model.fixed_amounts.select_related("committee"))
        adjustments = list(model.adjustments.select_related("committee", "model"))
        edit_forms = {}
        for kind, items in (("driver", drivers), ("fixed", fixed), ("adjustment", adjustments)):
            for item in items:
                key = f"{kind}-{item.pk}"
                if key == self.editing:
                    edit_forms[key] = self.forms.get(key) or self.form(
                        key, initial={f: getattr(item, f if f != "committee" else "committee_id") for f in ROW_FIELDS[kind]}
                    )
        return {
            "model": model,
            "years": model.years,
            "rows": rows,
            "result": result,
            "totals": [result.year_total_sek(y) for y in model.years] if result is not None else [],
            "refusal": refusal,
            "chart": chart,
            "drivers": [(d, by_driver.get(d.pk, [])) for d in drivers],
            "missing": [c for c in cells if c.missing],
            "fixed_amounts": fixed,
            "adjustments": adjustments,
            "edit_forms": edit_forms,
            "editing": self.editing,
            "may_write": allocation_may_write(self.request.user, model.group),
            "others": [m for m in allocation_model_list(self.request.user, group=model.group, year=model.budget_year) if m.pk != model.pk],
            "here": reverse("economy:allocation", kwargs={"pk": model.pk}),
            "notice": self.notice,
            **{f"{name}_form": self.forms.get(name) or self.form(name) for name in ("settings", "driver", "fixed", "adjustment", "override", "scenario")},
        }

    def render(self) -> HttpResponse:
        htmx = bool(getattr(self.request, "htmx", False))
        template = "economy/allocation/_body.html" if htmx else "economy/allocation/detail.html"
        return render(self.request, template, self.context(), status=self.status)


def _row(model: AllocationModel, kind: str, pk: str) -> Any:
    row_model = ROW_KINDS[kind][0]
    found = row_model.objects.filter(model=model, pk=pk).first() if pk.isdigit() else None
    if found is None:
        raise Http404
    return found


def _post(page: _Page, action: str) -> HttpResponse | None:
    """Run one form's action; the answer when it leaves the page, else None (the page again)."""
    request, model = page.request, page.model
    post = request.POST
    committees = {c.pk: c for c in page.open_committees}
    series = {s.pk: s for s in page.series}

    def fields(kind: str, data: dict[str, Any]) -> dict[str, Any]:
        values = {k: v for k, v in data.items() if k in ROW_FIELDS[kind]}
        values["committee"] = committees[values["committee"]]
        if "wage_share_percent" in values and values["wage_share_percent"] is None:
            values.pop("wage_share_percent")
        return values

    name = action
    if action in {"driver", "fixed", "adjustment"} or action.split("-")[0] in ROW_KINDS:
        kind, _sep, pk = action.partition("-")
        _model, _form, add, update, remove, keyword = ROW_KINDS[kind]
        if post.get("remove"):
            row = _row(model, kind, pk)
            remove(actor=request.user, **{keyword: row})
            page.notice = _("Removed.")
            return None
        form = page.form(action, post)
        if form.is_valid():
            if pk:
                row = _row(model, kind, pk)
                here = reverse("economy:allocation", kwargs={"pk": model.pk})
                done = save_checked(
                    form,
                    row,
                    lambda: update(actor=request.user, **{keyword: row}, **fields(kind, form.cleaned_data)),
                    reload_url=f"{here}?andra={action}#{action}",
                )
            else:
                done = call_service(form, lambda: add(actor=request.user, model=model, **fields(kind, form.cleaned_data)))
            if done is not None:
                page.editing = ""
                page.notice = _("Saved.")
                return None
        page.refused(name, form)
        return None
    if action == "settings":
        form = page.form("settings", post)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["population_series"] = series.get(data["population_series"]) if data["population_series"] else None
            data.pop("version", None)
            here = reverse("economy:allocation", kwargs={"pk": model.pk})
            if save_checked(form, model, lambda: services.allocation_model_update(actor=request.user, model=model, **data), reload_url=here) is not None:
                page.notice = _("Saved.")
                return None
        page.refused(name, form)
        return None
    if action == "override":
        form = page.form("override", post)
        if form.is_valid():
            data = form.cleaned_data
            driver = AllocationDriver.objects.filter(model=model, pk=data["driver"]).first()
            if driver is None:
                raise Http404
            done = call_service(
                form,
                lambda: services.allocation_count_override(actor=request.user, driver=driver, year=data["year"], count=data["count"], reason=data["reason"]),
            )
            if done is not None:
                page.notice = _("Saved.")
                return None
        page.refused(name, form)
        return None
    if action == "override_remove":
        override = AllocationCountOverride.objects.filter(driver__model=model, pk=post.get("id", "0") if post.get("id", "").isdigit() else 0).first()
        if override is None:
            raise Http404
        services.allocation_count_override_remove(actor=request.user, override=override)
        page.notice = _("The count is read from the population series again.")
        return None
    if action == "scenario":
        form = page.form("scenario", post)
        if form.is_valid():
            scenario = call_service(form, lambda: services.allocation_scenario_create(actor=request.user, model=model, name=form.cleaned_data["name"]))
            if scenario is not None:
                messages.success(request, _("The scenario %(name)s was created as a copy of %(model)s.") % {"name": scenario.name, "model": model.name})
                return redirect("economy:allocation", pk=scenario.pk)
        page.refused(name, form)
        return None
    if action == "delete":
        services.allocation_model_delete(actor=request.user, model=model)
        messages.success(request, _("%(name)s was removed.") % {"name": model.name})
        return redirect("economy:allocation_list")
    if action == "frames":
        proposals = services.allocation_frames_propose(actor=request.user, model=model)
        messages.success(
            request,
            _("The allocation for %(year)s was set as the frame proposal of %(count)s committees.") % {"year": model.budget_year, "count": len(proposals)},
        )
        return redirect("economy:allocation", pk=model.pk)
    raise Http404


@login_required
def allocation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One model or scenario: its result for N, N+1, N+2 per committee with every step, its chart,
    and its parameters, edited in place by KS's controllers and politicians."""
    model = allocation_model_get(request.user, pk)
    page = _Page(request, model)
    if request.method == "POST":
        _require_write(request, model.group)
        action = request.POST.get("action", "")
        try:
            answer = _post(page, action)
        except RuleViolation as violation:  # an action without a form of its own: the message above the page
            page.notice = ""
            page.status = violation_status(violation)
            messages.error(request, refusal_text(violation))
            answer = None
        if answer is not None:
            return answer
        if page.status == 200 and not getattr(request, "htmx", False):
            if page.notice:
                messages.success(request, page.notice)
            return redirect("economy:allocation", pk=model.pk)
    return page.render()


@login_required
def allocation_compare_page(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    """Two models (or a model and its scenario) of one budget year side by side (ALLOC-005)."""
    a = allocation_model_get(request.user, pk)
    b = allocation_model_get(request.user, other)
    if a.group_id != b.group_id:
        raise Http404
    context: dict[str, Any] = {"a": a, "b": b, "years": a.years, "rows": [], "chart": None, "refusal": ""}
    try:
        differences = allocation_compare(a, b)
    except RuleViolation as violation:
        context["refusal"] = refusal_text(violation)
        return render(request, "economy/allocation/compare.html", context, status=violation_status(violation))
    units = {c.pk: c for c in [*allocation_committees(a), *allocation_committees(b)]}
    rows: dict[int, list[Any]] = {}
    for d in differences:
        rows.setdefault(d.committee, []).append(d)
    context["rows"] = [(units[c], cells) for c, cells in rows.items()]
    totals = []
    for y in a.years:
        ta = sum((d.a_sek for d in differences if d.year == y), Decimal(0))
        tb = sum((d.b_sek for d in differences if d.year == y), Decimal(0))
        totals.append((y, ta, tb, tb - ta))
    context["totals"] = totals
    title = _("%(a)s and %(b)s, %(first)s–%(last)s") % {"a": a.name, "b": b.name, "first": a.years[0], "last": a.years[-1]}
    chart_rows = [(units[c].name, d.year, to_tsek(d.a_sek), to_tsek(d.b_sek)) for c, cells in rows.items() for d in cells]
    context["chart"] = comparison_chart(title=title, a_name=a.name, b_name=b.name, rows=chart_rows)
    return render(request, "economy/allocation/compare.html", context)


@login_required
def allocation_compare_choose(request: HttpRequest, pk: int) -> HttpResponse:
    """The compare form (``?med=<id>``): to the page of the two chosen models."""
    other = request.GET.get("med", "")
    if not other.isdigit():
        raise Http404
    return redirect("economy:allocation_compare", pk=pk, other=int(other))
