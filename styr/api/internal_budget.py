"""The internal budget (internbudget, issue 10 §2): a committee's split of its frame over its
units per year and month, its state, and its adoption by the committee (ECON-012…ECON-016)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from styr.api import refs
from styr.api.schemas import ERRORS, SOMETHING, Day, DbId, Input, Year
from styr.domain.limits import TEXT_LENGTH
from styr.economy.models import InternalBudgetAdoption
from styr.economy.selectors import internal_budget_adoption_get, internal_budget_status
from styr.economy.services import internal_budget_adopt, internal_budget_reopen

router = Router(tags=["Internal budget"])

Paragraph = Annotated[str, Field(max_length=30, pattern=SOMETHING, examples=["§ 87"])]
RegistrationNumber = Annotated[str, Field(max_length=50, pattern=SOMETHING)]
Reason = Annotated[str, Field(max_length=TEXT_LENGTH, pattern=r"^[^\x00]*$")]


class SplitUnitOut(Schema):
    id: int
    name: str
    depth: int
    #: entered, excel or ledger; empty without a budget
    source: str
    #: twelve months, January first; null where the unit has no budget
    months: list[Decimal | None]
    total_sek: Decimal | None


class AdoptionOut(Schema):
    id: int
    org_unit: int
    year: int
    revision: int
    in_force: bool
    decided_on: date
    paragraph: str
    registration_number: str
    frame_tsek: Decimal
    total_sek: Decimal
    snapshot_sha256: str
    reopened_at: str | None
    reopen_reason: str


class AdoptionDetailOut(AdoptionOut):
    snapshot: dict[str, Any] = Field(description="The split as adopted: meta (frame, sum, decision) and units (months and year as text)")


class InternalBudgetOut(Schema):
    org_unit: int
    year: int
    state: str = Field(description="draft, adopted or reopened (a new revision being prepared)")
    frame_sek: Decimal | None = Field(description="The operating frame as it stands now, in kronor (tkr × 1000)")
    frame_adopted: bool = Field(description="Whether the council has adopted the frame; before that the internal budget cannot be adopted (ECON-013)")
    total_sek: Decimal
    difference_sek: Decimal | None = Field(description="frame − sum; 0 is required to adopt (ECON-012)")
    matches_frame: bool
    frame_changed_since_adoption: bool
    month_sums_sek: list[Decimal]
    units: list[SplitUnitOut]
    adoptions: list[AdoptionOut]


class InternalBudgetAdoptIn(Input):
    org_unit: DbId = Field(description="The committee (or KS)")
    year: Year
    decided_on: Day
    paragraph: Paragraph
    registration_number: RegistrationNumber


class ReopenIn(Input):
    org_unit: DbId
    year: Year
    reason: Reason


def adoption_out(adoption: InternalBudgetAdoption, *, detail: bool = False) -> dict[str, Any]:
    body = {
        "id": adoption.pk,
        "org_unit": adoption.committee_id,
        "year": adoption.year,
        "revision": adoption.revision,
        "in_force": adoption.in_force,
        "decided_on": adoption.decision.decided_on,
        "paragraph": adoption.decision.paragraph,
        "registration_number": adoption.decision.registration_number,
        "frame_tsek": adoption.frame_tsek,
        "total_sek": adoption.total_sek,
        "snapshot_sha256": adoption.snapshot_sha256,
        "reopened_at": adoption.reopened_at.isoformat() if adoption.reopened_at else None,
        "reopen_reason": adoption.reopen_reason,
    }
    if detail:
        body["snapshot"] = adoption.snapshot
    return body


@router.get(
    "/internal-budgets",
    response={200: InternalBudgetOut, **ERRORS},
    summary="A committee's internal budget for a year: each unit's months and year, the frame, the difference, the state and the adoptions (ECON-001)",
)
def get_internal_budget(request: HttpRequest, org_unit: DbId, year: Year) -> dict[str, Any]:
    status = internal_budget_status(request.user, refs.unit(request, org_unit), year)
    budget = status.budget
    return {
        "org_unit": budget.committee.pk,
        "year": year,
        "state": status.state,
        "frame_sek": budget.frame_sek,
        "frame_adopted": budget.frame_adopted,
        "total_sek": budget.total,
        "difference_sek": status.difference_sek,
        "matches_frame": status.matches_frame,
        "frame_changed_since_adoption": status.frame_changed_since_adoption,
        "month_sums_sek": budget.month_sums,
        "units": [{"id": r.unit.pk, "name": r.unit.name, "depth": r.depth, "source": r.source, "months": r.months, "total_sek": r.total} for r in budget.rows],
        "adoptions": [adoption_out(a) for a in status.history],
    }


@router.post(
    "/internal-budgets/adopt",
    response={201: AdoptionDetailOut, **ERRORS},
    summary="The committee adopts its internal budget (a politician on the committee): ECON-012, ECON-013, ECON-015",
    description="Records the committee's decision, freezes the split (JSON + SHA-256) and locks the units' budget months of the year (ECON-014).",
)
def adopt_internal_budget(request: HttpRequest, payload: InternalBudgetAdoptIn) -> Status[dict[str, Any]]:
    adoption = internal_budget_adopt(
        actor=request.user,
        committee=refs.unit(request, payload.org_unit),
        year=payload.year,
        decided_on=payload.decided_on,
        paragraph=payload.paragraph,
        registration_number=payload.registration_number,
    )
    return Status(201, adoption_out(adoption, detail=True))


@router.post(
    "/internal-budgets/reopen",
    response={200: AdoptionOut, **ERRORS},
    summary="Reopen the adopted internal budget for a new revision, with a reason (ECON-015, ECON-016)",
)
def reopen_internal_budget(request: HttpRequest, payload: ReopenIn) -> dict[str, Any]:
    adoption = internal_budget_reopen(actor=request.user, committee=refs.unit(request, payload.org_unit), year=payload.year, reason=payload.reason)
    return adoption_out(adoption)


@router.get("/internal-budgets/adoptions/{adoption_id}", response={200: AdoptionDetailOut, **ERRORS}, summary="One adoption, with the split as adopted")
def get_adoption(request: HttpRequest, adoption_id: DbId) -> dict[str, Any]:
    return adoption_out(internal_budget_adoption_get(request.user, adoption_id), detail=True)
