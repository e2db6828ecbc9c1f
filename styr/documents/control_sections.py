"""The committee's internal control report as a document's content (issue 12 §3): the plan's
controls with their results by occasion, the deviations and the actions, the actions carried over
from earlier years, and the summary. The same content is frozen as the report's snapshot when the
body adopts it; the PDF and Word renderers lay out either. ``internal_control_section`` puts the
body's internal control into its annual report ("it can also be a section of the annual report")."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Prefetch
from django.utils.dates import MONTHS
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from styr.control.models import Action, Control, ControlResult, Deviation, InternalControlPlan, InternalControlReport, Severity
from styr.control.selectors.actions import open_actions_before
from styr.documents.builders import filename
from styr.domain.internal_control import PLAN_BODY_KINDS
from styr.organisation.models import OrgUnit


def month_label(month: int) -> str:
    return str(MONTHS.get(month, month))


def _step(model: Any, code: str) -> dict[str, str]:
    for step in model.status_scale:
        if step.code == code:
            label = step.label_en if (get_language() or "sv").startswith("en") else step.label_sv
            return {"code": code, "label": label, "colour": step.colour}
    return {"code": code, "label": code, "colour": "#6c757d"}


def _action(a: Action) -> dict[str, Any]:
    return {
        "id": a.pk,
        "kind": str(a.get_kind_display()),
        "description": a.description,
        "owner": a.owner,
        "deadline": a.deadline.isoformat() if a.deadline else "",
        "status": str(a.get_status_display()),
        "status_code": a.status,
        "closed_on": a.closed_on.isoformat() if a.closed_on else "",
    }


def _carried(a: Action) -> dict[str, Any]:
    plan = a.deviation.result.control.plan
    return {
        **_action(a),
        "year": plan.year,
        "control": a.deviation.result.control.title,
        "deviation": a.deviation.description,
    }


def plan_of(unit: OrgUnit, year: int) -> InternalControlPlan | None:
    return InternalControlPlan.objects.filter(org_unit=unit, year=year).select_related("decision").first()


def control_report_content_build(*, unit: OrgUnit, year: int, summary: str = "") -> dict[str, Any]:
    """Everything the body's internal control report for the year holds, as JSON-ready data."""
    model = unit.group.governance
    plan = plan_of(unit, year)
    controls: list[dict[str, Any]] = []
    counts: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    occasions = 0
    if plan is not None:
        results = ControlResult.objects.prefetch_related("attachments", Prefetch("deviations", queryset=Deviation.objects.prefetch_related("actions")))
        for control in Control.objects.filter(plan=plan).select_related("risk", "common_control").prefetch_related(Prefetch("results", queryset=results)):
            by_month = {r.month: r for r in control.results.all()}
            rows = []
            for month in sorted({int(m) for m in control.report_months}):
                occasions += 1
                r = by_month.get(month)
                if r is None:
                    rows.append({"month": month, "month_label": month_label(month), "reported": False})
                    continue
                counts[r.status] += 1
                deviations = []
                for d in r.deviations.all():
                    severities[d.severity] += 1
                    deviations.append(
                        {
                            "description": d.description,
                            "severity": d.severity,
                            "severity_label": str(d.get_severity_display()),
                            "actions": [_action(a) for a in d.actions.all()],
                        }
                    )
                rows.append(
                    {
                        "month": month,
                        "month_label": month_label(month),
                        "reported": True,
                        "status": _step(model, r.status),
                        "findings": r.findings,
                        "checked_count": r.checked_count,
                        "deviation_count": r.deviation_count,
                        "reported_by": r.reported_by_name,
                        "attachments": [{"file_name": f.file_name, "size_bytes": f.size_bytes, "sha256": f.sha256} for f in r.attachments.all()],
                        "deviations": deviations,
                    }
                )
            controls.append(
                {
                    "id": control.pk,
                    "title": control.title,
                    "area": control.area,
                    "method": str(control.get_method_display()),
                    "method_text": control.method_text,
                    "sample_size": control.sample_size,
                    "frequency": str(control.get_frequency_display()),
                    "responsible": control.responsible,
                    "common": control.common_control_id is not None,
                    "results": rows,
                }
            )
    carried = [_carried(a) for a in open_actions_before(None, org_unit_id=unit.pk, year=year).select_related("deviation__result__control")]
    return {
        "meta": {
            "title": _("Report on internal control %(year)s") % {"year": year},
            "group": unit.group.name,
            "unit": unit.name,
            "year": year,
            "plan_state": plan.state if plan is not None else "",
            "plan_decision": str(plan.decision) if plan is not None and plan.decision is not None else "",
        },
        "sections": {
            "totals": {
                "controls": len(controls),
                "occasions": occasions,
                "reported": sum(counts.values()),
                "by_status": [{**_step(model, s.code), "count": counts.get(s.code, 0)} for s in model.status_scale],
                "deviations": [{"severity": code, "label": str(label), "count": severities.get(code, 0)} for code, label in Severity.choices],
            },
            "controls": controls,
            "carried_over": carried,
            "summary": summary,
        },
    }


def control_report_content(report: InternalControlReport) -> dict[str, Any]:
    """As adopted (the snapshot) once it is, else as the data stands now."""
    if report.snapshot is not None:
        snapshot: dict[str, Any] = report.snapshot
        return snapshot
    return control_report_content_build(unit=report.org_unit, year=report.year, summary=report.summary)


def control_report_filename(content: dict[str, Any], extension: str) -> str:
    meta = content["meta"]
    return filename("intern kontroll", meta["year"], meta["unit"], extension=extension)


def internal_control_section(unit: OrgUnit, period: Any) -> list[dict[str, Any]]:
    """The annual report's ``internal_control`` section: the body's internal control for the year,
    as its adopted report has it (else as it stands), or none when the body keeps no plan."""
    if period.kind != "annual_report" or unit.kind not in {k.value for k in PLAN_BODY_KINDS}:
        return []
    year = period.end.year
    report = InternalControlReport.objects.filter(org_unit=unit, year=year).first()
    if report is not None:
        content = control_report_content(report)
        state = report.state
    elif InternalControlPlan.objects.filter(org_unit=unit, year=year, state="adopted").exists():
        content, state = control_report_content_build(unit=unit, year=year), ""
    else:
        return []
    return [{"title": _("Internal control"), "state": state, "decision": content["meta"].get("decision"), **content["sections"]}]
