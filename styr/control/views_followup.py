"""The follow-up pages of internal control (issue 12 §3): the body's year (its plan's controls with
their occasions and results, open actions from earlier years), one control (results, deviations,
actions, attachments and their forms), an attachment's download, and the body's internal control
report (its states, the decision, PDF and Word). Thin: the services write, the selectors read."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.control.forms_followup import ActionForm, ActionStatusForm, AttachmentForm, ControlDecisionForm, DeviationForm, ResultForm, SummaryForm
from styr.control.models import ActionStatus, Control, ControlMethod
from styr.control.selectors import followup as sel
from styr.control.services import followup as svc
from styr.control.services import reports as rep
from styr.core.backup.snapshots import with_hash
from styr.core.conflicts import add_version, save_checked
from styr.core.errors import NotAllowed, violation_status
from styr.core.permissions import can
from styr.core.views import call_service, form_status, form_violation, refusal_text
from styr.documents.builders import generated_at
from styr.documents.control_sections import control_report_content, control_report_content_build, control_report_filename, month_label
from styr.documents.renderers.docx_control import render_control_report_docx
from styr.documents.renderers.pdf import render_pdf
from styr.documents.views import CONTENT_TYPES, _look
from styr.domain.errors import RuleViolation
from styr.organisation.selectors import org_unit_get


def _steps(unit: Any) -> dict[str, Any]:
    return {s.code: s for s in unit.group.governance.status_scale}


def _result_form(control: Control, month: int, data: Any = None, prefix: str = "") -> ResultForm:
    result = next((r for r in control.results.all() if r.month == month), None)
    initial: dict[str, Any] = {"month": month}
    if result is not None:
        initial |= {"status": result.status, "findings": result.findings, "checked_count": result.checked_count, "deviation_count": result.deviation_count}
    form = ResultForm(
        data,
        initial=initial,
        scale=control.plan.org_unit.group.governance.status_scale,
        sample=control.method == ControlMethod.SAMPLE,
        auto_id=f"{prefix}r{month}-%s",
    )
    return add_version(form, result) if result is not None else form  # EDIT-001: reporting again over a result read earlier


@login_required
def followup_year_page(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    """GET: the year's follow-up. POST: move on or close an action carried over from an earlier year."""
    unit = org_unit_get(request.user, unit_pk)
    refusal, status = "", 200
    if request.method == "POST":
        if not can(request.user, "internal_control.write", unit):
            raise NotAllowed("internal_control.write", unit)
        form = ActionStatusForm(request.POST)
        if form.is_valid():
            action = sel.action_get(request.user, form.cleaned_data["action"])
            if action.deviation.result.control.plan.org_unit_id != unit.pk:
                raise Http404
            if call_service(form, lambda: svc.action_update(actor=request.user, action=action, status=form.cleaned_data["status"])) is not None:
                messages.success(request, _("The action was updated."))
                return redirect("control:followup_year", unit_pk=unit.pk, year=year)
        violation = form_violation(form)
        refusal, status = (refusal_text(violation) if violation else " ".join(str(e) for e in form.errors.values())), form_status(form)
    found = sel.followup_year(request.user, unit, year)
    context = {
        "unit": unit,
        "year": year,
        "found": found,
        "steps": _steps(unit),
        "may_write": can(request.user, "internal_control.write", unit),
        "refusal": refusal,
        "rows": [
            {
                "control": row.control,
                "occasions": [
                    {
                        "month": o.month,
                        "label": month_label(o.month),
                        "result": o.result,
                        "step": _steps(unit).get(o.result.status) if o.result else None,
                        "form": _result_form(row.control, o.month, prefix=f"c{row.control.pk}") if o.result is None else None,
                    }
                    for o in row.occasions
                ],
            }
            for row in found.rows
        ],
        "status_form": ActionStatusForm(auto_id=False),
    }
    return render(request, "control/followup/year.html", context, status=status)


FORMS: dict[str, type[forms.Form]] = {
    "attachment": AttachmentForm,
    "deviation": DeviationForm,
    "action": ActionForm,
    "action_status": ActionStatusForm,
}


