"""National requirements on systematic quality work, and a quality report in their structure (seed §5.B).

"I de verksamheter som staten styr hur det systematiska kvalitetsarbetet ska bedrivas (främst inom
vård- och omsorg samt skola) ska det integreras med att säkerställa kvalitén i grunduppdraget." A
quality factor names the national requirement it answers (QUAL-001: one of the reference data's,
``styr/planning/data/national_quality.yaml``); a unit's quality report can then be drawn up in the
requirement's structure — its sections in its order, each filled from what the report already
holds: the factors, their indicators' values, the core mission's risks, the analysis, the
activities. Nothing is entered twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from styr.domain.errors import RuleViolation, _

#: What a section of a requirement can be filled from, in a report's content.
FILLS = ("factors", "indicators", "risks", "analysis", "activities")


@dataclass(frozen=True)
class RequirementSection:
    key: str
    title: str
    reference: str
    fills_from: str


@dataclass(frozen=True)
class NationalRequirement:
    key: str
    title: str
    short_title: str
    issued_by: str
    applies_to: str
    summary: str
    sections: tuple[RequirementSection, ...]


def _text(data: Mapping[str, Any], name: str, where: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: {name} must be a text")
    return value.strip()


def parse_requirements(data: Mapping[str, Any]) -> tuple[NationalRequirement, ...]:
    """The reference data's requirements, checked: keys once each, every section filled from a known part."""
    found: list[NationalRequirement] = []
    for index, item in enumerate(data.get("requirements") or []):
        where = f"requirements[{index}]"
        sections = []
        for s_index, s in enumerate(item.get("sections") or []):
            s_where = f"{where}.sections[{s_index}]"
            fills = _text(s, "fills_from", s_where)
            if fills not in FILLS:
                raise ValueError(f"{s_where}: fills_from {fills!r} is not one of {', '.join(FILLS)}")
            sections.append(RequirementSection(_text(s, "key", s_where), _text(s, "title", s_where), _text(s, "reference", s_where), fills))
        if not sections:
            raise ValueError(f"{where}: a requirement has sections")
        found.append(
            NationalRequirement(
                key=_text(item, "key", where),
                title=_text(item, "title", where),
                short_title=_text(item, "short_title", where),
                issued_by=_text(item, "issued_by", where),
                applies_to=_text(item, "applies_to", where),
                summary=_text(item, "summary", where),
                sections=tuple(sections),
            )
        )
    keys = [r.key for r in found]
    if len(set(keys)) != len(keys):
        raise ValueError("requirements: a key is given twice")
    return tuple(found)


def check_requirement(key: str, known: Iterable[str], *, field: str = "national_requirement") -> str:
    """QUAL-001: a quality factor names a national requirement of the reference data, or none ("")."""
    keys = tuple(known)
    if key and key not in keys:
        raise RuleViolation(
            "QUAL-001",
            _("Unknown national requirement “%(key)s” (known: %(known)s)."),
            {"key": key, "known": ", ".join(keys)},
            field=field,
        )
    return key


def structured_report(
    requirement: NationalRequirement,
    *,
    factors: Iterable[Mapping[str, Any]],
    risks: Iterable[Mapping[str, Any]],
    analysis: str,
    activities: Iterable[Mapping[str, Any]],
) -> dict[str, Any]:
    """The report in the requirement's structure: its sections in its order, each filled from the
    factors that answer the requirement (those naming its key), their indicators, the risks, the
    analysis or the activities. Plain data, kept in the adopted snapshot like the rest."""
    own = [f for f in factors if f.get("national_requirement") == requirement.key]
    parts: dict[str, Any] = {
        "factors": [{"title": f["title"], "text": f.get("description", "")} for f in own],
        "indicators": [{"factor": f["title"], **i} for f in own for i in f.get("indicators", [])],
        "risks": list(risks),
        "analysis": analysis,
        "activities": list(activities),
    }
    return {
        "key": requirement.key,
        "title": requirement.title,
        "short_title": requirement.short_title,
        "issued_by": requirement.issued_by,
        "summary": requirement.summary,
        "sections": [
            {"key": s.key, "title": s.title, "reference": s.reference, "fills_from": s.fills_from, "content": parts[s.fills_from]} for s in requirement.sections
        ],
    }
