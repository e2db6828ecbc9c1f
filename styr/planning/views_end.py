"""Ending an item on the plan page (issue 14 §2): a small form beside "Ta bort" with a date and a
reason. What has follow-up data below it cannot be removed (DEL-001, DEL-002) and is ended instead;
the ended item stays on the page, marked "Avslutad <datum>: <skäl>"."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.domain.errors import RuleViolation
from styr.organisation.selectors import org_unit_get
from styr.planning import services
from styr.planning.plan_page import KINDS, PlanPage, load_item
from styr.planning.views_plan import HtmxHttpRequest, _done, _refused


class EndForm(forms.Form):
    """Read leniently: a missing or unreadable date or an empty reason is DEL-004, the service's."""

    ended_on = forms.DateField(required=False)
    end_reason = forms.CharField(required=False, strip=True)


@login_required
@require_POST
def plan_item_end(request: HtmxHttpRequest, unit_pk: int, year: int, kind: str, pk: int) -> HttpResponse:
    spec = KINDS.get(kind)
    if spec is None or not spec.endable:
        raise Http404
    unit = org_unit_get(request.user, unit_pk)
    obj = load_item(spec, request.user, unit, pk)
    page = PlanPage(request, unit, year, spec.tab)
    form = EndForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    try:
        services.item_end(actor=request.user, item=obj, ended_on=data.get("ended_on"), reason=data.get("end_reason") or "")
    except RuleViolation as violation:
        return _refused(request, page, violation)
    return _done(request, page, _("Ended."))
