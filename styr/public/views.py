"""Transparency pages: adopted, public content for anyone, signed in or not (issue 13 §3: the goals
with their status and charts, the economy, the plans; open data in views_open_data)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from styr.core.converters import year_param
from styr.documents.charts import Chart, indicator_chart, with_sources
from styr.organisation.selectors import core_values_current, group_default, group_get_public, vision_current
from styr.planning.selectors import plan_list_public
from styr.public.selectors import PublicGoal, PublicIndicator, open_dialogues_by_goal, public_frames, public_goals, public_investment_plan, public_results


def home(request: HttpRequest) -> HttpResponse:
    """Anyone signed in starts at what waits for them; everyone else at the public goals."""
    if request.user.is_authenticated:
        return redirect("followup:todo")
    group = group_default()
    if group is None:
        return render(request, "public/empty.html")
    return redirect("public:goals", slug=group.slug)


def _charts(goals: list[PublicGoal]) -> dict[int, Chart]:
    """A chart per indicator that has a public value or a target: its values against its targets."""
    return {
        indicator.pk: _sourced(
            indicator,
            indicator_chart(
                name=indicator.indicator.name,
                unit_label=indicator.indicator.unit_label,
                values=[(f"{v.period:%Y-%m}", v.value) for v in indicator.values],
                targets=[(str(t.year), t.value) for t in indicator.indicator.targets],
            ),
        )
        for goal in goals
        for indicator in goal.indicators
        if indicator.values or indicator.indicator.targets
    }


def _sourced(indicator: PublicIndicator, chart: Chart) -> Chart:
    return with_sources(chart, [v.from_kolada for v in indicator.values])


def goals(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_get_public(slug)
    year = year_param(request)
    # what is in force: a goal reopened by a revision being drafted reads as it was adopted
    found = public_goals(group, year=year)
    sections: dict[int, dict[str, object]] = {}
    for item in found:
        section = sections.setdefault(item.goal.org_unit.pk, {"unit": item.goal.org_unit, "goals": []})
        section["goals"].append(item)  # type: ignore[attr-defined]
    return render(
        request,
        "public/goals.html",
        {
            "group": group,
            "year": year,
            "sections": list(sections.values()),
            "charts": _charts(found),
            "vision": vision_current(group),
            "values": core_values_current(group),
            "plans": list(plan_list_public(group).filter(year=year)),
            "dialogues": open_dialogues_by_goal(group, today=timezone.localdate()),
            "current": "goals",
        },
    )


def economy(request: HttpRequest, slug: str) -> HttpResponse:
    """The year's adopted frames per committee with the results of the adopted reports, and the
    adopted investment plan (OPEN-001, OPEN-002)."""
    group = group_get_public(slug)
    year = year_param(request)
    frames = public_frames(group, years=[year])
    results = public_results(group, years=[year])
    rows = [(frame, results.get((frame.org_unit.pk, year))) for frame in frames]
    return render(
        request,
        "public/economy.html",
        {
            "group": group,
            "year": year,
            "rows": rows,
            "investments": public_investment_plan(group, year),
            "current": "economy",
        },
    )


def plans(request: HttpRequest, slug: str) -> HttpResponse:
    """Every adopted plan of the group, as decided, in PDF and Word."""
    group = group_get_public(slug)
    return render(request, "public/plans.html", {"group": group, "plans": list(plan_list_public(group)), "current": "plans"})
