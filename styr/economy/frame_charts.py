"""The chart of the operating frames by committee over the years (issue 10 §5): for the council's
Mål och budget, each committee's operating frame in the years around the plan's year (the year
before, the year, and next year's proposals where they exist), as it stands now, an adopted frame
drawn solid and a proposal pale. Drawn by the house's Vega-Lite → SVG helper, with its text
alternative and its data as a table that says which frames are adopted and which are proposals."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from styr.documents.charts import Chart, _render
from styr.domain.numbers import sv_number
from styr.economy.selectors.frames import FrameFigures


def _tkr(value: Decimal | None) -> str:
    return sv_number(value, max_decimals=1) if value is not None else "–"


def _state(f: FrameFigures) -> str:
    if not f.is_adopted:
        return pgettext("frame", "Proposal")
    if f.adjustment_count:
        return ngettext("Adopted, adjusted by KS (%(n)s decision)", "Adopted, adjusted by KS (%(n)s decisions)", f.adjustment_count) % {"n": f.adjustment_count}
    return pgettext("frame", "Adopted")


def _year_state(found: Sequence[FrameFigures]) -> str:
    adopted = sum(1 for f in found if f.is_adopted)
    if adopted == len(found):
        return pgettext("frames", "adopted")
    return pgettext("frames", "proposals") if adopted == 0 else pgettext("frames", "partly proposals")


def frames_chart(*, title: str, years: Sequence[int], committees: Sequence[tuple[str, Sequence[FrameFigures | None]]]) -> Chart:
    """Bars per year, one per committee, of the operating frame as it stands now (tkr):
    ``committees`` are (name, the committee's figures for each of ``years``, ``None`` without a
    frame that year)."""
    adopted_label, proposal_label = pgettext("frame", "Adopted"), pgettext("frame", "Proposal")
    names = [name for name, _f in committees]
    data = [
        {"year": str(year), "committee": name, "tkr": float(f.current_tsek), "state": adopted_label if f.is_adopted else proposal_label}
        for name, found in committees
        for year, f in zip(years, found, strict=True)
        if f is not None and f.current_tsek is not None
    ]
    spec = {
        "data": {"values": data},
        "mark": "bar",
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": None, "sort": [str(y) for y in years], "axis": {"labelAngle": 0}},
            "xOffset": {"field": "committee", "type": "nominal", "sort": names},
            "y": {"field": "tkr", "type": "quantitative", "title": _("Operating frame (tkr)")},
            "color": {"field": "committee", "type": "nominal", "title": None, "sort": names, "legend": {"orient": "bottom", "columns": 2}},
            "opacity": {
                "field": "state",
                "type": "nominal",
                "title": None,
                "scale": {"domain": [adopted_label, proposal_label], "range": [1, 0.4]},
                "legend": {"orient": "bottom"},
            },
        },
    }
    totals = []
    for i, year in enumerate(years):
        found = [f for _name, figures in committees if (f := figures[i]) is not None and f.current_tsek is not None]
        if found:
            total = sum((f.current_tsek for f in found if f.current_tsek is not None), Decimal(0))
            totals.append(f"{year}: {_tkr(total)} ({_year_state(found)})")
    alt = _("%(title)s. The operating frames together, as they stand now (tkr): %(totals)s.") % {
        "title": title,
        "totals": ", ".join(totals) if totals else _("none"),
    }
    svg = _render({**spec, "height": 200}, title=title, desc=alt)
    rows = tuple(
        (name, str(year), _tkr(f.adopted_tsek), _tkr(f.current_tsek), _state(f))
        for name, found in committees
        for year, f in zip(years, found, strict=True)
        if f is not None
    )
    columns = (_("Committee"), _("Year"), _("As adopted (tkr)"), _("As it stands now (tkr)"), pgettext("frame", "State"))
    return Chart(title, alt, svg, columns, rows)
