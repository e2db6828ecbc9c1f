from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal, Self

from ninja import Schema
from pydantic import ConfigDict, Field, model_validator

from styr.api.versions import Version
from styr.domain.kolada import needs_review
from styr.domain.limits import MAX_ID, MAX_YEAR, MIN_YEAR, TEXT_LENGTH, TITLE_LENGTH, UNIT_LABEL_LENGTH
from styr.planning.selectors_kolada import binding

#: Database ids and years as the API accepts them (bounded, so no value overflows a column).
DbId = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
#: Free text from the caller: never a NUL byte (PostgreSQL cannot store one).
Text = Annotated[str, Field(max_length=TEXT_LENGTH, pattern=r"^[^\x00]*$")]
ShortText = Annotated[str, Field(max_length=TITLE_LENGTH, pattern=r"^[^\x00]*$")]
#: Text that must say something (a title, a risk, a direction): not empty, not only blanks.
SOMETHING = r"^[^\x00]*[^\x00\s][^\x00]*$"
Title = Annotated[str, Field(max_length=TITLE_LENGTH, pattern=SOMETHING)]
RequiredText = Annotated[str, Field(max_length=TEXT_LENGTH, pattern=SOMETHING)]
UnitLabel = Annotated[str, Field(max_length=UNIT_LABEL_LENGTH, pattern=r"^[^\x00]*$")]
#: Ids in a request body: each bounded, and not too many.
IdList = Annotated[list[DbId], Field(max_length=200)]
#: A figure as the database stores it (14 digits, 2 decimals); never NaN or infinity.
Amount = Annotated[Decimal, Field(max_digits=14, decimal_places=2, allow_inf_nan=False, strict=False)]
#: A date in a request body, in its JSON form ("2027-10-01"); the one type an ``Input`` reads from a string.
Day = Annotated[date, Field(strict=False)]
LevelKindName = Literal["COUNCIL", "EXECUTIVE_BOARD", "COMMITTEE", "ADMINISTRATION", "OPERATION", "UNIT", "PARENT_COMPANY", "COMPANY", "JOINT_AUTHORITY"]
StateName = Literal["draft", "proposed", "adopted"]


class Error(Schema):
    code: str
    message: str
    detail: dict[str, Any]


#: The answers every handler that reads or writes one object may give, besides its success.
ERRORS: dict[int, type[Error]] = {403: Error, 404: Error, 409: Error, 422: Error}


class Input(Schema):
    """A request body (INPUT-001): each field as sent — strict types, so ``true`` is not the number
    1 and ``5`` is not the text "5" — and a field the schema does not know is refused, naming it,
    instead of dropped. Dates (``Day``) and figures (``Amount``) keep their JSON forms, a string."""

    model_config = ConfigDict(from_attributes=True, extra="forbid", strict=True)


class Patch(Input):
    """A partial update (PATCH): only the fields sent change. ``null`` is accepted only for the
    fields in ``nullable``; for any other field it is refused with INPUT-001."""

    nullable: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="after")
    def _null_only_where_allowed(self) -> Self:
        refused = sorted(name for name in self.model_fields_set if getattr(self, name) is None and name not in self.nullable)
        if refused:
            raise ValueError(f"null is not allowed for: {', '.join(refused)}")
        return self

    def changes(self) -> dict[str, Any]:
        """The fields the caller sent, by name."""
        return {name: getattr(self, name) for name in self.model_fields_set}


class OrgUnitOut(Schema):
    id: int
    group: str
    name: str
    short_name: str
    kind: str
    level_label: str
    parent_id: int | None
    members: int | None
    valid_from: date
    valid_to: date | None


class TargetOut(Schema):
    year: int
    value: Decimal


class LatestValueOut(Schema):
    """An indicator's latest value: its month (the first day), the value, and where it came from
    (``kolada``: shown as "Källa: Kolada", KOLADA-002)."""

    period: date
    value: Decimal
    source: Literal["manual", "kolada"]


class GoalIndicatorOut(Schema):
    id: int
    version: Version
    name: str
    unit_label: str
    direction: str
    #: the Kolada KPI it follows ("" when none), and whether Kolada changed its definition since a person reviewed it (KOLADA-004)
    kolada_kpi: str
    needs_review: bool
    baseline_year: int
    baseline_value: Decimal
    ended_on: date | None = Field(None, description="The day it was ended (kept in the history); null while it lives")
    end_reason: str = ""
    targets: list[TargetOut]
    latest_value: LatestValueOut | None = Field(
        description="The indicator's latest value only; every value is read from GET /api/v1/values?indicator={id} (paginated, filterable)."
    )

    @staticmethod
    def resolve_latest_value(obj: Any) -> Any:
        """From the goal list's prefetch (``followup.selectors.latest_values``) when it was made;
        else from the indicator's prefetched values, or one query."""
        if hasattr(obj, "latest_values"):
            return obj.latest_values[0] if obj.latest_values else None
        if "measurements" in getattr(obj, "_prefetched_objects_cache", {}):
            values = list(obj.measurements.all())
            return max(values, key=lambda m: m.period) if values else None
        return obj.measurements.order_by("-period").first()

    @staticmethod
    def resolve_needs_review(obj: Any) -> bool:
        """From the list's annotation (``selectors_kolada.with_current_hash``) when it was made;
        else one query, and only for a bound indicator."""
        if not getattr(obj, "kolada_kpi", ""):
            return False
        if hasattr(obj, "kolada_current_hash"):
            return needs_review(obj.kolada_current_hash, obj.kolada_hash)
        found = binding(obj)
        return bool(found and found.needs_review)


class GoalOut(Schema):
    id: int
    version: Version
    org_unit_id: int
    title: str
    citizen_change: str
    start_year: int
    end_year: int
    measurable: bool
    state: str
    ended_on: date | None = Field(None, description="The day it was ended (kept in the history); null while it lives")
    end_reason: str = ""
    development_area_id: int | None
    contributes_to: list[int]
    sustainability_goals: list[int]
    sustainability_targets: list[int]
    indicators: list[GoalIndicatorOut]
    pending_revision: bool = Field(
        description=(
            "True while a new revision of an adopted plan that holds this adopted goal is drafted: the goal stays "
            "adopted and in force as decided, and the fields here are the editors' draft, not yet adopted. What is "
            "in force is in the adopted plan's snapshot (GET /plans/{id}) and on the public page."
        )
    )

    @staticmethod
    def resolve_pending_revision(obj: Any) -> bool:
        from styr.planning.in_force import pending_revision

        return pending_revision(obj)

    @staticmethod
    def resolve_contributes_to(obj: Any) -> list[int]:
        return [g.pk for g in obj.contributes_to.all()]

    @staticmethod
    def resolve_sustainability_goals(obj: Any) -> list[int]:
        return [g.pk for g in obj.sustainability_goals.all()]

    @staticmethod
    def resolve_sustainability_targets(obj: Any) -> list[int]:
        return [t.pk for t in obj.sustainability_targets.all()]
