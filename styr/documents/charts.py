"""Charts: Vega-Lite specs rendered on the server (vl-convert) to SVG for pages and PDF, and to
PNG for Word, each with a text alternative and its data as a table (issue 4, point 7).

A quality indicator's chart never has a target line: the model measures quality without
targets (seed §5.B). A goal indicator's chart shows its targets as points.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from html import escape
from typing import Any

import vl_convert as vlc
from django.core.cache import cache as chart_cache
from django.utils.translation import gettext as _

from styr.domain.numbers import sv_number

WIDTH, HEIGHT = 420, 180
FONT = "DejaVu Sans"
CACHE_SECONDS = 24 * 60 * 60
MAX_LABELS = 6  # period labels on the x axis
MAX_POINTS = 36  # beyond this a line without point markers reads better


@dataclass(frozen=True)
class Chart:
    title: str
    alt: str
    svg: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def data_uri(self) -> str:
        """For an <img>: keeps the SVG's own styles out of the page (the page's CSP allows no inline styles)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")

    def png(self) -> bytes:
        return bytes(vlc.svg_to_png(svg=self.svg, scale=2))


@cache
def warm() -> None:
    """vl-convert's first render takes about a second; later ones tens of milliseconds."""
    vlc.vegalite_to_svg(vl_spec={"data": {"values": [{"x": 1}]}, "mark": "point", "encoding": {"x": {"field": "x", "type": "quantitative"}}})


def _render(spec: dict[str, Any], *, title: str, desc: str) -> str:
    """The SVG of a spec, drawn once: the same data gives the same chart, so it is kept in the
    cache under the hash of the spec and its text (a chart costs vl-convert tens to hundreds of
    milliseconds). The SVG carries its own text alternative, so it travels into the PDF."""
    spec = {"width": WIDTH, "height": HEIGHT, "config": {"font": FONT, "view": {"stroke": None}}, **spec}
    digest = hashlib.sha256(json.dumps([spec, title, desc], sort_keys=True, default=str).encode("utf-8")).hexdigest()
    key = "chart:" + digest
    svg = chart_cache.get(key)
    if svg is None:
        warm()
        svg = _labelled(str(vlc.vegalite_to_svg(vl_spec=spec)), title=title, desc=desc, ident=f"chart-{digest[:12]}")
        chart_cache.set(key, svg, CACHE_SECONDS)
    return str(svg)


def _labelled(svg: str, *, title: str, desc: str, ident: str) -> str:
    """role="img" on the root <svg>, named by a <title> and described by a <desc> as its first children."""
    head_end = svg.index(">", svg.index("<svg")) + 1
    head = svg[:head_end]
    if head.endswith("/>"):
        raise ValueError("an empty SVG has nothing to label")
    head = head[:-1] + f' role="img" aria-labelledby="{ident}-title {ident}-desc">'
    text = f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
    return head + text + svg[head_end:]


def _fmt(value: Decimal | None) -> str:
    return sv_number(value)


def indicator_chart(*, name: str, unit_label: str, values: Sequence[tuple[str, Decimal]], targets: Sequence[tuple[str, Decimal]] = ()) -> Chart:
    """Values over time (period label, value); targets as separate points, for goal indicators only."""
    data = [{"period": p, "value": float(v), "kind": _("Value")} for p, v in values]
    periods = [p for p, _v in values]
    step = max(1, math.ceil(len(periods) / MAX_LABELS))  # ten years of months: a label every other year, not 120
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": data},
            "mark": {"type": "line", "point": len(values) <= MAX_POINTS, "color": "#0a58ca"},
            "encoding": {
                "x": {"field": "period", "type": "ordinal", "title": None, "sort": None, "axis": {"values": periods[::step], "labelAngle": 0}},
                "y": {"field": "value", "type": "quantitative", "title": unit_label or None},
            },
        }
    ]
    if targets:
        layers.append(
            {
                "data": {"values": [{"period": p, "value": float(v)} for p, v in targets]},
                "mark": {"type": "point", "shape": "diamond", "size": 90, "filled": True, "color": "#b02a37"},
                "encoding": {"x": {"field": "period", "type": "ordinal", "sort": None}, "y": {"field": "value", "type": "quantitative"}},
            }
        )
    last = f"{values[-1][0]}: {_fmt(values[-1][1])}" if values else _("no values yet")
    if targets:
        alt = _("%(name)s over time, latest %(last)s; targets %(targets)s.") % {
            "name": name,
            "last": last,
            "targets": ", ".join(f"{p}: {_fmt(v)}" for p, v in targets),
        }
    else:
        alt = _("%(name)s over time, latest %(last)s.") % {"name": name, "last": last}
    svg = _render({"layer": layers}, title=name, desc=alt)
    rows = [(p, _fmt(v), "") for p, v in values] + [(p, "", _fmt(v)) for p, v in targets]
    columns = (_("Period"), _("Value"), _("Target")) if targets else (_("Period"), _("Value"))
    return Chart(name, alt, svg, columns, tuple(r if targets else r[:2] for r in rows))


