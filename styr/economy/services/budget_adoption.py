"""Adopting and reopening a committee's internal budget (internbudget, issue 10 §2).

The committee adopts the split of its frame over its units with a decision (§, date,
registration number): the split must sum to the frame (ECON-012, ECON-013), a snapshot of it is
frozen with the decision (JSON + SHA-256), and the units' budget months of the year are locked
(ECON-014: ``budget_set`` and the ways into it refuse). Reopening records why and starts the
next revision: the adopted snapshot stays, shown as decided, and the units' months are open
until the committee adopts again."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.permissions import require
from styr.domain.internal_budget import (
    ADOPTED,
    DRAFT,
    REOPENED,
    SplitRow,
    check_can_adopt,
    check_can_reopen,
    check_frame_decided,
    check_not_adopted,
    check_reason,
    check_split_matches_frame,
    split_snapshot,
)
from styr.domain.plans import snapshot_hash
from styr.economy.models import BudgetMonth, InternalBudgetAdoption, OperatingFrame
from styr.economy.selectors.budget import internal_budget_build
from styr.economy.selectors.budget_adoption import adoption_in_force
from styr.organisation.models import OrgUnit
from styr.planning.services.plans import decision_record


def check_budget_open(org_unit: OrgUnit, year: int) -> None:
    """ECON-014: a unit's budget months of a year are locked while its committee's internal
    budget for that year is adopted."""
    adopted = adoption_in_force(org_unit, year)
    if adopted is not None:
        check_not_adopted(ADOPTED, committee=adopted.committee.name, year=year)


@transaction.atomic
def internal_budget_adopt(*, actor: Actor, committee: OrgUnit, year: int, decided_on: date, paragraph: str, registration_number: str) -> InternalBudgetAdoption:
    """The committee adopts its internal budget for the year: a politician on the committee itself
    (``internal_budget.adopt``). ECON-015 when it is already adopted, ECON-013 without a frame
    the council has adopted,
    ECON-012 when the units' budgets do not sum to the frame (``OperatingFrame.amount_tsek`` × 1000,
    to the öre)."""
    if actor is not None:
        require(actor, "internal_budget.adopt", committee)
    earlier = list(InternalBudgetAdoption.objects.select_for_update().filter(committee=committee, year=year).order_by("-revision"))
    check_can_adopt(ADOPTED if any(a.in_force for a in earlier) else DRAFT, committee=committee.name, year=year)
    frame = OperatingFrame.objects.select_for_update().filter(org_unit=committee, year=year).first()
    budget = internal_budget_build(committee, year)
    list(BudgetMonth.objects.select_for_update().filter(org_unit_id__in=[r.unit.pk for r in budget.rows], year=year).values_list("pk", flat=True))
    frame_sek = check_frame_decided(budget.frame_sek, adopted=budget.frame_adopted, committee=committee.name, year=year)
    check_split_matches_frame(frame_sek, budget.total)
    assert frame is not None
    revision = (earlier[0].revision + 1) if earlier else 1
    rows = [SplitRow(unit_id=r.unit.pk, name=r.unit.name, depth=r.depth, months=tuple(r.months), source=r.source) for r in budget.rows]
    content = split_snapshot(committee_id=committee.pk, committee=committee.name, year=year, revision=revision, frame_tsek=frame.amount_tsek, rows=rows)
    content["meta"]["decision"] = {"date": decided_on.isoformat(), "paragraph": paragraph, "registration_number": registration_number}
    title = gettext("Internal budget %(year)s, %(committee)s") % {"year": year, "committee": committee.name}
    if revision > 1:
        title += f" (rev. {revision})"
    decision = decision_record(actor=actor, body=committee, decided_on=decided_on, paragraph=paragraph, registration_number=registration_number, title=title)
    adoption = InternalBudgetAdoption.objects.create(
        group=committee.group,
        committee=committee,
        year=year,
        revision=revision,
        decision=decision,
        frame_tsek=frame.amount_tsek,
        total_sek=budget.total,
        snapshot=content,
        snapshot_sha256=snapshot_hash(content),
        adopted_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action="internal_budget.adopted",
        obj=adoption,
        org_unit=committee,
        before={"state": REOPENED if earlier else DRAFT},
        after={
            "state": ADOPTED,
            "year": year,
            "revision": revision,
            "decision": str(decision),
            "frame_tsek": str(frame.amount_tsek),
            "total_sek": str(budget.total),
            "snapshot_sha256": adoption.snapshot_sha256,
        },
    )
    return adoption


@transaction.atomic
def internal_budget_reopen(*, actor: Actor, committee: OrgUnit, year: int, reason: str) -> InternalBudgetAdoption:
    """Reopen the adopted internal budget for a new revision (``internal_budget.reopen``:
    politicians on the committee or above; it undoes the committee's decision, so not a
    controller), saying why (ECON-016). ECON-015 when none is
    adopted. The adoption keeps its decision and snapshot; the units' budget months are open again
    until the committee adopts the next revision."""
    if actor is not None:
        require(actor, "internal_budget.reopen", committee)
    adopted = InternalBudgetAdoption.objects.select_for_update().filter(committee=committee, year=year, reopened_at__isnull=True).first()
    check_can_reopen(ADOPTED if adopted is not None else DRAFT, committee=committee.name, year=year)
    assert adopted is not None
    text = check_reason(reason)
    adopted.reopened_at, adopted.reopened_by, adopted.reopen_reason = timezone.now(), as_user(actor), text
    adopted.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    audit.record(
        actor=actor,
        action="internal_budget.reopened",
        obj=adopted,
        org_unit=committee,
        before={"state": ADOPTED, "revision": adopted.revision},
        after={"state": REOPENED, "year": year, "revision": adopted.revision, "next_revision": adopted.revision + 1, "reason": text},
    )
    return adopted
