"""Writes to the organisation: each service checks permission, applies the rules, saves and audits."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from styr.core import audit
from styr.core.actors import Actor
from styr.core.bounds import check_lengths, checked
from styr.core.errors import NotAllowed
from styr.core.permissions import forget_grants, require
from styr.domain.governing_documents import check_own_steering, check_review_by
from styr.domain.levels import OVERSEEN_KINDS, LevelKind
from styr.domain.org_tree import Placement, check_placement, nearest_above, parse_level_kind
from styr.domain.presets import Preset, UnitSpec
from styr.organisation.models import (
    CoreValues,
    GoverningDocument,
    MunicipalGroup,
    OrgUnit,
    Role,
    RoleAssignment,
    Vision,
)


def _check(actor: Actor, action: str, unit: OrgUnit | None) -> None:
    if actor is not None:
        require(actor, action, unit)


def _placement_context(group: MunicipalGroup, parent: OrgUnit | None, exclude: OrgUnit | None = None) -> dict[str, Any]:
    rows = OrgUnit.objects.filter(group=group).values_list("id", "parent_id", "kind")
    parent_of = {uid: pid for uid, pid, _ in rows}
    councils = sum(1 for uid, _, kind in rows if kind == LevelKind.COUNCIL and (exclude is None or uid != exclude.pk))
    administrations = sum(
        1 for uid, pid, kind in rows if parent is not None and pid == parent.pk and kind == LevelKind.ADMINISTRATION and (exclude is None or uid != exclude.pk)
    )
    return {"parent_of": parent_of, "existing_councils": councils, "administrations_under_parent": administrations}


@transaction.atomic
def org_unit_create(
    *,
    actor: Actor,
    group: MunicipalGroup,
    parent: OrgUnit | None,
    kind: str,
    name: str,
    short_name: str = "",
    members: int | None = None,
    valid_from: date,
    valid_to: date | None = None,
    position: int = 0,
) -> OrgUnit:
    _check(actor, "unit.manage", parent)
    level = parse_level_kind(kind)
    if parent is not None and parent.group_id != group.pk:
        parent = None  # a parent from another group is no parent; ORG-002 answers below
    check_placement(
        Placement(kind=level, parent_kind=parent.level_kind if parent else None, valid_from=valid_from, valid_to=valid_to),
        **_placement_context(group, parent),
    )
    unit = checked(
        OrgUnit(
            group=group,
            parent=parent,
            kind=level.value,
            name=name,
            short_name=short_name,
            members=members,
            valid_from=valid_from,
            valid_to=valid_to,
            position=position,
        )
    )
    if parent is not None:
        # the nearest body above: the parent itself, or the one above the parent
        unit.overseen_by_id = parent.pk if parent.kind in OVERSEEN_KINDS else parent.overseen_by_id
        OrgUnit.objects.filter(pk=unit.pk).update(overseen_by_id=unit.overseen_by_id)
    audit.record(actor=actor, action="org_unit.created", obj=unit, org_unit=unit, after=audit.snapshot(unit))
    return unit


def refresh_overseen_by(group_id: int) -> int:
    """Set every unit's ``overseen_by`` of the group from the tree as it is (after a unit is moved,
    or units are written in bulk): one read of the tree, a write of the units whose body changed
    only. Returns how many changed. Not audited: it follows from the tree, whose changes are."""
    rows = list(OrgUnit.objects.filter(group_id=group_id).values_list("pk", "parent_id", "kind", "overseen_by_id"))
    nearest = nearest_above({pk: parent for pk, parent, _kind, _now in rows}, [pk for pk, _parent, kind, _now in rows if kind in OVERSEEN_KINDS])
    changed = [OrgUnit(pk=pk, overseen_by_id=nearest[pk]) for pk, _parent, _kind, now in rows if nearest[pk] != now]
    OrgUnit.objects.bulk_update(changed, ["overseen_by"], batch_size=1000)
    return len(changed)


@transaction.atomic
def org_unit_move(*, actor: Actor, unit: OrgUnit, new_parent: OrgUnit) -> OrgUnit:
    """Place a unit under another parent (a reorganisation); the tree rules apply."""
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    _check(actor, "unit.manage", unit)
    _check(actor, "unit.manage", new_parent)
    before = audit.snapshot(unit)
    check_placement(
        Placement(
            kind=unit.level_kind,
            parent_kind=new_parent.level_kind if new_parent.group_id == unit.group_id else None,
            node_id=unit.pk,
            parent_id=new_parent.pk,
        ),
        **_placement_context(unit.group, new_parent, exclude=unit),
    )
    unit.parent = new_parent
    unit.save(update_fields=["parent"])
    refresh_overseen_by(unit.group_id)  # the unit and everything below it may now fall under another body
    unit.refresh_from_db(fields=["overseen_by"])
    audit.record(actor=actor, action="org_unit.moved", obj=unit, org_unit=unit, before=before, after=audit.snapshot(unit))
    return unit


@transaction.atomic
def org_unit_close(*, actor: Actor, unit: OrgUnit, valid_to: date) -> OrgUnit:
    """End a unit's validity; it stays in the tree for history."""
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    _check(actor, "unit.manage", unit)
    before = audit.snapshot(unit)
    check_placement(
        Placement(
            kind=unit.level_kind,
            parent_kind=unit.parent.level_kind if unit.parent else None,
            valid_from=unit.valid_from,
            valid_to=valid_to,
        ),
        **_placement_context(unit.group, unit.parent, exclude=unit),
    )
    unit.valid_to = valid_to
    unit.save(update_fields=["valid_to"])
    audit.record(actor=actor, action="org_unit.closed", obj=unit, org_unit=unit, before=before, after=audit.snapshot(unit))
    return unit


