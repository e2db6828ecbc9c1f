"""Rules of the organisation tree (seed §3): ORG-001 … ORG-005."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from styr.domain.errors import RuleViolation, _
from styr.domain.levels import ALLOWED_PARENTS, LevelKind

NodeId = Hashable


@dataclass(frozen=True)
class Placement:
    """A node about to be created or moved: its kind, its parent and its dates."""

    kind: LevelKind
    parent_kind: LevelKind | None
    node_id: NodeId | None = None
    parent_id: NodeId | None = None
    valid_from: date | None = None
    valid_to: date | None = None


def parse_level_kind(value: str) -> LevelKind:
    """ORG-006: a level kind must be one the model knows."""
    try:
        return LevelKind(value)
    except ValueError:
        raise RuleViolation(
            "ORG-006",
            _("Unknown level kind “%(kind)s”. Known kinds: %(known)s."),
            {"kind": value, "known": ", ".join(k.value for k in LevelKind)},
            field="kind",
        ) from None


def check_no_cycle[N: Hashable](node_id: N | None, parent_id: N | None, parent_of: Mapping[N, N | None]) -> None:
    """ORG-001: a unit cannot be placed under itself or under one of its own descendants."""
    if node_id is None or parent_id is None:
        return
    current: N | None = parent_id
    seen: set[N] = set()
    while current is not None and current not in seen:
        if current == node_id:
            raise RuleViolation(
                "ORG-001",
                _("A unit cannot be placed under itself or under one of its own sub-units."),
                {"unit": str(node_id), "parent": str(parent_id)},
                field="parent",
            )
        seen.add(current)
        current = parent_of.get(current)


def check_parent_kind(kind: LevelKind, parent_kind: LevelKind | None) -> None:
    """ORG-002: each level kind sits only under the kinds the model allows."""
    allowed = ALLOWED_PARENTS[kind]
    if parent_kind in allowed:
        return
    if kind is LevelKind.COUNCIL:
        template = _("The council is the root of the group and cannot be placed under another unit.")
    elif parent_kind is None:
        template = _("A unit of kind %(kind)s must be placed under a parent unit; only the council is the root.")
    elif kind is LevelKind.COMPANY:
        template = _("A subsidiary company can only be placed under the parent company, not under a unit of kind %(parent_kind)s.")
    elif kind is LevelKind.JOINT_AUTHORITY:
        template = _("A joint authority can only be placed under the council, not under a unit of kind %(parent_kind)s.")
    elif kind is LevelKind.ADMINISTRATION:
        template = _("An administration can only be placed under the committee or executive board it serves, not under a unit of kind %(parent_kind)s.")
    else:
        template = _("A unit of kind %(kind)s cannot be placed under a unit of kind %(parent_kind)s.")
    raise RuleViolation(
        "ORG-002",
        template,
        {
            "kind": kind.value,
            "parent_kind": parent_kind.value if parent_kind else None,
            "allowed": sorted(k.value for k in allowed if k is not None),
        },
        field="parent",
    )


def check_single_council(kind: LevelKind, existing_councils: int) -> None:
    """ORG-003: a municipal group has exactly one council."""
    if kind is LevelKind.COUNCIL and existing_councils > 0:
        raise RuleViolation(
            "ORG-003",
            _("The group already has a council; a municipal group has exactly one."),
            {"existing": existing_councils},
            field="kind",
        )


def check_one_administration(kind: LevelKind, parent_kind: LevelKind | None, administrations_under_parent: int) -> None:
    """ORG-004: a committee (or the executive board) is paired with at most one administration."""
    if kind is LevelKind.ADMINISTRATION and administrations_under_parent > 0:
        raise RuleViolation(
            "ORG-004",
            _("This body already has an administration; a committee is paired with at most one administration."),
            {"parent_kind": parent_kind.value if parent_kind else None},
            field="parent",
        )


def check_validity(valid_from: date | None, valid_to: date | None) -> None:
    """ORG-005: a unit's validity ends on or after the day it starts."""
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        raise RuleViolation(
            "ORG-005",
            _("The unit's end date %(valid_to)s is before its start date %(valid_from)s."),
            {"valid_from": valid_from.isoformat(), "valid_to": valid_to.isoformat()},
            field="valid_to",
        )


def check_placement(
    placement: Placement,
    *,
    parent_of: Mapping[Any, Any],
    existing_councils: int,
    administrations_under_parent: int,
) -> None:
    """All tree rules for creating or moving one node."""
    check_parent_kind(placement.kind, placement.parent_kind)
    check_no_cycle(placement.node_id, placement.parent_id, parent_of)
    check_single_council(placement.kind, existing_councils)
    check_one_administration(placement.kind, placement.parent_kind, administrations_under_parent)
    check_validity(placement.valid_from, placement.valid_to)


def children_of[N: Hashable](parent_of: Mapping[N, N | None]) -> dict[N, list[N]]:
    """Each node's children: made once for many ``subtree_ids`` over the same tree."""
    children: dict[N, list[N]] = defaultdict(list)
    for node, parent in parent_of.items():
        if parent is not None:
            children[parent].append(node)
    return children


def subtree_ids[N: Hashable](parent_of: Mapping[N, N | None], roots: Iterable[N], children: Mapping[N, list[N]] | None = None) -> set[N]:
    """Every node in the subtrees of ``roots`` (roots included). ``children`` (``children_of``) saves
    making the map again when one tree is walked from several roots."""
    if children is None:
        children = children_of(parent_of)
    found: set[N] = set()
    stack = [r for r in roots if r in parent_of]
    while stack:
        node = stack.pop()
        if node in found:
            continue
        found.add(node)
        stack.extend(children.get(node, ()))
    return found


def ancestor_ids[N: Hashable](parent_of: Mapping[N, N | None], node_id: N) -> list[N]:
    """The node's ancestors, nearest first (the node itself excluded)."""
    result: list[N] = []
    current = parent_of.get(node_id)
    while current is not None and current not in result:
        result.append(current)
        current = parent_of.get(current)
    return result


def nearest_above[N: Hashable](parent_of: Mapping[N, N | None], wanted: Iterable[N]) -> dict[N, N | None]:
    """For every node, the nearest of ``wanted`` strictly above it (None where none is): the body
    whose oversight a unit falls under (``OrgUnit.overseen_by``), kept so the database can sum
    figures per body instead of per unit. One pass over the tree."""
    marked = set(wanted)
    found: dict[N, N | None] = {}

    def above(node: N) -> N | None:
        path: list[N] = []
        current: N | None = node
        while current is not None and current not in found and current not in path:
            path.append(current)
            current = parent_of.get(current)
        # ``current`` is None (past the root) or a node already answered
        below: N | None = found[current] if current is not None and current in found else None
        if current is not None and current in marked and current in found:
            below = current
        for step in reversed(path):
            found[step] = below
            if step in marked:
                below = step
        return found[node]

    for node in parent_of:
        above(node)
    return found
