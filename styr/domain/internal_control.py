"""Internal control (seed §7 "Internkontroll"): the risk matrix's words and colours, the value from
which a risk must be treated, and the rules on scoring and choosing risks.

"Nämnder och bolagsstyrelser ska varje år anta en särskild plan för uppföljning av den interna
kontrollen." The plan is built from the risks a committee or board has scored on the model's risk
matrix (likelihood × consequence); the preset says the words of each step, the colour of each band
of risk values, and from which value a risk must be treated (``internal_control:`` in the preset).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind

#: The bodies that adopt an internal control plan and report on it each year: "Nämnder och
#: bolagsstyrelser" (seed §7), KS among the committees. A unit below may keep risks of its own.
PLAN_BODY_KINDS = frozenset({LevelKind.EXECUTIVE_BOARD, LevelKind.COMMITTEE, LevelKind.PARENT_COMPANY, LevelKind.COMPANY, LevelKind.JOINT_AUTHORITY})

#: Of those, the companies (KS's common controls apply to "every company" or "every committee"); a
#: joint authority (kommunalförbund) keeps a plan and reports like a company.
COMPANY_KINDS = frozenset({LevelKind.PARENT_COMPANY, LevelKind.COMPANY, LevelKind.JOINT_AUTHORITY})

#: The four aims of internal control (seed §7), in the seed's order.
AIMS: tuple[str, ...] = ("effective", "financial_reporting", "compliance", "risks")


@dataclass(frozen=True)
class RiskBand:
    """Risk values from ``lowest`` (inclusive) up to the next band's: a colour and a word."""

    lowest: int
    colour: str
    label_sv: str
    label_en: str


#: Used when a preset names no bands: green, yellow and red on a 4 × 4 matrix (SKR's usual split).
DEFAULT_BANDS: tuple[RiskBand, ...] = (
    RiskBand(1, "#1e7b34", "Låg", "Low"),
    RiskBand(4, "#b58105", "Medel", "Medium"),
    RiskBand(9, "#b02a37", "Hög", "High"),
)


@dataclass(frozen=True)
class InternalControlSettings:
    """``internal_control:`` in the preset."""

    #: the words of the likelihood steps, lowest first (empty: the steps are shown as numbers)
    likelihood_labels: tuple[str, ...] = ()
    #: the words of the consequence steps, lowest first
    consequence_labels: tuple[str, ...] = ()
    #: a risk with this value or more must be treated in the plan (IC-002)
    treat_from: int = 9
    bands: tuple[RiskBand, ...] = field(default=DEFAULT_BANDS)

    def band(self, value: int) -> RiskBand:
        """The band a risk value falls in (the highest band whose lowest value it reaches)."""
        chosen = self.bands[0]
        for band in self.bands:
            if value >= band.lowest:
                chosen = band
        return chosen

    def must_treat(self, value: int) -> bool:
        return value >= self.treat_from

    def likelihood_label(self, step: int) -> str:
        return _step_label(self.likelihood_labels, step)

    def consequence_label(self, step: int) -> str:
        return _step_label(self.consequence_labels, step)


def _step_label(labels: Sequence[str], step: int) -> str:
    return f"{step} {labels[step - 1]}" if 1 <= step <= len(labels) else str(step)


def risk_value(likelihood: int, consequence: int) -> int:
    """Riskvärde: likelihood × consequence."""
    return likelihood * consequence


def check_score(likelihood: int, consequence: int, *, likelihood_steps: int, consequence_steps: int) -> None:
    """IC-001: a risk is scored on the steps of the model's risk matrix."""
    if not (1 <= likelihood <= likelihood_steps and 1 <= consequence <= consequence_steps):
        raise RuleViolation(
            "IC-001",
            _("Likelihood must be 1–%(likelihood_steps)s and consequence 1–%(consequence_steps)s on the risk matrix."),
            {"likelihood": likelihood, "consequence": consequence, "likelihood_steps": likelihood_steps, "consequence_steps": consequence_steps},
            field="likelihood" if not 1 <= likelihood <= likelihood_steps else "consequence",
        )


