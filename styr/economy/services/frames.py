"""Writes of frames (driftram, investeringsram; seed §5.D, issue 10 §2).

A frame changes only by the council's adoption of Mål och budget or by KS's recorded adjustment:

- ``frame_set`` prepares a proposal (controllers, before the council adopts). Once Mål och budget
  for the year is adopted it is refused (FRAME-001). A new revision of Mål och budget reopens the
  proposals: the adopted frames (with KS's adjustments) stay in force, what a controller prepares
  is kept beside them (``proposed_*``) until the council adopts the revision.
- ``frames_adopt`` is called by ``plan_adopt`` when the council adopts Mål och budget: every frame
  of the year becomes adopted, linked to the decision.
- ``frame_adjust`` records KS's adjustment during the year: a KS decision with §, date, registration
  number and reason (FRAME-002…FRAME-006); only a politician on KS itself may record one.

Every amount is in tkr with at most one decimal, as the frames are kept (FRAME-007).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import require
from styr.core.unique import created_once
from styr.domain.economy import check_frame_receiver
from styr.domain.frames import ZERO, Change, check_adjustable, check_adjustment, check_frame_open, check_investment_frame, check_tsek, standing
from styr.domain.limits import check_year
from styr.economy.models import FrameAdjustment, OperatingFrame
from styr.economy.selectors.frames import executive_board, goals_and_budget_adopted, planned_investment_frames
from styr.economy.services.financial_goals import council_of
from styr.organisation.models import OrgUnit
from styr.planning.models import Decision, Plan
from styr.planning.services.plans import decision_record

FRAME_FIELDS = ["amount_tsek", "investment_tsek", "adopted_tsek", "adopted_investment_tsek", "decision", "proposed_tsek", "proposed_investment_tsek"]


@transaction.atomic
def frame_set(
    *,
    actor: Actor,
    org_unit: OrgUnit,
    year: int,
    amount_tsek: Decimal,
    investment_tsek: Decimal | None = None,
) -> OperatingFrame:
    """Prepare the committee's frame proposal for the council's Mål och budget: the operating frame
    and, when given, the investment frame (``None`` leaves it as it is). Refused once the council
    has adopted Mål och budget for the year (FRAME-001)."""
    if actor is not None:
        # The frame is the council's decision about the committee: the role must cover the
        # council, not only the committee itself. Checked on the council whatever unit is named,
        # so a unit that gets no frame (ECON-001) is refused as PERM-001 to whoever may not set
        # frames, like any other, and not by the unit's own parent's roles.
        require(actor, "frame.set", council_of(org_unit.group))
    check_frame_receiver(org_unit.level_kind)
    check_year(field="year", label=gettext("Year"), year=year)
    check_tsek(amount_tsek, field="amount_tsek")
    check_tsek(investment_tsek, field="investment_tsek")
    check_investment_frame(investment_tsek)
    check_frame_open(adopted=goals_and_budget_adopted(org_unit.group, year), committee=org_unit.name, year=year)
    frame = OperatingFrame.objects.select_for_update().filter(org_unit=org_unit, year=year).first()
    before = audit.snapshot(frame, FRAME_FIELDS) if frame else None
    if frame is None:
        with created_once(OperatingFrame, org_unit=org_unit, year=year):
            frame = OperatingFrame.objects.create(group=org_unit.group, org_unit=org_unit, year=year, amount_tsek=amount_tsek, investment_tsek=investment_tsek)
    elif frame.is_adopted:
        # a revision of Mål och budget is being prepared: the adopted frame stays in force
        frame.proposed_tsek = amount_tsek
        if investment_tsek is not None:
            frame.proposed_investment_tsek = investment_tsek
        frame.save(update_fields=["proposed_tsek", "proposed_investment_tsek"])
    else:
        frame.amount_tsek = amount_tsek
        if investment_tsek is not None:
            frame.investment_tsek = investment_tsek
        frame.save(update_fields=["amount_tsek", "investment_tsek"])
    audit.record(actor=actor, action="operating_frame.set", obj=frame, org_unit=org_unit, before=before, after=audit.snapshot(frame, FRAME_FIELDS))
    return frame


def frames_adopt(*, actor: Actor, plan: Plan, decision: Decision) -> list[OperatingFrame]:
    """The council adopts Mål och budget (``plan_adopt``, in its transaction and after its
    permission check): each of the year's frames becomes adopted as proposed (a proposal for a
    revision, else the frame as it stands), an investment frame never proposed as 0, linked to the
    decision. KS's adjustments of an earlier adoption stay in the history, counted in the figure the
    revision started from. Where the plan of the year holds projects of the committee, the investment
    frame is what they plan for the year (``planned_investment_frames``, issue 11 §3), with KS's
    investment adjustments of an earlier adoption on top; else it is the frame entered."""
    adopted = []
    planned = planned_investment_frames(plan.group, plan.year)
    for frame in OperatingFrame.objects.select_for_update(of=("self",)).filter(group=plan.group, year=plan.year).select_related("org_unit").order_by("pk"):
        before = audit.snapshot(frame, FRAME_FIELDS)
        operating = frame.proposed_tsek if frame.proposed_tsek is not None else frame.amount_tsek
        if frame.org_unit_id in planned:
            adjusted = (frame.investment_tsek or ZERO) - frame.adopted_investment_tsek if frame.adopted_investment_tsek is not None else ZERO
            investment = planned[frame.org_unit_id] + adjusted
        else:
            investment = frame.proposed_investment_tsek if frame.proposed_investment_tsek is not None else (frame.investment_tsek or ZERO)
        frame.adopted_tsek = frame.amount_tsek = operating
        frame.adopted_investment_tsek = frame.investment_tsek = investment
        frame.decision = decision
        frame.proposed_tsek = frame.proposed_investment_tsek = None
        frame.save()
        audit.record(
            actor=actor, action="operating_frame.adopted", obj=frame, org_unit=frame.org_unit, before=before, after=audit.snapshot(frame, FRAME_FIELDS)
        )
        adopted.append(frame)
    return adopted


@transaction.atomic
def frame_adjust(
    *,
    actor: Actor,
    org_unit: OrgUnit,
    year: int,
    reason: str,
    decided_on: date,
    paragraph: str,
    registration_number: str,
    operating_tsek: Decimal = ZERO,
    investment_tsek: Decimal = ZERO,
) -> FrameAdjustment:
    """KS adjusts the committee's adopted frame during the year: a KS decision (date, §,
    registration number) with its reason and the change in tkr of the operating and/or the
    investment frame. Only a politician on KS itself may record it (``frame.adjust``, held on KS:
    a KS politician's roles cover KS's own subtree, and the committees are not in it)."""
    board = executive_board(org_unit.group)
    if actor is not None:
        require(actor, "frame.adjust", board)
    assert board is not None
    check_frame_receiver(org_unit.level_kind)
    check_tsek(operating_tsek, field="operating_tsek")
    check_tsek(investment_tsek, field="investment_tsek")
    frame = OperatingFrame.objects.select_for_update(of=("self",)).filter(org_unit=org_unit, year=year).select_related("decision").first()
    check_adjustable(adopted=frame is not None and frame.is_adopted, committee=org_unit.name, year=year)
    assert frame is not None and frame.decision is not None and frame.adopted_tsek is not None and frame.adopted_investment_tsek is not None
    check_adjustment(
        reason=reason, operating_tsek=operating_tsek, investment_tsek=investment_tsek, decided_on=decided_on, year=year, adopted_on=frame.decision.decided_on
    )
    before = audit.snapshot(frame, FRAME_FIELDS)
    decision = decision_record(
        actor=actor,
        body=board,
        decided_on=decided_on,
        paragraph=paragraph,
        registration_number=registration_number,
        title=gettext("Adjustment of the frame of %(committee)s %(year)s") % {"committee": org_unit.name, "year": year},
    )
    adjustment = FrameAdjustment.objects.create(
        group=org_unit.group,
        frame=frame,
        adjusts=frame.decision,
        decision=decision,
        reason=reason.strip(),
        operating_tsek=operating_tsek,
        investment_tsek=investment_tsek,
    )
    changes = FrameAdjustment.objects.filter(frame=frame, adjusts=frame.decision).values_list("operating_tsek", "investment_tsek")
    now = standing(adopted_tsek=frame.adopted_tsek, adopted_investment_tsek=frame.adopted_investment_tsek, changes=[Change(o, i) for o, i in changes])
    check_investment_frame(now.current_investment_tsek)
    frame.amount_tsek, frame.investment_tsek = now.current_tsek, now.current_investment_tsek
    frame.save(update_fields=["amount_tsek", "investment_tsek"])
    audit.record(
        actor=actor,
        action="frame.adjusted",
        obj=frame,
        org_unit=org_unit,
        before=before,
        after={
            **audit.snapshot(frame, FRAME_FIELDS),
            "adjustment": adjustment.pk,
            "reason": adjustment.reason,
            "operating_change_tsek": str(operating_tsek),
            "investment_change_tsek": str(investment_tsek),
            "adjustment_decision": str(decision),
        },
    )
    return adjustment
