"""Charts render on the server as SVG (and PNG for Word) with a text alternative and their data."""

from decimal import Decimal
from typing import Any

import pytest

from styr.documents.charts import indicator_chart, status_spread_chart


def test_a_goal_indicator_chart_shows_values_and_targets() -> None:
    chart = indicator_chart(
        name="Behöriga till yrkesprogram",
        unit_label="%",
        values=[("2026-02", Decimal("80")), ("2026-05", Decimal("82.5"))],
        targets=[("2026-12", Decimal("86"))],
    )
    assert chart.svg.startswith("<svg") and "</svg>" in chart.svg
    assert "82,5" in chart.alt and "86" in chart.alt
    assert chart.rows == (("2026-02", "80", ""), ("2026-05", "82,5", ""), ("2026-12", "", "86"))
    assert chart.data_uri.startswith("data:image/svg+xml;base64,")
    assert chart.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_quality_indicator_chart_never_has_a_target() -> None:
    chart = indicator_chart(name="Trygga elever", unit_label="%", values=[("2026-02", Decimal(91))])
    assert len(chart.columns) == 2 and all(len(r) == 2 for r in chart.rows)
    assert "target" not in chart.alt.lower() and "mål" not in chart.alt.lower()


def test_the_status_spread_chart() -> None:
    chart = status_spread_chart(title="Utvecklingsmål", steps=[("Uppfyllt", "#1e7b34", 2), ("Ej uppfyllt", "#b02a37", 1)])
    assert chart.alt == "Utvecklingsmål: Uppfyllt 2, Ej uppfyllt 1."
    assert chart.rows == (("Uppfyllt", "2"), ("Ej uppfyllt", "1"))
    assert chart.svg.count("<path") >= 2 or chart.svg.count("<rect") >= 2


def test_ten_years_of_months_get_a_readable_axis() -> None:
    values = [(f"{2017 + i // 12}-{i % 12 + 1:02}", Decimal(i % 50)) for i in range(120)]
    chart = indicator_chart(name="Nöjda brukare", unit_label="%", values=values)
    assert chart.svg.count("<text") < 20  # a label every other year and a half, not 120 overlapping ones
    assert len(chart.rows) == 120  # the data table keeps every month


def test_a_chart_is_drawn_once_and_then_read_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    import vl_convert
    from django.core.cache import cache

    from styr.documents import charts

    drawn = []
    draw = vl_convert.vegalite_to_svg

    def counting(*, vl_spec: dict[str, Any]) -> str:
        drawn.append(vl_spec)
        return str(draw(vl_spec=vl_spec))

    cache.clear()
    charts.warm()  # the warm-up draws outside the count
    monkeypatch.setattr(vl_convert, "vegalite_to_svg", counting)
    values = [("2026-01", Decimal(3)), ("2026-02", Decimal(4))]
    first = indicator_chart(name="Trygga elever", unit_label="%", values=values)
    again = indicator_chart(name="Trygga elever", unit_label="%", values=values)
    assert len(drawn) == 1 and again.svg == first.svg
    indicator_chart(name="Trygga elever", unit_label="%", values=[*values, ("2026-03", Decimal(5))])
    assert len(drawn) == 2  # new data, a new drawing


def test_the_server_starts_the_chart_renderer_beside_itself() -> None:
    import importlib

    from styr.config import wsgi
    from styr.documents import charts

    charts.warm.cache_clear()
    importlib.reload(wsgi)  # what a server process does when it loads the application
    wsgi.charts_started.join(timeout=60)
    assert charts.warm.cache_info().currsize == 1  # started once; the first request with a chart does not wait for it


def _labelled(svg: str) -> tuple[str, str]:
    """The SVG's own text alternative: role="img" and aria-labelledby naming its <title> and <desc>."""
    from xml.etree.ElementTree import fromstring  # our own output

    ns = "{http://www.w3.org/2000/svg}"
    root = fromstring(svg)
    assert root.get("role") == "img"
    title_id, desc_id = (root.get("aria-labelledby") or "").split()
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id")) == (f"{ns}title", title_id)
    assert (desc.tag, desc.get("id")) == (f"{ns}desc", desc_id)
    return title.text or "", desc.text or ""


def test_the_svg_carries_its_own_title_and_description_so_it_travels_into_the_pdf() -> None:
    """Issue 8, point 5: the text alternative is in the SVG, not only on the page's <img>."""
    chart = indicator_chart(name="Elever < 18 & trygga", unit_label="%", values=[("2026-02", Decimal("80"))], targets=[("2026-12", Decimal("86"))])
    assert _labelled(chart.svg) == ("Elever < 18 & trygga", chart.alt)
    spread = status_spread_chart(title="Utvecklingsmål", steps=[("Uppfyllt", "#1e7b34", 2)])
    assert _labelled(spread.svg) == ("Utvecklingsmål", "Utvecklingsmål: Uppfyllt 2.")


def test_the_cached_svg_carries_the_text_alternative(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.cache import cache

    stored: list[str] = []
    original = cache.set

    def recording(key: str, value: str, timeout: int) -> None:
        stored.append(value)
        original(key, value, timeout)

    cache.clear()
    monkeypatch.setattr(cache, "set", recording)
    values = [("2026-01", Decimal(3))]
    first = indicator_chart(name="Trygga elever", unit_label="%", values=values)
    assert len(stored) == 1 and _labelled(stored[0]) == ("Trygga elever", first.alt)
    again = indicator_chart(name="Trygga elever", unit_label="%", values=values)
    assert len(stored) == 1 and _labelled(again.svg) == ("Trygga elever", first.alt)
    renamed = indicator_chart(name="Nöjda elever", unit_label="%", values=values)
    assert _labelled(renamed.svg)[0] == "Nöjda elever"  # the same drawing under another name is labelled anew
