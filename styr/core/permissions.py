"""The one permission policy: roles on an org unit cover its subtree.

``can(user, action, unit)`` answers one question; ``scope(user, action)`` gives the ids
of every unit where the answer is yes, for selectors to filter by. A role held on the
executive board (KS) covers the whole group: KS leads, coordinates and oversees the
group (seed §7, uppsiktsplikt). Politicians decide WHAT, officials HOW, controllers run
the process, auditors read and change nothing (rule PERM-002).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from styr.core.errors import NotAllowed
from styr.core.middleware import request_cache
from styr.domain.levels import LevelKind
from styr.domain.org_tree import subtree_ids

POLITICIAN = "POLITICIAN"
OFFICIAL = "OFFICIAL"
CONTROLLER = "CONTROLLER"
AUDITOR = "AUDITOR"
ADMINISTRATOR = "ADMINISTRATOR"
ALL_ROLES = frozenset({POLITICIAN, OFFICIAL, CONTROLLER, AUDITOR, ADMINISTRATOR})

#: Which roles allow which action on a unit in their subtree.
ACTION_ROLES: dict[str, frozenset[str]] = {
    "unit.view": ALL_ROLES,
    "unit.manage": frozenset({ADMINISTRATOR}),
    "document.manage": frozenset({ADMINISTRATOR, CONTROLLER}),
    "goal.write": frozenset({POLITICIAN, CONTROLLER}),
    "goal.adopt": frozenset({POLITICIAN}),
    "measurement.record": frozenset({OFFICIAL, CONTROLLER}),
    "frame.set": frozenset({POLITICIAN, CONTROLLER}),
}


@dataclass
class Grants:
    """The units each of a user's roles covers."""

    units_by_role: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    superuser: bool = False

    def units_for(self, action: str) -> set[int]:
        roles = ACTION_ROLES[action]
        found: set[int] = set()
        for role in roles:
            found |= self.units_by_role.get(role, set())
        return found

    def roles_on(self, unit_id: int) -> set[str]:
        return {role for role, units in self.units_by_role.items() if unit_id in units}


def grants_for(user: Any) -> Grants:
    """Two queries, once per request (cached for the request by RequestIdMiddleware);
    outside a request (services called from commands or tests) they are read afresh."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Grants()
    cache = request_cache.get()
    key = ("grants", user.pk)
    if cache is not None and key in cache:
        return cache[key]  # type: ignore[no-any-return]
    from styr.organisation.models import OrgUnit, RoleAssignment

    grants = Grants(superuser=bool(user.is_superuser))
    assignments = list(RoleAssignment.objects.filter(user=user).values_list("role", "org_unit_id", "org_unit__kind", "group_id"))
    if assignments:
        group_ids = {a[3] for a in assignments}
        rows = list(OrgUnit.objects.filter(group_id__in=group_ids).values_list("id", "parent_id", "group_id"))
        parent_of = {uid: pid for uid, pid, _ in rows}
        root_of_group = {gid: uid for uid, pid, gid in rows if pid is None}
        for role, unit_id, kind, group_id in assignments:
            root = root_of_group.get(group_id, unit_id) if kind == LevelKind.EXECUTIVE_BOARD else unit_id
            grants.units_by_role[role] |= subtree_ids(parent_of, [root])
    if grants.superuser:
        all_ids = set(OrgUnit.objects.values_list("id", flat=True))
        for role in ALL_ROLES:
            grants.units_by_role[role] |= all_ids
    if cache is not None:
        cache[key] = grants
    return grants


def forget_grants(user: Any) -> None:
    """Call after changing a user's roles or the tree within one request."""
    cache = request_cache.get()
    if cache is not None:
        cache.pop(("grants", user.pk), None)


def can(user: Any, action: str, unit: Any) -> bool:
    if unit is None:
        return False
    unit_id = unit if isinstance(unit, int) else unit.pk
    return unit_id in grants_for(user).units_for(action)


def require(user: Any, action: str, unit: Any) -> None:
    """Raise PERM-001 unless ``can``."""
    if not can(user, action, unit):
        raise NotAllowed(action, unit)


def scope(user: Any, action: str = "unit.view") -> set[int]:
    return grants_for(user).units_for(action)


def has_any_role(user: Any) -> bool:
    return any(grants_for(user).units_by_role.values())
