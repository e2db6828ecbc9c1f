"""Writes of the internal control plan (issue 12 §2, seed §7: "Nämnder och bolagsstyrelser ska
varje år anta en särskild plan för uppföljning av den interna kontrollen").

- ``control_plan_create``: a committee's, KS's or a company board's plan for a year (IC-004,
  IC-020), built from the risks chosen for that year and KS's adopted common controls that apply
  to the body; ``control_plan_sync`` adds those chosen or adopted since.
- ``control_create`` / ``control_update`` / ``control_delete``: the plan's controls, only while it
  is a draft (IC-021); a common control stays as KS set it (IC-023).
- ``control_plan_propose`` / ``control_plan_withdraw`` / ``control_plan_adopt``: the body itself
  adopts its plan (``internal_control.adopt``, DIRECT_ONLY) with a Decision and a frozen snapshot
  (JSON + SHA-256); the adopted plan is locked.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from styr.control.models import CommonControl, CommonScope, Control, InternalControlPlan, RiskScore
from styr.control.selectors.actions import open_actions_before
from styr.core import audit
from styr.core.actors import Actor
from styr.core.bounds import check_lengths
from styr.core.permissions import require
from styr.domain.control_plans import (
    check_common_change,
    check_no_plan,
    check_plan_has_controls,
    check_plan_open,
    check_plan_transition,
    check_report_months,
    check_sample,
)
from styr.domain.internal_control import COMPANY_KINDS, check_plan_body
from styr.domain.levels import LevelKind
from styr.domain.limits import TITLE_LENGTH, check_year
from styr.domain.plans import snapshot_hash
from styr.organisation.models import OrgUnit
from styr.planning.services.plans import decision_record

#: The fields of a control a caller sets.
CONTROL_FIELDS = ("title", "method", "method_text", "sample_size", "frequency", "report_months", "area", "responsible")
PLAN_FIELDS = ["state", "revision", "decision", "snapshot_sha256"]


def applies_to(scope: str, kind: str) -> bool:
    """Whether KS's common control of ``scope`` applies to a body of ``kind``."""
    is_company = kind in {k.value for k in COMPANY_KINDS}
    if scope == CommonScope.ALL:
        return True
    if scope == CommonScope.COMPANIES:
        return is_company
    return kind in {LevelKind.COMMITTEE.value, LevelKind.EXECUTIVE_BOARD.value}


def _check_control(fields: dict[str, Any]) -> None:
    check_sample(method=fields.get("method", "sample"), sample_size=fields.get("sample_size"))
    check_report_months(months=fields.get("report_months") or [], frequency=fields.get("frequency", "once"))


def _save_control(control: Control) -> None:
    check_lengths(control)
    control.full_clean(exclude=["group", "plan", "risk", "common_control"])
    control.save()


def _carry_common(actor: Actor, plan: InternalControlPlan, common: CommonControl) -> Control:
    control = Control(
        group=plan.group,
        plan=plan,
        common_control=common,
        **{name: getattr(common, name) for name in CONTROL_FIELDS if name != "responsible"},
    )
    _save_control(control)
    audit.record(actor=actor, action="control.created", obj=control, org_unit=plan.org_unit, after=audit.snapshot(control))
    return control


def _from_risk(actor: Actor, plan: InternalControlPlan, score: RiskScore) -> Control:
    """A draft control for a chosen risk: the risk's area and description as a starting point."""
    risk = score.risk
    description = " ".join(risk.description.split())
    title = description if len(description) <= TITLE_LENGTH else description[: TITLE_LENGTH - 1] + "…"
    control = Control(
        group=plan.group, plan=plan, risk=risk, title=title, area=risk.area[:TITLE_LENGTH], responsible=risk.owner, method="review", report_months=[12]
    )
    _save_control(control)
    audit.record(actor=actor, action="control.created", obj=control, org_unit=plan.org_unit, after=audit.snapshot(control))
    return control


def _fill(actor: Actor, plan: InternalControlPlan) -> list[Control]:
    """Add the controls of the year's chosen risks and adopted common controls the plan lacks."""
    have_risks = set(plan.controls.filter(risk__isnull=False).values_list("risk_id", flat=True))
    have_common = set(plan.controls.filter(common_control__isnull=False).values_list("common_control_id", flat=True))
    added = []
    scores = RiskScore.objects.filter(risk__org_unit=plan.org_unit, year=plan.year, chosen=True).select_related("risk").order_by("risk__area", "pk")
    for score in scores:
        if score.risk_id not in have_risks:
            added.append(_from_risk(actor, plan, score))
    commons = CommonControl.objects.filter(group=plan.group, year=plan.year, decision__isnull=False).order_by("pk")
    for common in commons:
        if common.pk not in have_common and applies_to(common.applies_to, plan.org_unit.kind):
            added.append(_carry_common(actor, plan, common))
    return added


