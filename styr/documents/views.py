from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from styr.documents.builders import plan_document_build
from styr.documents.renderers.pdf import render_pdf
from styr.organisation.selectors import org_unit_get


@login_required
def plan_pdf(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    """Mål och budget (council) or the operational plan (others) as PDF, built from the data."""
    unit = org_unit_get(request.user, unit_pk)
    document = plan_document_build(user=request.user, unit=unit, year=year)
    pdf = render_pdf("documents/plan_document.html", {"doc": document})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response
