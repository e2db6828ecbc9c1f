"""The personnel budget's chart (issue 10 §2): the unit's personnel cost per month (salaries and
PO as stacked bars) beside its periodised budget (a line), in tkr, through the project's
Vega-Lite → SVG helper (``styr/documents/charts.py``), with its text alternative and data."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from styr.documents.charts import Chart, _render
from styr.domain.numbers import sv_number
from styr.domain.personnel import MonthCost


def _tsek(value: Decimal) -> float:
    return float((value / 1000).quantize(Decimal("0.1")))


def _fmt(value: Decimal | None) -> str:
    return sv_number(None if value is None else (value / 1000).quantize(Decimal("0.1")))


def personnel_chart(*, title: str, month_names: Sequence[str], months: Sequence[MonthCost], budget: Sequence[Decimal | None]) -> Chart:
    """Salaries and PO per month as stacked bars, the unit's budget per month as a line (tkr)."""
    salary_label, overhead_label, budget_label = _("Salaries"), _("Personnel overhead (PO)"), _("The unit's budget")
    bars = [{"month": month_names[m.month - 1], "tkr": _tsek(m.salary_sek), "part": salary_label, "order": 1} for m in months]
    bars += [{"month": month_names[m.month - 1], "tkr": _tsek(m.overhead_sek), "part": overhead_label, "order": 2} for m in months]
    line = [{"month": month_names[i], "tkr": _tsek(b), "part": budget_label} for i, b in enumerate(budget) if b is not None]
    x = {"field": "month", "type": "ordinal", "title": None, "sort": list(month_names), "axis": {"labelAngle": 0}}
    colours = {"domain": [salary_label, overhead_label, budget_label], "range": ["#0a58ca", "#6ea8fe", "#b02a37"]}
    layers: list[dict[str, object]] = [
        {
            "data": {"values": bars},
            "mark": "bar",
            "encoding": {
                "x": x,
                "y": {"field": "tkr", "type": "quantitative", "stack": True, "title": _("Cost per month (tkr)")},
                "color": {"field": "part", "type": "nominal", "title": None, "scale": colours, "legend": {"orient": "bottom"}},
                "order": {"field": "order"},
            },
        }
    ]
    if line:
        layers.append(
            {
                "data": {"values": line},
                "mark": {"type": "line", "point": True},
                "encoding": {"x": x, "y": {"field": "tkr", "type": "quantitative"}, "color": {"field": "part", "type": "nominal", "scale": colours}},
            }
        )
    total = sum((m.total_sek for m in months), Decimal(0))
    budget_total = sum((b for b in budget if b is not None), Decimal(0)) if line else None
    alt = _("%(title)s. Personnel cost for the year %(cost)s tkr (salaries %(salaries)s tkr, PO %(overhead)s tkr); the unit's budget %(budget)s.") % {
        "title": title,
        "cost": _fmt(total),
        "salaries": _fmt(sum((m.salary_sek for m in months), Decimal(0))),
        "overhead": _fmt(sum((m.overhead_sek for m in months), Decimal(0))),
        "budget": f"{_fmt(budget_total)} tkr" if budget_total is not None else _("not given"),
    }
    svg = _render({"layer": layers}, title=title, desc=alt)
    rows = tuple(
        (
            month_names[m.month - 1],
            _fmt(m.salary_sek),
            _fmt(m.overhead_sek),
            _fmt(m.total_sek),
            _fmt(budget[m.month - 1]) if budget[m.month - 1] is not None else "",
        )
        for m in months
    )
    columns = (_("Month"), _("Salaries (tkr)"), _("PO (tkr)"), _("Personnel cost (tkr)"), _("The unit's budget (tkr)"))
    return Chart(title, alt, svg, columns, rows)
