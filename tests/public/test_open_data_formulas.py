"""OPEN-003: a text cell a spreadsheet would read as a formula goes out with an apostrophe first
(OWASP's advice on CSV injection); numbers, negative ones too, and dates are untouched."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from styr.public.open_data import BY_SLUG, _csv_cell, to_csv


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)", "\tX", "\rX"])
def test_open_003_a_formula_like_text_is_neutralised(text: str) -> None:
    assert _csv_cell(text) == "'" + text


@pytest.mark.parametrize(("value", "shown"), [(Decimal("-1.5"), "-1,5"), ("Trygg skola", "Trygg skola"), (date(2026, 1, 2), "2026-01-02"), (None, "")])
def test_open_003_numbers_dates_and_plain_text_are_as_they_were(value: object, shown: str) -> None:
    assert _csv_cell(value) == shown


def test_open_003_the_csv_carries_the_neutralised_title() -> None:
    data_set = next(iter(BY_SLUG.values()))
    row = {name: "=1+1" for name in data_set.names}
    body = to_csv(data_set, [row]).decode("utf-8-sig")
    assert "'=1+1" in body and ";=1+1" not in body and not body.splitlines()[1].startswith("=")