def status_spread_chart(*, title: str, steps: Sequence[tuple[str, str, int]]) -> Chart:
    """How many goals stand at each step of the status scale: (label, colour, count)."""
    data = [{"status": label, "count": count, "colour": colour} for label, colour, count in steps]
    alt = title + ": " + ", ".join(f"{label} {count}" for label, _colour, count in steps) + "."
    svg = _render(
        {
            "data": {"values": data},
            "mark": "bar",
            "encoding": {
                "x": {"field": "status", "type": "nominal", "title": None, "sort": None},
                "y": {"field": "count", "type": "quantitative", "title": _("Goals"), "axis": {"tickMinStep": 1}},
                "color": {"field": "colour", "type": "nominal", "scale": None, "legend": None},
            },
        },
        title=title,
        desc=alt,
    )
    return Chart(title, alt, svg, (_("Status"), _("Goals")), tuple((label, str(count)) for label, _colour, count in steps))


def _tsek(value: Decimal) -> float:
    return float((value / 1000).quantize(Decimal("0.1")))


def economy_chart(*, title: str, budget: Sequence[tuple[str, Decimal]], actual: Sequence[tuple[str, Decimal]], forecast: Decimal | None = None) -> Chart:
    """A year's economy (issue 9 §3), month by month and cumulative, in tkr: the periodised budget
    as a line, the actual up to the month as a line with points, and the full-year forecast as a
    dashed line from the actual to date to the year's end. Net cost: up is spending."""
    cumulative_budget: list[tuple[str, Decimal]] = []
    total = Decimal(0)
    for month, amount in budget:
        total += amount
        cumulative_budget.append((month, total))
    cumulative_actual: list[tuple[str, Decimal]] = []
    total = Decimal(0)
    for month, amount in actual:
        total += amount
        cumulative_actual.append((month, total))
    budget_label, actual_label, forecast_label = _("Budget"), _("Actual"), _("Forecast")
    data = [{"month": m, "tkr": _tsek(v), "series": budget_label} for m, v in cumulative_budget]
    data += [{"month": m, "tkr": _tsek(v), "series": actual_label} for m, v in cumulative_actual]
    months = [m for m, _v in budget]
    if forecast is not None and months:
        start = cumulative_actual[-1] if cumulative_actual else (months[0], Decimal(0))
        data += [{"month": start[0], "tkr": _tsek(start[1]), "series": forecast_label}, {"month": months[-1], "tkr": _tsek(forecast), "series": forecast_label}]
    step = max(1, math.ceil(len(months) / MAX_LABELS))
    colours = {"domain": [budget_label, actual_label, forecast_label], "range": ["#6c757d", "#0a58ca", "#b02a37"]}
    spec = {
        "data": {"values": data},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "month", "type": "ordinal", "title": None, "sort": months, "axis": {"values": months[::step], "labelAngle": 0}},
            "y": {"field": "tkr", "type": "quantitative", "title": _("Cumulative net cost (tkr)")},
            "color": {"field": "series", "type": "nominal", "title": None, "scale": colours, "legend": {"orient": "bottom"}},
            "strokeDash": {
                "field": "series",
                "type": "nominal",
                "scale": {"domain": [budget_label, actual_label, forecast_label], "range": [[1, 0], [1, 0], [6, 4]]},
                "legend": None,
            },
        },
    }
    year_budget = cumulative_budget[-1][1] if cumulative_budget else Decimal(0)
    to_date = cumulative_actual[-1] if cumulative_actual else None
    alt = _("%(title)s. Budget for the year %(budget)s tkr; actual to %(month)s %(actual)s tkr; full-year forecast %(forecast)s.") % {
        "title": title,
        "budget": _fmt(Decimal(str(_tsek(year_budget)))),
        "month": to_date[0] if to_date else "–",
        "actual": _fmt(Decimal(str(_tsek(to_date[1])))) if to_date else "–",
        "forecast": f"{_fmt(Decimal(str(_tsek(forecast))))} tkr" if forecast is not None else _("not given"),
    }
    svg = _render(spec, title=title, desc=alt)
    actual_of = dict(cumulative_actual)
    rows = tuple(
        (
            m,
            _fmt(Decimal(str(_tsek(b)))),
            _fmt(Decimal(str(_tsek(actual_of[m])))) if m in actual_of else "",
            _fmt(Decimal(str(_tsek(forecast)))) if forecast is not None and m == months[-1] else "",
        )
        for m, b in cumulative_budget
    )
    columns = (_("Month"), _("Budget, cumulative (tkr)"), _("Actual, cumulative (tkr)"), _("Forecast (tkr)"))
    return Chart(title, alt, svg, columns, rows)


def with_sources(chart: Chart, from_kolada: list[bool]) -> Chart:
    """KOLADA-002 in a chart's data table: a column marking each value row (the value rows come
    first, in the order of ``from_kolada``) whose value came from Kolada; none when none did."""
    if not any(from_kolada):
        return chart
    marks = ["Källa: Kolada" if kolada else "" for kolada in from_kolada]
    rows = tuple((*row, marks[i] if i < len(marks) else "") for i, row in enumerate(chart.rows))
    return dataclasses.replace(chart, columns=(*chart.columns, _("Source")), rows=rows)
