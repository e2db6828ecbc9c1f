"""Readers of Kolada's answers into the records of ``styr.domain.kolada`` (issue 13 §1).

One adapter for three shapes of the same data:

- API v3 answers ``{"count": n, "values": [...], "next_url": ...}`` (the client pages them);
- v2-shaped answers saved by others: the same ``values`` (or a bare JSON list, as pykolada saved
  them), where a group's members are ``{"member_id", "member_title"}`` rather than ``{"id", "title"}``;
- the CSVs the R package rKolada saves: the KPI catalogue (``get_kpi()``) and values
  (``get_values()``), one row per KPI, municipality, year and gender.

A shape that is none of these is KOLADA-003, naming the file (``source``) and the row when known.
Pure Python: no Django."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from styr.domain.errors import RuleViolation, _
from styr.domain.kolada import KpiRecord, MunicipalityGroupRecord, MunicipalityRecord, OrgUnitRecord, ValueRecord

GENDERS = frozenset({"T", "K", "M"})
KPIS, MUNICIPALITIES, GROUPS, ORG_UNITS, VALUES, KPI_GROUPS = "kpis", "municipalities", "groups", "org_units", "values", "kpi_groups"


NO_VALUES = _("Kolada's answer could not be read: it holds no list of values. Nothing was stored.")
MISSING = _("Kolada's answer could not be read: %(field)s is missing. Nothing was stored.")
NOT_TEXT = _("Kolada's answer could not be read: %(field)s is not text. Nothing was stored.")
NOT_DATE = _("Kolada's answer could not be read: %(value)s is not a date. Nothing was stored.")
NOT_NUMBER = _("Kolada's answer could not be read: %(value)s is not a number. Nothing was stored.")
NOT_YEAR = _("Kolada's answer could not be read: the period %(value)s is not a year. Nothing was stored.")
NOT_GENDER = _("Kolada's answer could not be read: the gender %(value)s is not T, K or M. Nothing was stored.")
NOT_SHAPED = _("Kolada's answer could not be read: %(field)s is not written as Kolada writes it. Nothing was stored.")
UNKNOWN = _("The answer is none this reader knows (KPIs, municipalities, groups, units or values). Nothing was stored.")
NO_COLUMNS = _("The CSV file lacks the columns %(columns)s. Nothing was stored.")
NOT_JSON = _("Kolada's answer is not JSON (%(error)s). Nothing was stored.")


def malformed(template: str, detail: Mapping[str, Any] | None = None, *, source: str | None = None, row: int | None = None) -> RuleViolation:
    """KOLADA-003: Kolada's answer (or a saved file) is not what Kolada answers."""
    violation = RuleViolation("KOLADA-003", template, detail or {})
    return violation.located(source, row) if source else violation


def answer_values(data: Any, *, source: str | None = None) -> list[Mapping[str, Any]]:
    """The ``values`` of an answer (a v3 or v2 object, or a bare list as pykolada saved them)."""
    values = data.get("values") if isinstance(data, Mapping) else data
    if not isinstance(values, list) or not all(isinstance(v, Mapping) for v in values):
        raise malformed(NO_VALUES, source=source)
    return values


def _text(item: Mapping[str, Any], name: str, *, required: bool = False, source: str | None = None, row: int | None = None) -> str:
    value = item.get(name)
    if value is None or value == "":
        if required:
            raise malformed(MISSING, {"field": name}, source=source, row=row)
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise malformed(NOT_TEXT, {"field": name}, source=source, row=row)
    return str(value).strip()


def _flag(value: Any) -> bool:
    """Kolada writes flags as true/false (v3), 0/1 (v2) or "True"/"False"/"" (rKolada's CSV)."""
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes"}
    return bool(value)


def _date(value: Any, *, source: str | None, row: int | None) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise malformed(NOT_DATE, {"value": str(value)[:40]}, source=source, row=row) from None


def kpi_record(item: Mapping[str, Any], *, source: str | None = None, row: int | None = None) -> KpiRecord:
    def text(name: str) -> str:
        return _text(item, name, source=source, row=row)

    return KpiRecord(
        id=_text(item, "id", required=True, source=source, row=row),
        title=_text(item, "title", required=True, source=source, row=row),
        description=text("description"),
        operating_area=text("operating_area"),
        municipality_type=text("municipality_type"),
        is_divided_by_gender=_flag(item.get("is_divided_by_gender")),
        has_ou_data=_flag(item.get("has_ou_data")),
        perspective=text("perspective"),
        auspices=text("auspices"),
        publication_date=_date(item.get("publication_date"), source=source, row=row),
        prel_publication_date=_date(item.get("prel_publication_date"), source=source, row=row),
        ou_publication_date=_date(item.get("ou_publication_date"), source=source, row=row),
        publ_period=text("publ_period"),
    )


