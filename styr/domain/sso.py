"""Roles from the identity provider (SSO-001 … SSO-003): plain rules over ids and strings.

A person who logs in through the municipality's identity provider (IdP) has exactly the roles the
role mapping gives the groups and app roles the IdP sends (their claims), besides the roles an
administrator gave them by hand; a person whose claims the mapping does not name gets no role.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from styr.domain.errors import RuleViolation, _

#: one role on one unit: (role, org unit id)
RoleOnUnit = tuple[str, int]


@dataclass(frozen=True)
class MappingRow:
    provider: str
    claim_value: str
    role: str
    org_unit_id: int


@dataclass(frozen=True)
class RoleChanges:
    """What a login through the IdP changes (SSO-001)."""

    add: frozenset[RoleOnUnit]
    remove: frozenset[RoleOnUnit]


def claim_values(data: Mapping[str, Any], names: Iterable[str]) -> set[str]:
    """The values of the named claims (a string, or a list of them), as text."""
    found: set[str] = set()
    for name in names:
        value = data.get(name)
        if value is None:
            continue
        for item in value if isinstance(value, (list, tuple, set)) else [value]:
            text = str(item).strip()
            if text:
                found.add(text)
    return found


def claim_key(value: str) -> str:
    """SSO-003: a group or role of the IdP as Styr keeps and compares it: trimmed, case folded
    ("Styr-Controllers" and "styr-controllers" are one group)."""
    return value.strip().casefold()


def mapped_roles(mappings: Iterable[MappingRow], provider: str, claims: Collection[str]) -> frozenset[RoleOnUnit]:
    """SSO-001: the roles the mapping gives these claims of this provider (none for no mapped claim);
    claims match whatever their case."""
    keys = {claim_key(c) for c in claims}
    return frozenset((m.role, m.org_unit_id) for m in mappings if m.provider == provider and claim_key(m.claim_value) in keys)


def role_changes(wanted: frozenset[RoleOnUnit], from_idp: Collection[RoleOnUnit], by_hand: Collection[RoleOnUnit]) -> RoleChanges:
    """SSO-001: add the mapped roles the person lacks; take away the roles an earlier login through
    this IdP gave that the mapping no longer gives. ``from_idp`` holds only this provider's grants:
    a role given by hand, or by another provider, is in ``by_hand`` and never touched."""
    held = set(from_idp) | set(by_hand)
    return RoleChanges(add=frozenset(wanted - held), remove=frozenset(set(from_idp) - wanted - set(by_hand)))


def check_mapping(
    *,
    provider: str,
    providers: Collection[str],
    group_providers: Collection[str],
    claim_value: str,
    role: str,
    roles: Collection[str],
    unit_in_group: bool,
    duplicate: bool,
) -> None:
    """SSO-002: a known role on a unit of the group; SSO-003: a configured provider of this group, a
    value, once (whatever its case)."""
    if role not in roles:
        raise RuleViolation("SSO-002", _("%(role)s is not a role in Styr."), {"role": role}, field="role")
    if not unit_in_group:
        raise RuleViolation("SSO-002", _("The unit of a role mapping must belong to the municipal group."), field="org_unit")
    if provider not in providers:
        raise RuleViolation("SSO-003", _("%(provider)s is not an identity provider Styr is set up with."), {"provider": provider}, field="provider")
    if provider not in group_providers:
        raise RuleViolation("SSO-003", _("%(provider)s logs people in to another municipal group."), {"provider": provider}, field="provider")
    if not claim_value.strip():
        raise RuleViolation("SSO-003", _("Name the group or role in the identity provider."), field="claim_value")
    if duplicate:
        raise RuleViolation("SSO-003", _("This group already gives this role on this unit."), field="claim_value")
