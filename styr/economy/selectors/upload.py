"""Reads for the ledger pages: uploads and their progress, and the objects of the responsibility dimension."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from styr.core.permissions import require_visible
from styr.domain.org_tree import subtree_ids
from styr.economy.models import Dimension, Ledger, LedgerObject, SieUpload
from styr.organisation.models import OrgUnit


def ledger_get(user: Any, org_unit: OrgUnit) -> Ledger | None:
    """The ledger the unit keeps, if a file has been read into it."""
    require_visible(user, org_unit)
    return Ledger.objects.filter(org_unit=org_unit).first()


def sie_upload_list(user: Any, org_unit: OrgUnit) -> QuerySet[SieUpload]:
    require_visible(user, org_unit)
    return SieUpload.objects.filter(org_unit=org_unit).select_related("sie_import").order_by("-created_at", "-id")


def sie_upload_get(user: Any, org_unit: OrgUnit, pk: int) -> SieUpload:
    upload = sie_upload_list(user, org_unit).filter(pk=pk).first()
    if upload is None:
        raise Http404
    return upload


def responsibility_dimension(ledger: Ledger) -> Dimension | None:
    return Dimension.objects.filter(ledger=ledger, number=ledger.responsibility_dimension).first()


def ledger_object_list(user: Any, ledger: Ledger) -> list[LedgerObject]:
    """The objects of the ledger's responsibility dimension: the unmapped first, then by code."""
    require_visible(user, ledger.org_unit)
    objects = LedgerObject.objects.filter(ledger=ledger, dimension=ledger.responsibility_dimension).select_related("org_unit")
    return sorted(objects, key=lambda o: (o.org_unit_id is not None, len(o.code), o.code))


def ledger_unit_choices(user: Any, keeper: OrgUnit) -> QuerySet[OrgUnit]:
    """The units an object of the keeper's ledger can be mapped to (SIE-009): the keeper's own part
    of the group, in the tree's order."""
    require_visible(user, keeper)
    parent_of = dict(OrgUnit.objects.filter(group_id=keeper.group_id).values_list("id", "parent_id"))
    below = subtree_ids(parent_of, [keeper.pk])
    return OrgUnit.objects.with_tree_fields().filter(pk__in=sorted(below)).order_siblings_by("position", "name")  # type: ignore[no-any-return]
