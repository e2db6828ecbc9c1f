"""Reads of the organisation, always scoped by the user's roles."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet
from django.http import Http404

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.core.permissions import can, require_visible, scope, scope_q
from styr.domain.levels import with_ancestor_kinds
from styr.domain.org_tree import ancestor_ids, subtree_ids
from styr.organisation.models import CoreValues, GoverningDocument, MunicipalGroup, OrgUnit, Role, RoleAssignment, Vision


def org_unit_list(user: Any, *, group: MunicipalGroup | None = None, action: str = "unit.view") -> QuerySet[OrgUnit]:
    """Units the user may see, in tree order (depth-first, by position)."""
    units = OrgUnit.objects.with_tree_fields().filter(scope_q(user, "pk", action))
    # each group (and its model) is read once, not once for every unit
    units = units.filter(group=group) if group is not None else units.prefetch_related("group")
    return units.order_siblings_by("position", "name")  # type: ignore[no-any-return]


def bodies_in_tree_order(group: MunicipalGroup, kinds: Iterable[str]) -> QuerySet[OrgUnit]:
    """The group's units of ``kinds`` in the tree's order (depth first, siblings by position and
    name). The tree is read over those kinds and the kinds above them only, not over every unit: KS's
    overview of a 10,000-unit group spent 36 ms building the whole tree to order 30 bodies."""
    wanted = sorted(set(kinds))
    tree = OrgUnit.objects.with_tree_fields().tree_filter(group=group, kind__in=with_ancestor_kinds(wanted))
    return tree.filter(group=group, kind__in=wanted).order_siblings_by("position", "name")  # type: ignore[no-any-return]


def org_unit_navigation(user: Any, current: OrgUnit) -> list[OrgUnit]:
    """The navigator beside a unit's pages, in tree order: the top units the user sees, the path
    down to the unit with the siblings along it, and the unit's children. Its length follows the
    path's depth and branching, not the size of the group (the whole tree has a page of its own)."""
    visible = scope(user)
    parent_of: dict[int, int | None] = dict(OrgUnit.objects.filter(group_id=current.group_id).values_list("id", "parent_id"))
    path = {current.pk, *ancestor_ids(parent_of, current.pk)}
    shown = [u for u, parent in parent_of.items() if u in visible and (parent is None or parent in path or parent not in visible)]
    return list(OrgUnit.objects.with_tree_fields().filter(pk__in=shown).order_siblings_by("position", "name"))


def org_unit_get(user: Any, pk: int, *, action: str = "unit.view") -> OrgUnit:
    unit = OrgUnit.objects.select_related("group", "parent").filter(pk=pk).first()
    if unit is None:
        raise Http404
    require_visible(user, unit)
    if not can(user, action, unit):
        raise NotAllowed(action, unit)
    return unit


