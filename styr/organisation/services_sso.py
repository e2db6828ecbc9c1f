"""Roles from the identity provider: the role mapping kept by the group's administrators, and the
roles it gives at each login through the IdP (SSO-001 … SSO-003). Every write is audited."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import ALL_ROLES, forget_grants, require
from styr.domain.sso import MappingRow, RoleOnUnit, check_mapping, claim_key, mapped_roles, role_changes
from styr.organisation.models import IdpRoleGrant, IdpRoleMapping, MunicipalGroup, OrgUnit, RoleAssignment
from styr.organisation.selectors import group_default


def _provider_apps() -> dict[str, dict[str, Any]]:
    """provider id → its app in SOCIALACCOUNT_PROVIDERS."""
    found: dict[str, dict[str, Any]] = {}
    for key, config in getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}).items():
        for app in config.get("APPS") or ([config["APP"]] if "APP" in config else []):
            found[str(app.get("provider_id") or key)] = app
    return found


def provider_group(provider: str) -> MunicipalGroup | None:
    """The municipal group a provider logs people in to (its ``group`` setting, from STYR_OIDC_GROUP /
    STYR_SAML_GROUP: a group's slug; unset: the installation's first group). Only that group's role
    mapping applies to the provider's logins (SSO-001). None: no such provider, or no such group."""
    app = _provider_apps().get(provider)
    if app is None:
        return None
    slug = str((app.get("settings") or {}).get("group") or "")
    return MunicipalGroup.objects.filter(slug=slug).first() if slug else group_default()


def configured_providers(group: MunicipalGroup | None = None) -> dict[str, str]:
    """The identity providers this installation is set up with (only those of ``group`` when given):
    provider id → the name people see."""
    found: dict[str, str] = {}
    for provider_id, app in _provider_apps().items():
        if group is None or provider_group(provider_id) == group:
            found[provider_id] = str(app.get("name") or provider_id)
    return found


def top_unit(group: MunicipalGroup) -> OrgUnit:
    """The council: the mapping of a group is kept there (role_mapping.manage)."""
    return OrgUnit.objects.get(group=group, parent=None)


@transaction.atomic
def idp_role_mapping_create(*, actor: Actor, group: MunicipalGroup, provider: str, claim_value: str, role: str, org_unit: OrgUnit) -> IdpRoleMapping:
    if actor is not None:
        require(actor, "role_mapping.manage", top_unit(group))
    claim_value = claim_key(claim_value)
    check_mapping(
        provider=provider,
        providers=configured_providers(),
        group_providers=configured_providers(group),
        claim_value=claim_value,
        role=role,
        roles=ALL_ROLES,
        unit_in_group=org_unit.group_id == group.pk,
        duplicate=IdpRoleMapping.objects.filter(group=group, provider=provider, claim_value=claim_value, role=role, org_unit=org_unit).exists(),
    )
    mapping = IdpRoleMapping.objects.create(group=group, provider=provider, claim_value=claim_value, role=role, org_unit=org_unit)
    audit.record(actor=actor, action="idp_role_mapping.created", obj=mapping, org_unit=org_unit, after=audit.snapshot(mapping))
    return mapping


@transaction.atomic
def idp_role_mapping_delete(*, actor: Actor, mapping: IdpRoleMapping) -> None:
    if actor is not None:
        require(actor, "role_mapping.manage", top_unit(mapping.group))
    before = audit.snapshot(mapping)
    audit.record(actor=actor, action="idp_role_mapping.deleted", obj=mapping, org_unit=mapping.org_unit, before=before)
    mapping.delete()


@dataclass
class RolesApplied:
    added: set[RoleOnUnit] = field(default_factory=set)
    removed: set[RoleOnUnit] = field(default_factory=set)
    roles: set[RoleOnUnit] = field(default_factory=set)


def _described(assignments: Collection[RoleAssignment]) -> list[dict[str, Any]]:
    return sorted(
        ({"role": a.role, "org_unit": a.org_unit_id, "unit": a.org_unit.name, "from_idp": hasattr(a, "idp_grant")} for a in assignments),
        key=lambda d: (d["unit"], d["role"]),
    )


@transaction.atomic
def sso_roles_apply(*, user: User, provider: str, claims: Collection[str]) -> RolesApplied:
    """SSO-001: at a login through the IdP, the person's roles become exactly what the mapping gives
    their claims (whatever their case), in the one group the provider logs people in to; roles given
    by hand, or by another provider, stay. Done by the login itself (the system), audited per group
    as ``sso.roles_applied`` with the roles before and after."""
    group = provider_group(provider)
    keys = sorted({claim_key(c) for c in claims})
    rows = [
        MappingRow(provider=m.provider, claim_value=m.claim_value, role=m.role, org_unit_id=m.org_unit_id)
        for m in IdpRoleMapping.objects.filter(group=group, provider=provider, claim_value__in=keys)
    ]
    wanted = mapped_roles(rows, provider, keys)
    held = list(RoleAssignment.objects.select_for_update(of=("self",)).filter(user=user).select_related("org_unit", "idp_grant"))
    before = _described(held)
    from_idp = {(a.role, a.org_unit_id): a for a in held if hasattr(a, "idp_grant") and a.idp_grant.provider == provider}
    by_hand = {(a.role, a.org_unit_id) for a in held if not (hasattr(a, "idp_grant") and a.idp_grant.provider == provider)}
    changes = role_changes(wanted, set(from_idp), by_hand)
    for key in changes.remove:
        from_idp[key].delete()
    units = OrgUnit.objects.in_bulk([unit_id for _, unit_id in changes.add])
    for role, unit_id in changes.add:
        unit = units[unit_id]
        assignment = RoleAssignment.objects.create(group_id=unit.group_id, user=user, org_unit=unit, role=role)
        IdpRoleGrant.objects.create(group_id=unit.group_id, assignment=assignment, provider=provider)
    after_rows = list(RoleAssignment.objects.filter(user=user).select_related("org_unit", "idp_grant"))
    after = _described(after_rows)
    groups: list[int | None] = [*sorted({a.group_id for a in held} | {a.group_id for a in after_rows})]
    for group_id in groups or [None]:
        audit.record(
            actor=None,
            action="sso.roles_applied",
            obj=user,
            group=MunicipalGroup.objects.get(pk=group_id) if group_id is not None else None,
            before={"roles": [r for r in before if _in_group(r, held, group_id)]},
            after={"roles": [r for r in after if _in_group(r, after_rows, group_id)], "provider": provider, "claims": sorted(claims)},
        )
    forget_grants(user)
    return RolesApplied(added=set(changes.add), removed=set(changes.remove), roles={(a.role, a.org_unit_id) for a in after_rows})


def _in_group(row: dict[str, Any], assignments: Collection[RoleAssignment], group_id: int | None) -> bool:
    return group_id is None or any(a.org_unit_id == row["org_unit"] and a.group_id == group_id for a in assignments)
