"""Open data at stable URLs (issue 13 §3): the data description and licence page, and each data
set as CSV and JSON, ``?ar=`` filtering by year (OPEN-003)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from styr.core.converters import year_param
from styr.organisation.selectors import group_get_public
from styr.public.open_data import BY_SLUG, DATA_SETS, KOLADA_NOTE, LICENCE_URL, to_csv, to_json


def open_data(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_get_public(slug)
    return render(
        request,
        "public/open_data.html",
        {"group": group, "data_sets": DATA_SETS, "licence_url": LICENCE_URL, "kolada_note": KOLADA_NOTE, "current": "open_data"},
    )


def data_file(request: HttpRequest, slug: str, name: str, fmt: str) -> HttpResponse:
    group = group_get_public(slug)
    data_set = BY_SLUG.get(name)
    if data_set is None or fmt not in ("csv", "json"):
        raise Http404
    year = year_param(request) if request.GET.get("ar", "").strip() else None
    rows = data_set.rows(group, year, request.build_absolute_uri("/").rstrip("/"))
    filename = f"{group.slug}-{data_set.slug}{f'-{year}' if year else ''}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(to_csv(data_set, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(to_json(data_set, rows, group=group, year=year), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
