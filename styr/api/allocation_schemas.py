"""The request and answer shapes of the resource allocation API (``styr/api/allocation.py``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field

from styr.api.schemas import DbId, Input, Patch, ShortText, Text, Title, Year
from styr.api.versions import Version

#: Kronor as given, any size and any number of decimals: the rule decides (ALLOC-002 for a price,
#: ALLOC-008 for an amount), so a refusal names it and says what an amount must be.
Kronor = Annotated[Decimal, Field(allow_inf_nan=True, strict=False)]
Percent = Annotated[Decimal, Field(max_digits=5, decimal_places=2, allow_inf_nan=False, strict=False)]
Age = Annotated[int, Field(ge=-1, le=1000)]
YearOffset = Annotated[int, Field(ge=-1, le=10, description="0 = the budget year, 1 and 2 = the plan years (ALLOC-007)")]
Count = Annotated[int, Field(ge=-1, le=2**31 - 1)]


class ModelOut(Schema):
    id: int
    version: Version
    name: str
    budget_year: int
    years: list[int]
    description: str
    based_on_id: int | None
    population_series_id: int | None
    wage_share_percent: Decimal
    wage_index_n: Decimal
    wage_index_n1: Decimal
    wage_index_n2: Decimal
    price_index_n: Decimal
    price_index_n1: Decimal
    price_index_n2: Decimal


class DriverOut(Schema):
    id: int
    version: Version
    committee_id: int
    name: str
    age_from: int
    age_to: int
    area: str
    price_sek: Decimal
    wage_share_percent: Decimal


class FixedAmountOut(Schema):
    id: int
    version: Version
    committee_id: int
    reason: str
    amount_sek: Decimal
    wage_share_percent: Decimal
    indexed: bool


class AllocationAdjustmentOut(Schema):
    id: int
    version: Version
    committee_id: int
    year_offset: int
    year: int
    amount_sek: Decimal
    reason: str


class OverrideOut(Schema):
    id: int
    version: Version
    driver_id: int
    year: int
    count: int
    reason: str


class ModelDetailOut(ModelOut):
    drivers: list[DriverOut]
    fixed_amounts: list[FixedAmountOut]
    adjustments: list[AllocationAdjustmentOut]
    count_overrides: list[OverrideOut]


class ModelIn(Input):
    name: Title
    budget_year: Year
    description: Text = ""
    population_series: DbId | None = None
    wage_share_percent: Percent = Decimal(60)
    wage_index_n: Percent = Decimal(0)
    wage_index_n1: Percent = Decimal(0)
    wage_index_n2: Percent = Decimal(0)
    price_index_n: Percent = Decimal(0)
    price_index_n1: Percent = Decimal(0)
    price_index_n2: Percent = Decimal(0)


class ModelPatch(Patch):
    nullable = frozenset({"population_series"})
    name: Title | None = None
    description: Text | None = None
    population_series: DbId | None = None
    wage_share_percent: Percent | None = None
    wage_index_n: Percent | None = None
    wage_index_n1: Percent | None = None
    wage_index_n2: Percent | None = None
    price_index_n: Percent | None = None
    price_index_n1: Percent | None = None
    price_index_n2: Percent | None = None


class ScenarioIn(Input):
    name: Title


class DriverIn(Input):
    committee: DbId
    name: Title
    age_from: Age
    age_to: Age = Field(description="100 stands for 100 or older")
    area: ShortText = ""
    price_sek: Kronor = Field(description="Kronor per resident at the price level of the year before the budget year")
    wage_share_percent: Percent | None = Field(default=None, description="Else the model's")


class DriverPatch(Patch):
    committee: DbId | None = None
    name: Title | None = None
    age_from: Age | None = None
    age_to: Age | None = None
    area: ShortText | None = None
    price_sek: Kronor | None = None
    wage_share_percent: Percent | None = None


class FixedAmountIn(Input):
    committee: DbId
    reason: ShortText
    amount_sek: Kronor
    wage_share_percent: Percent | None = None
    indexed: bool = True


class FixedAmountPatch(Patch):
    committee: DbId | None = None
    reason: ShortText | None = None
    amount_sek: Kronor | None = None
    wage_share_percent: Percent | None = None
    indexed: bool | None = None


class AllocationAdjustmentIn(Input):
    committee: DbId
    year_offset: YearOffset
    amount_sek: Kronor
    reason: ShortText


class AdjustmentPatch(Patch):
    committee: DbId | None = None
    year_offset: YearOffset | None = None
    amount_sek: Kronor | None = None
    reason: ShortText | None = None


class CountIn(Input):
    count: Count
    reason: ShortText


class StepOut(Schema):
    kind: str
    key: str
    label: str
    amount_sek: Decimal
    count: int | None
    count_reason: str
    price_sek: Decimal | None
    index_factor: Decimal | None
    indexed_price_sek: Decimal | None
    age_from: int | None
    age_to: int | None
    area: str


class CommitteeYearOut(Schema):
    year: int
    base_sek: Decimal
    adjustments_sek: Decimal
    total_sek: Decimal
    total_tsek: Decimal
    steps: list[StepOut]


class CommitteeResultOut(Schema):
    committee_id: int
    name: str
    years: list[CommitteeYearOut]


class CountCellOut(Schema):
    driver_id: int
    year: int
    count: int | None
    missing: bool
    override_reason: str


class ResultOut(Schema):
    model_id: int
    budget_year: int
    years: list[int]
    committees: list[CommitteeResultOut]
    counts: list[CountCellOut]


class DifferenceOut(Schema):
    committee_id: int
    name: str
    year: int
    a_sek: Decimal
    b_sek: Decimal
    difference_sek: Decimal
    percent: Decimal | None


class FrameProposalOut(Schema):
    committee_id: int
    name: str
    year: int
    amount_tsek: Decimal
