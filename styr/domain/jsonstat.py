"""SCB's population table read into cells (issue 10 §1): a JSON-stat 2 dataset (PxWebApi 2) or a
v1 response in the format "json" becomes (region, year, age, count), summed over every other
dimension (sex, civil status). Pure: the client in ``styr/integrations/scb.py`` fetches, this reads.

The table is TAB638 (v1: BE/BE0101/BE0101A/BefolkningNy): Region, Civilstand, Alder, Kon,
ContentsCode and Tid. A dimension SCB eliminated (Region, when the whole country was asked for)
is absent; the caller's region stands in for it. Age "100+" is 100; the total "tot" is left out,
since the single ages are the population. Refusals: POP-005 for an answer that is not JSON-stat 2
(or v1 "json"), POP-006 for a table without a year, an age or the contents Folkmängd."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from styr.domain.errors import RuleViolation, _

WHOLE_COUNTRY = "00"
#: Folkmängd (number of residents on 31 December); BE0101N2 is Folkökning.
POPULATION = "BE0101N1"
REGION = "Region"
AGE = "Alder"
TIME = "Tid"
CONTENTS = "ContentsCode"
OLDEST = "100+"
TOTAL = "tot"
#: v1: "..", "." and "-" stand for a value SCB does not give.
MISSING = frozenset({"..", ".", "-", ""})


@dataclass(frozen=True)
class PopulationCell:
    region: str
    year: int
    age: int
    count: int


@dataclass(frozen=True)
class Observation:
    """One value of the table with the category code of each dimension it has."""

    codes: Mapping[str, str]
    value: Any


@dataclass(frozen=True)
class Table:
    """A response read into its dimensions and observations, whatever its version."""

    dimensions: tuple[str, ...]
    observations: tuple[Observation, ...]
    time: str = TIME


def _not_readable(version: str, reason: str) -> RuleViolation:
    return RuleViolation(
        "POP-005",
        _("SCB's answer could not be read as %(version)s: %(reason)s."),
        {"version": version, "reason": reason},
        field="region",
    )


def _category_codes(dimension_id: str, dimension: Any, size: int) -> list[str]:
    """The dimension's codes in index order (JSON-stat 2 allows an object, an array, or, for a
    dimension of one category, only its label)."""
    category = dimension.get("category") if isinstance(dimension, Mapping) else None
    if not isinstance(category, Mapping):
        raise _not_readable("JSON-stat 2", f"dimension {dimension_id} has no category")
    index = category.get("index")
    if isinstance(index, Mapping):
        codes: list[str | None] = [None] * size
        for code, position in index.items():
            if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position < size:
                raise _not_readable("JSON-stat 2", f"dimension {dimension_id} has a category outside its size")
            codes[position] = str(code)
        if any(code is None for code in codes):
            raise _not_readable("JSON-stat 2", f"dimension {dimension_id} does not index every category")
        return [str(code) for code in codes]
    if isinstance(index, list):
        found = [str(code) for code in index]
    elif index is None and isinstance(category.get("label"), Mapping):
        found = [str(code) for code in category["label"]]
    else:
        raise _not_readable("JSON-stat 2", f"dimension {dimension_id} has no category index")
    if len(found) != size:
        raise _not_readable("JSON-stat 2", f"dimension {dimension_id} has {len(found)} categories but size {size}")
    return found


def read_jsonstat2(data: Any) -> Table:
    """A JSON-stat 2 dataset as a table (``value`` as an array, or an object of index → value)."""
    if not isinstance(data, Mapping) or data.get("class") != "dataset":
        raise _not_readable("JSON-stat 2", 'not a dataset (class "dataset")')
    if not str(data.get("version", "")).startswith("2"):
        raise _not_readable("JSON-stat 2", "not version 2")
    ids, sizes, dimensions = data.get("id"), data.get("size"), data.get("dimension")
    if not isinstance(ids, list) or not isinstance(sizes, list) or not isinstance(dimensions, Mapping) or len(ids) != len(sizes):
        raise _not_readable("JSON-stat 2", "id, size and dimension do not match")
    if not all(isinstance(size, int) and not isinstance(size, bool) and size >= 0 for size in sizes):
        raise _not_readable("JSON-stat 2", "a size is not a whole number")
    codes = [_category_codes(str(dim), dimensions.get(dim), size) for dim, size in zip(ids, sizes, strict=True)]
    total = math.prod(sizes)
    values = data.get("value")
    if isinstance(values, list):
        if len(values) != total:
            raise _not_readable("JSON-stat 2", f"{len(values)} values for {total} cells")
        present: Iterator[tuple[int, Any]] = iter(enumerate(values))
    elif isinstance(values, Mapping):
        try:
            pairs = sorted((int(k), v) for k, v in values.items())
        except ValueError:
            raise _not_readable("JSON-stat 2", "a value's index is not a number") from None
        if any(not 0 <= k < total for k, _v in pairs):
            raise _not_readable("JSON-stat 2", "a value's index lies outside the cube")
        present = iter(pairs)
    else:
        raise _not_readable("JSON-stat 2", "no values")
    strides = [math.prod(sizes[i + 1 :]) for i in range(len(sizes))]
    observations = []
    for flat, value in present:
        cell = {str(dim): codes[i][(flat // strides[i]) % sizes[i]] for i, dim in enumerate(ids)}
        observations.append(Observation(cell, value))
    role = data.get("role")
    times = role.get("time") if isinstance(role, Mapping) else None
    time = TIME if TIME in ids or not isinstance(times, list) or not times else str(times[0])
    return Table(tuple(str(d) for d in ids), tuple(observations), time)


def read_v1(data: Any) -> Table:
    """A v1 response in the format "json": ``columns`` (type d, t or c) and ``data`` rows of
    ``key`` (one code per d and t column) and ``values`` (one per c column, as text). Each
    contents column becomes the ContentsCode of its values."""
    if not isinstance(data, Mapping) or not isinstance(data.get("columns"), list) or not isinstance(data.get("data"), list):
        raise _not_readable("PxWebApi v1 json", "no columns and data")
    keys: list[str] = []
    contents: list[str] = []
    time = TIME
    for column in data["columns"]:
        if not isinstance(column, Mapping) or not isinstance(column.get("code"), str):
            raise _not_readable("PxWebApi v1 json", "a column without a code")
        kind = column.get("type")
        if kind == "c":
            contents.append(column["code"])
        elif kind in {"d", "t"}:
            keys.append(column["code"])
            if kind == "t":
                time = column["code"]
        else:
            raise _not_readable("PxWebApi v1 json", f"column {column['code']} has an unknown type")
    observations = []
    for row in data["data"]:
        key, values = (row.get("key"), row.get("values")) if isinstance(row, Mapping) else (None, None)
        if not isinstance(key, list) or not isinstance(values, list) or len(key) != len(keys) or len(values) != len(contents):
            raise _not_readable("PxWebApi v1 json", "a row does not match the columns")
        codes = dict(zip(keys, (str(k) for k in key), strict=True))
        observations += [Observation({**codes, CONTENTS: content}, value) for content, value in zip(contents, values, strict=True)]
    return Table((*keys, CONTENTS), tuple(observations), time)


def _count(value: Any, codes: Mapping[str, str]) -> int | None:
    """A value as a whole number of residents; None for a value SCB does not give."""
    if value is None or (isinstance(value, str) and value.strip() in MISSING):
        return None
    if isinstance(value, bool):
        raise _not_readable("a number of residents", f"{value!r} at {dict(codes)}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise _not_readable("a number of residents", f"{value!r} at {dict(codes)}")


def _age(code: str) -> int | None:
    """``"0"`` … ``"99"`` and ``"100+"`` (100); None for the total ``"tot"``."""
    if code == TOTAL:
        return None
    if code == OLDEST:
        return 100
    if code.isdigit():
        return int(code)
    raise RuleViolation("POP-006", _("SCB's table has the age %(age)s, which is not a year of age."), {"age": code}, field="region")


def _year(code: str) -> int:
    if len(code) == 4 and code.isdigit():
        return int(code)
    raise RuleViolation("POP-006", _("SCB's table has the period %(period)s, which is not a year."), {"period": code}, field="years")


def population_cells(table: Table, *, region: str = WHOLE_COUNTRY) -> list[PopulationCell]:
    """Residents per region, year and age, summed over the table's other dimensions; ``region``
    stands for an eliminated Region dimension. POP-006 when the table has no year, no age or no
    Folkmängd (BE0101N1); a value missing in SCB's answer is left out."""
    missing = [name for name in (table.time, AGE) if name not in table.dimensions]
    if missing:
        raise RuleViolation(
            "POP-006",
            _("SCB's table lacks the dimensions %(missing)s that a population by age and year needs."),
            {"missing": ", ".join(missing)},
            field="region",
        )
    summed: dict[tuple[str, int, int], int] = {}
    seen_contents = False
    for observation in table.observations:
        codes = observation.codes
        if CONTENTS in codes and codes[CONTENTS] != POPULATION:
            continue
        seen_contents = True
        age = _age(codes[AGE])
        count = _count(observation.value, codes)
        if age is None or count is None:
            continue
        key = (codes.get(REGION, region), _year(codes[table.time]), age)
        summed[key] = summed.get(key, 0) + count
    if table.observations and not seen_contents:
        raise RuleViolation(
            "POP-006",
            _("SCB's table holds no Folkmängd (%(contents)s)."),
            {"contents": POPULATION},
            field="region",
        )
    return [PopulationCell(r, y, a, c) for (r, y, a), c in sorted(summed.items())]


