from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.core.errors import NotAllowed, violation_message
from styr.core.history import readable_history
from styr.core.permissions import can
from styr.core.views import call_service, form_status, form_violation, refusal_text
from styr.documents.charts import Chart, indicator_chart, with_sources
from styr.domain.errors import RuleViolation
from styr.followup import dialogue
from styr.followup.forms import MeasurementForm
from styr.organisation.selectors import audit_history, org_unit_ancestors, org_unit_get
from styr.organisation.views import unit_page
from styr.planning import selectors, services
from styr.planning.forms import GoalForm, GoalPageIndicatorForm, TargetForm
from styr.planning.models import DevelopmentGoal, GoalIndicator
from styr.planning.selectors_kolada import bindings
from styr.planning.services.kolada_bindings import indicator_kolada_bind
from styr.planning.services.locks import goal_locked
from styr.planning.views_kolada import comparisons


@login_required
@require_POST
def goal_create(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = org_unit_get(request.user, unit_pk)
    if not can(request.user, "goal.write", unit):
        raise NotAllowed("goal.write", unit)
    form = GoalForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data

        def create() -> DevelopmentGoal:
            with transaction.atomic():
                goal = services.goal_create(
                    actor=request.user,
                    org_unit=unit,
                    title=data["title"],
                    citizen_change=data["citizen_change"],
                    start_year=data["start_year"],
                    end_year=data["end_year"],
                    measurable=data["measurable"] or bool(data["indicator_name"]),
                )
                if data["indicator_name"]:
                    services.indicator_create(
                        actor=request.user,
                        goal=goal,
                        name=data["indicator_name"],
                        unit_label=data["indicator_unit"],
                        direction=data["direction"],
                        baseline_year=data["baseline_year"],
                        baseline_value=data["baseline_value"],
                        target_year=data["target_year"],
                        target_value=data["target_value"],
                    )
                return goal

        goal = call_service(form, create)
        if goal is not None:
            messages.success(request, _("The development goal “%(title)s” was added.") % {"title": goal.title})
            return redirect("organisation:unit", pk=unit.pk)
    return unit_page(request, unit, goal_form=form, status=422)


def _charts(goal: DevelopmentGoal) -> dict[int, Chart]:
    """One chart per goal indicator: its monthly values against its targets."""
    return {
        indicator.pk: with_sources(
            indicator_chart(
                name=indicator.name,
                unit_label=indicator.unit_label,
                values=[(f"{m.period:%Y-%m}", m.value) for m in indicator.measurements.all()],
                targets=[(str(t.year), t.value) for t in indicator.targets.all()],
            ),
            [m.source == "kolada" for m in indicator.measurements.all()],
        )
        for indicator in goal.indicators.all()
    }


def goal_page(
    request: HttpRequest,
    goal: DevelopmentGoal,
    *,
    measurement_form: MeasurementForm | None = None,
    indicator_form: GoalPageIndicatorForm | None = None,
    target_form: TargetForm | None = None,
    comment_error: str = "",
    refused: str = "",
    status: int = 200,
) -> HttpResponse:
    unit = goal.org_unit
    locked = goal_locked(goal)
    indicators = list(goal.indicators.all())
    goal_url = reverse("planning:goal", kwargs={"pk": goal.pk})
    context = {
        "goal": goal,
        "pending_revision": goal.state == "adopted" and not locked,  # the draft of a revision: not in force yet
        "unit": unit,
        "ancestors": [*org_unit_ancestors(unit), unit],
        "indicators": goal.indicators.all(),
        "charts": _charts(goal),
        "target_form": target_form or TargetForm(initial={"year": goal.end_year}),
        "comments": dialogue.thread(user=request.user, goal=goal),
        "can_comment": can(request.user, "dialogue.write", unit),
        "comment_error": comment_error,
        "refused": refused,
        "can_write": can(request.user, "goal.write", unit) and not locked,
        "can_adopt": can(request.user, "goal.adopt", unit) and goal.state != "adopted",
        "can_record": can(request.user, "measurement.record", unit),
        "measurement_form": measurement_form or MeasurementForm(),
        "indicator_form": indicator_form or GoalPageIndicatorForm(initial={"baseline_year": goal.start_year - 1, "target_year": goal.end_year}),
        "history": readable_history(audit_history(request.user, goal, unit=unit), user=request.user),
        # Kolada (issue 13 §1): binding is allowed on an adopted goal too (it changes no target)
        "kolada": bindings(indicators),
        "kolada_comparisons": {item["indicator"].pk: item for item in comparisons([i for i in indicators if i.kolada_kpi])},
        "kolada_valued": {i.pk for i in indicators if any(m.source == "kolada" for m in i.measurements.all())},
        "can_bind": can(request.user, "goal.write", unit),
        "goal_url": goal_url,
    }
    return render(request, "planning/goal_detail.html", context, status=status)


@login_required
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return goal_page(request, selectors.goal_get(request.user, pk))


@login_required
@require_POST
def goal_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    goal = selectors.goal_get(request.user, pk)
    services.goal_adopt(actor=request.user, goal=goal)
    messages.success(request, _("The goal was adopted."))
    return redirect("planning:goal", pk=goal.pk)


@login_required
@require_POST
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    goal = selectors.goal_get(request.user, pk)
    if not can(request.user, "goal.write", goal.org_unit):
        raise NotAllowed("goal.write", goal.org_unit)
    form = GoalPageIndicatorForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        kpi_id = data.pop("kolada_kpi", "")

        def create() -> GoalIndicator:
            with transaction.atomic():
                created = services.indicator_create(actor=request.user, goal=goal, **data)
                if kpi_id:
                    indicator_kolada_bind(actor=request.user, indicator=created, kpi_id=kpi_id)
                return created

        indicator = call_service(form, create)
        if indicator is not None:
            messages.success(request, _("The goal indicator was added."))
            return redirect("planning:goal", pk=goal.pk)
    return goal_page(request, goal, indicator_form=form, refused=_locked(form), status=form_status(form))


@login_required
@require_POST
def target_set(request: HttpRequest, pk: int) -> HttpResponse:
    """A goal indicator's target for one more year (target per year, seed §5.C)."""
    indicator = selectors.indicator_get(request.user, pk)
    goal = selectors.goal_get(request.user, indicator.goal_id)
    if not can(request.user, "goal.write", goal.org_unit):
        raise NotAllowed("goal.write", goal.org_unit)
    form = TargetForm(request.POST)
    if form.is_valid():
        target = call_service(
            form, lambda: services.target_set(actor=request.user, indicator=indicator, year=form.cleaned_data["year"], value=form.cleaned_data["value"])
        )
        if target is not None:
            messages.success(request, _("The target was saved."))
            return redirect("planning:goal", pk=goal.pk)
    return goal_page(request, goal, target_form=form, refused=_locked(form), status=form_status(form))


def _locked(form: forms.BaseForm) -> str:
    """A locked goal (409) no longer shows its forms: the rule's message goes above the page instead."""
    violation = form_violation(form)
    return refusal_text(violation) if violation is not None and form_status(form) == 409 else ""


@login_required
@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment in the goal's thread (dialogue between levels); @mentions are notified."""
    goal = selectors.goal_get(request.user, pk)
    try:
        dialogue.comment_add(actor=request.user, goal=goal, text=request.POST.get("text", ""))
    except RuleViolation as violation:
        return goal_page(request, goal, comment_error=f"{violation_message(violation)} ({violation.code})", status=422)
    return redirect(f"{reverse('planning:goal', kwargs={'pk': goal.pk})}#dialogue")