def check_choice(*, value: int, chosen: bool, reason: str, settings: InternalControlSettings) -> None:
    """IC-002: a risk below the preset's threshold may be chosen for the plan only with a reason."""
    if chosen and not settings.must_treat(value) and not reason.strip():
        raise RuleViolation(
            "IC-002",
            _("The risk value %(value)s is below %(treat_from)s, from which risks must be treated: give the reason it is chosen for the plan."),
            {"value": value, "treat_from": settings.treat_from},
            field="reason",
        )


def check_aims(aims: Sequence[str]) -> None:
    """IC-003: a risk threatens one or more of the four aims of internal control (seed §7)."""
    unknown = [a for a in aims if a not in AIMS]
    if not aims or unknown:
        raise RuleViolation(
            "IC-003",
            _("Choose which of the four aims of internal control the risk threatens."),
            {"aims": list(aims), "allowed": list(AIMS)},
            field="aims",
        )


def check_plan_body(kind: str) -> None:
    """IC-004: an internal control plan (and its report) belongs to a committee, KS or a company
    board: "Nämnder och bolagsstyrelser ska varje år anta en särskild plan" (seed §7)."""
    if kind not in {k.value for k in PLAN_BODY_KINDS}:
        raise RuleViolation(
            "IC-004",
            _("An internal control plan is adopted by a committee, the executive board or a company board, not by this level."),
            {"kind": kind},
            field="org_unit",
        )


#: A band's colour: "#rrggbb" (the matrix picks black or white text against it for contrast).
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _located_error(field_name: str) -> RuleViolation:
    return RuleViolation(
        "PRESET-002",
        _("The field “%(field)s” in %(section)s has the wrong type."),
        {"field": field_name, "section": "internal_control"},
    )


def _labels(raw: object, steps: int, field_name: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or any(not isinstance(x, str) or not x.strip() for x in raw) or len(raw) != steps:
        raise _located_error(field_name)
    return tuple(x.strip() for x in raw)


def parse_internal_control(raw: object, *, likelihood_steps: int, consequence_steps: int) -> InternalControlSettings:
    """Read ``internal_control:``; absent, the defaults hold. The labels must name every step."""
    if raw is None:
        return InternalControlSettings()
    if not isinstance(raw, Mapping):
        raise RuleViolation("PRESET-002", _("The section “%(section)s” must be a mapping."), {"section": "internal_control"})
    likelihood_labels = _labels(raw.get("likelihood_labels"), likelihood_steps, "likelihood_labels")
    consequence_labels = _labels(raw.get("consequence_labels"), consequence_steps, "consequence_labels")
    treat_from = raw.get("treat_from", 9)
    top = likelihood_steps * consequence_steps
    if not isinstance(treat_from, int) or isinstance(treat_from, bool) or not 1 <= treat_from <= top:
        raise _located_error("treat_from")
    bands = DEFAULT_BANDS
    if "bands" in raw:
        bands_raw = raw["bands"]
        if not isinstance(bands_raw, list) or not bands_raw:
            raise _located_error("bands")
        parsed: list[RiskBand] = []
        for item in bands_raw:
            if not isinstance(item, Mapping):
                raise _located_error("bands")
            lowest, colour = item.get("from"), item.get("colour")
            label_sv, label_en = item.get("label_sv"), item.get("label_en", item.get("label_sv"))
            if (
                not isinstance(lowest, int)
                or isinstance(lowest, bool)
                or not isinstance(colour, str)
                or not _COLOUR.fullmatch(colour)
                or not isinstance(label_sv, str)
                or not isinstance(label_en, str)
            ):
                raise _located_error("bands")
            parsed.append(RiskBand(lowest, colour, label_sv, label_en))
        if parsed[0].lowest != 1 or any(b.lowest >= c.lowest for b, c in pairwise(parsed)):
            raise _located_error("bands")
        bands = tuple(parsed)
    return InternalControlSettings(likelihood_labels, consequence_labels, treat_from, bands)


def internal_control_to_mapping(settings: InternalControlSettings) -> dict[str, Any]:
    out: dict[str, Any] = {
        "treat_from": settings.treat_from,
        "bands": [{"from": b.lowest, "colour": b.colour, "label_sv": b.label_sv, "label_en": b.label_en} for b in settings.bands],
    }
    if settings.likelihood_labels:
        out["likelihood_labels"] = list(settings.likelihood_labels)
    if settings.consequence_labels:
        out["consequence_labels"] = list(settings.consequence_labels)
    return out
