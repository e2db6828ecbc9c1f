"""Charts render on the server as SVG (and PNG for Word) with a text alternative and their data."""

from decimal import Decimal

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
