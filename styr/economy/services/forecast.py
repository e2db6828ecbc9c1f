"""The full-year forecast (helårsprognos) a unit gives with its report (issue 9 §3)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from styr.core import audit
from styr.core.actors import Actor
from styr.core.bounds import checked
from styr.core.permissions import require
from styr.domain.variance import check_forecast_amount
from styr.economy.models import Forecast
from styr.followup.models import Report
from styr.followup.services import check_report_content_open


@transaction.atomic
def forecast_set(*, actor: Actor, report: Report, amount_sek: Decimal, comment: str = "", reason: str = "") -> Forecast:
    """Set (or change) the forecast of the report's unit for the year, net cost in kronor, with a
    comment. Who may write the report may give it (``report.write``); it is locked with the report:
    once submitted only a controller corrects it, with a reason (FU-006), once adopted no one
    (FU-012). An amount is kronor to the öre (ECON-011). Saving it unchanged records nothing."""
    report = Report.objects.select_for_update().select_related("org_unit", "group").get(pk=report.pk)
    if actor is not None:
        require(actor, "report.write", report.org_unit)
    amount = check_forecast_amount(amount_sek)
    comment = comment.strip()
    existing = Forecast.objects.select_for_update().filter(report=report).first()
    if existing is not None and existing.amount_sek == amount and existing.comment == comment:
        return existing  # no change: nothing to check, write or record
    late = check_report_content_open(report, actor, reason)
    before = audit.snapshot(existing, ["amount_sek", "comment"]) if existing is not None else None
    forecast = existing or Forecast(group=report.group, report=report, amount_sek=amount)
    forecast.amount_sek, forecast.comment = amount, comment
    checked(forecast)
    audit.record(
        actor=actor,
        action="forecast.corrected" if late else "forecast.set",
        obj=forecast,
        org_unit=report.org_unit,
        before=before,
        after={**audit.snapshot(forecast, ["report", "amount_sek", "comment"]), **({"reason": reason.strip()} if late else {})},
    )
    return forecast
