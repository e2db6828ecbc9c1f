"""Writes of operating frames."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import require
from styr.domain.economy import check_frame_receiver
from styr.economy.models import OperatingFrame
from styr.organisation.models import OrgUnit


@transaction.atomic
def frame_set(*, actor: Actor, org_unit: OrgUnit, year: int, amount_tsek: Decimal) -> OperatingFrame:
    """The council's operating frame for a committee (decided in Mål och budget)."""
    if actor is not None:
        # The frame is the council's decision about the committee: the role must cover
        # the committee's parent (the council), not only the committee itself.
        require(actor, "frame.set", org_unit.parent)
    check_frame_receiver(org_unit.level_kind)
    frame = OperatingFrame.objects.select_for_update().filter(org_unit=org_unit, year=year).first()
    before = audit.snapshot(frame) if frame else None
    if frame is None:
        frame = OperatingFrame.objects.create(group=org_unit.group, org_unit=org_unit, year=year, amount_tsek=amount_tsek)
    else:
        frame.amount_tsek = amount_tsek
        frame.save(update_fields=["amount_tsek"])
    audit.record(actor=actor, action="operating_frame.set", obj=frame, org_unit=org_unit, before=before, after=audit.snapshot(frame))
    return frame
