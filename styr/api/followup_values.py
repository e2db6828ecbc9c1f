"""Follow-up values in the API (issue 13 §4): listed on their own, paginated and filtered (the goal
lists carry only each indicator's latest value), written one at a time, or a unit's month all at
once, all or nothing (FU-016, FU-017). The rules are the services', as on the reporting page:
FU-002, FU-006 (the deadline; a controller's correction with a reason), FU-012 (an adopted
report's month is locked, 409). A person's value over one from Kolada replaces it and becomes
manual; the sync never overwrites a person's value (KOLADA-002)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from styr.api import refs
from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import ERRORS, Amount, DbId, Input, Text
from styr.core.errors import violation_dict
from styr.domain.errors import RuleViolation, _
from styr.followup import services
from styr.followup.bulk import ValueRow, ValuesRefused, measurements_record_bulk
from styr.followup.models import Measurement
from styr.followup.selectors import value_list
from styr.planning.selectors import indicator_get, quality_indicator_get

router = Router(tags=["Follow-up"])

#: A month as the API names it, ``2027-02`` (the years the API addresses, MIN_YEAR–MAX_YEAR).
Month = Annotated[str, Field(pattern=r"^(20\d\d|2100)-(0[1-9]|1[0-2])$", description="A month, YYYY-MM (2027-02)")]
Source = Literal["manual", "kolada"]
#: The most values one bulk write takes (a unit reports far fewer a month).
MAX_VALUES = 2_000


def month_of(text: str) -> date:
    """``2027-02`` → 1 February 2027 (the pattern has checked the form)."""
    year, month = text.split("-")
    return date(int(year), int(month), 1)


class FollowupValueOut(Schema):
    """A follow-up value: a goal indicator's or a quality indicator's value for a month."""

    id: int
    indicator_id: int | None
    quality_indicator_id: int | None
    goal_id: int | None = Field(description="The goal of the goal indicator (empty for a quality indicator).")
    org_unit_id: int = Field(description="The unit whose indicator it is.")
    period: date = Field(description="The month, as its first day.")
    value: Decimal
    comment: str
    source: Source = Field(description="`kolada`: from Kolada's sync, shown as “Källa: Kolada” (KOLADA-002); `manual`: entered by a person.")
    recorded_by: str | None
    recorded_at: datetime

    @staticmethod
    def resolve_goal_id(obj: Any) -> int | None:
        if hasattr(obj, "goal_id"):
            return obj.goal_id  # type: ignore[no-any-return]
        return obj.indicator.goal_id if obj.indicator_id else None  # type: ignore[no-any-return]

    @staticmethod
    def resolve_org_unit_id(obj: Any) -> int:
        if hasattr(obj, "unit_id"):
            return obj.unit_id  # type: ignore[no-any-return]
        return obj.indicator.goal.org_unit_id if obj.indicator_id else obj.quality_indicator.factor.org_unit_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_recorded_by(obj: Any) -> str | None:
        user = obj.recorded_by
        return (user.get_full_name() or user.get_username()) if user is not None else None


class FollowupValueIn(Input):
    """One value: of a goal indicator (``indicator``) or of a quality indicator (``quality_indicator``)."""

    indicator: DbId | None = None
    quality_indicator: DbId | None = None
    period: Month
    value: Amount
    comment: Text = ""
    reason: Text = Field("", description="Why a closed or submitted month is corrected (FU-006: a controller, with a reason).")


class UnitValueIn(Input):
    """One of a unit's values for the month: of one of its goal indicators or quality indicators."""

    indicator: DbId | None = None
    quality_indicator: DbId | None = None
    value: Amount
    comment: Text = ""
    reason: Text = ""


class UnitValuesIn(Input):
    values: Annotated[list[UnitValueIn], Field(max_length=MAX_VALUES)]


@router.get("/values", response=list[FollowupValueOut], summary="Follow-up values the caller may see, oldest first")
@paginate(BoundedLimitOffsetPagination)
def list_values(
    request: HttpRequest,
    indicator: DbId | None = None,
    quality_indicator: DbId | None = None,
    goal: DbId | None = None,
    org_unit: DbId | None = None,
    subtree: bool = False,
    period_from: Month | None = None,
    period_to: Month | None = None,
    source: Source | None = None,
) -> QuerySet[Measurement]:
    """``org_unit`` with ``subtree=true`` takes the units below it too; ``period_from`` and
    ``period_to`` are months (``2027-01``), both included."""
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return value_list(
        request.user,
        indicator=indicator,
        quality_indicator=quality_indicator,
        goal=goal,
        org_unit=unit,
        subtree=subtree,
        period_from=month_of(period_from) if period_from else None,
        period_to=month_of(period_to) if period_to else None,
        source=source,
    ).select_related("recorded_by")


def _one(request: HttpRequest, indicator: int | None, quality_indicator: int | None) -> Any:
    """The indicator the caller names (404 when the caller may not see it)."""
    if (indicator is None) == (quality_indicator is None):
        raise RuleViolation("FU-016", _("A value names either a goal indicator or a quality indicator, not both or neither."), {}, field="indicator")
    if indicator is not None:
        return indicator_get(request.user, indicator)
    assert quality_indicator is not None
    return quality_indicator_get(request.user, quality_indicator)


@router.post(
    "/values",
    response={200: FollowupValueOut, 201: FollowupValueOut, **ERRORS},
    summary="Record one value for a month (201), or correct it (200): FU-002, FU-006, FU-012",
)
def record_value(request: HttpRequest, payload: FollowupValueIn) -> Status[Measurement]:
    target = _one(request, payload.indicator, payload.quality_indicator)
    month = month_of(payload.period)
    existed = Measurement.objects.filter(**({"indicator": target} if payload.indicator is not None else {"quality_indicator": target}), period=month).exists()
    record = services.measurement_record if payload.indicator is not None else services.quality_value_record
    measurement = record(actor=request.user, indicator=target, period=month, value=payload.value, comment=payload.comment, reason=payload.reason)
    return Status(200 if existed else 201, measurement)


@router.put(
    "/org-units/{unit_id}/values/{period}",
    response={200: list[FollowupValueOut], **ERRORS},
    summary="Write a unit's values for a month, all or nothing (FU-016, FU-017)",
    description=(
        "Each value goes through the same rules as the reporting page. When any value is refused nothing is written, and the answer "
        "(FU-017) lists each refused value in `detail.errors`, named by its indicator (`indicator` or `quality_indicator`, and `name`) "
        "with its rule id (`code`) and message. It answers 409 when a refusal is a locked month (FU-012), else 422."
    ),
)
def write_unit_values(request: HttpRequest, unit_id: DbId, period: Month, payload: UnitValuesIn) -> Status[Any]:
    unit = refs.unit(request, unit_id)
    rows = [ValueRow(value=v.value, indicator=v.indicator, quality_indicator=v.quality_indicator, comment=v.comment, reason=v.reason) for v in payload.values]
    try:
        written = measurements_record_bulk(actor=request.user, org_unit=unit, month=month_of(period), rows=rows)
    except ValuesRefused as refused:
        return Status(409 if refused.locked else 422, violation_dict(refused))
    return Status(200, written)
