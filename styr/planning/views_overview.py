"""Views across the group: the plans of a year, the goal cascade and Agenda 2030 coverage."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from styr.core.converters import year_param
from styr.domain.levels import LevelKind
from styr.domain.plans import PLAN_KIND_OF_LEVEL
from styr.followup.overview import latest_goal_statuses
from styr.organisation.selectors import group_of_user, org_unit_list
from styr.planning import selectors


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    """Every unit the user sees, with the state of its plan for the year and a link to its plan page."""
    group, year = group_of_user(request.user), year_param(request)
    latest: dict[int, object] = {}
    for plan in selectors.plan_list(request.user, year=year).order_by("org_unit_id", "revision"):
        latest[plan.org_unit_id] = plan
    rows = [
        {"unit": unit, "plan": latest.get(unit.pk), "adopts_plans": LevelKind(unit.kind) in PLAN_KIND_OF_LEVEL}
        for unit in org_unit_list(request.user, group=group)
    ]
    return render(request, "planning/plans.html", {"group": group, "year": year, "rows": rows})


@login_required
def cascade_current(request: HttpRequest) -> HttpResponse:
    return redirect("planning:cascade", year=timezone.localdate().year)


@login_required
def cascade(request: HttpRequest, year: int) -> HttpResponse:
    """The council's goals and, nested under each, every goal that contributes to it, level by level."""
    group = group_of_user(request.user)
    return render(
        request,
        "planning/cascade.html",
        {
            "group": group,
            "year": year,
            "roots": selectors.goal_cascade(request.user, group=group, year=year),
            "loose": list(selectors.goals_without_contribution(request.user, group=group, year=year).order_by("org_unit__position", "pk")),
            "statuses": latest_goal_statuses(group=group, year=year, language=request.LANGUAGE_CODE),
        },
    )


@login_required
def agenda(request: HttpRequest) -> HttpResponse:
    """The 17 goals and 169 targets of Agenda 2030: which the group's plans touch, and which none does."""
    group = group_of_user(request.user)
    coverage = selectors.agenda_coverage(group)
    targets = [hit for item in coverage for _, hit in item.targets]
    return render(
        request,
        "planning/agenda.html",
        {
            "group": group,
            "coverage": [(item, sum(1 for _, hit in item.targets if hit)) for item in coverage],
            "goals_touched": sum(1 for item in coverage if item.touched),
            "targets_touched": sum(1 for hit in targets if hit),
            "target_count": len(targets),
        },
    )


def search_page(request: HttpRequest) -> HttpResponse:
    """Search from the header: results grouped by kind, within what the person may see."""
    from styr.core.permissions import has_any_role
    from styr.organisation.selectors import group_default
    from styr.planning.search import search

    results = search(request.user, request.GET.get("q", ""))
    group = group_default()
    context = {"results": results, "public_slug": group.slug if group is not None else "", "linked": has_any_role(request.user)}
    return render(request, "planning/search.html", context)