@transaction.atomic
def control_plan_create(*, actor: Actor, org_unit: OrgUnit, year: int) -> InternalControlPlan:
    """The body's plan for ``year`` (IC-004: a committee, KS or a company board; IC-020: one a year),
    with a control for each risk chosen for the year and each adopted common control that applies."""
    if actor is not None:
        require(actor, "internal_control.write", org_unit)
    check_year(field="year", label=gettext("Year"), year=year)
    check_plan_body(org_unit.kind)
    # two creating the body's plan at once: the second waits here and then finds the first (IC-020, not a database error)
    OrgUnit.objects.select_for_update().filter(pk=org_unit.pk).exists()
    existing = InternalControlPlan.objects.filter(org_unit=org_unit, year=year).values_list("state", flat=True).first()
    check_no_plan(existing)
    plan = InternalControlPlan.objects.create(group=org_unit.group, org_unit=org_unit, year=year)
    audit.record(actor=actor, action="control_plan.created", obj=plan, org_unit=org_unit, after=audit.snapshot(plan))
    _fill(actor, plan)
    return plan


@transaction.atomic
def control_plan_sync(*, actor: Actor, plan: InternalControlPlan) -> list[Control]:
    """Add to a draft plan the risks chosen and the common controls adopted since it was made."""
    if actor is not None:
        require(actor, "internal_control.write", plan.org_unit)
    plan = InternalControlPlan.objects.select_for_update().select_related("org_unit", "group").get(pk=plan.pk)
    check_plan_open(plan.state)
    return _fill(actor, plan)


def _open_plan(actor: Actor, plan: InternalControlPlan) -> InternalControlPlan:
    if actor is not None:
        require(actor, "internal_control.write", plan.org_unit)
    locked = InternalControlPlan.objects.select_for_update().select_related("org_unit", "group").get(pk=plan.pk)
    check_plan_open(locked.state)
    return locked


@transaction.atomic
def control_create(*, actor: Actor, plan: InternalControlPlan, **fields: Any) -> Control:
    """A control of the plan's own (not from a risk's starting point nor KS): IC-024…IC-026."""
    plan = _open_plan(actor, plan)
    risk = fields.pop("risk", None)
    unknown = set(fields) - set(CONTROL_FIELDS)
    if unknown:
        raise TypeError(f"control_create takes no {sorted(unknown)}")
    _check_control(fields)
    if risk is not None and risk.org_unit_id != plan.org_unit_id:
        raise TypeError("the risk belongs to another unit")
    control = Control(group=plan.group, plan=plan, risk=risk, **fields)
    _save_control(control)
    audit.record(actor=actor, action="control.created", obj=control, org_unit=plan.org_unit, after=audit.snapshot(control))
    return control


@transaction.atomic
def control_update(*, actor: Actor, control: Control, **fields: Any) -> Control:
    """Change a control of a draft plan; a common control's what and how stay as KS set them (IC-023)."""
    plan = _open_plan(actor, control.plan)
    control = Control.objects.select_for_update().get(pk=control.pk)
    unknown = set(fields) - set(CONTROL_FIELDS)
    if unknown:
        raise TypeError(f"control_update takes no {sorted(unknown)}")
    if control.common_control_id is not None:
        check_common_change(changed=[name for name, value in fields.items() if getattr(control, name) != value])
    merged = {name: fields.get(name, getattr(control, name)) for name in CONTROL_FIELDS}
    _check_control(merged)
    before = audit.snapshot(control)
    for name, value in fields.items():
        setattr(control, name, value)
    _save_control(control)
    audit.record(actor=actor, action="control.updated", obj=control, org_unit=plan.org_unit, before=before, after=audit.snapshot(control))
    return control


@transaction.atomic
def control_delete(*, actor: Actor, control: Control) -> None:
    """Remove a control of a draft plan; never a common control (IC-023)."""
    plan = _open_plan(actor, control.plan)
    if control.common_control_id is not None:
        check_common_change(changed=[], removing=True)
    audit.record(actor=actor, action="control.deleted", obj=control, org_unit=plan.org_unit, before=audit.snapshot(control))
    control.delete()


