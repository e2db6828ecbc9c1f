from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import DbId, Error, LevelKindName, OrgUnitOut
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import org_unit_get, org_unit_list

router = Router(tags=["organisation"])


def unit_out(unit: OrgUnit, language: str) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "group": unit.group.slug,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "level_label": unit.group.governance.level_label(unit.kind, language),
        "parent_id": unit.parent_id,
        "members": unit.members,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
    }


@router.get("/org-units", response=list[OrgUnitOut], summary="Org units the caller may see, in tree order")
@paginate(BoundedLimitOffsetPagination)
def list_org_units(request: HttpRequest, kind: LevelKindName | None = None) -> list[dict[str, Any]]:
    units = org_unit_list(request.user)
    if kind:
        units = units.filter(kind=kind)
    return [unit_out(u, request.LANGUAGE_CODE) for u in units]


@router.get("/org-units/{unit_id}", response={200: OrgUnitOut, 403: Error, 404: Error})
def get_org_unit(request: HttpRequest, unit_id: DbId) -> dict[str, Any]:
    return unit_out(org_unit_get(request.user, unit_id), request.LANGUAGE_CODE)
