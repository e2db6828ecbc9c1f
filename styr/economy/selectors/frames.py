"""Reads of operating frames."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from styr.core.permissions import scope_q
from styr.economy.models import OperatingFrame
from styr.organisation.models import MunicipalGroup, OrgUnit


def frame_list(user: Any, *, group: MunicipalGroup, year: int, org_unit: OrgUnit | None = None) -> QuerySet[OperatingFrame]:
    frames = OperatingFrame.objects.filter(scope_q(user), group=group, year=year).select_related("org_unit")
    if org_unit is not None:
        frames = frames.filter(org_unit=org_unit)
    return frames.order_by("org_unit__position", "org_unit__name")