@transaction.atomic
def role_assign(*, actor: Actor, user: User, org_unit: OrgUnit, role: str) -> RoleAssignment:
    _check(actor, "unit.manage", org_unit)
    assignment, created = RoleAssignment.objects.get_or_create(group=org_unit.group, user=user, org_unit=org_unit, role=Role(role).value)
    if created:
        audit.record(actor=actor, action="role.assigned", obj=assignment, org_unit=org_unit, after=audit.snapshot(assignment))
    forget_grants(user)
    return assignment


@transaction.atomic
def vision_set(*, actor: Actor, group: MunicipalGroup, title: str, text: str, valid_from: date) -> Vision:
    _check(actor, "document.manage", OrgUnit.objects.get(group=group, parent=None))
    vision = checked(Vision(group=group, title=title, text=text, valid_from=valid_from))
    audit.record(actor=actor, action="vision.set", obj=vision, after=audit.snapshot(vision))
    return vision


@transaction.atomic
def core_values_set(*, actor: Actor, group: MunicipalGroup, title: str, text: str, valid_from: date) -> CoreValues:
    _check(actor, "document.manage", OrgUnit.objects.get(group=group, parent=None))
    values = checked(CoreValues(group=group, title=title, text=text, valid_from=valid_from))
    audit.record(actor=actor, action="core_values.set", obj=values, after=audit.snapshot(values))
    return values


def _check_document(document: GoverningDocument) -> None:
    """DOC-001 and DOC-002 (seed §7 Styrdokument), then the texts' lengths and the model's own checks."""
    check_own_steering(carries_goals=document.carries_goals, carries_indicators=document.carries_indicators, own_steering=document.own_steering)
    check_review_by(review_by=document.review_by, decision_date=document.decision_date)
    if document.owner_unit is not None and document.owner_unit.group_id != document.group_id:
        raise NotAllowed("document.manage", document.owner_unit)
    check_lengths(document)
    document.full_clean()


@transaction.atomic
def governing_document_create(*, actor: Actor, group: MunicipalGroup, owner_unit: OrgUnit | None = None, **fields: Any) -> GoverningDocument:
    _check(actor, "document.manage", owner_unit or OrgUnit.objects.get(group=group, parent=None))
    document = GoverningDocument(group=group, owner_unit=owner_unit, **fields)
    _check_document(document)
    document.save()
    audit.record(actor=actor, action="governing_document.created", obj=document, org_unit=owner_unit, after=audit.snapshot(document))
    return document


