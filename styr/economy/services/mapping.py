"""Which org unit answers for an object of a ledger's responsibility dimension (issue 9 §2)."""

from __future__ import annotations

from django.db import transaction

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import require
from styr.domain.errors import RuleViolation, _
from styr.domain.org_tree import subtree_ids
from styr.economy.models import LedgerObject
from styr.organisation.models import OrgUnit


@transaction.atomic
def ledger_object_map(*, actor: Actor, ledger_object: LedgerObject, org_unit: OrgUnit | None) -> LedgerObject:
    """Map an object (a responsibility, a cost centre) to the unit that answers for it, or unmap
    it (``None``): its figures then count to the unit that keeps the ledger until it is mapped.
    SIE-009: the unit lies in the ledger keeper's own part of the group."""
    ledger_object = LedgerObject.objects.select_for_update().select_related("ledger__org_unit").get(pk=ledger_object.pk)
    keeper = ledger_object.ledger.org_unit
    if actor is not None:
        require(actor, "ledger.import", keeper)
    if org_unit is not None:
        parent_of = dict(OrgUnit.objects.filter(group_id=keeper.group_id).values_list("id", "parent_id"))
        if org_unit.pk not in subtree_ids(parent_of, [keeper.pk]):
            raise RuleViolation(
                "SIE-009",
                _("Object %(object)s can only be mapped to a unit under %(keeper)s, which keeps the ledger."),
                {"object": ledger_object.code, "keeper": str(keeper)},
                field="org_unit",
            )
    before = audit.snapshot(ledger_object, ["org_unit"])
    ledger_object.org_unit = org_unit
    ledger_object.save(update_fields=["org_unit"])
    audit.record(
        actor=actor,
        action="ledger_object.mapped",
        obj=ledger_object,
        org_unit=keeper,
        before=before,
        after=audit.snapshot(ledger_object, ["org_unit"]),
    )
    return ledger_object
