"""Transparency pages: adopted, public content for anyone, signed in or not."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from styr.core.converters import year_param
from styr.organisation.selectors import core_values_current, group_default, group_get_public, vision_current
from styr.planning.in_force import goals_in_force
from styr.planning.selectors import plan_list_public


def home(request: HttpRequest) -> HttpResponse:
    """Anyone signed in starts at what waits for them; everyone else at the public goals."""
    if request.user.is_authenticated:
        return redirect("followup:todo")
    group = group_default()
    if group is None:
        return render(request, "public/empty.html")
    return redirect("public:goals", slug=group.slug)


def goals(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_get_public(slug)
    year = year_param(request)
    # what is in force: a goal reopened by a revision being drafted reads as it was adopted
    sections: dict[int, dict[str, object]] = {}
    for goal in goals_in_force(group, year=year):
        section = sections.setdefault(goal.org_unit.pk, {"unit": goal.org_unit, "goals": []})
        section["goals"].append(goal)  # type: ignore[attr-defined]
    return render(
        request,
        "public/goals.html",
        {
            "group": group,
            "year": year,
            "sections": list(sections.values()),
            "vision": vision_current(group),
            "values": core_values_current(group),
            "plans": list(plan_list_public(group).filter(year=year)),
        },
    )


def plans(request: HttpRequest, slug: str) -> HttpResponse:
    """Every adopted plan of the group, as decided, in PDF and Word."""
    group = group_get_public(slug)
    return render(request, "public/plans.html", {"group": group, "plans": list(plan_list_public(group))})
