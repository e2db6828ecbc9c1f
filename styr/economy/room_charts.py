"""The chart of the investment plan against the investment room (issue 11 §3), per year of Mål och
budget: the room (from the cash flow and from population growth, stacked) beside the planned
investments. Drawn by the house's Vega-Lite → SVG helper, with its text alternative and its data."""

from __future__ import annotations

from django.utils.translation import gettext as _

from styr.documents.charts import Chart, _render
from styr.domain.numbers import sv_number
from styr.economy.selectors.investment_room import InvestmentRoom


def room_chart(room: InvestmentRoom) -> Chart:
    title = _("Investment plan against the investment room %(first)s–%(last)s") % {"first": room.year, "last": room.year + 2}
    cash, growth, plan = _("Room from the cash flow"), _("Room from population growth"), _("Planned investments")
    data = []
    for r in room.years:
        year = str(r.year)
        data += [
            {"year": year, "kind": _("Room"), "part": cash, "tkr": float(r.cash_flow_room_tsek)},
            {"year": year, "kind": _("Room"), "part": growth, "tkr": float(r.growth_room_tsek)},
            {"year": year, "kind": _("Plan"), "part": plan, "tkr": float(r.investments_tsek)},
        ]
    spec = {
        "data": {"values": data},
        "mark": "bar",
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": None, "axis": {"labelAngle": 0}},
            "xOffset": {"field": "kind", "type": "nominal", "sort": [_("Room"), _("Plan")]},
            "y": {"field": "tkr", "type": "quantitative", "stack": "zero", "title": _("tkr")},
            "color": {"field": "part", "type": "nominal", "title": None, "sort": [cash, growth, plan], "legend": {"orient": "bottom"}},
        },
    }
    parts = [
        _("%(year)s: room %(room)s tkr, planned %(plan)s tkr (%(verdict)s)")
        % {
            "year": r.year,
            "room": sv_number(r.room_tsek),
            "plan": sv_number(r.investments_tsek),
            "verdict": _("within the room") if r.within_room else _("%(over)s tkr over the room") % {"over": sv_number(r.over_room_tsek)},
        }
        for r in room.years
    ]
    alt = _("%(title)s. %(years)s.") % {"title": title, "years": "; ".join(parts) if parts else _("no year has a complete result budget")}
    svg = _render({**spec, "height": 200}, title=title, desc=alt)
    rows = tuple(
        (str(r.year), sv_number(r.cash_flow_room_tsek), sv_number(r.growth_room_tsek), sv_number(r.room_tsek), sv_number(r.investments_tsek))
        for r in room.years
    )
    columns = (_("Year"), cash + " (tkr)", growth + " (tkr)", _("Investment room (tkr)"), plan + " (tkr)")
    return Chart(title, alt, svg, columns, rows)
