"""The plan page of a unit and year, edited in place with htmx (seed §5.A–5.C, §6.1–6.3).

A request from htmx gets the part it targets (the tab panel, or the tabs with their panel); any
other request gets the whole page, and a plain form post redirects back to its tab, so the page
works without JavaScript too. Views stay thin: selectors read, services write and check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from styr.core.conflicts import VERSION, attach_conflict
from styr.core.errors import violation_message, violation_status
from styr.core.versions import expected
from styr.core.views import call_service
from styr.documents.builders import plan_content
from styr.domain.errors import RuleViolation
from styr.domain.levels import LevelKind
from styr.domain.plans import GOALS_AND_BUDGET, PLAN_KIND_OF_LEVEL, snapshot_diff
from styr.domain.versions import STALE
from styr.organisation.selectors import org_unit_get, org_unit_navigation
from styr.organisation.tree import nest
from styr.planning import selectors, services
from styr.planning.forms import PlanAdoptForm
from styr.planning.models import Plan
from styr.planning.plan_page import DEFAULT_TAB, KINDS, TABS, Kind, PlanPage, form_key, initial_from, load_item, load_parent, posted_targets
from styr.planning.plan_page.economy import council_frames_chart


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


#: Section keys of a plan's content, as a reader names them.
SECTION_LABELS = {
    "core_mission": gettext_lazy("Core mission"),
    "quality": gettext_lazy("Quality factors and indicators"),
    "analysis": gettext_lazy("Environment and current-state analysis"),
    "direction": gettext_lazy("Political direction"),
    "development_areas": gettext_lazy("Development areas"),
    "goals": gettext_lazy("Development goals"),
    "assignments": gettext_lazy("Special assignments"),
    "financial_goals": gettext_lazy("Financial goals"),
    "frames": gettext_lazy("Frames"),
    "frame_adjustments": gettext_lazy("The executive board's adjustments"),
    "internal_budget": gettext_lazy("Internal budget"),
}


def render_plan(request: HtmxHttpRequest, page: PlanPage, *, status: int = 200) -> HttpResponse:
    """The panel for htmx, the tabs and panel when htmx targets the tabs, else the whole page."""
    htmx = bool(request.htmx) and not request.htmx.history_restore_request
    context = page.context()
    if htmx and request.htmx.target == "plan-tabs":
        template = "planning/plan/_tabs.html"
    elif htmx:
        template = "planning/plan/_panel.html"
    else:
        template = "planning/plan/page.html"
        context |= {
            "tree": nest(org_unit_navigation(request.user, page.unit)),
            "current_unit": page.unit,
            "ancestors": page.ancestors,
        }
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


def _done(request: HtmxHttpRequest, page: PlanPage, notice: str) -> HttpResponse:
    """After a write: htmx gets the re-read panel, a plain post a redirect back to the tab."""
    if request.htmx:
        return render_plan(request, PlanPage(request, page.unit, page.year, page.tab, notice=notice))
    messages.success(request, notice)
    return redirect(f"{page.url}?flik={page.tab}")


def _refused(request: HtmxHttpRequest, page: PlanPage, violation: RuleViolation) -> HttpResponse:
    page.error = violation
    return render_plan(request, page, status=violation_status(violation))


def _attempt(form: forms.Form, call: Callable[[], Any]) -> tuple[bool, int, RuleViolation | None]:
    """Run a service for a valid form: (saved, status, the broken rule). A broken rule goes next
    to its field with the rule id (call_service); a constraint the database holds too, likewise."""
    status = 200
    broken: RuleViolation | None = None

    def run() -> Any:
        nonlocal status, broken
        try:
            return call()
        except RuleViolation as violation:
            status, broken = violation_status(violation), violation
            raise
        except ValidationError as error:
            status = 422
            pairs = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
            for name, errors in pairs:
                form.add_error(name if name in form.fields else None, errors)
            return None

    call_service(form, run)
    return status == 200, status, broken


def _save(
    request: HtmxHttpRequest,
    page: PlanPage,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    *,
    spec: Kind | None = None,
    obj: Any = None,
) -> HttpResponse:
    """Save a valid form through its service; a change of ``obj`` only if the version the form was
    read with is still the saved one (EDIT-001: else 409, both versions side by side)."""
    if not form.is_valid():
        return render_plan(request, page, status=422)
    version = form.cleaned_data.pop(VERSION, None)  # the services keep their signatures
    try:
        with expected(obj, version if obj is not None else None):
            saved, status, broken = _attempt(form, lambda: call(form.cleaned_data))
    except RuleViolation as violation:
        if violation.code != STALE or spec is None:
            raise
        reload_url = f"{page.url}?flik={page.tab}&redigera={form_key(spec, obj)}"
        form_class = spec.form_class
        attach_conflict(form, obj, violation, reload_url=reload_url, hx_target="plan-panel", saved_initial=lambda saved: initial_from(saved, form_class))
        return render_plan(request, page, status=409)
    if saved:
        return _done(request, page, _("Saved."))
    if broken is not None and status == 409:
        return _refused(request, page, broken)  # locked meanwhile: the page no longer offers the form
    return render_plan(request, page, status=status)


def _single_item(page: PlanPage, slug: str) -> Any:
    """The unit's one-of-a-kind text a single kind's form sets, if it is there (changed, not added)."""
    if slug == "grunduppdrag":
        return page.mission
    if slug == "nulage":
        return selectors.current_state_list(page.user, org_unit=page.unit, year=page.year).first()
    if slug == "inriktning":
        return selectors.direction_list(page.user, org_unit=page.unit, year=page.year).first()
    return None


def _kind(slug: str) -> Kind:
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404
    return kind


@login_required
def plan_page(request: HtmxHttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = org_unit_get(request.user, unit_pk)
    tab = request.GET.get("flik", DEFAULT_TAB)
    return render_plan(request, PlanPage(request, unit, year, tab if tab in TABS else DEFAULT_TAB, editing=request.GET.get("redigera", "")))


@login_required
@require_POST
def plan_item_create(request: HtmxHttpRequest, unit_pk: int, year: int, kind: str) -> HttpResponse:
    spec = _kind(kind)
    if spec.create is None:
        raise Http404
    create = spec.create
    unit = org_unit_get(request.user, unit_pk)
    page = PlanPage(request, unit, year, spec.tab)
    parent = load_parent(spec, request.user, unit, request.POST.get("parent"))
    existing = _single_item(page, spec.slug) if spec.single else None  # a unit's one text: changed, so versioned
    form = page.bind(spec.slug, request.POST, obj=existing, parent=parent)
    extra = posted_targets(request) if spec.slug == "kvalitetsindikator" else {}
    return _save(request, page, form, lambda data: create(request.user, page, {**data, **extra}, parent), spec=spec, obj=existing)


@login_required
@require_POST
def plan_item_update(request: HtmxHttpRequest, unit_pk: int, year: int, kind: str, pk: int) -> HttpResponse:
    spec = _kind(kind)
    if spec.update is None:
        raise Http404
    update = spec.update
    unit = org_unit_get(request.user, unit_pk)
    obj = load_item(spec, request.user, unit, pk)
    page = PlanPage(request, unit, year, spec.tab)
    form = page.bind(spec.slug, request.POST, obj=obj)
    extra = posted_targets(request) if spec.slug == "kvalitetsindikator" else {}
    return _save(request, page, form, lambda data: update(request.user, obj, {**data, **extra}), spec=spec, obj=obj)


@login_required
@require_POST
def plan_item_delete(request: HtmxHttpRequest, unit_pk: int, year: int, kind: str, pk: int) -> HttpResponse:
    spec = _kind(kind)
    if spec.delete is None:
        raise Http404
    unit = org_unit_get(request.user, unit_pk)
    obj = load_item(spec, request.user, unit, pk)
    page = PlanPage(request, unit, year, spec.tab)
    try:
        spec.delete(request.user, obj)
    except RuleViolation as violation:
        return _refused(request, page, violation)
    return _done(request, page, _("Removed."))


# -- the plan's decision path: create, propose, adopt, revise, next year ---------------------


@login_required
@require_POST
def plan_create(request: HtmxHttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = org_unit_get(request.user, unit_pk)
    page = PlanPage(request, unit, year, "beslut")
    try:
        services.plan_create(actor=request.user, org_unit=unit, year=year)
    except RuleViolation as violation:
        return _refused(request, page, violation)
    return _done(request, page, _("The plan was created as a draft."))


def _plan_step(request: HtmxHttpRequest, pk: int, step: Callable[[Plan], Plan], notice: str) -> HttpResponse:
    plan = selectors.plan_get(request.user, pk)
    page = PlanPage(request, plan.org_unit, plan.year, "beslut")
    try:
        step(plan)
    except RuleViolation as violation:
        return _refused(request, page, violation)
    return _done(request, page, notice)


@login_required
@require_POST
def plan_propose(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _plan_step(request, pk, lambda plan: services.plan_propose(actor=request.user, plan=plan), _("The plan was proposed for decision."))


@login_required
@require_POST
def plan_withdraw(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _plan_step(request, pk, lambda plan: services.plan_withdraw(actor=request.user, plan=plan), _("The plan was taken back as a draft."))


@login_required
@require_POST
def plan_revise(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _plan_step(request, pk, lambda plan: services.plan_revise(actor=request.user, plan=plan), _("A new revision of the plan was started."))


@login_required
@require_POST
def plan_start_next_year(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _plan_step(request, pk, lambda plan: services.plan_start_next_year(actor=request.user, plan=plan), _("Next year's plan was started from this one."))


@login_required
@require_POST
def plan_adopt(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(request.user, pk)
    page = PlanPage(request, plan.org_unit, plan.year, "beslut")
    key = f"adopt-{plan.pk}"
    form = PlanAdoptForm(request.POST, auto_id=f"{key}-%s")
    page.bound[key] = form
    if not form.is_valid():
        return render_plan(request, page, status=422)
    try:
        services.plan_adopt(actor=request.user, plan=plan, **form.cleaned_data)
    except RuleViolation as violation:
        if violation.field in form.fields:
            form.add_error(violation.field, f"{violation_message(violation)} ({violation.code})")
            return render_plan(request, page, status=violation_status(violation))
        return _refused(request, page, violation)  # the plan is no longer before the body: no form to show it on
    return _done(request, page, _("The plan was adopted."))


@login_required
def plan_compare(request: HttpRequest, a: int, b: int) -> HttpResponse:
    """Two plans side by side: what only one of them holds, and what changed between them."""
    left, right = selectors.plan_get(request.user, a), selectors.plan_get(request.user, b)
    diffs = [
        d
        for d in snapshot_diff(plan_content(left, reader=request.user), plan_content(right, reader=request.user))
        if d.section in SECTION_LABELS or not d.is_empty
    ]
    rows = [{"label": SECTION_LABELS.get(d.section, d.section), "diff": d} for d in diffs]
    return render(
        request,
        "planning/plan/compare.html",
        {"left": left, "right": right, "rows": rows, "same": all(diff.is_empty for diff in diffs), "unit": right.org_unit},
    )


@login_required
def plan_frames_chart(request: HtmxHttpRequest, unit_pk: int, year: int) -> HttpResponse:
    """The council's Mål och budget: the chart of the operating frames by committee over the years
    (issue 10 §5), loaded into the economy tab after the page (htmx), or a page of its own."""
    unit = org_unit_get(request.user, unit_pk)
    if PLAN_KIND_OF_LEVEL.get(LevelKind(unit.kind)) != GOALS_AND_BUDGET:
        raise Http404
    chart = council_frames_chart(request.user, unit, year)
    htmx = bool(request.htmx) and not request.htmx.history_restore_request
    template = "planning/plan/_frames_chart.html" if htmx else "planning/plan/frames_chart.html"
    response = render(request, template, {"unit": unit, "year": year, "chart": chart})
    patch_vary_headers(response, ["HX-Request"])
    return response
