"""Kolada on indicators (issue 13 §1): the KPI picker, binding and unbinding an indicator,
accepting a changed definition, the list of indicators to review, and a unit's comparisons.

The picker works without JavaScript: its search is a plain GET form whose answer is this page
with the results, each a button that binds; with htmx the same search answers only the results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.core.errors import NotAllowed, violation_status
from styr.core.permissions import can
from styr.core.views import refusal_text
from styr.documents.charts_kolada import comparison_chart, comparison_columns, comparison_rows
from styr.domain.errors import RuleViolation
from styr.organisation.selectors import org_unit_get
from styr.planning import selectors, selectors_kolada
from styr.planning.models import DevelopmentGoal, GoalIndicator, QualityIndicator
from styr.planning.services.kolada_bindings import indicator_kolada_bind, indicator_kolada_review, indicator_kolada_unbind, indicator_unit

#: the kinds in the URLs: a goal indicator ("mal") or a quality indicator ("kvalitet")
KINDS = {"mal": "goal.write", "kvalitet": "quality.write"}


def _indicator(request: HttpRequest, kind: str, pk: int) -> GoalIndicator | QualityIndicator:
    if kind == "mal":
        return selectors.indicator_get(request.user, pk)
    if kind == "kvalitet":
        return selectors.quality_indicator_get(request.user, pk)
    raise Http404


def indicator_url(indicator: GoalIndicator | QualityIndicator) -> str:
    """Where the indicator is shown: its goal's page, or the quality tab of its unit's plan."""
    if isinstance(indicator, GoalIndicator):
        return reverse("planning:goal", kwargs={"pk": indicator.goal_id}) + f"#ind-{indicator.pk}"
    unit = indicator.factor.org_unit
    return reverse("planning:plan", kwargs={"unit_pk": unit.pk, "year": timezone.localdate().year}) + "?flik=kvalitet"


def _next(request: HttpRequest, indicator: GoalIndicator | QualityIndicator) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return indicator_url(indicator)


def _search_context(request: HttpRequest, indicator: GoalIndicator | QualityIndicator | None, kind: str, error: str = "") -> dict[str, Any]:
    query, area = request.GET.get("q", "").strip(), request.GET.get("area", "").strip()
    return {
        "query": query,
        "area": area,
        "areas": selectors_kolada.kpi_areas(),
        "results": selectors_kolada.kpi_search(query, area) if query or area else [],
        "searched": bool(query or area),
        "indicator": indicator,
        "kind": kind,
        "binding": selectors_kolada.binding(indicator) if indicator is not None else None,
        "may_bind": indicator is not None and can(request.user, KINDS[kind], indicator_unit(indicator)),
        "next": _next(request, indicator) if indicator is not None else "",
        "error": error,
    }


def _picked(request: HttpRequest) -> tuple[GoalIndicator | QualityIndicator | None, str]:
    for kind, name in (("mal", "goal_indicator"), ("kvalitet", "quality_indicator")):
        raw = request.GET.get(name, "")
        if raw.isdigit():
            return _indicator(request, kind, int(raw)), kind
    return None, "mal"


@login_required
def kpi_search(request: HttpRequest) -> HttpResponse:
    """The KPI picker: search Kolada's catalogue by words of the title, the id, and the area."""
    indicator, kind = _picked(request)
    context = _search_context(request, indicator, kind)
    if getattr(request, "htmx", False):
        return render(request, "planning/_kolada_kpi_results.html", context)
    return render(request, "planning/kolada_search.html", context)


def _refused(request: HttpRequest, indicator: GoalIndicator | QualityIndicator, kind: str, violation: RuleViolation) -> HttpResponse:
    context = _search_context(request, indicator, kind, error=refusal_text(violation))
    return render(request, "planning/kolada_search.html", context, status=violation_status(violation))


@login_required
@require_POST
def bind(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    indicator = _indicator(request, kind, pk)
    if not can(request.user, KINDS[kind], indicator_unit(indicator)):
        raise NotAllowed(KINDS[kind], indicator_unit(indicator))
    try:
        indicator = indicator_kolada_bind(actor=request.user, indicator=indicator, kpi_id=request.POST.get("kolada_kpi", ""))
    except RuleViolation as violation:
        return _refused(request, indicator, kind, violation)
    messages.success(request, _("“%(name)s” now follows Kolada's KPI %(kpi)s.") % {"name": indicator.name, "kpi": indicator.kolada_kpi})
    return redirect(_next(request, indicator))


@login_required
@require_POST
def unbind(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    indicator = _indicator(request, kind, pk)
    if not can(request.user, KINDS[kind], indicator_unit(indicator)):
        raise NotAllowed(KINDS[kind], indicator_unit(indicator))
    indicator_kolada_unbind(actor=request.user, indicator=indicator)
    messages.success(request, _("“%(name)s” no longer follows a Kolada KPI.") % {"name": indicator.name})
    return redirect(_next(request, indicator))


@login_required
@require_POST
def review(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    indicator = _indicator(request, kind, pk)
    if not can(request.user, KINDS[kind], indicator_unit(indicator)):
        raise NotAllowed(KINDS[kind], indicator_unit(indicator))
    try:
        indicator_kolada_review(actor=request.user, indicator=indicator)
    except RuleViolation as violation:
        messages.error(request, refusal_text(violation))
        return redirect("planning_kolada:review_list")
    messages.success(request, _("The changed definition of %(kpi)s was accepted for “%(name)s”.") % {"kpi": indicator.kolada_kpi, "name": indicator.name})
    return redirect(_next(request, indicator))


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    """The indicators in the user's scope whose KPI's definition Kolada changed (KOLADA-004)."""
    rows = [
        {"row": row, "may": can(request.user, "goal.write" if row.kind == "goal" else "quality.write", indicator_unit(row.indicator))}
        for row in selectors_kolada.indicators_to_review(request.user)
    ]
    return render(request, "planning/kolada_review.html", {"rows": rows})


def comparisons(indicators: list[GoalIndicator | QualityIndicator]) -> list[dict[str, Any]]:
    """Each bound indicator's comparison with its chart, for the goal and reporting pages."""
    found = []
    for indicator, compared in zip(indicators, selectors_kolada.comparisons_of(indicators), strict=True):
        if compared is not None and compared.years:
            found.append(
                {
                    "indicator": indicator,
                    "ident": f"{'g' if isinstance(indicator, GoalIndicator) else 'q'}{indicator.pk}",
                    "comparison": compared,
                    "chart": comparison_chart(compared),
                    "columns": comparison_columns(compared),
                    "rows": comparison_rows(compared),
                }
            )
    return found


@login_required
def unit_comparisons(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    """The comparisons of a unit's bound goal and quality indicators in a year (the reporting page loads them)."""
    unit = org_unit_get(request.user, unit_pk)
    goals = DevelopmentGoal.objects.filter(org_unit=unit, start_year__lte=year, end_year__gte=year)
    indicators: list[GoalIndicator | QualityIndicator] = [*GoalIndicator.objects.filter(selectors_kolada.bound_q(GoalIndicator), goal__in=goals).order_by("pk")]
    indicators += QualityIndicator.objects.filter(selectors_kolada.bound_q(QualityIndicator), factor__org_unit=unit).order_by("pk")
    context = {"unit": unit, "year": year, "comparisons": comparisons(indicators)}
    template = "planning/_kolada_unit_comparisons.html" if getattr(request, "htmx", False) else "planning/kolada_unit_comparisons.html"
    return render(request, template, context)
