from __future__ import annotations

from contextlib import nullcontext
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from styr.core.conflicts import Conflict, ConflictRow, text_conflict
from styr.core.errors import NotAllowed, violation_message, violation_status
from styr.core.permissions import can
from styr.core.versions import expected, posted_version
from styr.core.views import call_service
from styr.documents.statement_sections import report_statements
from styr.domain.errors import RuleViolation
from styr.domain.goals import parse_value
from styr.domain.numbers import sv_number
from styr.domain.variance import parse_forecast_amount
from styr.domain.versions import STALE, check_version
from styr.economy.models import Forecast
from styr.economy.selectors.followup import economy_figures
from styr.economy.services.forecast import forecast_set
from styr.followup import excel, reporting, sections, services
from styr.followup.forms import MeasurementForm
from styr.followup.models import Measurement, ReportingPeriod
from styr.followup.overview import unit_rollup
from styr.followup.selectors import reporting_period_get
from styr.followup.todo import todo_for
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import org_unit_get
from styr.planning.selectors import goal_get, indicator_get
from styr.planning.views import goal_page


@login_required
@require_POST
def measurement_create(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_get(request.user, pk)
    unit = indicator.goal.org_unit
    if not can(request.user, "measurement.record", unit):
        raise NotAllowed("measurement.record", unit)
    form = MeasurementForm(request.POST)
    status = 422
    if form.is_valid():
        data = form.cleaned_data

        def record() -> Measurement:
            nonlocal status
            try:
                return services.measurement_record(
                    actor=request.user,
                    indicator=indicator,
                    period=data["period"],
                    value=parse_value(data["value"]),
                    comment=data["comment"],
                    reason=data["reason"],
                )
            except RuleViolation as violation:
                status = violation_status(violation)  # an adopted report's month is locked (409)
                raise

        if call_service(form, record) is not None:
            messages.success(request, _("The value was saved."))
            return redirect("planning:goal", pk=indicator.goal_id)
    return goal_page(request, goal_get(request.user, indicator.goal_id), measurement_form=form, status=status)


def _unit_and_period(request: HttpRequest, unit_pk: int, period_pk: int) -> tuple[OrgUnit, ReportingPeriod]:
    """The unit the user may see and one of its group's reporting periods (404 for another group's)."""
    unit = org_unit_get(request.user, unit_pk)
    return unit, reporting_period_get(request.user, unit, period_pk)


@login_required
def reporting_page(request: HttpRequest, unit_pk: int, period_pk: int) -> HttpResponse:
    """A unit's reporting for a period: the value grid, the goals' assessments and the report's way to its decision."""
    unit, period = _unit_and_period(request, unit_pk, period_pk)
    sheet = reporting.sheet_build(unit, period)
    status = 200
    economy_error: dict[str, str] = {}
    analysis_conflict: Conflict | None = None
    forecast_conflict: Conflict | None = None
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "upload":
            if not can(request.user, "measurement.record", unit):
                raise NotAllowed("measurement.record", unit)
            status = _upload(request, unit, period, sheet)
        elif action == "save":
            if not can(request.user, "measurement.record", unit):
                raise NotAllowed("measurement.record", unit)
            if reporting.sheet_save(actor=request.user, sheet=sheet, data=request.POST):
                messages.success(request, _("The period's values and assessments were saved."))
                sheet = reporting.sheet_build(unit, period)
            else:
                status = 409 if sheet.conflict else 422
        elif action == "forecast":
            economy_error, status, forecast_conflict = _forecast(request, unit, period, sheet)
            if status == 200:
                sheet = reporting.sheet_build(unit, period)
        else:
            report = sheet.report if action in {"write", "submit"} else None  # the analysis is edited: EDIT-001
            try:
                with expected(report, posted_version(request.POST)) if report is not None else nullcontext():
                    _report_action(request, unit, period, sheet, action)
                sheet = reporting.sheet_build(unit, period)
            except RuleViolation as violation:
                if violation.code == STALE and report is not None:
                    analysis_conflict, status = _analysis_conflict(request, report, violation), 409
                else:
                    sheet.errors.append(f"{violation_message(violation)} ({violation.code})")
                    status = 422
            except ValidationError as error:
                sheet.errors.append(" ".join(error.messages))
                status = 422
    model = unit.group.governance
    language = request.LANGUAGE_CODE
    scale = [(s.code, s.label_en if language.startswith("en") else s.label_sv) for s in model.status_scale]
    rollup = unit_rollup(request.user, unit=unit, period=period)
    context = {
        "sheet": sheet,
        "unit": unit,
        "period": period,
        "scale": scale,
        "rollup": [(label, rollup[code]) for code, label in scale if rollup.get(code)],
        "report_sections": sections.sections_status(unit, period, sheet.report),
        "labels": dict(scale),
        "can_record": can(request.user, "measurement.record", unit),
        "can_correct": can(request.user, "measurement.correct", unit),
        "can_write_report": can(request.user, "report.write", unit),
        "can_review": can(request.user, "report.review", unit),
        "can_adopt": can(request.user, "report.adopt", unit)
        and unit.kind in {"COUNCIL", "EXECUTIVE_BOARD", "COMMITTEE", "PARENT_COMPANY", "COMPANY", "JOINT_AUTHORITY"},
        "economy": economy_figures(request.user, unit, period.end.year, period.end.month),
        "statements": report_statements(unit, period, sheet.report),
        "economy_error": economy_error,
        "economy_input": _forecast_input(request, forecast_conflict) if economy_error or forecast_conflict else {},
        "forecast_conflict": forecast_conflict,
        "forecast_version": _forecast_version(sheet.report),
        "analysis_conflict": analysis_conflict,
        "analysis_mine": request.POST.get("analysis", "") if analysis_conflict else None,
    }
    template = "followup/_reporting_sheet.html" if getattr(request, "htmx", False) else "followup/reporting.html"
    return render(request, template, context, status=status)


def _analysis_conflict(request: HttpRequest, report: Any, violation: RuleViolation) -> Conflict:
    """The report's analysis as the person wrote it beside the saved one (EDIT-001)."""
    saved = type(report)._base_manager.get(pk=report.pk)
    row = ConflictRow(label=_("Analysis"), mine=request.POST.get("analysis", "").replace("\r\n", "\n").strip(), saved=saved.analysis.strip())
    return text_conflict(violation, [row], saved_version=saved.version, reload_url=request.path, hx_target="reporting-sheet")


def _forecast_version(report: Any) -> int:
    """The version of the report's forecast the form is read with (0: none yet), EDIT-001."""
    if report is None:
        return 0
    return Forecast.objects.filter(report=report).values_list("version", flat=True).first() or 0


def _forecast_input(request: HttpRequest, conflict: Conflict | None) -> dict[str, str]:
    """The forecast form as the person posted it; after a conflict, with the saved version, so that
    saving again is a conscious choice to replace it."""
    posted = {key: str(request.POST.get(key, "")) for key in ("forecast_amount", "forecast_comment", "forecast_reason", "forecast_version")}
    if conflict is not None:
        posted["forecast_version"] = str(conflict.saved_version)
    return posted


def _forecast(request: HttpRequest, unit: OrgUnit, period: ReportingPeriod, sheet: reporting.Sheet) -> tuple[dict[str, str], int, Conflict | None]:
    """The unit's full-year forecast with its comment, given in the period's report (started here
    when it is not yet); refused beside its field with the rule id, nothing saved. The form posts the
    version of the forecast it was read with (``forecast_version``, 0 for none): a forecast saved by
    someone else since is shown beside the person's own (EDIT-001, 409), nothing saved."""
    if not can(request.user, "report.write", unit):
        raise NotAllowed("report.write", unit)
    read_version = posted_version({"version": request.POST.get("forecast_version", "")})
    saved: Forecast | None = None
    current = 0
    try:
        with transaction.atomic():
            report = sheet.report or services.report_create(actor=request.user, org_unit=unit, period=period)
            saved = Forecast.objects.select_for_update().filter(report=report).first()
            current = saved.version if saved is not None else 0
            if read_version is not None and read_version != current:
                values = {"amount_sek": saved.amount_sek, "comment": saved.comment} if saved is not None else {}
                check_version(current=current, expected=read_version, what=str(saved or report), values=values)
            forecast_set(
                actor=request.user,
                report=report,
                amount_sek=parse_forecast_amount(request.POST.get("forecast_amount", "")),
                comment=request.POST.get("forecast_comment", ""),
                reason=request.POST.get("forecast_reason", ""),
            )
    except RuleViolation as violation:
        if violation.code == STALE:
            return {}, 409, _forecast_conflict(request, saved, current, violation)
        field = "reason" if violation.field == "reason" else "comment" if violation.field == "comment" else "amount"
        return {field: f"{violation_message(violation)} ({violation.code})"}, violation_status(violation), None
    messages.success(request, _("The forecast was saved."))
    return {}, 200, None


def _forecast_conflict(request: HttpRequest, saved: Forecast | None, version: int, violation: RuleViolation) -> Conflict:
    """The forecast as the person wrote it beside the saved one (EDIT-001)."""
    rows = [
        ConflictRow(
            label=_("Full-year forecast, net cost (kr)"),
            mine=request.POST.get("forecast_amount", "").strip(),
            saved=sv_number(saved.amount_sek) if saved is not None else "—",
        ),
        ConflictRow(
            label=_("Comment on the forecast"),
            mine=request.POST.get("forecast_comment", "").replace("\r\n", "\n").strip(),
            saved=saved.comment.strip() if saved is not None else "—",
        ),
    ]
    return text_conflict(violation, rows, saved_version=version, reload_url=request.path, hx_target="reporting-sheet")


def _report_action(request: HttpRequest, unit: OrgUnit, period: ReportingPeriod, sheet: reporting.Sheet, action: str) -> None:
    report = sheet.report
    if action == "start":
        services.report_create(actor=request.user, org_unit=unit, period=period, analysis=request.POST.get("analysis", ""))
        return
    if report is None:
        raise Http404
    if action == "write":
        services.report_write_analysis(actor=request.user, report=report, analysis=request.POST.get("analysis", ""))
    elif action == "submit":
        analysis = request.POST.get("analysis")
        if analysis is not None and analysis.strip() != report.analysis:
            # the analysis written in the same form is saved first: it may be a required section (FU-013)
            report = services.report_write_analysis(actor=request.user, report=report, analysis=analysis)
        services.report_submit(actor=request.user, report=report)
    elif action == "review":
        services.report_review(actor=request.user, report=report)
    elif action == "return":
        services.report_return(actor=request.user, report=report)
    elif action == "adopt":
        try:
            decided_on = date.fromisoformat(request.POST.get("decided_on", ""))
        except ValueError:
            raise ValidationError(_("Give the decision date as YYYY-MM-DD.")) from None
        services.report_adopt(
            actor=request.user,
            report=report,
            decided_on=decided_on,
            paragraph=request.POST.get("paragraph", "").strip(),
            registration_number=request.POST.get("registration_number", "").strip(),
        )
    else:
        raise Http404


def _upload(request: HttpRequest, unit: OrgUnit, period: ReportingPeriod, sheet: reporting.Sheet) -> int:
    """The filled-in template: every cell checked, all saved or none; each error names its sheet and cell."""
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise RuleViolation("FU-011", gettext_noop("Choose the filled-in Excel file."), {}, field="file")
        data, cells = excel.read_upload(upload.read(excel.MAX_BYTES + 1), unit=unit, period=period)
    except RuleViolation as violation:
        sheet.errors.append(f"{violation_message(violation)} ({violation.code})")
        return 422
    data["reason"] = request.POST.get("reason", "")  # a controller's correction of a submitted or closed period (FU-006)
    if reporting.sheet_save(actor=request.user, sheet=sheet, data=data):
        messages.success(request, _("The period's values and assessments were saved."))
        return 200
    for row in sheet.rows:
        if row.error:
            sheet.errors.append(f"{cells.get(row.key, row.key)}: {row.error}")
    for goal_row in sheet.goals:
        if goal_row.error:
            sheet.errors.append(f"{cells.get(f'status-{goal_row.goal.pk}', '')}: {goal_row.error}")
    return 409 if sheet.conflict else 422


@login_required
def reporting_charts(request: HttpRequest, unit_pk: int, period_pk: int) -> HttpResponse:
    """The unit's quality indicators over time, loaded into the reporting page after its grid."""
    unit, period = _unit_and_period(request, unit_pk, period_pk)
    template = "followup/_reporting_charts.html" if getattr(request, "htmx", False) else "followup/reporting_charts.html"
    return render(request, template, {"unit": unit, "period": period, "charts": reporting.quality_charts(unit, period)})


@login_required
def reporting_economy_chart(request: HttpRequest, unit_pk: int, period_pk: int) -> HttpResponse:
    """The economy section's chart (cumulative actual against the periodised budget, with the
    forecast line), loaded into the reporting page after the section's table, as in the report."""
    from styr.documents.economy_sections import economy_section, economy_section_chart

    unit, period = _unit_and_period(request, unit_pk, period_pk)
    part = economy_section(unit, period.end.year, period.end.month)
    chart = economy_section_chart(part) if part["has_figures"] else None
    template = "followup/_economy_chart.html" if getattr(request, "htmx", False) else "followup/economy_chart.html"
    return render(request, template, {"unit": unit, "period": period, "chart": chart})


@login_required
def reporting_template(request: HttpRequest, unit_pk: int, period_pk: int) -> HttpResponse:
    unit, period = _unit_and_period(request, unit_pk, period_pk)
    body = excel.template(reporting.sheet_build(unit, period))
    response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{excel.template_filename(unit, period)}"'
    return response


@login_required
def todo_page(request: HttpRequest) -> HttpResponse:
    """The start page ("Att göra"): what waits for the signed-in person (issue 8, point 6)."""
    today = timezone.localdate()
    return render(request, "followup/todo.html", {"todo": todo_for(request.user, today=today), "today": today})
