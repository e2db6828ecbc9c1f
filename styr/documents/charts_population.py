"""The population chart (issue 10 §1): residents by age band over the years, as stacked bars,
drawn like the other charts (``documents.charts``) with its text alternative and data table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from styr.documents.charts import Chart, _render
from styr.domain.numbers import sv_number
from styr.domain.population import AGE_BANDS

#: One colour per band, young to old (colour-blind safe, dark enough for white gaps).
COLOURS = ("#4477aa", "#66ccee", "#228833", "#ccbb44", "#aa3377", "#ee6677", "#555555")


def population_chart(*, title: str, years: Sequence[tuple[int, Mapping[str, int]]]) -> Chart:
    """``years``: (year, residents per band code) for the whole region."""
    labels = [band.label for band in AGE_BANDS]
    data = [
        {"year": str(year), "band": band.label, "order": i, "residents": bands.get(band.code, 0)} for year, bands in years for i, band in enumerate(AGE_BANDS)
    ]
    spec = {
        "data": {"values": data},
        "mark": {"type": "bar", "stroke": "#ffffff", "strokeWidth": 0.5},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": None, "axis": {"labelAngle": 0}},
            "y": {"field": "residents", "type": "quantitative", "title": _("Residents"), "stack": "zero"},
            "color": {
                "field": "band",
                "type": "nominal",
                "title": _("Age"),
                "scale": {"domain": labels, "range": list(COLOURS)},
                "legend": {"orient": "right"},
            },
            "order": {"field": "order", "type": "quantitative"},
        },
    }
    totals = [(year, sum(bands.values())) for year, bands in years]
    alt = _("%(title)s. Residents in all: %(totals)s.") % {"title": title, "totals": ", ".join(f"{year}: {sv_number(total)}" for year, total in totals)}
    svg = _render(spec, title=title, desc=alt)
    columns = (_("Year"), *labels, _("Total"))
    rows = tuple((str(year), *(sv_number(bands.get(band.code, 0)) for band in AGE_BANDS), sv_number(sum(bands.values()))) for year, bands in years)
    return Chart(title, alt, svg, columns, rows)
