"""Following up the controls (issue 12 §3): a control's result on each occasion its plan names,
the files attached to it, the deviations it found and the actions against them.

Every write checks ``internal_control.write`` on the plan's body first, then the rules
(IC-030…IC-037), then saves and records the audit event in the same transaction. Once the body
has adopted the year's internal control report the year is locked (IC-035, 409); an action
from a locked year may still be moved on and closed (it carries over until it is done)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from styr.control.models import Action, ActionKind, ActionStatus, Control, ControlResult, Deviation, InternalControlReport, ResultAttachment, Severity
from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.bounds import check_dates, checked
from styr.core.permissions import require
from styr.domain.control_followup import (
    check_attachment_size,
    check_attachment_type,
    check_counts,
    check_occasion,
    check_plan_adopted,
    check_result_status,
    check_year_open,
)
from styr.domain.errors import RuleViolation, _
from styr.organisation.models import OrgUnit

RESULT_FIELDS = ["control", "month", "status", "findings", "checked_count", "deviation_count"]
ACTION_FIELDS = ["kind", "description", "owner", "deadline", "status", "closed_on"]


def _name(actor: Actor) -> str:
    user = as_user(actor)
    return (user.get_full_name() or user.get_username()) if user is not None else "system"


def _body(control: Control) -> OrgUnit:
    return control.plan.org_unit


def year_report_state(org_unit_id: int, year: int) -> str | None:
    """The state of the body's internal control report for the year, read afresh (None: none yet)."""
    return InternalControlReport.objects.filter(org_unit_id=org_unit_id, year=year).values_list("state", flat=True).first()


def _check_open(control: Control) -> None:
    plan = control.plan
    check_year_open(year_report_state(plan.org_unit_id, plan.year), plan.year)


def _choice(value: str, choices: Any, field: str) -> str:
    if value not in choices.values:
        raise RuleViolation("INPUT-001", _("“%(value)s” is not a valid choice."), {"value": value}, field=field)
    return value


@transaction.atomic
def result_report(
    *,
    actor: Actor,
    control: Control,
    month: int,
    status: str,
    findings: str = "",
    checked_count: int | None = None,
    deviation_count: int | None = None,
) -> ControlResult:
    """Report (or report again) the control's result for an occasion of its plan: the status on the
    group's scale, what was found and, for a sample, how many were checked and how many deviated."""
    control = Control.objects.select_related("plan__org_unit__group").get(pk=control.pk)
    unit = _body(control)
    if actor is not None:
        require(actor, "internal_control.write", unit)
    check_plan_adopted(control.plan.state)
    _check_open(control)
    check_occasion(month, control.report_months)
    check_result_status(status, [s.code for s in unit.group.governance.status_scale])
    check_counts(method=control.method, checked=checked_count, deviations=deviation_count)
    # two reporting the same occasion at once: the control's row serialises them, so the second updates the first's result
    Control.objects.select_for_update().filter(pk=control.pk).exists()
    existing = ControlResult.objects.select_for_update().filter(control=control, month=month).first()
    new = (status, findings.strip(), checked_count, deviation_count)
    if existing is not None and (existing.status, existing.findings, existing.checked_count, existing.deviation_count) == new:
        return existing  # no change: nothing to write or record
    before = audit.snapshot(existing, RESULT_FIELDS) if existing is not None else None
    result = existing or ControlResult(group=control.group, control=control, month=month)
    result.status, result.findings, result.checked_count, result.deviation_count = new
    result.reported_by, result.reported_by_name = as_user(actor), _name(actor)
    checked(result)
    audit.record(
        actor=actor,
        action="control_result.updated" if existing is not None else "control_result.reported",
        obj=result,
        org_unit=unit,
        before=before,
        after=audit.snapshot(result, RESULT_FIELDS),
    )
    return result


def _result_locked(result: ControlResult) -> ControlResult:
    result = ControlResult.objects.select_related("control__plan__org_unit").get(pk=result.pk)
    return result


@transaction.atomic
def attachment_add(*, actor: Actor, result: ControlResult, file: File[Any], file_name: str) -> ResultAttachment:
    """Attach a file to a result: no larger than ``CONTROL_ATTACHMENT_MAX_BYTES`` (IC-036), of a
    kind the content shows and the name agrees with (IC-037). Kept under a name of our own in the
    ``uploads`` storage with its SHA-256; a refused file writes nothing."""
    result = _result_locked(result)
    unit = _body(result.control)
    if actor is not None:
        require(actor, "internal_control.write", unit)
    _check_open(result.control)
    name = (file_name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "bilaga")[:255]
    size = file.size or 0
    check_attachment_size(name=name, size=size, limit=settings.CONTROL_ATTACHMENT_MAX_BYTES)
    file.seek(0)
    _kind, content_type = check_attachment_type(name=name, stream=file)  # type: ignore[arg-type]
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    attachment = ResultAttachment(
        group=result.group,
        result=result,
        file_name=name,
        content_type=content_type,
        size_bytes=size,
        sha256=digest.hexdigest(),
        uploaded_by=as_user(actor),
        uploaded_by_name=_name(actor),
    )
    extension = name.rsplit(".", 1)[-1].lower()
    attachment.file.save(f"{uuid.uuid4().hex}.{extension}", file, save=False)
    stored = attachment.file.name or ""
    try:
        checked(attachment)
        audit.record(
            actor=actor,
            action="control_attachment.added",
            obj=attachment,
            org_unit=unit,
            after={"result": result.pk, "file_name": name, "size_bytes": size, "sha256": attachment.sha256},
        )
    except BaseException:
        attachment.file.storage.delete(stored)
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, actor: Actor, attachment: ResultAttachment) -> None:
    """Remove an attachment; the file goes from the storage once the removal is committed."""
    attachment = ResultAttachment.objects.select_related("result__control__plan__org_unit").get(pk=attachment.pk)
    unit = _body(attachment.result.control)
    if actor is not None:
        require(actor, "internal_control.write", unit)
    _check_open(attachment.result.control)
    stored, storage = attachment.file.name or "", attachment.file.storage
    before = {"result": attachment.result_id, "file_name": attachment.file_name, "sha256": attachment.sha256}
    audit.record(actor=actor, action="control_attachment.deleted", obj=attachment, org_unit=unit, before=before)
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def deviation_add(*, actor: Actor, result: ControlResult, description: str, severity: str = Severity.MEDIUM) -> Deviation:
    """A deviation (brist) the result found."""
    result = _result_locked(result)
    unit = _body(result.control)
    if actor is not None:
        require(actor, "internal_control.write", unit)
    _check_open(result.control)
    _choice(severity, Severity, "severity")
    deviation = checked(Deviation(group=result.group, result=result, description=description.strip(), severity=severity))
    audit.record(actor=actor, action="deviation.created", obj=deviation, org_unit=unit, after=audit.snapshot(deviation, ["result", "description", "severity"]))
    return deviation


