"""Writes of follow-up values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.permissions import require
from styr.domain.goals import check_measurement_year
from styr.followup.models import Measurement
from styr.planning.models import GoalIndicator


@transaction.atomic
def measurement_record(*, actor: Actor, indicator: GoalIndicator, period: date, value: Decimal, comment: str = "") -> Measurement:
    """Enter (or correct) the value of a goal indicator for one month."""
    goal = indicator.goal
    if actor is not None:
        require(actor, "measurement.record", goal.org_unit)
    period = period.replace(day=1)
    check_measurement_year(goal.span, period.year)
    existing = Measurement.objects.select_for_update().filter(indicator=indicator, period=period).first()
    before = audit.snapshot(existing) if existing else None
    user = as_user(actor)
    if existing is None:
        measurement = Measurement.objects.create(
            group=indicator.group, indicator=indicator, period=period, value=value, comment=comment.strip(), recorded_by=user
        )
    else:
        measurement = existing
        measurement.value, measurement.comment, measurement.recorded_by = value, comment.strip(), user
        measurement.save()
    audit.record(
        actor=actor,
        action="measurement.recorded",
        obj=measurement,
        org_unit=goal.org_unit,
        before=before,
        after=audit.snapshot(measurement, ["indicator", "period", "value", "comment"]),
    )
    return measurement
