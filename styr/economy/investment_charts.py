"""The chart of the investment plan (issue 11 §3): the plan of a year of Mål och budget per year
(N, N+1, N+2), stacked by category (reinvestment, expansion, exploitation), in tkr. Drawn by the
house's Vega-Lite → SVG helper, with its text alternative and its data as a table."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from styr.documents.charts import Chart, _render
from styr.domain.numbers import sv_number
from styr.economy.models import InvestmentProject
from styr.economy.selectors.investments import InvestmentPlan


def _tkr(value: Decimal) -> str:
    return sv_number(value, max_decimals=1)


def investment_plan_chart(plan: InvestmentPlan) -> Chart:
    """Stacked bars: one per year of the plan, split by category."""
    title = _("The investment plan %(year)s per year and category (tkr)") % {"year": plan.year}
    labels = dict(InvestmentProject.Category.choices)
    order = [str(labels[c]) for c in InvestmentProject.Category.values]
    data = [
        {"year": str(year), "category": str(labels[category]), "tkr": float(amounts[year])}
        for category, amounts in plan.by_category.items()
        for year in plan.years
        if amounts[year]
    ]
    spec = {
        "data": {"values": data},
        "mark": "bar",
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": None, "sort": [str(y) for y in plan.years], "axis": {"labelAngle": 0}},
            "y": {"field": "tkr", "type": "quantitative", "title": _("Investment (tkr)"), "stack": "zero"},
            "color": {"field": "category", "type": "nominal", "title": None, "sort": order, "scale": {"domain": order}, "legend": {"orient": "bottom"}},
            "order": {"field": "category", "type": "nominal"},
        },
    }
    totals = ", ".join(f"{year}: {_tkr(plan.totals[year])}" for year in plan.years)
    alt = _("%(title)s. The plan's gross investment per year: %(totals)s.") % {"title": title, "totals": totals}
    svg = _render({**spec, "height": 200}, title=title, desc=alt)
    rows = [(str(labels[category]), *(_tkr(amounts[year]) for year in plan.years)) for category, amounts in plan.by_category.items()]
    rows.append((_("Total"), *(_tkr(plan.totals[year]) for year in plan.years)))
    return Chart(title, alt, svg, (_("Category"), *(str(year) for year in plan.years)), tuple(rows))
