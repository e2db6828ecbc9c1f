"""Charts of the resource allocation model (issue 10 §5): each committee's allocation over the
budget year and the plan years, and a scenario against another, in tkr; drawn by the house's
Vega-Lite → SVG helper, each with its text alternative and its data as a table."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from styr.documents.charts import Chart, _render
from styr.domain.numbers import sv_number


def allocation_chart(*, title: str, years: Sequence[int], committees: Sequence[tuple[str, Sequence[Decimal]]]) -> Chart:
    """Bars per year, one per committee: ``committees`` are (name, tkr per year in ``years``)."""
    names = [n for n, _v in committees]
    data = [{"year": str(y), "committee": name, "tkr": float(v)} for name, values in committees for y, v in zip(years, values, strict=True)]
    spec = {
        "data": {"values": data},
        "mark": "bar",
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": None, "axis": {"labelAngle": 0}},
            "xOffset": {"field": "committee", "type": "nominal", "sort": names},
            "y": {"field": "tkr", "type": "quantitative", "title": _("Allocation (tkr)")},
            "color": {
                "field": "committee",
                "type": "nominal",
                "title": None,
                "sort": [n for n, _v in committees],
                "legend": {"orient": "bottom", "columns": 2},
            },
        },
    }
    totals = [sum((values[i] for _n, values in committees), Decimal(0)) for i in range(len(years))]
    alt = _("%(title)s. In total %(totals)s tkr.") % {"title": title, "totals": ", ".join(f"{y}: {sv_number(t)}" for y, t in zip(years, totals, strict=True))}
    svg = _render({**spec, "height": 200}, title=title, desc=alt)
    rows = tuple((name, *(sv_number(v) for v in values)) for name, values in committees)
    return Chart(title, alt, svg, (_("Committee"), *(f"{y} (tkr)" for y in years)), rows)


def comparison_chart(*, title: str, a_name: str, b_name: str, rows: Sequence[tuple[str, int, Decimal, Decimal]]) -> Chart:
    """Small multiples, one panel per year (N, N+1, N+2) on one scale, each with bars per
    committee and the two models side by side: ``rows`` are (committee, year, a tkr, b tkr)."""
    data = [{"committee": c, "year": str(y), "model": a_name, "tkr": float(a)} for c, y, a, _b in rows]
    data += [{"committee": c, "year": str(y), "model": b_name, "tkr": float(b)} for c, y, _a, b in rows]
    order = list(dict.fromkeys(c for c, _y, _a, _b in rows))
    spec = {
        "data": {"values": data},
        "mark": "bar",
        "encoding": {
            "row": {
                "field": "year",
                "type": "ordinal",
                "title": None,
                "header": {"labelAngle": 0, "labelOrient": "top", "labelAnchor": "start", "labelFontSize": 13, "labelFontWeight": "bold"},
            },
            "x": {"field": "committee", "type": "nominal", "title": None, "sort": order, "axis": {"labelAngle": -30, "labelLimit": 140}},
            "xOffset": {"field": "model", "type": "nominal", "sort": [a_name, b_name]},
            "y": {"field": "tkr", "type": "quantitative", "title": _("Allocation (tkr)"), "axis": {"tickCount": 4}},
            "color": {
                "field": "model",
                "type": "nominal",
                "title": None,
                "scale": {"domain": [a_name, b_name], "range": ["#6c757d", "#0a58ca"]},
                "legend": {"orient": "bottom"},
            },
        },
    }
    years = list(dict.fromkeys(y for _c, y, _a, _b in rows))
    per_year = []
    for year in years:
        changed = [(c, b - a) for c, y, a, b in rows if y == year and a != b]
        per_year.append(f"{year}: " + (", ".join(f"{c} {sv_number(d)}" for c, d in changed) if changed else _("none")))
    alt = _("%(title)s. Differences (tkr): %(differences)s.") % {"title": title, "differences": "; ".join(per_year)}
    svg = _render({**spec, "height": 110}, title=title, desc=alt)
    table = tuple((c, str(y), sv_number(a), sv_number(b), sv_number(b - a)) for c, y, a, b in rows)
    return Chart(title, alt, svg, (_("Committee"), _("Year"), f"{a_name} (tkr)", f"{b_name} (tkr)", _("Difference (tkr)")), table)
