"""The committee's (or board's) report on its internal control for a year (issue 12 §3): it collects
the results, the deviations and the actions (with those carried over from earlier years), and goes
draft → submitted → reviewed → adopted, as the unit's reports do (``styr/followup/services.py``).
Officials write it, a controller reviews it (or sends it back), the body itself adopts it with a
decision; the adopted content is frozen (JSON + SHA-256) and the year's follow-up is locked."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from styr.control.models import InternalControlReport
from styr.core import audit
from styr.core.actors import Actor
from styr.core.bounds import check_lengths, checked
from styr.core.permissions import require
from styr.domain.control_followup import check_control_report_draft, check_control_report_transition, check_no_control_report
from styr.domain.internal_control import check_plan_body
from styr.domain.limits import check_year
from styr.domain.plans import snapshot_hash
from styr.organisation.models import OrgUnit


def _locked(actor: Actor, perm: str, report: InternalControlReport) -> InternalControlReport:
    if actor is not None:
        require(actor, perm, report.org_unit)
    return InternalControlReport.objects.select_for_update().select_related("org_unit__group").get(pk=report.pk)


@transaction.atomic
def control_report_create(*, actor: Actor, org_unit: OrgUnit, year: int, summary: str = "") -> InternalControlReport:
    """The body's internal control report for the year, starting as a draft (IC-004, IC-039)."""
    if actor is not None:
        require(actor, "internal_control.write", org_unit)
    check_year(field="year", label=gettext("Year"), year=year)
    check_plan_body(org_unit.kind)
    # two creating the report at once: the second waits here and then finds the first (IC-039, not a database error)
    OrgUnit.objects.select_for_update().filter(pk=org_unit.pk).exists()
    check_no_control_report(InternalControlReport.objects.filter(org_unit=org_unit, year=year).exists(), year)
    report = checked(InternalControlReport(group=org_unit.group, org_unit=org_unit, year=year, summary=summary.strip()))
    audit.record(actor=actor, action="control_report.created", obj=report, org_unit=org_unit, after=audit.snapshot(report, ["year", "state", "summary"]))
    return report


@transaction.atomic
def control_report_write(*, actor: Actor, report: InternalControlReport, summary: str) -> InternalControlReport:
    """The summary and assessment; written while the report is a draft (IC-038 otherwise)."""
    report = _locked(actor, "internal_control.write", report)
    check_control_report_draft(report.state)
    before = audit.snapshot(report, ["summary"])
    report.summary = summary.strip()
    check_lengths(report)
    report.save(update_fields=["summary"])
    audit.record(actor=actor, action="control_report.written", obj=report, org_unit=report.org_unit, before=before, after=audit.snapshot(report, ["summary"]))
    return report


def _move(actor: Actor, report: InternalControlReport, state: str, action: str) -> InternalControlReport:
    check_control_report_transition(report.state, state)
    before = {"state": report.state}
    report.state = state
    if state == "submitted":
        report.submitted_at = timezone.now()
    elif state == "reviewed":
        report.reviewed_at = timezone.now()
    report.save(update_fields=["state", "submitted_at", "reviewed_at"])
    audit.record(actor=actor, action=action, obj=report, org_unit=report.org_unit, before=before, after={"state": state})
    return report


@transaction.atomic
def control_report_submit(*, actor: Actor, report: InternalControlReport) -> InternalControlReport:
    """The body's officials (or a controller) submit the report for review."""
    return _move(actor, _locked(actor, "internal_control.write", report), "submitted", "control_report.submitted")


@transaction.atomic
def control_report_return(*, actor: Actor, report: InternalControlReport) -> InternalControlReport:
    """A controller sends a submitted or reviewed report back to draft."""
    return _move(actor, _locked(actor, "internal_control.review", report), "draft", "control_report.returned")


@transaction.atomic
def control_report_review(*, actor: Actor, report: InternalControlReport) -> InternalControlReport:
    """A controller has reviewed the report: ready for the body's decision."""
    return _move(actor, _locked(actor, "internal_control.review", report), "reviewed", "control_report.reviewed")


@transaction.atomic
def control_report_adopt(*, actor: Actor, report: InternalControlReport, decided_on: date, paragraph: str, registration_number: str) -> InternalControlReport:
    """The body adopts its own report (a politician of the body itself): a Decision is recorded and
    the content (results, deviations, actions and those carried over) frozen with its SHA-256."""
    from styr.documents.control_sections import control_report_content_build
    from styr.planning.services.plans import decision_record

    report = _locked(actor, "internal_control.adopt", report)
    check_control_report_transition(report.state, "adopted")
    content = control_report_content_build(unit=report.org_unit, year=report.year, summary=report.summary)
    content["meta"]["decision"] = {"date": decided_on.isoformat(), "paragraph": paragraph, "registration_number": registration_number}
    decision = decision_record(
        actor=actor,
        body=report.org_unit,
        decided_on=decided_on,
        paragraph=paragraph,
        registration_number=registration_number,
        title=f"Intern kontroll {report.year}: rapport",
    )
    report.state, report.decision, report.snapshot, report.snapshot_sha256, report.adopted_at = (
        "adopted",
        decision,
        content,
        snapshot_hash(content),
        timezone.now(),
    )
    report.save()
    audit.record(
        actor=actor,
        action="control_report.adopted",
        obj=report,
        org_unit=report.org_unit,
        before={"state": "reviewed"},
        after={"decision": decision.pk, "snapshot_sha256": report.snapshot_sha256},
    )
    return report