def kpis(values: Iterable[Mapping[str, Any]], *, source: str | None = None) -> list[KpiRecord]:
    return [kpi_record(item, source=source, row=n) for n, item in enumerate(values, start=1)]


def municipalities(values: Iterable[Mapping[str, Any]], *, source: str | None = None) -> list[MunicipalityRecord]:
    return [
        MunicipalityRecord(
            id=_text(item, "id", required=True, source=source, row=n),
            title=_text(item, "title", required=True, source=source, row=n),
            type=_text(item, "type", source=source, row=n),
        )
        for n, item in enumerate(values, start=1)
    ]


def _member_id(member: Any, *, source: str | None, row: int) -> str:
    if not isinstance(member, Mapping):
        raise malformed(NOT_SHAPED, {"field": "members"}, source=source, row=row)
    return _text(member, "id" if "id" in member else "member_id", required=True, source=source, row=row)


def groups(values: Iterable[Mapping[str, Any]], *, source: str | None = None) -> list[MunicipalityGroupRecord]:
    """Municipality groups; members as v3 ``{"id", "title"}`` or v2 ``{"member_id", "member_title"}``."""
    found = []
    for n, item in enumerate(values, start=1):
        members = item.get("members") or []
        if not isinstance(members, list):
            raise malformed(NOT_SHAPED, {"field": "members"}, source=source, row=n)
        found.append(
            MunicipalityGroupRecord(
                id=_text(item, "id", required=True, source=source, row=n),
                title=_text(item, "title", required=True, source=source, row=n),
                members=tuple(_member_id(m, source=source, row=n) for m in members),
            )
        )
    return found


def org_units(values: Iterable[Mapping[str, Any]], *, source: str | None = None) -> list[OrgUnitRecord]:
    return [
        OrgUnitRecord(
            id=_text(item, "id", required=True, source=source, row=n),
            municipality=_text(item, "municipality", required=True, source=source, row=n),
            title=_text(item, "title", required=True, source=source, row=n),
        )
        for n, item in enumerate(values, start=1)
    ]


def _decimal(value: Any, *, source: str | None, row: int | None) -> Decimal | None:
    if value is None or value == "" or (isinstance(value, str) and value.strip().upper() in {"NA", "NAN"}):
        return None
    if isinstance(value, bool):
        raise malformed(NOT_NUMBER, {"value": str(value)}, source=source, row=row)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise malformed(NOT_NUMBER, {"value": str(value)[:40]}, source=source, row=row) from None
    if not number.is_finite():
        raise malformed(NOT_NUMBER, {"value": str(value)[:40]}, source=source, row=row)
    return number


