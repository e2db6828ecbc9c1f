"""The Kolada comparison as a chart (issue 13 §1): the own municipality's value per year against
the comparison group's lowest, median and highest value and the chosen municipalities' values,
drawn on the server like every chart (see charts.py), with its text alternative and its table."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from styr.documents.charts import Chart, _render
from styr.domain.numbers import sv_number
from styr.planning.selectors_kolada import Comparison


def comparison_columns(comparison: Comparison) -> tuple[str, ...]:
    """The table's columns: year, own value (and its split by gender), the group's spread, the chosen."""
    columns = [_("Year"), comparison.own_name]
    if comparison.gender:
        columns += [_("%(name)s, women") % {"name": comparison.own_name}, _("%(name)s, men") % {"name": comparison.own_name}]
    columns += [_("Group lowest"), _("Group median"), _("Group highest")]
    columns += [name for _id, name in comparison.chosen]
    return tuple(columns)


def comparison_rows(comparison: Comparison) -> tuple[tuple[str, ...], ...]:
    rows = []
    for y in comparison.years:
        row = [str(y.year), sv_number(y.own)]
        if comparison.gender:
            row += [sv_number(y.own_women), sv_number(y.own_men)]
        row += [sv_number(y.group.minimum), sv_number(y.group.median), sv_number(y.group.maximum)]
        row += [sv_number(v) for v in y.chosen]
        rows.append(tuple(row))
    return tuple(rows)


def comparison_chart(comparison: Comparison) -> Chart | None:
    """None when there is no value to draw."""
    own, lowest, median, highest = comparison.own_name, _("Group lowest"), _("Group median"), _("Group highest")
    data: list[dict[str, Any]] = []

    def add(series: str, year: int, value: Decimal | None) -> None:
        if value is not None:
            data.append({"year": str(year), "value": float(value), "series": series})

    for y in comparison.years:
        add(own, y.year, y.own)
        add(lowest, y.year, y.group.minimum)
        add(median, y.year, y.group.median)
        add(highest, y.year, y.group.maximum)
        for (_id, name), value in zip(comparison.chosen, y.chosen, strict=True):
            add(name, y.year, value)
    if not data:
        return None
    chosen = [name for _id, name in comparison.chosen]
    domain = [own, median, lowest, highest, *chosen]
    colours = ["#0a58ca", "#495057", "#8a6d3b", "#8a6d3b", *(["#6f42c1", "#198754", "#b02a37", "#6c757d"] * 10)[: len(chosen)]]
    dashes = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2], *([[1, 0]] * len(chosen))]
    spec = {
        "data": {"values": data},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": None, "axis": {"labelAngle": 0}},
            "y": {"field": "value", "type": "quantitative", "title": comparison.unit or None},
            "color": {"field": "series", "type": "nominal", "title": None, "scale": {"domain": domain, "range": colours}, "legend": {"orient": "bottom"}},
            "strokeDash": {"field": "series", "type": "nominal", "scale": {"domain": domain, "range": dashes}, "legend": None},
        },
    }
    latest = next((y for y in reversed(comparison.years) if y.own is not None or y.group.count), comparison.years[-1])
    title = _("%(title)s compared with other municipalities") % {"title": comparison.title}
    alt = _("%(own)s %(year)s: %(value)s; group median %(median)s (lowest %(lowest)s, highest %(highest)s, %(count)s municipalities). Source: Kolada.") % {
        "own": own,
        "year": latest.year,
        "value": sv_number(latest.own),
        "median": sv_number(latest.group.median),
        "lowest": sv_number(latest.group.minimum),
        "highest": sv_number(latest.group.maximum),
        "count": latest.group.count,
    }
    return Chart(title, alt, _render(spec, title=title, desc=alt), comparison_columns(comparison), comparison_rows(comparison))
