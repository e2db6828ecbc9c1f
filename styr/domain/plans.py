"""Plans and decisions (seed §6.3): which body plans what, state changes, snapshots, election years."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from styr.domain.errors import RuleViolation, _
from styr.domain.governance import DEFAULT_NEW_COUNCIL_TAKES_OFFICE, GovernanceModel
from styr.domain.levels import LevelKind

GOALS_AND_BUDGET = "goals_and_budget"
OPERATIONAL_PLAN = "operational_plan"

#: The plan each level adopts: the council Mål och budget, committees, KS and company
#: boards a verksamhetsplan (seed §6.3).
PLAN_KIND_OF_LEVEL: dict[LevelKind, str] = {
    LevelKind.COUNCIL: GOALS_AND_BUDGET,
    LevelKind.EXECUTIVE_BOARD: OPERATIONAL_PLAN,
    LevelKind.COMMITTEE: OPERATIONAL_PLAN,
    LevelKind.PARENT_COMPANY: OPERATIONAL_PLAN,
    LevelKind.COMPANY: OPERATIONAL_PLAN,
    LevelKind.JOINT_AUTHORITY: OPERATIONAL_PLAN,
}

#: Allowed state changes of a plan (PLAN-001).
TRANSITIONS = {("draft", "proposed"), ("proposed", "draft"), ("proposed", "adopted")}

#: The day a newly elected council takes office unless the preset says otherwise
#: (``GovernanceModel.new_council_takes_office``; kommunallagen 5 kap. 6 §: 15 October).
NEW_COUNCIL_TAKES_OFFICE = DEFAULT_NEW_COUNCIL_TAKES_OFFICE


def plan_kind_for(kind: LevelKind) -> str:
    """PLAN-003: only political bodies adopt plans, each its own kind."""
    if kind not in PLAN_KIND_OF_LEVEL:
        raise RuleViolation(
            "PLAN-003",
            _("Only the council, the executive board, committees and company boards adopt plans; not a unit of kind %(kind)s."),
            {"kind": kind.value},
            field="org_unit",
        )
    return PLAN_KIND_OF_LEVEL[kind]


def check_transition(current: str, new: str) -> None:
    """PLAN-001: draft → proposed → adopted; an adopted plan never changes state again."""
    if (current, new) not in TRANSITIONS:
        raise RuleViolation(
            "PLAN-001",
            _("A plan cannot go from “%(current)s” to “%(new)s”."),
            {"current": current, "new": new},
            field="state",
        )


def check_editable(plan_state: str | None) -> None:
    """PLAN-002: what an adopted plan holds is locked; a change starts a new revision."""
    if plan_state == "adopted":
        raise RuleViolation(
            "PLAN-002",
            _("The plan for this unit and year is adopted and locked. Start a new revision to change it."),
            {"state": plan_state},
        )


def check_no_open_plan(existing_state: str | None) -> None:
    """PLAN-005: one plan per unit and year; an adopted one is changed through a new revision."""
    if existing_state is not None:
        raise RuleViolation(
            "PLAN-005",
            _("The unit already has a plan for this year; change it, or start a new revision of the adopted one."),
            {"state": existing_state},
            field="year",
        )


def check_financial_goal_level(kind: LevelKind) -> None:
    """FIN-001: financial goals are set by the council only (seed §5.D)."""
    if kind is not LevelKind.COUNCIL:
        raise RuleViolation(
            "FIN-001",
            _("Financial goals are decided by the council only."),
            {"kind": kind.value},
            field="org_unit",
        )


def election_year_warning(*, plan_kind: str, plan_year: int, decided_on: date | None, model: GovernanceModel) -> bool:
    """True when an election year means the new council must adopt this Mål och budget (seed §6.3:
    "De år det är allmänt val ska Mål och budget fastställas av nya kommunfullmäktige").

    The plan for year N is adopted in year N−1; if N−1 is an election year, a decision before
    the new council takes office (the preset's day, 15 October by default) is the outgoing
    council's. Adopting it then is refused (PLAN-006, ``check_election_year``); this tells the
    page and the API beforehand.
    """
    if plan_kind != GOALS_AND_BUDGET or not model.is_election_year(plan_year - 1):
        return False
    takes_office = model.council_takes_office(plan_year - 1)
    return decided_on is None or decided_on < takes_office


def check_election_year(*, plan_kind: str, plan_year: int, decided_on: date, today: date, model: GovernanceModel) -> None:
    """PLAN-006: in an election year, Mål och budget for the next year is adopted by the newly
    elected council (seed §6.3: "De år det är allmänt val ska Mål och budget fastställas av nya
    kommunfullmäktige"): only once it has taken office, by a decision made since."""
    if plan_kind != GOALS_AND_BUDGET or not model.is_election_year(plan_year - 1):
        return
    takes_office = model.council_takes_office(plan_year - 1)
    if decided_on < takes_office or today < takes_office:
        raise RuleViolation(
            "PLAN-006",
            _(
                "%(election_year)s is an election year: Mål och budget for %(year)s is adopted by the newly elected council, "
                "which takes office on %(takes_office)s; a decision before that day is the outgoing council's."
            ),
            {"election_year": plan_year - 1, "year": plan_year, "takes_office": takes_office.isoformat()},
            field="decided_on",
        )


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def snapshot_hash(data: Any) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SectionDiff:
    section: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def snapshot_diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[SectionDiff]:
    """What differs between two plan snapshots, section by section, items keyed by their title."""
    result = []
    for section in dict.fromkeys([*old.get("sections", {}), *new.get("sections", {})]):
        before = {_key(item): item for item in old.get("sections", {}).get(section, [])}
        after = {_key(item): item for item in new.get("sections", {}).get(section, [])}
        result.append(
            SectionDiff(
                section=section,
                added=tuple(k for k in after if k not in before),
                removed=tuple(k for k in before if k not in after),
                changed=tuple(k for k in after if k in before and before[k] != after[k]),
            )
        )
    return result


def _key(item: Any) -> str:
    if isinstance(item, Mapping):
        return str(item.get("title") or item.get("name") or canonical_json(item))
    return str(item)
