"""Plans and their decisions (seed §6.3): create, propose, adopt with a frozen snapshot,
revise, start next year's plan; and the council's financial goals (seed §5.D)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from styr.core import audit, crud
from styr.core.actors import Actor, as_user
from styr.core.bounds import check_dates, check_lengths
from styr.core.permissions import require
from styr.documents.builders import plan_content_build
from styr.domain.financial_ratios import check_goal_unit
from styr.domain.levels import LevelKind
from styr.domain.limits import check_year
from styr.domain.plans import (
    GOALS_AND_BUDGET,
    check_election_year,
    check_financial_goal_level,
    check_no_open_plan,
    check_transition,
    plan_kind_for,
    snapshot_hash,
)
from styr.organisation.models import OrgUnit
from styr.planning.models import Decision, DevelopmentArea, DevelopmentGoal, Direction, FinancialGoal, LifecycleState, Plan
from styr.planning.services.locks import current_plan_state, goal_locked, require_open


def decision_record(*, actor: Actor, body: OrgUnit, decided_on: date, paragraph: str, registration_number: str, title: str) -> Decision:
    """A body's decision (date, §, registration number), validated and audited; the caller
    holds the transaction and links what the decision adopts."""
    check_dates(Decision, {"decided_on": decided_on})
    decision = Decision(
        group=body.group,
        body=body,
        decided_on=decided_on,
        paragraph=paragraph,
        registration_number=registration_number,
        title=title,
        recorded_by=as_user(actor),
    )
    check_lengths(decision)
    decision.full_clean()
    decision.save()
    audit.record(actor=actor, action="decision.recorded", obj=decision, org_unit=body, after=audit.snapshot(decision))
    return decision


@transaction.atomic
def plan_create(*, actor: Actor, org_unit: OrgUnit, year: int) -> Plan:
    if actor is not None:
        require(actor, "plan.manage", org_unit)
    check_year(field="year", label=gettext("Year"), year=year)
    kind = plan_kind_for(LevelKind(org_unit.kind))
    check_no_open_plan(current_plan_state(org_unit, year))
    plan = Plan.objects.create(group=org_unit.group, org_unit=org_unit, kind=kind, year=year)
    audit.record(actor=actor, action="plan.created", obj=plan, org_unit=org_unit, after=audit.snapshot(plan))
    return plan


def _set_state(actor: Actor, plan: Plan, state: str, action: str) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    check_transition(plan.state, state)
    before = audit.snapshot(plan, ["state"])
    plan.state = state
    plan.save(update_fields=["state"])
    audit.record(actor=actor, action=action, obj=plan, org_unit=plan.org_unit, before=before, after=audit.snapshot(plan, ["state"]))
    return plan


@transaction.atomic
def plan_propose(*, actor: Actor, plan: Plan) -> Plan:
    """The controller puts the draft before the body for decision (för beslut)."""
    if actor is not None:
        require(actor, "plan.manage", plan.org_unit)
    return _set_state(actor, plan, LifecycleState.PROPOSED, "plan.proposed")


@transaction.atomic
def plan_withdraw(*, actor: Actor, plan: Plan) -> Plan:
    if actor is not None:
        require(actor, "plan.manage", plan.org_unit)
    return _set_state(actor, plan, LifecycleState.DRAFT, "plan.withdrawn")


@transaction.atomic
def plan_adopt(*, actor: Actor, plan: Plan, decided_on: date, paragraph: str, registration_number: str) -> Plan:
    """The body adopts its own plan: a Decision is recorded, the content frozen (JSON + SHA-256)
    and the goals in it locked (GOAL-004); the council's Mål och budget adopts the year's frames
    with it (FRAME-001). In an election year next year's Mål och budget waits
    for the new council (PLAN-006)."""
    if actor is not None:
        require(actor, "plan.adopt", plan.org_unit)
    plan = Plan.objects.select_for_update().select_related("org_unit", "group").get(pk=plan.pk)
    check_transition(plan.state, LifecycleState.ADOPTED)
    check_election_year(plan_kind=plan.kind, plan_year=plan.year, decided_on=decided_on, today=timezone.localdate(), model=plan.group.governance)
    before = audit.snapshot(plan, ["state"])
    content = plan_content_build(unit=plan.org_unit, year=plan.year)
    content["meta"]["revision"] = plan.revision
    content["meta"]["decision"] = {"date": decided_on.isoformat(), "paragraph": paragraph, "registration_number": registration_number}
    decision = decision_record(
        actor=actor, body=plan.org_unit, decided_on=decided_on, paragraph=paragraph, registration_number=registration_number, title=str(plan)
    )
    if plan.kind == GOALS_AND_BUDGET:
        # the year's frames are part of Mål och budget: adopted with it (issue 10 §2). The economy
        # lies above planning; read lazily, as the snapshot's builder is (docs/architecture.md)
        from styr.economy.services.frames import frames_adopt

        frames_adopt(actor=actor, plan=plan, decision=decision)
    now = timezone.now()
    plan.state, plan.decision, plan.snapshot, plan.snapshot_sha256, plan.adopted_at = (
        LifecycleState.ADOPTED,
        decision,
        content,
        snapshot_hash(content),
        now,
    )
    plan.save()
    goals = DevelopmentGoal.objects.filter(org_unit=plan.org_unit, start_year__lte=plan.year, end_year__gte=plan.year).exclude(state=LifecycleState.ADOPTED)
    for goal in goals:
        goal_before = audit.snapshot(goal, ["state"])
        goal.state, goal.adopted_at = LifecycleState.ADOPTED, now
        goal.save(update_fields=["state", "adopted_at"])
        audit.record(actor=actor, action="goal.adopted", obj=goal, org_unit=plan.org_unit, before=goal_before, after=audit.snapshot(goal, ["state"]))
    audit.record(
        actor=actor,
        action="plan.adopted",
        obj=plan,
        org_unit=plan.org_unit,
        before=before,
        after={"state": plan.state, "decision": str(decision), "snapshot_sha256": plan.snapshot_sha256},
    )
    return plan


@transaction.atomic
def plan_revise(*, actor: Actor, plan: Plan) -> Plan:
    """Start a new revision of an adopted plan. The adopted one keeps its snapshot and stays in
    force until the new revision is adopted: its goals stay adopted (and public), yet are open for
    change in the draft unless an adopted plan of another year still holds them (GOAL-004,
    ``goal_locked``)."""
    if actor is not None:
        require(actor, "plan.manage", plan.org_unit)
    latest = Plan.objects.filter(org_unit=plan.org_unit, year=plan.year).order_by("-revision").first()
    assert latest is not None
    if latest.state != LifecycleState.ADOPTED:
        check_no_open_plan(latest.state)
    new = Plan.objects.create(group=plan.group, org_unit=plan.org_unit, kind=plan.kind, year=plan.year, revision=latest.revision + 1)
    goals = DevelopmentGoal.objects.filter(org_unit=plan.org_unit, start_year__lte=plan.year, end_year__gte=plan.year, state=LifecycleState.ADOPTED)
    reopened = [goal.pk for goal in goals if not goal_locked(goal)]
    audit.record(
        actor=actor,
        action="plan.revised",
        obj=new,
        org_unit=plan.org_unit,
        after={**audit.snapshot(new), "from_revision": latest.revision, "reopened_goals": reopened},
    )
    return new


@transaction.atomic
def plan_start_next_year(*, actor: Actor, plan: Plan) -> Plan:
    """Start next year's plan from this one: long-horizon goals carry over (they run into next
    year); ended goals do not; the direction and development areas are copied as a starting point."""
    new = plan_create(actor=actor, org_unit=plan.org_unit, year=plan.year + 1)
    unit, year = plan.org_unit, plan.year
    direction = Direction.objects.filter(org_unit=unit, year=year).first()
    if direction is not None and not Direction.objects.filter(org_unit=unit, year=year + 1).exists():
        crud.create(
            actor=actor,
            perm="plan.manage",
            unit=unit,
            model=Direction,
            action="direction.set",
            group=unit.group,
            org_unit=unit,
            year=year + 1,
            text=direction.text,
        )
    if not DevelopmentArea.objects.filter(org_unit=unit, year=year + 1).exists():
        for area in DevelopmentArea.objects.filter(org_unit=unit, year=year):
            crud.create(
                actor=actor,
                perm="plan.manage",
                unit=unit,
                model=DevelopmentArea,
                action="development_area.created",
                group=unit.group,
                org_unit=unit,
                year=year + 1,
                title=area.title,
                description=area.description,
            )
    return new


def financial_goal_create(*, actor: Actor, org_unit: OrgUnit, year: int, **fields: Any) -> FinancialGoal:
    crud.allowed(actor, "financial_goal.write", org_unit)
    check_financial_goal_level(LevelKind(org_unit.kind))
    require_open(org_unit, [year])
    fields["unit_label"] = check_goal_unit(measure=fields.get("measure", ""), unit_label=fields.get("unit_label", ""))
    return crud.create(
        actor=actor,
        perm="financial_goal.write",
        unit=org_unit,
        model=FinancialGoal,
        action="financial_goal.created",
        group=org_unit.group,
        org_unit=org_unit,
        year=year,
        **fields,
    )


def financial_goal_update(*, actor: Actor, goal: FinancialGoal, **fields: Any) -> FinancialGoal:
    crud.allowed(actor, "financial_goal.write", goal.org_unit)
    require_open(goal.org_unit, [goal.year, fields.get("year", goal.year)])
    if "measure" in fields or "unit_label" in fields:
        measure = fields.get("measure", goal.measure)
        # a new measure brings its own unit, unless one is given with it
        unit_label = fields.get("unit_label", "" if "measure" in fields else goal.unit_label)
        fields["unit_label"] = check_goal_unit(measure=measure, unit_label=unit_label)
    return crud.update(actor=actor, perm="financial_goal.write", unit=goal.org_unit, obj=goal, action="financial_goal.updated", **fields)


def financial_goal_delete(*, actor: Actor, goal: FinancialGoal) -> None:
    crud.allowed(actor, "financial_goal.write", goal.org_unit)
    require_open(goal.org_unit, [goal.year])
    crud.delete(actor=actor, perm="financial_goal.write", unit=goal.org_unit, obj=goal, action="financial_goal.deleted")
