"""The Kolada page (issue 13 §1, ``/kolada/``): the group's settings, the catalogue's state, the
last sync and its result, a button that starts a sync in the background and its progress (htmx
polling; without JavaScript a link reloads), and an offline import of saved answers. Anyone
in the group reads; KS's controllers (``kolada.sync``) change settings and sync."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styr.core.errors import NotAllowed
from styr.core.permissions import can
from styr.core.views import call_service, form_status, refusal_text
from styr.domain.errors import RuleViolation
from styr.economy.selectors.frames import executive_board
from styr.followup import kolada_runs
from styr.followup.forms_kolada import KoladaImportForm, KoladaSettingsForm
from styr.followup.kolada import indicators_needing_review
from styr.followup.kolada_settings import groups_including, kolada_catalogue_state, kolada_last_sync, kolada_settings_get, kolada_settings_save
from styr.followup.kolada_upload import kolada_upload
from styr.integrations.kolada_offline import MAX_TOTAL_BYTES
from styr.organisation.models import MunicipalGroup
from styr.organisation.selectors import group_of_user

SYNC = "kolada.sync"


def _run_context(group: MunicipalGroup) -> dict[str, Any]:
    run = kolada_runs.run_for_group(group)
    active = run is not None and run.get("state") in {kolada_runs.QUEUED, kolada_runs.RUNNING}
    percent = 0
    if run is not None:
        total = int(run.get("total") or 0)
        percent = 100 if run.get("state") == kolada_runs.DONE else (min(100, int(run.get("done") or 0) * 100 // total) if total else 0)
    return {"run": run, "run_active": active, "run_percent": percent, "run_state": kolada_runs.state_label(str(run.get("state"))) if run else ""}


def _context(request: HttpRequest, group: MunicipalGroup) -> dict[str, Any]:
    last = kolada_last_sync(group)
    return {
        "group": group,
        "may_sync": can(request.user, SYNC, executive_board(group)),
        "catalogue": kolada_catalogue_state(),
        "last_sync": last,
        "last_result": last.after if last is not None else None,
        "needs_review": indicators_needing_review(group),
        **_run_context(group),
    }


@login_required
@require_http_methods(["GET", "POST"])
def kolada_page(request: HttpRequest) -> HttpResponse:
    group = _group(request)
    settings = kolada_settings_get(group)
    municipality = request.POST.get("municipality", "").strip() if request.method == "POST" else (settings.municipality if settings else "")
    groups = groups_including(municipality)
    initial: dict[str, Any] = {"first_year": timezone.localdate().year - 5}
    if settings is not None:
        initial = {
            "municipality": settings.municipality,
            "comparison_group": settings.comparison_group,
            "comparison_municipalities": ", ".join(settings.comparison_municipalities),
            "first_year": settings.first_year,
        }
    form = KoladaSettingsForm(initial=initial, groups=groups)
    status = 200
    if request.method == "POST":
        board = executive_board(group)
        if not can(request.user, SYNC, board):
            raise NotAllowed(SYNC, board)
        form = KoladaSettingsForm(request.POST, groups=groups)
        if form.is_valid():
            data = form.cleaned_data
            saved = call_service(
                form,
                lambda: kolada_settings_save(
                    actor=request.user,
                    group=group,
                    municipality=data["municipality"],
                    comparison_group=data["comparison_group"],
                    comparison_municipalities=form.chosen(),
                    first_year=data["first_year"],
                ),
            )
            if saved is not None:
                messages.success(request, _("The Kolada settings were saved."))
                return redirect("followup:kolada")
        status = form_status(form)
    context = {**_context(request, group), "form": form, "settings": settings, "import_form": KoladaImportForm()}
    return render(request, "followup/kolada.html", context, status=status)


def _group(request: HttpRequest) -> MunicipalGroup:
    return group_of_user(request.user)


@login_required
@require_POST
def kolada_sync_start(request: HttpRequest) -> HttpResponse:
    """Start a sync in the background; or, with a file, import saved answers at once."""
    group = _group(request)
    board = executive_board(group)
    if not can(request.user, SYNC, board):
        raise NotAllowed(SYNC, board)
    if request.FILES:
        return _import(request, group)
    try:
        kolada_runs.kolada_sync_start(actor=request.user, group=group)
    except RuleViolation as refused:
        messages.error(request, refusal_text(refused))
    else:
        messages.success(request, _("The Kolada sync has started."))
    return redirect("followup:kolada")


def _import(request: HttpRequest, group: MunicipalGroup) -> HttpResponse:
    form = KoladaImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            done = kolada_upload(actor=request.user, group=group, name=upload.name or "upload", content=upload.read(MAX_TOTAL_BYTES + 1))
        except RuleViolation as refused:
            messages.error(request, refusal_text(refused))
        else:
            messages.success(
                request,
                _(
                    "%(file)s was imported: %(values)s values, %(written)s follow-up values from Kolada; "
                    "%(skipped)s values for other municipalities, KPIs or years were skipped."
                )
                % {"file": done.file, "values": done.sync.values_stored, "written": done.sync.measurements_written, "skipped": done.skipped},
            )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("followup:kolada")


@login_required
def kolada_progress(request: HttpRequest) -> HttpResponse:
    """The running sync's state: a fragment for htmx, else the whole page (reloading it is the
    refresh without JavaScript)."""
    group = _group(request)
    if getattr(request, "htmx", False):
        return render(request, "followup/kolada.html#progress", {**_context(request, group)})
    return redirect("followup:kolada")
