"""Kolada's records as plain data (issue 13 §1), read from API v3 answers, from v2-shaped saved
answers and from the CSVs the R package rKolada saves (the readers live beside these records),
and the hash of a KPI's metadata that tells a changed definition (KOLADA-004)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from styr.domain.errors import RuleViolation, _

#: The metadata whose change changes what a KPI means; a new publication date does not.
DEFINITION_FIELDS = ("title", "description", "operating_area", "municipality_type", "is_divided_by_gender")


@dataclass(frozen=True)
class KpiRecord:
    id: str
    title: str
    description: str = ""
    operating_area: str = ""
    municipality_type: str = ""
    is_divided_by_gender: bool = False
    has_ou_data: bool = False
    perspective: str = ""
    auspices: str = ""
    publication_date: date | None = None
    prel_publication_date: date | None = None
    ou_publication_date: date | None = None
    publ_period: str = ""

    def metadata_hash(self) -> str:
        """SHA-256 of the defining fields, stable across runs and field order (KOLADA-004)."""
        data = {name: asdict(self)[name] for name in DEFINITION_FIELDS}
        return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class MunicipalityRecord:
    id: str
    title: str
    type: str = ""


@dataclass(frozen=True)
class MunicipalityGroupRecord:
    id: str
    title: str
    members: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class OrgUnitRecord:
    id: str
    municipality: str
    title: str


@dataclass(frozen=True)
class ValueRecord:
    """One value: a KPI for a municipality (or organisational unit) in a year and a gender."""

    kpi: str
    municipality: str
    year: int
    gender: str = "T"
    value: Decimal | None = None
    count: int | None = None
    status: str = ""
    is_ou: bool = False


# The municipality's own choices (KOLADA-006) --------------------------------------------------

#: The first year Kolada keeps values for in any number (older years are sparse).
OLDEST_YEAR = 1990
MAX_COMPARISON_MUNICIPALITIES = 50


def _is_municipality_id(value: str) -> bool:
    return len(value) == 4 and value.isascii() and value.isdigit()


def check_settings(*, municipality: str, comparison_municipalities: list[str], first_year: int, this_year: int) -> None:
    """KOLADA-006: the own municipality and the chosen ones are Kolada's four-digit ids (0764
    Alvesta), at most 50 chosen, and the first year lies between 1990 and this year."""
    if not _is_municipality_id(municipality):
        raise RuleViolation(
            "KOLADA-006", _("%(id)s is not a municipality's id in Kolada: four digits, as 0764 for Alvesta."), {"id": municipality}, field="municipality"
        )
    for chosen in comparison_municipalities:
        if not _is_municipality_id(chosen):
            raise RuleViolation(
                "KOLADA-006",
                _("%(id)s is not a municipality's id in Kolada: four digits, as 0764 for Alvesta."),
                {"id": chosen},
                field="comparison_municipalities",
            )
    if len(comparison_municipalities) > MAX_COMPARISON_MUNICIPALITIES:
        raise RuleViolation(
            "KOLADA-006",
            _("Choose at most %(most)s municipalities to compare with."),
            {"most": MAX_COMPARISON_MUNICIPALITIES},
            field="comparison_municipalities",
        )
    if not OLDEST_YEAR <= first_year <= this_year:
        raise RuleViolation(
            "KOLADA-006", _("The first year lies between %(oldest)s and %(this_year)s."), {"oldest": OLDEST_YEAR, "this_year": this_year}, field="first_year"
        )


# KOLADA-004: which indicators are bound, and which need a person's review ---------------------

#: a quality indicator takes its values from Kolada only with this source (binding sets it)
KOLADA_SOURCE = "kolada"


def is_bound(kolada_kpi: str, source: str | None = None) -> bool:
    """KOLADA-004's one definition of "bound": a goal indicator (``source`` None) with a KPI; a
    quality indicator with a KPI *and* the source "kolada" (binding sets both; a KPI id typed on
    a quality indicator whose values are entered by hand does not bind it)."""
    return bool(kolada_kpi) and (source is None or source == KOLADA_SOURCE)


def needs_review(current_hash: str | None, reviewed_hash: str) -> bool:
    """KOLADA-004: a bound indicator needs a person's review when the KPI's current definition
    is not the one reviewed. An empty reviewed hash means never reviewed (bound before binding
    recorded a hash), so it needs review once. A KPI missing from the catalogue, or without a
    hash, has no definition to compare with: nothing to review."""
    if not current_hash:
        return False
    return reviewed_hash != current_hash
