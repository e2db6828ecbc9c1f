from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from styr.documents.builders import generated_at, plan_content_build, plan_filename, report_filename
from styr.documents.renderers.docx import render_plan_docx, render_report_docx
from styr.documents.renderers.pdf import render_pdf
from styr.organisation.selectors import org_unit_get
from styr.planning.selectors import plan_get, plan_get_public

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _respond(content: dict[str, Any], fmt: str) -> HttpResponse:
    if fmt == "pdf":
        body = render_pdf("documents/plan_document.html", {"content": content, "meta": content["meta"], "generated_at": generated_at()})
    elif fmt == "docx":
        body = render_plan_docx(content, generated_at=generated_at())
    else:
        raise Http404
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{plan_filename(content, fmt)}"'
    return response


@login_required
def unit_plan_document(request: HttpRequest, unit_pk: int, year: int, fmt: str) -> HttpResponse:
    """The unit's plan for the year as it stands now (a draft until adopted), built from the data."""
    unit = org_unit_get(request.user, unit_pk)
    return _respond(plan_content_build(unit=unit, year=year), fmt)


def _plan_content(plan: Any) -> dict[str, Any]:
    """An adopted plan reads from its frozen snapshot, exactly as decided; a draft from the data."""
    return plan.snapshot if plan.snapshot is not None else plan_content_build(unit=plan.org_unit, year=plan.year)


@login_required
def plan_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return _respond(_plan_content(plan_get(request.user, pk)), fmt)


def public_plan_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Adopted plans are public documents."""
    return _respond(_plan_content(plan_get_public(pk)), fmt)


@login_required
def report_document(request: HttpRequest, unit_pk: int, period_pk: int, fmt: str) -> HttpResponse:
    """A unit's report for a period: the adopted snapshot when there is one, else as it stands now."""
    from styr.documents.builders import report_charts, report_content_build
    from styr.followup.models import Report, ReportingPeriod

    unit = org_unit_get(request.user, unit_pk)
    period = ReportingPeriod.objects.filter(pk=period_pk, group=unit.group).first()
    if period is None or fmt not in CONTENT_TYPES:
        raise Http404
    report = Report.objects.filter(org_unit=unit, period=period).first()
    if report is not None and report.snapshot is not None:
        content = report.snapshot
    else:
        content = report_content_build(unit=unit, period=period, analysis=report.analysis if report else "")
    charts = report_charts(content)
    if fmt == "pdf":
        body = render_pdf("documents/report_document.html", {"content": content, "meta": content["meta"], "charts": list(charts.values())})
    else:
        body = render_report_docx(content, generated_at=generated_at(), charts=list(charts.values()))
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{report_filename(period, fmt)}"'
    return response