def _set_state(actor: Actor, plan: InternalControlPlan, state: str, action: str) -> InternalControlPlan:
    plan = InternalControlPlan.objects.select_for_update().select_related("org_unit", "group").get(pk=plan.pk)
    check_plan_transition(plan.state, state)
    if state == "proposed":
        check_plan_has_controls(plan.controls.count())
    before = audit.snapshot(plan, ["state"])
    plan.state = state
    plan.save(update_fields=["state"])
    audit.record(actor=actor, action=action, obj=plan, org_unit=plan.org_unit, before=before, after=audit.snapshot(plan, ["state"]))
    return plan


@transaction.atomic
def control_plan_propose(*, actor: Actor, plan: InternalControlPlan) -> InternalControlPlan:
    """Put the draft before the body for decision (för beslut): IC-022, IC-029."""
    if actor is not None:
        require(actor, "internal_control.write", plan.org_unit)
    return _set_state(actor, plan, "proposed", "control_plan.proposed")


@transaction.atomic
def control_plan_withdraw(*, actor: Actor, plan: InternalControlPlan) -> InternalControlPlan:
    """Take a proposal back to draft (IC-022)."""
    if actor is not None:
        require(actor, "internal_control.write", plan.org_unit)
    return _set_state(actor, plan, "draft", "control_plan.withdrawn")


def plan_snapshot(plan: InternalControlPlan, *, decision: dict[str, str] | None = None) -> dict[str, Any]:
    """The plan as adopted: its controls and the actions still open from earlier years."""
    controls = plan.controls.select_related("risk", "common_control").order_by("pk")
    actions = open_actions_before(None, org_unit_id=plan.org_unit_id, year=plan.year)
    return {
        "meta": {
            "unit": plan.org_unit.name,
            "unit_id": plan.org_unit_id,
            "year": plan.year,
            "revision": plan.revision,
            "decision": decision,
        },
        "controls": [
            {
                "id": c.pk,
                "title": c.title,
                "area": c.area,
                "method": c.method,
                "method_text": c.method_text,
                "sample_size": c.sample_size,
                "frequency": c.frequency,
                "report_months": list(c.report_months),
                "responsible": c.responsible,
                "risk": {"id": c.risk_id, "area": c.risk.area, "description": c.risk.description} if c.risk is not None else None,
                "common_control_id": c.common_control_id,
            }
            for c in controls
        ],
        "open_actions": [
            {
                "id": a.pk,
                "description": a.description,
                "owner": a.owner,
                "deadline": a.deadline.isoformat() if a.deadline else None,
                "status": a.status,
                "from_year": a.deviation.result.control.plan.year,
                "control": a.deviation.result.control.title,
            }
            for a in actions
        ],
    }


@transaction.atomic
def control_plan_adopt(*, actor: Actor, plan: InternalControlPlan, decided_on: date, paragraph: str, registration_number: str) -> InternalControlPlan:
    """The body itself adopts its proposed plan (``internal_control.adopt``, DIRECT_ONLY): a Decision,
    a frozen snapshot (JSON + SHA-256), and the plan locked (IC-021)."""
    if actor is not None:
        require(actor, "internal_control.adopt", plan.org_unit)
    plan = InternalControlPlan.objects.select_for_update().select_related("org_unit", "group").get(pk=plan.pk)
    check_plan_transition(plan.state, "adopted")
    check_plan_has_controls(plan.controls.count())
    before = audit.snapshot(plan, PLAN_FIELDS)
    decision = decision_record(
        actor=actor,
        body=plan.org_unit,
        decided_on=decided_on,
        paragraph=paragraph,
        registration_number=registration_number,
        title=gettext("Internal control plan %(year)s") % {"year": plan.year},
    )
    content = plan_snapshot(plan, decision={"date": decided_on.isoformat(), "paragraph": paragraph, "registration_number": registration_number})
    plan.state, plan.decision, plan.snapshot, plan.snapshot_sha256, plan.adopted_at = "adopted", decision, content, snapshot_hash(content), timezone.now()
    plan.save()
    audit.record(
        actor=actor,
        action="control_plan.adopted",
        obj=plan,
        org_unit=plan.org_unit,
        before=before,
        after={"state": plan.state, "decision": str(decision), "snapshot_sha256": plan.snapshot_sha256},
    )
    return plan
