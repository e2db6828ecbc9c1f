"""Which investment project an object of a ledger's project dimension is (issue 11 §3): the project
dimension maps to projects the same way the responsibility dimension maps to units (SIE-009)."""

from __future__ import annotations

from django.db import transaction

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import require
from styr.domain.errors import RuleViolation, _
from styr.domain.org_tree import subtree_ids
from styr.economy.models import InvestmentProject, LedgerObject
from styr.organisation.models import OrgUnit


@transaction.atomic
def ledger_project_map(*, actor: Actor, ledger_object: LedgerObject, project: InvestmentProject | None) -> LedgerObject:
    """Map an object of the ledger's project dimension to the investment project it is, or unmap it
    (``None``: it then counts for the project whose code is the object's code, if any). Kept by the
    ledger's controllers (``ledger.import`` on the unit keeping it). INV-008: the object lies in
    the project dimension, and the project's committee in the ledger keeper's part of the group."""
    ledger_object = LedgerObject.objects.select_for_update().select_related("ledger__org_unit").get(pk=ledger_object.pk)
    keeper = ledger_object.ledger.org_unit
    if actor is not None:
        require(actor, "ledger.import", keeper)
    if ledger_object.dimension != ledger_object.ledger.project_dimension:
        raise RuleViolation(
            "INV-008",
            _("Object %(object)s is not in the ledger's project dimension (%(dimension)s): only project objects map to investment projects."),
            {"object": ledger_object.code, "dimension": ledger_object.ledger.project_dimension},
            field="project",
        )
    if project is not None:
        parent_of = dict(OrgUnit.objects.filter(group_id=keeper.group_id).values_list("id", "parent_id"))
        if project.group_id != keeper.group_id or project.committee_id not in subtree_ids(parent_of, [keeper.pk]):
            raise RuleViolation(
                "INV-008",
                _("Object %(object)s can only be mapped to a project of a committee under %(keeper)s, which keeps the ledger."),
                {"object": ledger_object.code, "keeper": str(keeper)},
                field="project",
            )
    before = audit.snapshot(ledger_object, ["investment_project"])
    ledger_object.investment_project = project
    ledger_object.save(update_fields=["investment_project"])
    audit.record(
        actor=actor,
        action="ledger_object.project_mapped",
        obj=ledger_object,
        org_unit=keeper,
        before=before,
        after=audit.snapshot(ledger_object, ["investment_project"]),
    )
    return ledger_object
