"""Population by age (issue 10 §1): the age bands the allocation model and the pages count in,
and a municipality's own forecast read from a table of rows (CSV or Excel, already opened).

A file has the columns år, område (optional), ålder and antal, named in its first row (Swedish,
or the English year, area, age, count). Each refusal names the row or cell (``where``) and the
rule: POP-008 for the file as a whole (a missing column, too many rows, a file with no rows),
POP-009 for a value (a year outside 2000–2100, an age outside 0–100 or 100+, a count that is
not a number of residents)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from styr.domain.errors import RuleViolation, _
from styr.domain.limits import MAX_YEAR, MIN_YEAR, NAME_LENGTH, OLDEST_AGE


@dataclass(frozen=True)
class AgeBand:
    code: str
    age_from: int
    age_to: int

    @property
    def label(self) -> str:
        if self.age_from == self.age_to:
            return str(self.age_from)
        if self.age_to >= OLDEST_AGE:
            return f"{self.age_from}+"
        return f"{self.age_from}–{self.age_to}"


#: The bands of the seed's allocation model: infants, preschool, school, upper secondary,
#: working age, young old, old (80+ drives elderly care).
AGE_BANDS: tuple[AgeBand, ...] = (
    AgeBand("0", 0, 0),
    AgeBand("1-5", 1, 5),
    AgeBand("6-15", 6, 15),
    AgeBand("16-18", 16, 18),
    AgeBand("19-64", 19, 64),
    AgeBand("65-79", 65, 79),
    AgeBand("80+", 80, OLDEST_AGE),
)
BAND_BY_CODE = {band.code: band for band in AGE_BANDS}


def band_of(age: int) -> AgeBand:
    for band in AGE_BANDS:
        if band.age_from <= age <= band.age_to:
            return band
    raise ValueError(f"no band holds the age {age}")


def whole_region[K](by_area: Mapping[str, Mapping[K, int]]) -> dict[K, int]:
    """The whole region's residents in one year, from that year's residents per area (each a
    mapping, per age say; area "" = the whole region). A series may hold the region's own rows
    ("") beside its areas' rows for the same year, and adding them up would count everyone twice:
    so the "" rows when the year has any, else the sum over the areas."""
    if "" in by_area:
        return dict(by_area[""])
    total: dict[K, int] = {}
    for counts in by_area.values():
        for key, n in counts.items():
            total[key] = total.get(key, 0) + n
    return total


def by_band(by_age: dict[int, int]) -> dict[str, int]:
    """Residents per band code (every band, 0 when none), from residents per age."""
    totals = {band.code: 0 for band in AGE_BANDS}
    for age, count in by_age.items():
        totals[band_of(age).code] += count
    return totals


# -- a municipality's own forecast ----------------------------------------------------------

#: Header names accepted for each column (lower case, trimmed).
HEADERS = {
    "year": ("år", "ar", "year"),
    "area": ("område", "omrade", "area"),
    "age": ("ålder", "alder", "age"),
    "count": ("antal", "count", "invånare", "befolkning"),
}
REQUIRED = ("year", "age", "count")
COLUMN_NAMES = {"year": "år", "area": "område", "age": "ålder", "count": "antal"}
#: Rows read below the header: ten years × twenty areas × 101 ages is about 20,000.
MAX_ROWS = 100_000
#: A value shown in a refusal is cut to this length.
SHOWN = 40

#: (year, area, age, count), as ``population_series_store`` takes it.
Cell = tuple[int, str, int, int]
#: The place of a value for a refusal: (row number, column index or None for the whole row).
Where = Callable[[int, int | None], str]


@dataclass(frozen=True)
class ReadForecast:
    cells: list[Cell]
    rows: int
    #: counts given with decimals (a forecast's), rounded to whole residents
    rounded: int


def _file_refusal(template: str, detail: dict[str, Any]) -> RuleViolation:
    return RuleViolation("POP-008", template, detail, field="file")


def _shown(value: object) -> str:
    text = str(value).strip()
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def header_columns(header: Sequence[Any], where: str) -> dict[str, int]:
    """Column index of year, area (if there) and age, count; POP-008 when one is missing or twice."""
    found: dict[str, int] = {}
    for index, value in enumerate(header):
        name = str(value or "").strip().lstrip("\ufeff").lower()
        for key, names in HEADERS.items():
            if name in names:
                if key in found:
                    raise _file_refusal(_("%(where)s: the column %(column)s is there twice."), {"where": where, "column": COLUMN_NAMES[key]})
                found[key] = index
    missing = [COLUMN_NAMES[key] for key in REQUIRED if key not in found]
    if missing:
        raise _file_refusal(
            _("%(where)s: the first row must name the columns år, ålder and antal (område may be added); %(missing)s is missing."),
            {"where": where, "missing": ", ".join(missing)},
        )
    return found


def _whole(value: Any) -> int | None:
    """An int, a float without decimals, or a text of digits (spaces allowed as thousands separators)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    return int(text) if text.lstrip("-").isdigit() else None