def totals_by(table: Table, *dimensions: str, contents: str = POPULATION) -> dict[tuple[str, ...], int]:
    """The table's ``contents`` values summed by the codes of ``dimensions`` (a total age "tot"
    left out when single ages are there too), for a table of any shape, e.g. Folkmängd by civil
    status and year. POP-006 when a dimension is not in the table."""
    absent = [name for name in dimensions if name not in table.dimensions]
    if absent:
        raise RuleViolation(
            "POP-006",
            _("SCB's table lacks the dimensions %(missing)s that a population by age and year needs."),
            {"missing": ", ".join(absent)},
            field="region",
        )
    single_ages = any(o.codes.get(AGE, TOTAL) != TOTAL for o in table.observations)
    summed: dict[tuple[str, ...], int] = {}
    for observation in table.observations:
        codes = observation.codes
        if codes.get(CONTENTS, contents) != contents or (single_ages and codes.get(AGE) == TOTAL):
            continue
        count = _count(observation.value, codes)
        if count is not None:
            key = tuple(codes[name] for name in dimensions)
            summed[key] = summed.get(key, 0) + count
    return summed


def population_from_jsonstat2(data: Any, *, region: str = WHOLE_COUNTRY) -> list[PopulationCell]:
    return population_cells(read_jsonstat2(data), region=region)


def population_from_v1(data: Any, *, region: str = WHOLE_COUNTRY) -> list[PopulationCell]:
    return population_cells(read_v1(data), region=region)


def residents(cells: Sequence[PopulationCell], *, year: int | None = None) -> int:
    """The sum of the cells (of one year)."""
    return sum(c.count for c in cells if year is None or c.year == year)
