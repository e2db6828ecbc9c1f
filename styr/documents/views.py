from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from styr.core.backup.snapshots import with_hash
from styr.core.errors import NotAllowed
from styr.core.permissions import can
from styr.core.views import call_service
from styr.documents import services
from styr.documents.builders import generated_at, plan_content, plan_content_build, plan_filename, report_charts, report_content_build, report_filename
from styr.documents.forms import GraphicProfileForm
from styr.documents.renderers.docx import render_plan_docx, render_report_docx
from styr.documents.renderers.pdf import render_pdf
from styr.documents.selectors import graphic_profile_for, graphic_profile_get
from styr.domain.branding import MAX_LOGO_BYTES, MAX_TEMPLATE_BYTES
from styr.followup.selectors import report_get, reporting_period_get
from styr.organisation.selectors import group_of_user, org_unit_get
from styr.planning.selectors import plan_get, plan_get_public

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _look(group: Any) -> tuple[dict[str, Any], bytes | None]:
    """The group's logo and colour for the PDF, and its Word template for Word."""
    profile = graphic_profile_for(group)
    if profile is None:
        return {"logo": "", "colour": ""}, None
    template = bytes(profile.word_template) if profile.word_template else None
    return {"logo": profile.logo_data_uri, "colour": profile.primary_colour}, template


def _respond(content: dict[str, Any], fmt: str, group: Any) -> HttpResponse:
    look, template = _look(group)
    if fmt == "pdf":
        body = render_pdf("documents/plan_document.html", {"content": content, "meta": content["meta"], "generated_at": generated_at(), "look": look})
    elif fmt == "docx":
        body = render_plan_docx(content, generated_at=generated_at(), base=template)
    else:
        raise Http404
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{plan_filename(content, fmt)}"'
    return response


@login_required
def unit_plan_document(request: HttpRequest, unit_pk: int, year: int, fmt: str) -> HttpResponse:
    """The unit's plan for the year as it stands now (a draft until adopted), built from the data."""
    unit = org_unit_get(request.user, unit_pk)
    return _respond(plan_content_build(unit=unit, year=year, reader=request.user), fmt, unit.group)


@login_required
def plan_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = plan_get(request.user, pk)
    return _respond(with_hash(plan_content(plan, reader=request.user), plan), fmt, plan.group)


def public_plan_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Adopted plans are public documents."""
    plan = plan_get_public(pk)
    return _respond(with_hash(plan_content(plan, reader=None), plan), fmt, plan.group)


@login_required
def report_document(request: HttpRequest, unit_pk: int, period_pk: int, fmt: str) -> HttpResponse:
    """A unit's report for a period: the adopted snapshot when there is one, else as it stands now."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    unit = org_unit_get(request.user, unit_pk)
    period = reporting_period_get(request.user, unit, period_pk)
    report = report_get(request.user, unit, period)
    if report is not None and report.snapshot is not None:
        content = with_hash(report.snapshot, report)
    else:
        content = report_content_build(unit=unit, period=period, analysis=report.analysis if report else "")
    charts = report_charts(content)
    look, template = _look(unit.group)
    if fmt == "pdf":
        body = render_pdf("documents/report_document.html", {"content": content, "meta": content["meta"], "charts": list(charts.values()), "look": look})
    else:
        body = render_report_docx(content, generated_at=generated_at(), charts=list(charts.values()), base=template)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{report_filename(period, fmt)}"'
    return response


@login_required
def national_quality_report(request: HttpRequest, unit_pk: int, period_pk: int) -> HttpResponse:
    """Seed §5.B: a unit's quality report in the structure of each national requirement its quality
    factors answer (QUAL-001), from the same content as the report's PDF and Word: the adopted
    snapshot when there is one, else as it stands now."""
    unit = org_unit_get(request.user, unit_pk)
    period = reporting_period_get(request.user, unit, period_pk)
    report = report_get(request.user, unit, period)
    if report is not None and report.snapshot is not None:
        content = report.snapshot
    else:
        content = report_content_build(unit=unit, period=period, analysis=report.analysis if report else "")
    national = content["sections"].get("national_quality", [])
    return render(request, "documents/national_quality.html", {"unit": unit, "period": period, "report": report, "national": national})


def _upload(form: GraphicProfileForm, name: str, limit: int) -> tuple[str, bytes] | None:
    upload = form.cleaned_data.get(name)
    return (str(upload.name), upload.read(limit + 1)) if upload else None


@login_required
def graphic_profile(request: HttpRequest) -> HttpResponse:
    """The group's look in its documents, for administrators and KS's controllers."""
    group = group_of_user(request.user)
    unit = services.profile_unit(group)
    if not can(request.user, "profile.manage", unit):
        raise NotAllowed("profile.manage", unit)
    form = GraphicProfileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            lambda: services.graphic_profile_set(
                actor=request.user,
                group=group,
                logo=_upload(form, "logo", MAX_LOGO_BYTES),
                remove_logo=bool(data["remove_logo"]),
                word_template=_upload(form, "word_template", MAX_TEMPLATE_BYTES),
                remove_word_template=bool(data["remove_word_template"]),
                primary_colour=str(data["primary_colour"]),
            ),
        )
        if saved is not None:
            messages.success(request, _("The graphic profile was saved."))
            return redirect("documents:profile")
    profile = graphic_profile_get(request.user, group)
    if request.method == "GET" and profile is not None:
        form = GraphicProfileForm(initial={"primary_colour": profile.primary_colour})
    return render(request, "documents/graphic_profile.html", {"group": group, "profile": profile, "form": form}, status=422 if form.errors else 200)