def _count(value: Any, *, source: str | None, row: int | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        raise malformed(NOT_NUMBER, {"value": str(value)[:40]}, source=source, row=row) from None


def _year(value: Any, *, source: str | None, row: int | None) -> int:
    try:
        year = int(str(value).strip())
    except ValueError:
        raise malformed(NOT_YEAR, {"value": str(value)[:40]}, source=source, row=row) from None
    if not 1900 <= year <= 2200:
        raise malformed(NOT_YEAR, {"value": str(value)[:40]}, source=source, row=row)
    return year


def _gender(value: Any, *, source: str | None, row: int | None) -> str:
    gender = str(value or "T").strip().upper()
    if gender not in GENDERS:
        raise malformed(NOT_GENDER, {"value": str(value)[:40]}, source=source, row=row)
    return gender


def values(items: Iterable[Mapping[str, Any]], *, source: str | None = None) -> list[ValueRecord]:
    """Values of ``/data/kpi/...`` (municipalities) or ``/oudata/...`` (units, key ``ou``): one item
    per KPI, municipality and year, with a value per gender."""
    found = []
    for n, item in enumerate(items, start=1):
        is_ou = "ou" in item and "municipality" not in item
        where = _text(item, "ou" if is_ou else "municipality", required=True, source=source, row=n)
        kpi = _text(item, "kpi", required=True, source=source, row=n)
        year = _year(item.get("period"), source=source, row=n)
        split = item.get("values")
        if not isinstance(split, list):
            raise malformed(NOT_SHAPED, {"field": "values"}, source=source, row=n)
        for one in split:
            if not isinstance(one, Mapping):
                raise malformed(NOT_SHAPED, {"field": "values"}, source=source, row=n)
            found.append(
                ValueRecord(
                    kpi=kpi,
                    municipality=where,
                    year=year,
                    gender=_gender(one.get("gender"), source=source, row=n),
                    value=_decimal(one.get("value"), source=source, row=n),
                    count=_count(one.get("count"), source=source, row=n),
                    status=_text(one, "status", source=source, row=n),
                    is_ou=is_ou,
                )
            )
    return found


def kind_of(items: Sequence[Mapping[str, Any]]) -> str | None:
    """What a saved list holds, from its first item's keys (None: empty, nothing to tell)."""
    if not items:
        return None
    first = items[0]
    if "kpi" in first and "period" in first:
        return VALUES
    if "operating_area" in first or "is_divided_by_gender" in first or "municipality_type" in first:
        return KPIS
    if "members" in first:
        member_ids = [str(m.get("id", m.get("member_id", ""))) for m in first.get("members") or [] if isinstance(m, Mapping)]
        # municipality ids are four digits; KPI groups list KPIs (N00945, U28112)
        return GROUPS if all(m.isdigit() for m in member_ids) else KPI_GROUPS
    if "municipality" in first and "title" in first:
        return ORG_UNITS
    if "type" in first and "title" in first:
        return MUNICIPALITIES
    return None


@dataclass
class Saved:
    """What a directory of saved answers held, by kind."""

    kpis: list[KpiRecord] = field(default_factory=list)
    municipalities: list[MunicipalityRecord] = field(default_factory=list)
    groups: list[MunicipalityGroupRecord] = field(default_factory=list)
    org_units: list[OrgUnitRecord] = field(default_factory=list)
    values: list[ValueRecord] = field(default_factory=list)

    def add(self, data: Any, *, source: str) -> str | None:
        """Reads one saved answer into the records; returns its kind (None: nothing in it)."""
        items = answer_values(data, source=source)
        kind = kind_of(items)
        if kind is None and items:
            raise malformed(UNKNOWN, source=source)
        if kind == KPIS:
            self.kpis.extend(kpis(items, source=source))
        elif kind == MUNICIPALITIES:
            self.municipalities.extend(municipalities(items, source=source))
        elif kind == GROUPS:
            self.groups.extend(groups(items, source=source))
        elif kind == ORG_UNITS:
            self.org_units.extend(org_units(items, source=source))
        elif kind == VALUES:
            self.values.extend(values(items, source=source))
        return kind


# rKolada's CSVs --------------------------------------------------------------------------------

KPI_CSV_COLUMNS = frozenset({"id", "title", "description", "operating_area", "municipality_type", "is_divided_by_gender"})
VALUE_CSV_COLUMNS = frozenset({"kpi", "municipality_id", "year", "gender", "value"})


def _csv_rows(text: str, needed: frozenset[str], *, source: str | None) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = needed - set(reader.fieldnames or ())
    if missing:
        raise malformed(NO_COLUMNS, {"columns": ", ".join(sorted(missing))}, source=source, row=1)
    yield from enumerate(reader, start=2)


def kpis_from_csv(text: str, *, source: str | None = None) -> list[KpiRecord]:
    """rKolada's ``get_kpi()`` saved as CSV (rkolada_kpi_df.csv): one KPI per row."""
    return [kpi_record(row, source=source, row=n) for n, row in _csv_rows(text, KPI_CSV_COLUMNS, source=source)]


def values_from_csv(text: str, *, source: str | None = None) -> list[ValueRecord]:
    """rKolada's ``get_values()`` saved as CSV: one row per KPI, municipality, year and gender."""
    found = []
    for n, row in _csv_rows(text, VALUE_CSV_COLUMNS, source=source):
        found.append(
            ValueRecord(
                kpi=_text(row, "kpi", required=True, source=source, row=n),
                municipality=_text(row, "municipality_id", required=True, source=source, row=n),
                year=_year(row.get("year"), source=source, row=n),
                gender=_gender(row.get("gender"), source=source, row=n),
                value=_decimal(row.get("value"), source=source, row=n),
                count=_count(row.get("count"), source=source, row=n),
                status=_text(row, "status", source=source, row=n),
            )
        )
    return found
