from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.core.errors import NotAllowed
from styr.core.permissions import can
from styr.core.views import call_service
from styr.domain.goals import parse_value
from styr.followup import services
from styr.followup.forms import MeasurementForm
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
    if form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            lambda: services.measurement_record(
                actor=request.user,
                indicator=indicator,
                period=data["period"],
                value=parse_value(data["value"]),
                comment=data["comment"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The value was saved."))
            return redirect("planning:goal", pk=indicator.goal_id)
    return goal_page(request, goal_get(request.user, indicator.goal_id), measurement_form=form, status=422)
