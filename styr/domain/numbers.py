"""Numbers as people in Sweden read them: "20 134", "41,5", "41,5 %".

One formatter for pages, PDF, Word and Excel alike. Thousands are grouped with a no-break
space (U+00A0, so a figure never breaks over two lines and every font has the glyph), the
decimal sign is a comma, and trailing zeros are dropped (78,5 rather than 78,50).

Four-digit whole numbers are written without a space, as Svenska skrivregler allows; this also
keeps a year that passes through the formatter as it is (2025 stays 2025). Groups start at five
digits: 20 134, 1 250 000.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

#: The thousands separator: a no-break space.
GROUP = "\u00a0"
#: Shown for a missing value.
EMPTY = "–"
#: Whole numbers with fewer digits than this are not grouped (a year keeps its four digits).
GROUPING_FROM_DIGITS = 5


def _decimal(value: Decimal | int | float | str) -> Decimal:
    if isinstance(value, bool):
        raise TypeError("a truth value is not a number")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # the shortest text that reads back as the same float
    text = value.strip().replace(GROUP, "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None


def _group(digits: str) -> str:
    if len(digits) < GROUPING_FROM_DIGITS:
        return digits
    head = len(digits) % 3 or 3
    return GROUP.join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def sv_number(value: Decimal | int | float | str | None, *, max_decimals: int | None = None, empty: str = EMPTY) -> str:
    """A number in Swedish form. ``max_decimals`` rounds (half up) to at most that many decimals;
    trailing zeros are always dropped. A string is read as a number first (either decimal sign)."""
    if value is None or value == "":
        return empty
    number = _decimal(value)
    if not number.is_finite():
        return empty
    if max_decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-max_decimals), rounding=ROUND_HALF_UP)
    text = format(number, "f")
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, _dot, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if not fraction and set(whole) <= {"0"}:
        sign = ""  # no "-0"
    return sign + _group(whole) + ("," + fraction if fraction else "")


def sv_percent(value: Decimal | int | float | str | None, *, max_decimals: int | None = 1, empty: str = EMPTY) -> str:
    """A share already in percent as Swedish text: 41.5 → "41,5 %" (a no-break space before the sign)."""
    text = sv_number(value, max_decimals=max_decimals, empty=empty)
    return text if text == empty else f"{text}{GROUP}%"


def excel_number_format(value: Decimal | int | None) -> str:
    """The cell format that shows a number as Swedish Excel and LibreOffice do: grouped thousands and
    as many decimals as it has (``#,##0`` or ``#,##0.0#``…). The file holds the format in Excel's
    language-neutral notation, which a Swedish spreadsheet shows as 20 134 and 41,5."""
    if value is None:
        return "General"
    number = _decimal(value)
    decimals = max(0, -int(number.normalize().as_tuple().exponent)) if number.is_finite() and number != number.to_integral_value() else 0
    return "#,##0" + ("." + "0" * decimals if decimals else "")