def org_unit_children(user: Any, unit: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(scope_q(user, "pk"), parent=unit).order_by("position", "name")


def person_list(user: Any, unit: OrgUnit) -> QuerySet[Any]:
    """The people who can be named owner or deputy of what ``unit`` plans: those with a role on the
    unit or on a unit below it, in its own group, by name (two queries whatever the tree's size).
    Auditors are not offered: they examine what others are responsible for."""
    require_visible(user, unit)
    parent_of: dict[int, int | None] = dict(OrgUnit.objects.filter(group_id=unit.group_id).values_list("id", "parent_id"))
    below = subtree_ids(parent_of, [unit.pk])
    roles = RoleAssignment.objects.filter(group_id=unit.group_id, org_unit_id__in=sorted(below)).exclude(role=Role.AUDITOR)
    people = get_user_model().objects.filter(is_active=True, pk__in=roles.values("user_id"))
    return people.distinct().order_by("first_name", "last_name", "username")


def org_unit_ancestors(unit: OrgUnit) -> list[OrgUnit]:
    """The unit's ancestors, root first (one query)."""
    return list(unit.ancestors())


def group_list(user: Any) -> QuerySet[MunicipalGroup]:
    return MunicipalGroup.objects.filter(pk__in=OrgUnit.objects.filter(scope_q(user, "pk")).values("group_id")).order_by("name")


def group_of_user(user: Any) -> MunicipalGroup:
    """The group the user has a role in; someone without a role has none to look at (PERM-001)."""
    group = group_list(user).first()
    if group is None:
        raise NotAllowed("unit.view")
    return group


def group_holding(user: Any) -> MunicipalGroup:
    """The group to look an object up in by its id. To someone without a role no object exists
    (404), as to anyone outside the object's scope (PERM-002): the answer does not say whether the id
    is in use. Lists and creates, which name no object, keep ``group_of_user``'s PERM-001."""
    group = group_list(user).first()
    if group is None:
        raise Http404
    return group


def group_default() -> MunicipalGroup | None:
    """The installation's first group, for pages that are not about one unit (public pages)."""
    return MunicipalGroup.objects.order_by("pk").first()


def group_get_public(slug: str) -> MunicipalGroup:
    group = MunicipalGroup.objects.filter(slug=slug).first()
    if group is None:
        raise Http404
    return group


def vision_current(group: MunicipalGroup) -> Vision | None:
    return Vision.objects.filter(group=group).order_by("-valid_from", "-pk").first()


def core_values_current(group: MunicipalGroup) -> CoreValues | None:
    return CoreValues.objects.filter(group=group).order_by("-valid_from", "-pk").first()


def governing_document_list(user: Any, group: MunicipalGroup) -> QuerySet[GoverningDocument]:
    """The register is public: adopted governing documents are official records."""
    return GoverningDocument.objects.filter(group=group).select_related("owner_unit")


def governing_document_get(user: Any, group: MunicipalGroup, pk: int) -> GoverningDocument:
    """One document of the group's register; another group's (or no such id) is not found."""
    document = governing_document_list(user, group).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def parallel_steering_list(user: Any, group: MunicipalGroup) -> QuerySet[GoverningDocument]:
    """Seed §7 Styrdokument: the documents with goals and/or indicators of their own, for KS to see
    the parallel steering and fold it into the model's goals; the review date soonest first."""
    return (
        governing_document_list(user, group)
        .filter(Q(carries_goals=True) | Q(carries_indicators=True))
        .order_by(F("review_by").asc(nulls_last=True), "title", "pk")
    )


def review_passed_list(user: Any, group: MunicipalGroup, *, today: date) -> QuerySet[GoverningDocument]:
    """Documents whose date to be revised by has passed (KS's overview): one query, whatever the group's size."""
    return governing_document_list(user, group).filter(review_by__lt=today).order_by("review_by", "title", "pk")


def review_deadlines_for(user: Any, *, today: date) -> list[GoverningDocument]:
    """The documents owned by the units the person has a role on whose review date has passed or
    comes within the notice (DOC-002): their deadlines, soonest first. One query."""
    from styr.domain.governing_documents import REVIEW_NOTICE_DAYS

    units = RoleAssignment.objects.filter(user=user).values("org_unit_id")
    return list(
        GoverningDocument.objects.filter(owner_unit__in=units, review_by__lte=today + timedelta(days=REVIEW_NOTICE_DAYS))
        .select_related("owner_unit")
        .order_by("review_by", "title", "pk")
    )


def audit_history(user: Any, obj: Any, *, unit: OrgUnit | None, limit: int = 50) -> QuerySet[AuditEvent]:
    """An object's latest events, newest first, for those who may see its unit (bounded like
    ``unit_history``: a page shows the latest, not every event ever recorded)."""
    from django.contrib.contenttypes.models import ContentType

    if unit is not None:
        require_visible(user, unit)
    events = AuditEvent.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)).select_related("actor")
    return events.order_by("-occurred_at", "-id")[:limit]


def unit_history(user: Any, unit: OrgUnit, limit: int = 50) -> QuerySet[AuditEvent]:
    """Everything recorded on a unit: the unit itself and the things it owns."""
    require_visible(user, unit)
    return AuditEvent.objects.filter(org_unit=unit).order_by("-occurred_at", "-id")[:limit]
