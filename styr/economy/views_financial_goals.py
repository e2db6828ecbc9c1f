"""The council's financial goals page (issue 11 §1): each goal's measure, its value by month, the
full-year forecast, the target and the status; the goals over the years as a chart; the pension
obligations outside the balance sheet and the council's judgement of good financial management,
entered by the council's and KS's controllers. Everyone who sees the council reads it."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.core.converters import year_param
from styr.core.errors import NotAllowed
from styr.core.permissions import can, require_visible
from styr.core.views import call_service, form_status
from styr.economy import services
from styr.economy.financial_goal_charts import financial_goals_chart
from styr.economy.forms_financial_goals import ManagementAssessmentForm, PensionObligationForm
from styr.economy.models import PensionObligation
from styr.economy.selectors.financial_goals import council_of, financial_measures_by_year, good_management_assessment
from styr.organisation.selectors import group_of_user
from styr.planning.models import FinancialGoal

YEARS_BACK = 3


@login_required
def financial_goals_page(request: HttpRequest) -> HttpResponse:
    group = group_of_user(request.user)
    council = council_of(group)
    if council is None:
        raise Http404
    require_visible(request.user, council)
    year = year_param(request)
    may_write = can(request.user, "financial_management.write", council)
    pension_form = PensionObligationForm(prefix="pension", initial={"year": year})
    assessment_form = ManagementAssessmentForm(prefix="assessment", model=group.governance)
    status = 200
    if request.method == "POST":
        if not may_write:
            raise NotAllowed("financial_management.write", council)
        which = request.POST.get("form")
        if which == "pension":
            pension_form = PensionObligationForm(request.POST, prefix="pension")
            if pension_form.is_valid():
                data = pension_form.cleaned_data
                done = call_service(
                    pension_form,
                    lambda: services.pension_obligation_set(
                        actor=request.user, group=group, year=data["year"], amount_sek=data["amount_sek"], source=data["source"]
                    ),
                )
                if done is not None:
                    messages.success(request, _("The pension obligations of %(year)s were saved.") % {"year": done.year})
                    return redirect(reverse("economy:financial_goals") + f"?ar={year}")
            status = form_status(pension_form)
        elif which == "assessment":
            assessment_form = ManagementAssessmentForm(request.POST, prefix="assessment", model=group.governance)
            if assessment_form.is_valid():
                data = assessment_form.cleaned_data
                saved = call_service(
                    assessment_form,
                    lambda: services.financial_management_assess(
                        actor=request.user, group=group, year=year, conclusion=data["conclusion"], judgement=data["judgement"]
                    ),
                )
                if saved is not None:
                    messages.success(request, _("The judgement of good financial management was saved."))
                    return redirect(reverse("economy:financial_goals") + f"?ar={year}#management-heading")
            status = form_status(assessment_form)
        else:
            raise Http404
    view = good_management_assessment(group, year)
    if view.assessment is not None and not assessment_form.is_bound:
        assessment_form = ManagementAssessmentForm(
            prefix="assessment", model=group.governance, initial={"conclusion": view.assessment.conclusion, "judgement": view.assessment.judgement}
        )
    years = list(range(year - YEARS_BACK, year + 1))
    measures = list(dict.fromkeys(row.measure.key for row in view.financial if row.measure is not None))
    goals_of_years = FinancialGoal.objects.filter(group=group, year__in=years, target_value__isnull=False).exclude(measure="")
    targets: dict[tuple[int, str], Decimal] = {(y, m): t for y, m, t in goals_of_years.values_list("year", "measure", "target_value") if t is not None}
    chart = (
        financial_goals_chart(
            title=_("The financial goals over the years"), years=years, measures=measures, values=financial_measures_by_year(group, years), targets=targets
        )
        if measures
        else None
    )
    rows = view.rows
    months = sorted({m.month for row in view.financial for m in row.series})
    context = {
        "group": group,
        "council": council,
        "year": year,
        "view": view,
        "rows": rows,
        "months": months,
        "chart": chart,
        "may_write": may_write,
        "pensions": PensionObligation.objects.filter(group=group).order_by("-year")[:10],
        "pension_form": pension_form,
        "assessment_form": assessment_form,
    }
    return render(request, "economy/financial_goals.html", context, status=status)
