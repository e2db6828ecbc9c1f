"""The ledger pages of a unit: its imports, the upload of a SIE file (read by a background task)
and its progress, and the objects of the responsibility dimension mapped to units (issue 9 §2)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from styr.core.errors import NotAllowed
from styr.core.permissions import can
from styr.core.views import call_service, form_status
from styr.economy import selectors, services
from styr.economy.forms import LedgerObjectMapForm, SieUploadForm
from styr.economy.models import LedgerObject, SieUpload
from styr.economy.services.upload import upload_progress
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import org_unit_ancestors, org_unit_get

IMPORT = "ledger.import"


def _base(request: HttpRequest, unit: OrgUnit) -> dict[str, object]:
    return {"unit": unit, "ancestors": org_unit_ancestors(unit), "can_import": can(request.user, IMPORT, unit)}


@login_required
def ledger_overview(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = org_unit_get(request.user, unit_pk)
    services.uploads_expire(org_unit=unit)
    ledger = selectors.ledger_get(request.user, unit)
    objects = selectors.ledger_object_list(request.user, ledger) if ledger is not None else []
    context = {
        **_base(request, unit),
        "ledger": ledger,
        "imports": list(selectors.sie_import_list(request.user, unit)[:50]),
        "uploads": list(selectors.sie_upload_list(request.user, unit)[:10]),
        "objects_total": len(objects),
        "objects_unmapped": sum(1 for o in objects if o.org_unit_id is None),
    }
    return render(request, "economy/ledger.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def upload_create(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = org_unit_get(request.user, unit_pk, action=IMPORT)
    form = SieUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            file = form.cleaned_data["file"]
            upload = call_service(form, lambda: services.upload_create(actor=request.user, org_unit=unit, file=file, file_name=file.name or ""))
            if upload is not None:
                return redirect("economy:upload", unit_pk=unit.pk, pk=upload.pk)
        status = form_status(form)
    context = {**_base(request, unit), "form": form, "max_mb": _max_mb()}
    return render(request, "economy/ledger_upload_form.html", context, status=status)


def _max_mb() -> str:
    from django.conf import settings

    return f"{settings.SIE_UPLOAD_MAX_BYTES / 1_000_000:.0f}"


@login_required
def upload_detail(request: HttpRequest, unit_pk: int, pk: int) -> HttpResponse:
    unit = org_unit_get(request.user, unit_pk, action=IMPORT)
    services.uploads_expire(org_unit=unit)
    upload = selectors.sie_upload_get(request.user, unit, pk)
    read = upload_progress(upload)[0] if upload.state == SieUpload.State.RUNNING else upload.bytes_read
    percent = 100 if upload.state == SieUpload.State.DONE else (min(100, read * 100 // upload.size_bytes) if upload.size_bytes else 0)
    context = {**_base(request, unit), "upload": upload, "bytes_read": read, "percent": percent, "record": upload.sie_import}
    template = "economy/ledger_upload.html"
    if getattr(request, "htmx", False):
        template += "#status"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def ledger_objects(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = org_unit_get(request.user, unit_pk)
    ledger = selectors.ledger_get(request.user, unit)
    may_map = can(request.user, IMPORT, unit)
    units = selectors.ledger_unit_choices(request.user, unit)
    # the form takes any unit of the group: SIE-009 (the keeper's part only) is the service's to refuse
    group_units = OrgUnit.objects.filter(group_id=unit.group_id)
    refused: tuple[int, LedgerObjectMapForm] | None = None
    if request.method == "POST":
        if not may_map:
            raise NotAllowed(IMPORT, unit)
        wanted = request.POST.get("object", "")
        obj = LedgerObject.objects.filter(ledger=ledger, pk=int(wanted)).first() if ledger and wanted.isdigit() and len(wanted) < 19 else None
        if obj is None:
            messages.error(request, _("The object was not found in this ledger."))
            return redirect("economy:ledger_objects", unit_pk=unit.pk)
        form = LedgerObjectMapForm(request.POST, units=group_units, auto_id=f"id_object_{obj.pk}_%s")
        if form.is_valid():
            target = form.cleaned_data["org_unit"]
            chosen = obj
            mapped = call_service(form, lambda: services.ledger_object_map(actor=request.user, ledger_object=chosen, org_unit=target))
            if mapped is not None:
                if target is None:
                    messages.success(request, _("Object %(code)s is no longer mapped.") % {"code": obj.code})
                else:
                    messages.success(request, _("Object %(code)s is mapped to %(unit)s.") % {"code": obj.code, "unit": target.name})
                return redirect(reverse("economy:ledger_objects", kwargs={"unit_pk": unit.pk}) + f"#object-{obj.pk}")
        refused = (obj.pk, form)
    objects = selectors.ledger_object_list(request.user, ledger) if ledger is not None else []
    rows = []
    for obj in objects:
        if refused is not None and refused[0] == obj.pk:
            form = refused[1]
        else:
            form = LedgerObjectMapForm(initial={"org_unit": obj.org_unit_id}, units=group_units, auto_id=f"id_object_{obj.pk}_%s")
        rows.append((obj, form))
    context = {
        **_base(request, unit),
        "ledger": ledger,
        "dimension": selectors.responsibility_dimension(ledger) if ledger is not None else None,
        "rows": rows,
        "unmapped": sum(1 for o in objects if o.org_unit_id is None),
        "may_map": may_map,
        # one list for every row's select (the tree's order, indented by depth): one query however many objects
        "unit_choices": _indented(list(units)) if may_map and rows else [],
    }
    return render(request, "economy/ledger_objects.html", context, status=422 if refused is not None else 200)


def _indented(units: list[OrgUnit]) -> list[tuple[str, str]]:
    """Each unit's id and name, indented by its depth below the first (the keeper)."""
    top = min((u.tree_depth for u in units), default=0)
    return [(str(u.pk), "\u00a0\u00a0" * (u.tree_depth - top) + u.name) for u in units]