def _age(value: Any) -> int | None:
    text = str(value).strip().lower().removesuffix("år").strip()
    if text in {"100+", "100 +"}:
        return OLDEST_AGE
    age = _whole(text if not isinstance(value, int | float) else value)
    return age if age is not None and 0 <= age <= OLDEST_AGE else None


def _count(value: Any) -> tuple[int, bool] | None:
    """A number of residents ≥ 0, a forecast's decimals rounded half up; (count, rounded)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value, False) if value >= 0 else None
    text = repr(value) if isinstance(value, float) else str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0 or number > 10**9:
        return None
    whole = int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return whole, whole != number


def _row_cell(number: int, values: Sequence[Any], columns: dict[str, int], where: Where) -> tuple[Cell, bool]:
    """One row's cell and whether its count was rounded; POP-009 names the cell that fails."""

    def value(key: str) -> Any:
        index = columns.get(key)
        return values[index] if index is not None and index < len(values) else None

    def refuse(key: str, template: str) -> RuleViolation:
        raw = value(key)
        detail = {"where": where(number, columns.get(key)), "value": _shown(raw if raw is not None else "")}
        return RuleViolation("POP-009", template, detail, field="file", line=number)

    year = _whole(value("year")) if value("year") is not None else None
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise refuse("year", _("%(where)s: the year “%(value)s” is not a year from 2000 to 2100."))
    age = _age(value("age")) if value("age") is not None else None
    if age is None:
        raise refuse("age", _("%(where)s: the age “%(value)s” is not an age from 0 to 100 (or 100+)."))
    count = _count(value("count")) if value("count") is not None else None
    if count is None:
        raise refuse("count", _("%(where)s: the count “%(value)s” is not a number of residents (0 or more)."))
    area = str(value("area") or "").strip()
    if len(area) > NAME_LENGTH:
        raise refuse("area", _("%(where)s: the area “%(value)s” is longer than 200 characters."))
    return (year, area, age, count[0]), count[1]


def forecast_from_rows(rows: Iterable[tuple[int, Sequence[Any]]], *, where: Where) -> ReadForecast:
    """The cells of a forecast from its rows (row number, values), the first non-empty row the
    header. An empty row is skipped; every refusal names its row or cell."""
    columns: dict[str, int] | None = None
    cells: list[Cell] = []
    rounded = 0
    for number, values in rows:
        if all(str(v if v is not None else "").strip() == "" for v in values):
            continue
        if columns is None:
            columns = header_columns(values, where(number, None))
            continue
        if len(cells) >= MAX_ROWS:
            raise _file_refusal(_("The file has more than %(limit)s rows; split it into several series."), {"limit": MAX_ROWS})
        cell, was_rounded = _row_cell(number, values, columns, where)
        cells.append(cell)
        rounded += was_rounded
    if columns is None or not cells:
        raise _file_refusal(_("The file holds no population rows below a header row år, område, ålder, antal."), {})
    return ReadForecast(cells=cells, rows=len(cells), rounded=rounded)


# -- CSV ------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (as Excel saves "CSV" on Swedish Windows);
    POP-008 when it is neither."""
    if b"\x00" in data:
        raise _file_refusal(_("The file is neither a CSV file in UTF-8 or Windows-1252 nor an Excel file (.xlsx)."), {})
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise _file_refusal(_("The file is neither a CSV file in UTF-8 or Windows-1252 nor an Excel file (.xlsx)."), {}) from None


def csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """The rows of a CSV text with their line numbers, separated by ; or , (or a tab), whichever
    the header line uses (a Swedish Excel writes ;)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first.count(sep) for sep in (";", "\t", ",")}
    delimiter = max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for values in reader:
            rows.append((reader.line_num, values))
    except csv.Error as error:
        raise _file_refusal(_("Line %(line)s of the CSV file cannot be read: %(error)s."), {"line": reader.line_num, "error": str(error)}) from None
    return rows
