"""Actions against deviations that are still open (issue 12 §3): "Open actions carry over to the next
year's plan until closed." Shared by the plan, the committee's report and KS's oversight."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from styr.control.models import Action, ActionStatus
from styr.core.permissions import scope_q


def open_actions_before(user: Any, *, org_unit_id: int, year: int) -> QuerySet[Action]:
    """The unit's actions not done that stem from a plan of an earlier year: they carry over into
    ``year``'s plan and report until closed. ``user`` None reads without permissions (services)."""
    actions = Action.objects.filter(
        deviation__result__control__plan__org_unit_id=org_unit_id,
        deviation__result__control__plan__year__lt=year,
    ).exclude(status=ActionStatus.DONE)
    if user is not None:
        actions = actions.filter(scope_q(user, unit="deviation__result__control__plan__org_unit_id"))
    return actions.select_related("deviation__result__control__plan").order_by("deadline", "pk")
