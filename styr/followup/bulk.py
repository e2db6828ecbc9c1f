"""A unit's values for a month written together, all or nothing (issue 13 §4): a BI system (or
any caller of the API) pushes a month's values in one request. Each value goes through its own
service (``measurement_record`` / ``quality_value_record``), with the same rules as the
reporting page: FU-002, the deadline and a controller's correction with a reason (FU-006), an
adopted report's month locked (FU-012). One refused value refuses them all (FU-017), and the
refusal names every refused value by its indicator, with its rule id."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from styr.core import audit
from styr.core.actors import Actor
from styr.core.errors import LOCKED_RULES, violation_dict
from styr.core.permissions import require
from styr.domain.errors import RuleViolation, _
from styr.followup.models import Measurement
from styr.followup.services import measurement_record, quality_value_record
from styr.organisation.models import OrgUnit
from styr.planning.models import GoalIndicator, QualityIndicator


@dataclass(frozen=True)
class ValueRow:
    """One value to write: of a goal indicator or of a quality indicator of the unit (by id)."""

    value: Decimal
    indicator: int | None = None
    quality_indicator: int | None = None
    comment: str = ""
    reason: str = ""


class ValuesRefused(RuleViolation):
    """FU-017: nothing was written; ``detail["errors"]`` names each refused value by its indicator
    (id and name) with the rule it broke. ``locked`` when a refusal is a locked rule (FU-012): the
    whole write then answers 409, as the reporting page does."""

    def __init__(self, errors: list[dict[str, Any]], rows: int) -> None:
        super().__init__(
            "FU-017",
            _("Nothing was saved: %(count)s of the %(rows)s values were refused; each is named with its rule."),
            {"count": len(errors), "rows": rows, "errors": errors},
            field="values",
        )
        self.locked = any(error["code"] in LOCKED_RULES for error in errors)


def _row_error(number: int, row: ValueRow, name: str | None, violation: RuleViolation) -> dict[str, Any]:
    body = violation_dict(violation)
    return {
        "row": number,
        "indicator": row.indicator,
        "quality_indicator": row.quality_indicator,
        "name": name,
        "code": body["code"],
        "message": body["message"],
        "field": body["detail"].get("field"),
    }


def _which(row: ValueRow, goal_indicators: dict[int, GoalIndicator], qualities: dict[int, QualityIndicator]) -> GoalIndicator | QualityIndicator:
    """FU-016: the row names one indicator, and it is the unit's."""
    if (row.indicator is None) == (row.quality_indicator is None):
        raise RuleViolation("FU-016", _("A value names either a goal indicator or a quality indicator, not both or neither."), {}, field="indicator")
    if row.indicator is not None:
        found: GoalIndicator | QualityIndicator | None = goal_indicators.get(row.indicator)
        if found is None:
            raise RuleViolation("FU-016", _("Goal indicator %(id)s is not one of the unit's goals' indicators."), {"id": row.indicator}, field="indicator")
        return found
    assert row.quality_indicator is not None
    found = qualities.get(row.quality_indicator)
    if found is None:
        raise RuleViolation(
            "FU-016", _("Quality indicator %(id)s is not one of the unit's quality indicators."), {"id": row.quality_indicator}, field="quality_indicator"
        )
    return found


@transaction.atomic
def measurements_record_bulk(*, actor: Actor, org_unit: OrgUnit, month: date, rows: Sequence[ValueRow]) -> list[Measurement]:
    """Write the unit's values for the month, all or nothing. Each value is recorded (and audited)
    by its service; the write as a whole is audited once more with its counts. A value a person
    writes over one from Kolada replaces it and is the person's (``source`` manual, KOLADA-002).
    Raises ``ValuesRefused`` (FU-017) naming every refused value; nothing is then written."""
    if actor is not None:
        require(actor, "measurement.record", org_unit)
    month = month.replace(day=1)
    wanted = {row.indicator for row in rows if row.indicator is not None}
    wanted_quality = {row.quality_indicator for row in rows if row.quality_indicator is not None}
    goal_indicators = {
        i.pk: i for i in GoalIndicator.objects.filter(pk__in=sorted(wanted), goal__org_unit=org_unit).select_related("goal__org_unit__group", "group")
    }
    qualities = {
        q.pk: q
        for q in QualityIndicator.objects.filter(pk__in=sorted(wanted_quality), factor__org_unit=org_unit).select_related("factor__org_unit__group", "group")
    }
    errors: list[dict[str, Any]] = []
    written: list[Measurement] = []
    seen: set[tuple[int | None, int | None]] = set()
    for number, row in enumerate(rows, start=1):
        name: str | None = None
        try:
            target = _which(row, goal_indicators, qualities)
            name = target.name
            if (row.indicator, row.quality_indicator) in seen:
                raise RuleViolation("FU-016", _("The indicator “%(name)s” has more than one value in the write."), {"name": name}, field="indicator")
            seen.add((row.indicator, row.quality_indicator))
            record = measurement_record if isinstance(target, GoalIndicator) else quality_value_record
            # each service call is atomic itself: a refusal rolls back its own savepoint, and the rest go on to be checked
            written.append(record(actor=actor, indicator=target, period=month, value=row.value, comment=row.comment, reason=row.reason))  # type: ignore[arg-type]
        except RuleViolation as violation:
            errors.append(_row_error(number, row, name, violation))
    if errors:
        raise ValuesRefused(errors, len(rows))
    audit.record(
        actor=actor,
        action="measurements.bulk_recorded",
        obj=org_unit,
        org_unit=org_unit,
        after={"period": month.isoformat(), "values": len(written), "indicators": [m.indicator_id or m.quality_indicator_id for m in written]},
    )
    return written
