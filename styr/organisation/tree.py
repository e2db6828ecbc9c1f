"""Nesting a flat, tree-ordered list of units for the navigator."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from styr.organisation.models import OrgUnit


@dataclass
class TreeItem:
    unit: OrgUnit
    children: list[TreeItem] = field(default_factory=list)


def nest(units: Iterable[OrgUnit]) -> list[TreeItem]:
    """Units whose parent is not in the list become roots (a scoped user's view)."""
    items: dict[int, TreeItem] = {}
    roots: list[TreeItem] = []
    for unit in units:
        item = TreeItem(unit)
        items[unit.pk] = item
        parent = items.get(unit.parent_id) if unit.parent_id else None
        (parent.children if parent else roots).append(item)
    return roots