@transaction.atomic
def deviation_update(*, actor: Actor, deviation: Deviation, description: str, severity: str) -> Deviation:
    deviation = Deviation.objects.select_for_update().select_related("result__control__plan__org_unit").get(pk=deviation.pk)
    unit = _body(deviation.result.control)
    if actor is not None:
        require(actor, "internal_control.write", unit)
    _check_open(deviation.result.control)
    _choice(severity, Severity, "severity")
    before = audit.snapshot(deviation, ["description", "severity"])
    deviation.description, deviation.severity = description.strip(), severity
    checked(deviation)
    audit.record(
        actor=actor, action="deviation.updated", obj=deviation, org_unit=unit, before=before, after=audit.snapshot(deviation, ["description", "severity"])
    )
    return deviation


def _closing(status: str, closed_on: date | None) -> date | None:
    """Closing an action (done) sets the day it was closed; reopening clears it."""
    if status == ActionStatus.DONE:
        return closed_on or timezone.localdate()
    return None


@transaction.atomic
def action_add(
    *,
    actor: Actor,
    deviation: Deviation,
    description: str,
    owner: str,
    kind: str = ActionKind.PROPOSED,
    deadline: date | None = None,
    status: str = ActionStatus.OPEN,
) -> Action:
    """An action (taken or proposed) against a deviation, with its owner, deadline and status."""
    deviation = Deviation.objects.select_related("result__control__plan__org_unit").get(pk=deviation.pk)
    unit = _body(deviation.result.control)
    if actor is not None:
        require(actor, "internal_control.write", unit)
    _check_open(deviation.result.control)
    _choice(kind, ActionKind, "kind")
    _choice(status, ActionStatus, "status")
    check_dates(Action, {"deadline": deadline})
    action = checked(
        Action(
            group=deviation.group,
            deviation=deviation,
            kind=kind,
            description=description.strip(),
            owner=owner.strip(),
            deadline=deadline,
            status=status,
            closed_on=_closing(status, None),
        )
    )
    audit.record(actor=actor, action="control_action.created", obj=action, org_unit=unit, after=audit.snapshot(action, ["deviation", *ACTION_FIELDS]))
    return action


#: what may change on an action of a year whose report is adopted: it is followed until done
LOCKED_YEAR_CHANGES = frozenset({"status", "closed_on"})


@transaction.atomic
def action_update(*, actor: Actor, action: Action, **changes: Any) -> Action:
    """Change an action (kind, description, owner, deadline, status). Setting it done closes it
    (``closed_on`` today unless given); an action of a year already adopted may only be moved on
    and closed, in the next year's follow-up (IC-035 for anything else)."""
    action = Action.objects.select_for_update().select_related("deviation__result__control__plan__org_unit").get(pk=action.pk)
    control = action.deviation.result.control
    unit = _body(control)
    if actor is not None:
        require(actor, "internal_control.write", unit)
    unknown = set(changes) - {"kind", "description", "owner", "deadline", "status", "closed_on"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if set(changes) - LOCKED_YEAR_CHANGES:
        _check_open(control)
    if "kind" in changes:
        _choice(changes["kind"], ActionKind, "kind")
    if "status" in changes:
        _choice(changes["status"], ActionStatus, "status")
    check_dates(Action, {k: v for k, v in changes.items() if k in ("deadline", "closed_on")})
    before = audit.snapshot(action, ACTION_FIELDS)
    for name, value in changes.items():
        setattr(action, name, value.strip() if isinstance(value, str) and name in ("description", "owner") else value)
    action.closed_on = _closing(action.status, changes.get("closed_on", action.closed_on))
    after = audit.snapshot(action, ACTION_FIELDS)
    if after == before:
        return action
    checked(action)
    verb = "closed" if action.status == ActionStatus.DONE and before["status"] != ActionStatus.DONE else "updated"
    audit.record(actor=actor, action=f"control_action.{verb}", obj=action, org_unit=unit, before=before, after=after)
    return action
