"""The group's population (issue 10 §1): the series with their residents per year, a forecast
uploaded as CSV or Excel, SCB's figures fetched, and each series by age band with a chart."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from styr.core import xlsx
from styr.core.errors import NotAllowed
from styr.core.permissions import can
from styr.core.views import call_service, form_status
from styr.documents.charts_population import population_chart
from styr.domain.levels import LevelKind
from styr.domain.population import AGE_BANDS
from styr.economy import population_files, services
from styr.economy.forms_population import PopulationFetchForm, PopulationUploadForm
from styr.economy.models import PopulationSeries
from styr.economy.selectors.population import population_band_table, population_series_get, population_series_list, population_summaries
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.selectors import group_of_user


def _executive_board(group: MunicipalGroup) -> OrgUnit:
    return OrgUnit.objects.get(group=group, kind=LevelKind.EXECUTIVE_BOARD.value, valid_to__isnull=True)


@login_required
def population_list(request: HttpRequest) -> HttpResponse:
    """Every series of the group with its source, region, years and residents per year; for KS's
    controllers a form to upload a forecast and one to fetch SCB's figures."""
    group = group_of_user(request.user)
    board = _executive_board(group)
    may_write = can(request.user, "population.write", board)
    last = timezone.localdate().year - 1
    upload_form = PopulationUploadForm(prefix="upload")
    fetch_form = PopulationFetchForm(prefix="fetch", initial={"first_year": last - 4, "last_year": last})
    status = 200
    if request.method == "POST":
        if not may_write:
            raise NotAllowed("population.write", board)
        action = request.POST.get("action")
        series: PopulationSeries | None = None
        if action == "upload":
            upload_form = PopulationUploadForm(request.POST, request.FILES, prefix="upload")
            if upload_form.is_valid():
                data = upload_form.cleaned_data
                upload = data["file"]
                series = call_service(
                    upload_form,
                    lambda: services.population_upload(
                        actor=request.user,
                        group=group,
                        name=data["name"],
                        data=upload.read(max(xlsx.MAX_BYTES, population_files.MAX_CSV_BYTES) + 1),
                        file_name=upload.name or "",
                        region=data.get("region") or "",
                    ),
                )
            status = form_status(upload_form)
        elif action == "fetch":
            fetch_form = PopulationFetchForm(request.POST, prefix="fetch")
            if fetch_form.is_valid():
                data = fetch_form.cleaned_data
                series = call_service(
                    fetch_form,
                    lambda: services.population_fetch_scb(
                        actor=request.user, group=group, region=data["region"], years=fetch_form.years(), name=data["name"], api=data["api"]
                    ),
                )
            status = form_status(fetch_form)
        else:
            raise Http404
        if series is not None:
            messages.success(request, _("The population series %(name)s was stored.") % {"name": series.name})
            return redirect("economy:population", pk=series.pk)
    context = {
        "group": group,
        "summaries": population_summaries(list(population_series_list(request.user, group=group).select_related("created_by"))),
        "may_write": may_write,
        "upload_form": upload_form,
        "fetch_form": fetch_form,
    }
    return render(request, "economy/population_list.html", context, status=status)


@login_required
def population_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One series by age band per year and area, with a chart over the years; delete for KS's controllers."""
    group = group_of_user(request.user)
    try:
        series = population_series_get(request.user, group=group, pk=pk)
    except PopulationSeries.DoesNotExist:
        raise Http404 from None
    board = _executive_board(group)
    may_write = can(request.user, "population.write", board)
    if request.method == "POST":
        if not may_write:
            raise NotAllowed("population.write", board)
        if request.POST.get("action") != "delete":
            raise Http404
        name = series.name
        services.population_series_delete(actor=request.user, series=series)
        messages.success(request, _("The population series %(name)s was deleted.") % {"name": name})
        return redirect("economy:population_list")
    rows = population_band_table(series)
    whole = [(r.year, r.bands) for r in rows if r.area == ""]
    chart = population_chart(title=_("Residents by age band, %(name)s") % {"name": series.name}, years=whole) if whole else None
    context = {
        "series": series,
        "summary": population_summaries([series])[0],
        "rows": rows,
        "bands": AGE_BANDS,
        "chart": chart,
        "may_write": may_write,
        "has_areas": any(r.area for r in rows),
    }
    return render(request, "economy/population_detail.html", context)


@login_required
def population_template(request: HttpRequest, kind: str) -> HttpResponse:
    group_of_user(request.user)
    year = timezone.localdate().year + 1
    if kind == "xlsx":
        response = HttpResponse(population_files.template_xlsx(year), content_type=xlsx.XLSX_CONTENT_TYPE)
    elif kind == "csv":
        response = HttpResponse(population_files.template_csv(year), content_type=population_files.CSV_CONTENT_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="befolkningsprognos-mall.{kind}"'
    return response
