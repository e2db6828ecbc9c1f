"""KS's overview of every committee, company and joint authority (seed §7, uppsiktsplikt): reporting,
goal statuses, what needs attention, the economy, the internal control and the companies' answers to
the owner directives (issue 12)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from styr.control.selectors.companies import answer_counts
from styr.control.selectors.oversight import BodyControl, ic_by_body
from styr.documents.charts import status_spread_chart
from styr.domain.numbers import sv_number
from styr.followup import views_milestones
from styr.followup.overview import carry_over_overview, economy_overview, financial_goals_overview, ks_overview, status_bar
from styr.organisation.selectors import group_of_user, review_passed_list
from styr.planning.selectors_projects import late_project_milestones


@login_required
def overview_page(request: HttpRequest, year: int) -> HttpResponse:
    """KS's overview of every committee and company: reporting, statuses, owners, values, assignments, deviations."""
    group = group_of_user(request.user)
    periods, bodies = ks_overview(request.user, group=group, year=year, today=timezone.localdate())
    model = group.governance
    language = request.LANGUAGE_CODE
    scale = [(s.code, s.label_en if language.startswith("en") else s.label_sv, s.colour) for s in model.status_scale]
    control = ic_by_body(request.user, group=group, year=year, today=timezone.localdate())
    answers = answer_counts(request.user, group, year)
    rows = [
        {
            "body": b,
            "reports": [b.reports[p.pk] for p in periods],
            "statuses": [(label, b.statuses.get(code, 0)) for code, label, _colour in scale],
            "bar": status_bar(b.statuses, scale),
            "numbers": _numbers(b.statuses, scale),
            **_internal_control(control.get(b.unit.pk), scale),
            # a company's answers to the owner directives, by status (issue 12 §5)
            "directive_answers": _numbers(answers.get(b.unit.pk, {}), scale),
        }
        for b in sorted(bodies, key=lambda b: b.attention)  # what needs attention first; the tree's order otherwise
    ]
    totals = [(label, colour, sum(b.statuses.get(code, 0) for b in bodies)) for code, label, colour in scale]
    spread = status_spread_chart(title=_("Development goals by status"), steps=totals) if any(n for _label, _colour, n in totals) else None
    economy = economy_overview(request.user, bodies, year=year, today=timezone.localdate())
    steps = views_milestones.overdue_context(request.user, group=group, year=year, bodies=bodies)
    financial_goals = financial_goals_overview(request.user, group, year=year, today=timezone.localdate())
    context = {
        "year": year,
        "periods": periods,
        "rows": rows,
        "scale": scale,
        "group": group,
        "spread": spread,
        "economy": economy,
        "overdue_steps": steps,
        "financial_goals": financial_goals,
        "carry_overs": carry_over_overview(request.user, group, year),
        # seed §7 Styrdokument: governing documents whose review date has passed (DOC-002)
        "documents_to_revise": list(review_passed_list(request.user, group, today=timezone.localdate())),
        # project milestones past their day and not reached (PROJ-004), one query
        "late_milestones": late_project_milestones(request.user, group=group, today=timezone.localdate(), year=year),
    }
    return render(request, "followup/overview.html", context)


def _numbers(counts: Mapping[str, int], scale: list[tuple[str, str, str]]) -> str:
    """Counts by status as the overview writes them: "Uppfyllt 3 · Delvis uppfyllt 1"."""
    return " · ".join(f"{label} {sv_number(counts[code])}" for code, label, _colour in scale if counts.get(code))


def _internal_control(body: BodyControl | None, scale: list[tuple[str, str, str]]) -> dict[str, Any]:
    """A body's internal control in KS's overview (issue 12 §4): plan adopted, results by colour,
    open actions past their deadline; the oversight page has the rest."""
    if body is None:
        return {"ic": None}
    return {
        "ic": body,
        "ic_bar": status_bar(body.results, scale),
        "ic_numbers": _numbers(body.results, scale),
    }


@login_required
def overview_current(request: HttpRequest) -> HttpResponse:
    return redirect("followup:overview", year=timezone.localdate().year)
