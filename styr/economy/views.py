from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.core.converters import year_param
from styr.core.errors import NotAllowed
from styr.core.permissions import can
from styr.core.views import call_service
from styr.economy import services
from styr.economy.forms import FrameForm
from styr.economy.selectors import result_statement
from styr.organisation.selectors import org_unit_get
from styr.organisation.views import unit_page


@login_required
@require_POST
def frame_set(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = org_unit_get(request.user, unit_pk)
    if not can(request.user, "frame.set", unit.parent_id):
        raise NotAllowed("frame.set", unit)
    form = FrameForm(request.POST)
    if form.is_valid():
        frame = call_service(
            form,
            lambda: services.frame_set(actor=request.user, org_unit=unit, year=form.cleaned_data["year"], amount_tsek=form.cleaned_data["amount_tsek"]),
        )
        if frame is not None:
            messages.success(request, _("The operating frame was saved."))
            return redirect(f"{unit_page_url(unit.pk)}?ar={frame.year}")
    return unit_page(request, unit, frame_form=form, status=422)


@login_required
def statement(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """The result statement and balance sheet of the unit's ledger for a year (``?ar=``)."""
    unit = org_unit_get(request.user, unit_pk)
    year = year_param(request)
    return render(request, "economy/statement.html", {"unit": unit, "year": year, "statement": result_statement(request.user, unit, year)})


def unit_page_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("organisation:unit", kwargs={"pk": pk})
