"""Writes of the companies' part of KS's oversight (issue 12 §5, seed §3): the owner directives and
their demands (controllers, ``owner_directive.write`` on the issuing body), the companies' answers
(``directive_answer.write`` on the company: its officials and controllers) and the parent company's
owner dialogues with its subsidiaries (``owner_dialogue.write`` on the parent company)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from styr.control.models import DirectiveAnswer, DirectiveDemand, OwnerDialogue, OwnerDirective
from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.bounds import check_dates, checked
from styr.core.permissions import require
from styr.domain import companies as rules
from styr.domain.limits import check_year
from styr.organisation.models import GoverningDocument, OrgUnit
from styr.planning.models import Decision

DIRECTIVE_FIELDS = ["kind", "title", "issuer", "company", "document", "decision", "decision_reference", "decided_on", "valid_from", "valid_to"]


def _check_directive(kind: str, issuer: OrgUnit, company: OrgUnit | None, valid_from: date, valid_to: date | None) -> None:
    rules.check_issuer(kind, issuer.kind)
    rules.check_company(kind, company.kind if company else None, company_parent=company.parent_id if company else None, issuer=issuer.pk)
    rules.check_validity(valid_from, valid_to)


@transaction.atomic
def owner_directive_create(
    *,
    actor: Actor,
    kind: str,
    title: str,
    issuer: OrgUnit,
    company: OrgUnit | None,
    decided_on: date,
    valid_from: date,
    valid_to: date | None = None,
    decision_reference: str = "",
    document: GoverningDocument | None = None,
    decision: Decision | None = None,
) -> OwnerDirective:
    """A directive as its issuer decided it: COMP-001 (issuer), COMP-002 (company), COMP-003 (validity)."""
    if actor is not None:
        require(actor, "owner_directive.write", issuer)
    if kind not in rules.DIRECTIVE_KINDS:
        raise ValueError(kind)
    check_dates(OwnerDirective, {"decided_on": decided_on, "valid_from": valid_from, "valid_to": valid_to})
    _check_directive(kind, issuer, company, valid_from, valid_to)
    directive = checked(
        OwnerDirective(
            group=issuer.group,
            kind=kind,
            title=title,
            issuer=issuer,
            company=company,
            decided_on=decided_on,
            valid_from=valid_from,
            valid_to=valid_to,
            decision_reference=decision_reference,
            document=document,
            decision=decision,
        )
    )
    audit.record(actor=actor, action="owner_directive.created", obj=directive, org_unit=company or issuer, after=audit.snapshot(directive, DIRECTIVE_FIELDS))
    return directive


@transaction.atomic
def owner_directive_update(*, actor: Actor, directive: OwnerDirective, **fields: Any) -> OwnerDirective:
    """Title, decision, document and validity; kind, issuer and company stay (delete and create instead)."""
    if actor is not None:
        require(actor, "owner_directive.write", directive.issuer)
    allowed = {"title", "decided_on", "valid_from", "valid_to", "decision_reference", "document", "decision"}
    if set(fields) - allowed:
        raise TypeError(f"owner_directive_update cannot change {sorted(set(fields) - allowed)}")
    before = audit.snapshot(directive, DIRECTIVE_FIELDS)
    for name, value in fields.items():
        setattr(directive, name, value)
    check_dates(OwnerDirective, {"decided_on": directive.decided_on, "valid_from": directive.valid_from, "valid_to": directive.valid_to})
    rules.check_validity(directive.valid_from, directive.valid_to)
    checked(directive)
    audit.record(
        actor=actor,
        action="owner_directive.updated",
        obj=directive,
        org_unit=directive.company or directive.issuer,
        before=before,
        after=audit.snapshot(directive, DIRECTIVE_FIELDS),
    )
    return directive


@transaction.atomic
def owner_directive_delete(*, actor: Actor, directive: OwnerDirective) -> None:
    """A directive none of whose demands is answered (COMP-008)."""
    if actor is not None:
        require(actor, "owner_directive.write", directive.issuer)
    rules.check_demand_unanswered(DirectiveAnswer.objects.filter(demand__directive=directive).count())
    for demand in directive.demands.all():  # each row removed is its own event (issue 14 §2)
        audit.record(actor=actor, action="directive_demand.deleted", obj=demand, org_unit=directive.company or directive.issuer, before=audit.snapshot(demand))
    audit.record(
        actor=actor,
        action="owner_directive.deleted",
        obj=directive,
        org_unit=directive.company or directive.issuer,
        before=audit.snapshot(directive, DIRECTIVE_FIELDS),
    )
    directive.delete()


@transaction.atomic
def directive_demand_create(
    *, actor: Actor, directive: OwnerDirective, kind: str, text: str, target_value: Decimal | None = None, target_unit: str = ""
) -> DirectiveDemand:
    """A demand of the directive (COMP-004: a target has a value, a value its unit)."""
    if actor is not None:
        require(actor, "owner_directive.write", directive.issuer)
    rules.check_target(kind, target_value, target_unit)
    position = DirectiveDemand.objects.filter(directive=directive).count() + 1
    demand = checked(
        DirectiveDemand(
            group=directive.group, directive=directive, kind=kind, text=text, target_value=target_value, target_unit=target_unit.strip(), position=position
        )
    )
    audit.record(actor=actor, action="directive_demand.created", obj=demand, org_unit=directive.company or directive.issuer, after=audit.snapshot(demand))
    return demand


@transaction.atomic
def directive_demand_update(
    *, actor: Actor, demand: DirectiveDemand, kind: str, text: str, target_value: Decimal | None = None, target_unit: str = ""
) -> DirectiveDemand:
    """A demand not yet answered (COMP-008) may be reworded."""
    directive = demand.directive
    if actor is not None:
        require(actor, "owner_directive.write", directive.issuer)
    rules.check_target(kind, target_value, target_unit)
    rules.check_demand_unanswered(demand.answers.count())
    before = audit.snapshot(demand)
    demand.kind, demand.text, demand.target_value, demand.target_unit = kind, text, target_value, target_unit.strip()
    checked(demand)
    audit.record(
        actor=actor, action="directive_demand.updated", obj=demand, org_unit=directive.company or directive.issuer, before=before, after=audit.snapshot(demand)
    )
    return demand


@transaction.atomic
def directive_demand_delete(*, actor: Actor, demand: DirectiveDemand) -> None:
    directive = demand.directive
    if actor is not None:
        require(actor, "owner_directive.write", directive.issuer)
    rules.check_demand_unanswered(demand.answers.count())
    audit.record(actor=actor, action="directive_demand.deleted", obj=demand, org_unit=directive.company or directive.issuer, before=audit.snapshot(demand))
    demand.delete()


def directive_applies_to(directive: OwnerDirective, company: OrgUnit) -> bool:
    """The general directive applies to every company of the group; the others to their own."""
    if directive.group_id != company.group_id:
        return False
    if directive.company_id is None:
        return company.kind in rules.GENERAL_APPLIES_TO
    return directive.company_id == company.pk


@transaction.atomic
def directive_answer_set(
    *, actor: Actor, demand: DirectiveDemand, company: OrgUnit, year: int, answer: str, value: Decimal | None = None, status: str = "not_assessed"
) -> DirectiveAnswer:
    """The company's answer to one demand for the year (one per demand, company and year: a second
    write replaces the first, the history keeps both). COMP-005, COMP-006, COMP-007."""
    if actor is not None:
        require(actor, "directive_answer.write", company)
    check_year(field="year", label=gettext("Year"), year=year)
    directive = demand.directive
    rules.check_answerable(
        applies=directive_applies_to(directive, company), in_force_that_year=rules.in_force(directive.valid_from, directive.valid_to, year), year=year
    )
    rules.check_answer_value(has_target=demand.target_value is not None, value=value)
    rules.check_status(status, [s.code for s in company.group.governance.status_scale])
    # two answering at once: the demand's row serialises them, so the second updates the first's answer
    DirectiveDemand.objects.select_for_update().filter(pk=demand.pk).exists()
    row = DirectiveAnswer.objects.select_for_update().filter(demand=demand, company=company, year=year).first()
    before = audit.snapshot(row) if row else None
    if row is None:
        row = DirectiveAnswer(group=company.group, demand=demand, company=company, year=year)
    row.answer, row.value, row.status, row.answered_by = answer, value, status, as_user(actor)
    checked(row)
    audit.record(actor=actor, action="directive_answer.set", obj=row, org_unit=company, before=before, after=audit.snapshot(row))
    return row


@transaction.atomic
def owner_dialogue_create(*, actor: Actor, parent_company: OrgUnit, company: OrgUnit, held_on: date, title: str, notes: str = "") -> OwnerDialogue:
    """The parent company's owner dialogue with a subsidiary of its own (COMP-009), in the årshjul."""
    if actor is not None:
        require(actor, "owner_dialogue.write", parent_company)
    check_dates(OwnerDialogue, {"held_on": held_on})
    rules.check_dialogue(holder_kind=parent_company.kind, company_kind=company.kind, company_parent=company.parent_id, holder=parent_company.pk)
    dialogue = checked(OwnerDialogue(group=parent_company.group, parent_company=parent_company, company=company, held_on=held_on, title=title, notes=notes))
    audit.record(actor=actor, action="owner_dialogue.created", obj=dialogue, org_unit=company, after=audit.snapshot(dialogue))
    return dialogue


@transaction.atomic
def owner_dialogue_update(*, actor: Actor, dialogue: OwnerDialogue, held_on: date, title: str, notes: str) -> OwnerDialogue:
    """The meeting's day, title and notes (written by the parent company)."""
    if actor is not None:
        require(actor, "owner_dialogue.write", dialogue.parent_company)
    check_dates(OwnerDialogue, {"held_on": held_on})
    before = audit.snapshot(dialogue)
    dialogue.held_on, dialogue.title, dialogue.notes = held_on, title, notes
    checked(dialogue)
    audit.record(actor=actor, action="owner_dialogue.updated", obj=dialogue, org_unit=dialogue.company, before=before, after=audit.snapshot(dialogue))
    return dialogue