#: What a change may touch; the group never changes.
DOCUMENT_FIELDS = frozenset(
    {
        "title",
        "doc_type",
        "decided_by",
        "decision_reference",
        "decision_date",
        "valid_from",
        "validity",
        "applies_to",
        "follow_up_responsible",
        "registration_number",
        "owner_unit",
        "carries_goals",
        "carries_indicators",
        "own_steering",
        "review_by",
    }
)


@transaction.atomic
def governing_document_update(*, actor: Actor, document: GoverningDocument, **fields: Any) -> GoverningDocument:
    """Change a document's metadata, its own goals and indicators or its review date. Who manages
    the document where it is owned now, and where it will be owned, may change it."""
    unknown = sorted(set(fields) - DOCUMENT_FIELDS)
    if unknown:
        raise TypeError(f"governing_document_update cannot change {unknown}")
    root = OrgUnit.objects.get(group=document.group_id, parent=None)
    _check(actor, "document.manage", document.owner_unit or root)
    if "owner_unit" in fields:
        _check(actor, "document.manage", fields["owner_unit"] or root)
    before = audit.snapshot(document)
    for name, value in fields.items():
        setattr(document, name, value)
    _check_document(document)
    document.save()
    audit.record(actor=actor, action="governing_document.updated", obj=document, org_unit=document.owner_unit, before=before, after=audit.snapshot(document))
    return document


@transaction.atomic
def group_load_preset(*, actor: Actor, preset: Preset, today: date) -> tuple[MunicipalGroup, bool]:
    """Create a municipal group from a checked preset. Returns (group, created); a group
    whose slug exists is left as it is, so loading twice keeps the data."""
    existing = MunicipalGroup.objects.filter(slug=preset.group_slug).first()
    if existing is not None:
        return existing, False
    group = MunicipalGroup.objects.create(name=preset.group_name, slug=preset.group_slug, preset_key=preset.key, model_config=preset.model_data())
    audit.record(actor=actor, action="municipal_group.created", obj=group, group=group, after=audit.snapshot(group))
    valid_from = preset.vision.valid_from if preset.vision else today

    def build(spec: UnitSpec, parent: OrgUnit | None, position: int) -> None:
        unit = org_unit_create(
            actor=actor,
            group=group,
            parent=parent,
            kind=spec.kind.value,
            name=spec.name,
            short_name=spec.short_name,
            members=spec.members,
            valid_from=valid_from,
            position=position,
        )
        for index, child in enumerate(spec.children):
            build(child, unit, index)

    build(preset.organisation, None, 0)
    if preset.vision:
        vision_set(actor=actor, group=group, title=preset.vision.title, text=preset.vision.text, valid_from=preset.vision.valid_from)
    if preset.core_values:
        core_values_set(actor=actor, group=group, title=preset.core_values.title, text=preset.core_values.text, valid_from=preset.core_values.valid_from)
    for doc in preset.governing_documents:
        governing_document_create(
            actor=actor,
            group=group,
            title=doc.title,
            doc_type=doc.doc_type,
            decided_by=doc.decided_by,
            decision_reference=doc.decision_reference,
            decision_date=doc.decision_date,
            valid_from=doc.valid_from,
            validity=doc.validity,
            applies_to=doc.applies_to,
            follow_up_responsible=doc.follow_up_responsible,
            registration_number=doc.registration_number,
        )
    return group, True


@transaction.atomic
def group_demo_figures_set(*, actor: Actor, group: MunicipalGroup, demo_figures: bool) -> MunicipalGroup:
    """Mark the group's economic figures as made up (the demo), so every page says so in its footer."""
    _check(actor, "document.manage", OrgUnit.objects.get(group=group, parent=None))
    before = audit.snapshot(group, ["demo_figures"])
    group.demo_figures = demo_figures
    group.save(update_fields=["demo_figures"])
    audit.record(actor=actor, action="municipal_group.demo_figures_set", obj=group, group=group, before=before, after=audit.snapshot(group, ["demo_figures"]))
    return group
