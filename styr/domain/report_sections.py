"""What a report must contain (seed §6.5): the catalogue of report sections, KS's minimum per
report kind, a body's own additions, and the rule that a report is not submitted while a
required section is empty.

"Uppföljning görs genom månadsrapporter där nämnderna/styrelsen fattar beslut om rapporternas
innehåll och frekvens. Utifrån sin uppsiktsplikt anger kommunstyrelsen en miniminivå gällande
frekvens och innehåll." Frequency is CAL-001; content is this module.

Internal control is not in the catalogue: it is not something a report's writer fills in. A body
that keeps an internal control plan gets its internal control in its annual report by itself
(``documents/control_sections.internal_control_section``: the adopted report's snapshot, else the
year as it stands), and only there; a company's reports carry its answers to the owner
directives the same way (``documents/company_sections.py``). Were KS to *require* an adopted
internal control report before an annual report is submitted, that would be a key here with
its own ``filled_when``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from styr.domain.errors import RuleViolation, _

GOALS = "goals"
QUALITY = "quality"
ECONOMY = "economy"
ASSIGNMENTS = "assignments"
ANALYSIS = "analysis"


@dataclass(frozen=True)
class Section:
    """One section a report can be required to contain; ``label`` and ``filled_when`` are
    English, marked for translation (the web layer shows them in Swedish)."""

    key: str
    label: str
    filled_when: str


#: The catalogue, in the order a report presents its sections.
SECTIONS: tuple[Section, ...] = (
    Section(GOALS, _("Goal status"), _("every development goal of the unit has a status for the period")),
    Section(QUALITY, _("Quality indicators"), _("every quality indicator of the unit has a value within the period")),
    Section(ECONOMY, _("Economy with forecast"), _("the report gives a full-year forecast")),
    Section(ASSIGNMENTS, _("Special assignments"), _("every special assignment the unit has received for the year has a status for the period")),
    Section(ANALYSIS, _("Analysis"), _("the report's analysis is written")),
)
SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)
_BY_KEY = {s.key: s for s in SECTIONS}


def section(key: str) -> Section:
    return _BY_KEY[key]


def check_section_keys(keys: Iterable[Any], *, field: str = "sections") -> tuple[str, ...]:
    """FU-015: every section is one of the catalogue's. Returns them once each, in the catalogue's order."""
    given = list(keys)
    unknown = [str(k) for k in given if not isinstance(k, str) or k not in _BY_KEY]
    if unknown:
        raise RuleViolation(
            "FU-015",
            _("Unknown report section “%(section)s” (known: %(known)s)."),
            {"section": ", ".join(unknown), "known": ", ".join(SECTION_KEYS)},
            field=field,
        )
    return tuple(k for k in SECTION_KEYS if k in given)


def check_report_kind(kind: Any, kinds: Iterable[str], *, field: str = "kind") -> str:
    """FU-015: sections are required of a report kind the årshjul knows."""
    known = tuple(kinds)
    if not isinstance(kind, str) or kind not in known:
        raise RuleViolation(
            "FU-015",
            _("Unknown report kind “%(kind)s” (known: %(known)s)."),
            {"kind": str(kind), "known": ", ".join(known)},
            field=field,
        )
    return kind


def check_keeps_minimum(chosen: Iterable[str], minimum: Iterable[str], *, label: Callable[[str], str] = lambda key: key) -> None:
    """FU-014: a body adds sections of its own to KS's minimum but leaves none of KS's out."""
    left_out = [key for key in SECTION_KEYS if key in set(minimum) - set(chosen)]
    if left_out:
        raise RuleViolation(
            "FU-014",
            _("A committee may add sections to its reports but not leave out those KS requires; left out: %(sections)s."),
            {"sections": ", ".join(label(k) for k in left_out), "keys": ", ".join(left_out)},
            field="sections",
        )


def required_sections(minimum: Iterable[str], own: Iterable[str] = ()) -> tuple[str, ...]:
    """KS's minimum together with the body's own sections, in the catalogue's order."""
    wanted = set(minimum) | set(own)
    return tuple(k for k in SECTION_KEYS if k in wanted)


def missing_sections(required: Iterable[str], filled: Mapping[str, bool]) -> tuple[str, ...]:
    wanted = set(required)
    return tuple(k for k in SECTION_KEYS if k in wanted and not filled.get(k, False))


def check_sections_filled(required: Iterable[str], filled: Mapping[str, bool], *, label: Callable[[str], str] = lambda key: key) -> None:
    """FU-013: a report is submitted only when every required section is filled; the refusal
    names the empty ones."""
    missing = missing_sections(required, filled)
    if missing:
        raise RuleViolation(
            "FU-013",
            _("The report cannot be submitted while a required section is empty: %(sections)s."),
            {"sections": ", ".join(label(k) for k in missing), "keys": ", ".join(missing)},
            field="sections",
        )


# report sections (issue 9 §4): the preset's ``reporting.report_sections``, KS's default minimum per report kind
def parse_report_sections(data: Any, kinds: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``{report kind: [section, …]}`` from a preset, every kind and section checked (FU-015);
    a kind left out requires no section."""
    if not isinstance(data, Mapping):
        raise RuleViolation(
            "PRESET-002",
            _("The field “%(field)s” in %(section)s has the wrong type."),
            {"field": "report_sections", "section": "reporting"},
            field="report_sections",
        )
    known = tuple(kinds)
    result: dict[str, tuple[str, ...]] = {}
    for kind, keys in data.items():
        check_report_kind(kind, known, field="report_sections")
        if not isinstance(keys, list):
            raise RuleViolation(
                "PRESET-002",
                _("The field “%(field)s” in %(section)s has the wrong type."),
                {"field": str(kind), "section": "report_sections"},
                field="report_sections",
            )
        result[kind] = check_section_keys(keys, field="report_sections")
    return result