@login_required
def control_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One control: its results by occasion with deviations, actions and attachments, and the forms
    to report, attach, record a deviation and an action. POST ``do`` says which form was sent."""
    control = sel.control_get(request.user, pk)
    unit = control.plan.org_unit
    may_write = can(request.user, "internal_control.write", unit)
    sent: dict[str, forms.Form] = {}
    refusal, status, conflict = "", 200, None
    if request.method == "POST":
        if not may_write:
            raise NotAllowed("internal_control.write", unit)
        do = request.POST.get("do", "")
        saved = _handle(request, control, do, sent)
        if saved:
            messages.success(request, saved)
            return redirect("control:control", pk=control.pk)
        form = next(iter(sent.values()), None)
        if form is None:
            raise Http404
        violation = form_violation(form)
        status = form_status(form)
        conflict = getattr(form, "conflict", None)  # EDIT-001: both versions side by side, not a refusal
        if violation is not None and status == 409 and conflict is None:
            refusal = refusal_text(violation)
        control = sel.control_get(request.user, pk)
    results = {r.month: r for r in control.results.all()}
    occasions = []
    for month in sorted({int(m) for m in control.report_months}):
        result = results.get(month)
        occasions.append(
            {
                "month": month,
                "label": month_label(month),
                "result": result,
                "step": _steps(unit).get(result.status) if result else None,
                "form": sent.get(f"result-{month}") or _result_form(control, month),
                "attachment_form": (sent.get(f"attachment-{result.pk}") or AttachmentForm(initial={"result": result.pk}, auto_id=f"attachment-{result.pk}-%s"))
                if result
                else None,
                "deviation_form": (sent.get(f"deviation-{result.pk}") or DeviationForm(initial={"result": result.pk}, auto_id=f"deviation-{result.pk}-%s"))
                if result
                else None,
            }
        )
        for deviation in result.deviations.all() if result else ():
            deviation.action_form = sent.get(f"action-{deviation.pk}") or ActionForm(initial={"deviation": deviation.pk}, auto_id=f"action-{deviation.pk}-%s")  # type: ignore[attr-defined]
    context = {
        "control": control,
        "unit": unit,
        "plan": control.plan,
        "occasions": occasions,
        "sent": sent,
        "may_write": may_write,
        "refusal": refusal,
        "conflict": conflict,
        "action_statuses": ActionStatus.choices,
    }
    return render(request, "control/followup/control.html", context, status=status)


def _handle(request: HttpRequest, control: Control, do: str, sent: dict[str, forms.Form]) -> str:
    """Run the form ``do`` names; the success message, or "" with the form (and its errors) in ``sent``."""
    user = request.user
    if do == "result":
        month = request.POST.get("month", "")
        form: forms.Form = _result_form(control, int(month) if month.isdigit() and 1 <= int(month) <= 12 else 1, request.POST)
        sent[f"result-{month}"] = form
        if form.is_valid():
            d = form.cleaned_data
            existing = next((r for r in control.results.all() if r.month == d["month"]), None)
            reported = save_checked(
                form,
                existing,
                lambda: svc.result_report(
                    actor=user,
                    control=control,
                    month=d["month"],
                    status=d["status"],
                    findings=d["findings"],
                    checked_count=d["checked_count"],
                    deviation_count=d["deviation_count"],
                ),
                reload_url=f"{reverse('control:control', args=[control.pk])}#occasion-{d['month']}",
            )
            return _("The result was saved.") if reported is not None else ""
        return ""
    kind = do.split("_delete")[0]
    if do == "attachment_delete":
        attachment = sel.attachment_get(user, int(request.POST.get("attachment", "0") or 0))
        if attachment.result.control_id != control.pk:
            raise Http404
        form = forms.Form(request.POST)
        sent["attachment_delete"] = form
        call_service(form, lambda: svc.attachment_delete(actor=user, attachment=attachment))
        return _("The attachment was removed.") if not form.errors else ""
    if kind not in FORMS:
        raise Http404
    form = FORMS[kind](request.POST, request.FILES or None, auto_id=f"{kind}-%s")
    key = kind
    done: object = None
    if form.is_valid():
        d = form.cleaned_data
        if kind in ("attachment", "deviation"):
            result = sel.result_get(user, d["result"])
            if result.control_id != control.pk:
                raise Http404
            key = f"{kind}-{result.pk}"
            form.auto_id = f"{kind}-{result.pk}-%s"
            if kind == "attachment":
                upload = d["file"]
                done = call_service(form, lambda: svc.attachment_add(actor=user, result=result, file=upload, file_name=str(upload.name)))
                message = _("The file “%(name)s” was attached.") % {"name": upload.name}
            else:
                done = call_service(form, lambda: svc.deviation_add(actor=user, result=result, description=d["description"], severity=d["severity"]))
                message = _("The deviation was recorded.")
        elif kind == "action":
            deviation = sel.deviation_get(user, d["deviation"])
            if deviation.result.control_id != control.pk:
                raise Http404
            key = f"action-{deviation.pk}"
            form.auto_id = f"action-{deviation.pk}-%s"
            done = call_service(
                form,
                lambda: svc.action_add(
                    actor=user,
                    deviation=deviation,
                    kind=d["kind"],
                    description=d["description"],
                    owner=d["owner"],
                    deadline=d["deadline"],
                    status=d["status"],
                ),
            )
            message = _("The action was recorded.")
        else:
            action = sel.action_get(user, d["action"])
            if action.deviation.result.control_id != control.pk:
                raise Http404
            reload_url = f"{reverse('control:control', args=[control.pk])}#action-{action.pk}"
            done = save_checked(form, action, lambda: svc.action_update(actor=user, action=action, status=d["status"]), reload_url=reload_url)
            message = _("The action was updated.")
        sent[key] = form
        return message if done is not None else ""
    ref = request.POST.get("result") or request.POST.get("deviation") or ""
    sent[f"{kind}-{ref}"] = form
    form.auto_id = f"{kind}-{ref}-%s"
    return ""


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """The attached file, as a download under the name it was given (never shown inline)."""
    attachment = sel.attachment_get(request.user, pk)
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.file_name, content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def report_page(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    """The body's internal control report for the year: create it, write the summary, move it
    through its states; a politician of the body adopts it with the decision."""
    unit = org_unit_get(request.user, unit_pk)
    report = sel.control_report_for(unit, year)
    summary_form = SummaryForm(initial={"summary": report.summary if report else ""}, auto_id="summary-%s")
    decision_form = ControlDecisionForm(auto_id="decision-%s")
    refusal, status = "", 200
    if request.method == "POST":
        do = request.POST.get("do", "")
        user = request.user
        steps: dict[str, Any] = {
            "submit": rep.control_report_submit,
            "return": rep.control_report_return,
            "review": rep.control_report_review,
        }
        try:
            if do == "create":
                rep.control_report_create(actor=user, org_unit=unit, year=year)
                messages.success(request, _("The internal control report was created."))
                return redirect("control:report", unit_pk=unit.pk, year=year)
            if report is None:
                raise Http404
            if do in steps:
                steps[do](actor=user, report=report)
                messages.success(request, _("The report's state was changed."))
                return redirect("control:report", unit_pk=unit.pk, year=year)
        except RuleViolation as violation:
            refusal, status = refusal_text(violation), violation_status(violation)
        current = report
        if do == "write" and current is not None:
            summary_form = SummaryForm(request.POST, auto_id="summary-%s")
            if (
                summary_form.is_valid()
                and call_service(summary_form, lambda: rep.control_report_write(actor=user, report=current, summary=summary_form.cleaned_data["summary"]))
                is not None
            ):
                messages.success(request, _("The summary was saved."))
                return redirect("control:report", unit_pk=unit.pk, year=year)
            status = form_status(summary_form)
        elif do == "adopt" and current is not None:
            decision_form = ControlDecisionForm(request.POST, auto_id="decision-%s")
            if decision_form.is_valid():
                d = decision_form.cleaned_data
                if call_service(
                    decision_form,
                    lambda: rep.control_report_adopt(
                        actor=user, report=current, decided_on=d["decided_on"], paragraph=d["paragraph"], registration_number=d["registration_number"]
                    ),
                ):
                    messages.success(request, _("The body adopted the internal control report."))
                    return redirect("control:report", unit_pk=unit.pk, year=year)
            status = form_status(decision_form)
        elif do not in ("create", *steps):
            raise Http404
        report = sel.control_report_for(unit, year)
    content = with_hash(control_report_content(report), report) if report is not None else control_report_content_build(unit=unit, year=year)
    context = {
        "unit": unit,
        "year": year,
        "report": report,
        "content": content,
        "steps": _steps(unit),
        "summary_form": summary_form,
        "decision_form": decision_form,
        "refusal": refusal,
        "may_write": can(request.user, "internal_control.write", unit),
        "may_review": can(request.user, "internal_control.review", unit),
        "may_adopt": can(request.user, "internal_control.adopt", unit),
    }
    return render(request, "control/followup/report.html", context, status=status)


@login_required
def report_document(request: HttpRequest, unit_pk: int, year: int, fmt: str) -> HttpResponse:
    """The report as PDF or Word: as adopted (its snapshot), else as it stands now (a draft)."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    unit = org_unit_get(request.user, unit_pk)
    report = sel.control_report_for(unit, year)
    content = with_hash(control_report_content(report), report) if report is not None else control_report_content_build(unit=unit, year=year)
    look, template = _look(unit.group)
    if fmt == "pdf":
        body = render_pdf("documents/control_report_document.html", {"content": content, "meta": content["meta"], "look": look})
    else:
        body = render_control_report_docx(content, generated_at=generated_at(), base=template)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{control_report_filename(content, fmt)}"'
    return response


def followup_url(unit_pk: int, year: int) -> str:
    return reverse("control:followup_year", kwargs={"unit_pk": unit_pk, "year": year})
