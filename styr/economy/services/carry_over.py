"""Writes of the year-end carry-over (resultatöverföring, seed §5.D; issue 11 §2).

- ``carry_overs_compute``: after the year's end a controller (KS's, with the role on the council's
  tree) computes each committee's result against its frame in force (adopted + KS's adjustments +
  what was carried in) and the actual net cost from the ledgers, and the preset's rules' proposal.
  Recomputing replaces the proposals; a carry-over the council has decided is final (CARRY-003).
- ``carry_overs_decide``: the council decides the year's carry-overs in one decision (date, §,
  registration number); it may set another amount than proposed, with its reason (CARRY-004).
  Only a politician on the council itself decides (``carry_over.decide``, DIRECT_ONLY).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.permissions import require
from styr.domain.carry_over import check_decision, check_frames_adopted, check_not_decided, check_to_decide, check_year_ended, propose, tsek
from styr.domain.limits import check_year
from styr.economy.models import CarryOver, CarryOverState
from styr.economy.selectors.carry_over import council_of
from styr.economy.selectors.followup import actual_year_sek
from styr.economy.selectors.frames import frame_figures_of_group
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.services.plans import decision_record

FIELDS = ["frame_tsek", "actual_tsek", "result_tsek", "proposed_tsek", "decided_tsek", "state", "decision", "comment"]
THOUSAND = Decimal(1000)


def _council(group: MunicipalGroup) -> OrgUnit:
    council = council_of(group)
    assert council is not None, "a municipal group has its council"
    return council


@transaction.atomic
def carry_overs_compute(*, actor: Actor, group: MunicipalGroup, year: int, today: date | None = None) -> list[CarryOver]:
    """Compute (or recompute) the proposal of every committee (and KS) with an adopted frame for
    ``year``: the result = frame in force − actual net cost, and what the preset's rules carry of
    it into ``year + 1``. CARRY-002 before the year is over; CARRY-007 when no frame of the year is
    adopted. A decided carry-over is left as the council decided it (CARRY-003)."""
    council = _council(group)
    if actor is not None:
        require(actor, "carry_over.compute", council)
    check_year(field="year", label=gettext("Year"), year=year)
    check_year_ended(year=year, today=today or timezone.localdate())
    frames = {unit: f for unit, f in frame_figures_of_group(group, year).items() if f.is_adopted and f.in_force_tsek is not None}
    check_frames_adopted(count=len(frames), year=year)
    actual = actual_year_sek(group, frames, year)
    existing = {c.org_unit_id: c for c in CarryOver.objects.select_for_update().filter(group=group, year=year)}
    rules = group.governance.carry_over
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=list(frames))}
    now, saved = timezone.now(), []
    for unit_id, figures in sorted(frames.items(), key=lambda item: (units[item[0]].position, item[0])):
        found = existing.get(unit_id)
        if found is not None and found.is_decided:
            continue
        assert figures.in_force_tsek is not None
        proposal = propose(frame_tsek=figures.in_force_tsek, actual_tsek=actual.get(unit_id, Decimal(0)) / THOUSAND, rules=rules)
        before = audit.snapshot(found, FIELDS) if found is not None else None
        carry = found or CarryOver(group=group, org_unit=units[unit_id], year=year)
        carry.frame_tsek = proposal.frame_tsek
        carry.actual_tsek = tsek(proposal.actual_tsek)
        carry.result_tsek = proposal.result_tsek
        carry.proposed_tsek = proposal.proposed_tsek
        carry.computed_by, carry.computed_at = as_user(actor), now
        carry.full_clean(exclude=["group", "org_unit", "decision", "computed_by", "decided_by"])
        carry.save()
        audit.record(
            actor=actor,
            action="carry_over.computed",
            obj=carry,
            org_unit=carry.org_unit,
            before=before,
            after={**audit.snapshot(carry, FIELDS), "limited_by": proposal.limited_by},
        )
        saved.append(carry)
    return saved


@dataclass(frozen=True)
class Decided:
    """The council's amount for one committee (None: as proposed) and its reason where it differs."""

    decided_tsek: Decimal | None = None
    comment: str = ""


@transaction.atomic
def carry_overs_decide(
    *,
    actor: Actor,
    group: MunicipalGroup,
    year: int,
    decided_on: date,
    paragraph: str,
    registration_number: str,
    amounts: Mapping[int, Decided] | None = None,
) -> list[CarryOver]:
    """The council decides the carry-overs of the results of ``year`` still proposed, in one
    decision: each as proposed, or as ``amounts`` (carry-over id → amount and reason) sets it
    (CARRY-004, CARRY-005, CARRY-006). A carry-over already decided is final (CARRY-003); one
    named that is not of the year, or none left to decide, is CARRY-008."""
    council = _council(group)
    if actor is not None:
        require(actor, "carry_over.decide", council)
    amounts = dict(amounts or {})
    rows = list(CarryOver.objects.select_for_update(of=("self",)).filter(group=group, year=year).select_related("org_unit").order_by("pk"))
    by_id = {c.pk: c for c in rows}
    open_rows = [c for c in rows if not c.is_decided]
    check_to_decide(unknown=sorted(set(amounts) - set(by_id)), open_count=len(open_rows) or len(amounts), year=year)
    for pk in amounts:
        check_not_decided(decided=by_id[pk].is_decided, committee=by_id[pk].org_unit.name, year=year)
    check_to_decide(unknown=[], open_count=len(open_rows), year=year)
    for carry in open_rows:
        wanted = amounts.get(carry.pk, Decided())
        amount = wanted.decided_tsek if wanted.decided_tsek is not None else carry.proposed_tsek
        check_decision(
            proposed_tsek=carry.proposed_tsek, decided_tsek=amount, reason=wanted.comment, decided_on=decided_on, year=year, committee=carry.org_unit.name
        )
    decision = decision_record(
        actor=actor,
        body=council,
        decided_on=decided_on,
        paragraph=paragraph,
        registration_number=registration_number,
        title=gettext("Carry-over of the committees' results %(year)s") % {"year": year},
    )
    now = timezone.now()
    for carry in open_rows:
        wanted = amounts.get(carry.pk, Decided())
        before = audit.snapshot(carry, FIELDS)
        carry.decided_tsek = tsek(wanted.decided_tsek) if wanted.decided_tsek is not None else carry.proposed_tsek
        carry.comment = wanted.comment.strip()
        carry.state, carry.decision = CarryOverState.DECIDED, decision
        carry.decided_by, carry.decided_at = as_user(actor), now
        carry.save()
        audit.record(
            actor=actor,
            action="carry_over.decided",
            obj=carry,
            org_unit=carry.org_unit,
            before=before,
            after={**audit.snapshot(carry, FIELDS), "decision_text": str(decision)},
        )
    return open_rows
