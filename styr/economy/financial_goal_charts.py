"""The chart of the financial goals over the years (issue 11 §1): each measure in per cent that a
goal of the year is tied to, one line over the years (the value at each year's latest month with
actuals), its target as a diamond where a goal of that year names one. Debt per resident is in
kronor: it is in the data table and the text alternative, not on the per-cent axis. Drawn by the
house's Vega-Lite → SVG helper with its text alternative and its data as a table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from styr.documents.charts import Chart, _render
from styr.domain.financial_ratios import MEASURES, PERCENT
from styr.domain.numbers import sv_number


def _value(value: Decimal | None, unit: str) -> str:
    return f"{sv_number(value, max_decimals=2)} {unit}" if value is not None else "–"


def financial_goals_chart(
    *,
    title: str,
    years: Sequence[int],
    measures: Sequence[str],
    values: Mapping[int, Mapping[str, Decimal | None]],
    targets: Mapping[tuple[int, str], Decimal],
) -> Chart:
    """``values``: per year, each measure's value; ``targets``: (year, measure) → the target of that
    year's goal. Only the ``measures`` given (those the council's goals name) are drawn."""
    language = get_language() or "sv"
    label = {key: MEASURES[key].label(language) for key in measures}
    drawn = [key for key in measures if MEASURES[key].unit == PERCENT]
    lines = [
        {"year": str(year), "measure": label[key], "value": float(found)}
        for year in years
        for key in drawn
        if (found := values.get(year, {}).get(key)) is not None
    ]
    marks = [{"year": str(year), "measure": label[key], "value": float(targets[(year, key)])} for year in years for key in drawn if (year, key) in targets]
    order = [label[key] for key in drawn]
    x = {"field": "year", "type": "ordinal", "title": None, "sort": [str(y) for y in years], "axis": {"labelAngle": 0}}
    colour = {"field": "measure", "type": "nominal", "title": None, "sort": order, "legend": {"orient": "bottom", "columns": 1, "labelLimit": 400}}
    layers: list[dict[str, object]] = [
        {
            "data": {"values": lines},
            "mark": {"type": "line", "point": True},
            "encoding": {"x": x, "y": {"field": "value", "type": "quantitative", "title": _("Per cent")}, "color": colour},
        }
    ]
    if marks:
        layers.append(
            {
                "data": {"values": marks},
                "mark": {"type": "point", "shape": "diamond", "size": 90, "filled": True},
                "encoding": {"x": x, "y": {"field": "value", "type": "quantitative"}, "color": colour},
            }
        )
    parts = []
    for key in measures:
        unit = MEASURES[key].unit
        known = [f"{year}: {_value(values[year][key], unit)}" for year in years if values.get(year, {}).get(key) is not None]
        parts.append(f"{label[key]} – {', '.join(known) if known else _('no values yet')}")
    alt = _("%(title)s, the value at each year's latest month with actuals (diamonds: the targets). %(measures)s.") % {
        "title": title,
        "measures": "; ".join(parts) if parts else _("none"),
    }
    svg = _render({"layer": layers, "height": 220}, title=title, desc=alt)
    rows = tuple(
        (label[key], str(year), _value(values.get(year, {}).get(key), MEASURES[key].unit), _value(targets.get((year, key)), MEASURES[key].unit))
        for key in measures
        for year in years
    )
    return Chart(title, alt, svg, (_("Measure"), _("Year"), _("Value"), _("Target")), rows)
