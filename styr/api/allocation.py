"""The resource allocation model (issue 10 §1): models and scenarios, their parameters, the result
step by step, two models compared, and the result taken as frame proposals. Anyone who sees the
group reads; KS's controllers and politicians write (``allocation.write``, PERM-001)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Status

from styr.api import refs
from styr.api.allocation_schemas import (
    AdjustmentPatch,
    AllocationAdjustmentIn,
    AllocationAdjustmentOut,
    CountIn,
    DifferenceOut,
    DriverIn,
    DriverOut,
    DriverPatch,
    FixedAmountIn,
    FixedAmountOut,
    FixedAmountPatch,
    FrameProposalOut,
    ModelDetailOut,
    ModelIn,
    ModelOut,
    ModelPatch,
    OverrideOut,
    ResultOut,
    ScenarioIn,
    StepOut,
)
from styr.api.schemas import ERRORS, DbId, Year
from styr.api.versions import IfMatch, expected_version
from styr.core.errors import NotAllowed
from styr.domain.allocation import Allocation
from styr.economy import services
from styr.economy.models import AllocationCountOverride, AllocationDriver, AllocationFixedAmount, AllocationModel, PoliticalAdjustment, PopulationSeries
from styr.economy.selectors.allocation import (
    allocation_committees,
    allocation_compare,
    allocation_counts,
    allocation_may_write,
    allocation_model_get,
    allocation_model_list,
    allocation_result,
)
from styr.economy.selectors.population import population_series_get
from styr.organisation.selectors import group_of_user

router = Router(tags=["Resource allocation"])

# --- lookups, each through the model's selector (404 to whoever does not see the group) ----------


def _model(request: HttpRequest, pk: int, *, write: bool = False) -> AllocationModel:
    """The model, 404 to whoever does not see its group; for a write, PERM-001 before anything
    in the body is looked at (a committee the caller cannot see, say)."""
    model = allocation_model_get(request.user, pk)
    if write:
        _writable(request, model.group)
    return model


def _writable(request: HttpRequest, group: Any) -> None:
    if not allocation_may_write(request.user, group):
        raise NotAllowed("allocation.write")


def _row[R](request: HttpRequest, kind: type[R], pk: int) -> R:
    """A parameter of a model, for a write."""
    row = kind.objects.select_related("model").filter(pk=pk).first()  # type: ignore[attr-defined]
    if row is None:
        raise Http404
    _model(request, row.model_id, write=True)
    return row  # type: ignore[no-any-return]


def _series(request: HttpRequest, group: Any, pk: int | None) -> PopulationSeries | None:
    if pk is None:
        return None
    try:
        return population_series_get(request.user, group=group, pk=pk)
    except PopulationSeries.DoesNotExist:
        raise Http404 from None


def _head(model: AllocationModel) -> dict[str, Any]:
    return {**{f: getattr(model, f) for f in ModelOut.model_fields if f != "years"}, "years": list(model.years)}


def _detail(model: AllocationModel) -> dict[str, Any]:
    return {
        **_head(model),
        "drivers": list(model.drivers.all()),
        "fixed_amounts": list(model.fixed_amounts.all()),
        "adjustments": [_adjustment_out(a) for a in model.adjustments.select_related("model")],
        "count_overrides": list(AllocationCountOverride.objects.filter(driver__model=model)),
    }


def _committee_fields(request: HttpRequest, fields: dict[str, Any]) -> dict[str, Any]:
    if fields.get("committee") is not None:
        fields["committee"] = refs.unit(request, fields["committee"])
    if "wage_share_percent" in fields and fields["wage_share_percent"] is None:
        fields.pop("wage_share_percent")
    return fields


# --- models and scenarios ------------------------------------------------------------------------


@router.get("/allocation/models", response={200: list[ModelOut], **ERRORS}, summary="The group's allocation models and scenarios")
def list_models(request: HttpRequest, year: Year | None = None) -> list[dict[str, Any]]:
    group = group_of_user(request.user)
    return [_head(m) for m in allocation_model_list(request.user, group=group, year=year)]


@router.post("/allocation/models", response={201: ModelDetailOut, **ERRORS}, summary="Start a model for a budget year (ALLOC-006, ALLOC-011, ALLOC-012)")
def create_model(request: HttpRequest, payload: ModelIn) -> Status[dict[str, Any]]:
    group = group_of_user(request.user)
    _writable(request, group)
    fields = payload.dict()
    fields["population_series"] = _series(request, group, fields["population_series"])
    model = services.allocation_model_create(actor=request.user, group=group, **fields)
    return Status(201, _detail(model))


@router.get("/allocation/models/{model_id}", response={200: ModelDetailOut, **ERRORS}, summary="A model or scenario with its parameters")
def get_model(request: HttpRequest, model_id: DbId) -> dict[str, Any]:
    return _detail(_model(request, model_id))


@router.patch("/allocation/models/{model_id}", response={200: ModelDetailOut, **ERRORS}, summary="Change a model's name, series, wage share or indexes")
def update_model(request: HttpRequest, model_id: DbId, payload: ModelPatch, if_match: IfMatch = None) -> dict[str, Any]:
    model = _model(request, model_id, write=True)
    fields = payload.changes()
    if "population_series" in fields:
        fields["population_series"] = _series(request, model.group, fields["population_series"])
    with expected_version(model, if_match):
        return _detail(services.allocation_model_update(actor=request.user, model=model, **fields))


@router.delete("/allocation/models/{model_id}", response={204: None, **ERRORS}, summary="Remove a model or scenario (ALLOC-013)")
def delete_model(request: HttpRequest, model_id: DbId, if_match: IfMatch = None) -> Status[None]:
    model = _model(request, model_id, write=True)
    with expected_version(model, if_match):
        services.allocation_model_delete(actor=request.user, model=model)
    return Status(204, None)


@router.post("/allocation/models/{model_id}/scenarios", response={201: ModelDetailOut, **ERRORS}, summary="Copy a model as a scenario")
def create_scenario(request: HttpRequest, model_id: DbId, payload: ScenarioIn) -> Status[dict[str, Any]]:
    scenario = services.allocation_scenario_create(actor=request.user, model=_model(request, model_id, write=True), name=payload.name)
    return Status(201, _detail(scenario))


# --- parameters ----------------------------------------------------------------------------------


@router.post("/allocation/models/{model_id}/drivers", response={201: DriverOut, **ERRORS}, summary="Add a driver (ALLOC-001, ALLOC-002, ALLOC-010)")
def add_driver(request: HttpRequest, model_id: DbId, payload: DriverIn) -> Status[AllocationDriver]:
    model = _model(request, model_id, write=True)
    return Status(201, services.allocation_driver_add(actor=request.user, model=model, **_committee_fields(request, payload.dict())))


@router.patch("/allocation/drivers/{driver_id}", response={200: DriverOut, **ERRORS}, summary="Change a driver")
def update_driver(request: HttpRequest, driver_id: DbId, payload: DriverPatch, if_match: IfMatch = None) -> AllocationDriver:
    driver = _row(request, AllocationDriver, driver_id)
    with expected_version(driver, if_match):
        return services.allocation_driver_update(actor=request.user, driver=driver, **_committee_fields(request, payload.changes()))


@router.delete("/allocation/drivers/{driver_id}", response={204: None, **ERRORS}, summary="Remove a driver")
def delete_driver(request: HttpRequest, driver_id: DbId, if_match: IfMatch = None) -> Status[None]:
    driver = _row(request, AllocationDriver, driver_id)
    with expected_version(driver, if_match):
        services.allocation_driver_remove(actor=request.user, driver=driver)
    return Status(204, None)


@router.put(
    "/allocation/drivers/{driver_id}/counts/{year}",
    response={200: OverrideOut, **ERRORS},
    summary="Give a count by hand (ALLOC-009, ALLOC-014)",
)
def set_count(request: HttpRequest, driver_id: DbId, year: Year, payload: CountIn, if_match: IfMatch = None) -> AllocationCountOverride:
    driver = _row(request, AllocationDriver, driver_id)
    existing = AllocationCountOverride.objects.filter(driver=driver, year=year).first()  # None: a new count, nothing to overwrite
    with expected_version(existing, if_match):
        return services.allocation_count_override(actor=request.user, driver=driver, year=year, count=payload.count, reason=payload.reason)


@router.delete(
    "/allocation/drivers/{driver_id}/counts/{year}",
    response={204: None, **ERRORS},
    summary="Read the count from the population series again",
)
def delete_count(request: HttpRequest, driver_id: DbId, year: Year, if_match: IfMatch = None) -> Status[None]:
    driver = _row(request, AllocationDriver, driver_id)
    override = AllocationCountOverride.objects.filter(driver=driver, year=year).first()
    if override is None:
        raise Http404
    with expected_version(override, if_match):
        services.allocation_count_override_remove(actor=request.user, override=override)
    return Status(204, None)


@router.post("/allocation/models/{model_id}/fixed-amounts", response={201: FixedAmountOut, **ERRORS}, summary="Add a fixed amount (ALLOC-003, ALLOC-008)")
def add_fixed_amount(request: HttpRequest, model_id: DbId, payload: FixedAmountIn) -> Status[AllocationFixedAmount]:
    model = _model(request, model_id, write=True)
    return Status(201, services.allocation_fixed_amount_add(actor=request.user, model=model, **_committee_fields(request, payload.dict())))


@router.patch("/allocation/fixed-amounts/{fixed_amount_id}", response={200: FixedAmountOut, **ERRORS}, summary="Change a fixed amount")
def update_fixed_amount(request: HttpRequest, fixed_amount_id: DbId, payload: FixedAmountPatch, if_match: IfMatch = None) -> AllocationFixedAmount:
    row = _row(request, AllocationFixedAmount, fixed_amount_id)
    with expected_version(row, if_match):
        return services.allocation_fixed_amount_update(actor=request.user, fixed_amount=row, **_committee_fields(request, payload.changes()))


@router.delete("/allocation/fixed-amounts/{fixed_amount_id}", response={204: None, **ERRORS}, summary="Remove a fixed amount")
def delete_fixed_amount(request: HttpRequest, fixed_amount_id: DbId, if_match: IfMatch = None) -> Status[None]:
    row = _row(request, AllocationFixedAmount, fixed_amount_id)
    with expected_version(row, if_match):
        services.allocation_fixed_amount_remove(actor=request.user, fixed_amount=row)
    return Status(204, None)


def _adjustment_out(a: PoliticalAdjustment) -> dict[str, Any]:
    return {**{f: getattr(a, f) for f in AllocationAdjustmentOut.model_fields if f != "year"}, "year": a.model.budget_year + a.year_offset}


@router.post(
    "/allocation/models/{model_id}/adjustments", response={201: AllocationAdjustmentOut, **ERRORS}, summary="Add a political adjustment (ALLOC-003, ALLOC-007)"
)
def add_adjustment(request: HttpRequest, model_id: DbId, payload: AllocationAdjustmentIn) -> Status[dict[str, Any]]:
    model = _model(request, model_id, write=True)
    return Status(201, _adjustment_out(services.allocation_adjustment_add(actor=request.user, model=model, **_committee_fields(request, payload.dict()))))


@router.patch("/allocation/adjustments/{adjustment_id}", response={200: AllocationAdjustmentOut, **ERRORS}, summary="Change a political adjustment")
def update_adjustment(request: HttpRequest, adjustment_id: DbId, payload: AdjustmentPatch, if_match: IfMatch = None) -> dict[str, Any]:
    row = _row(request, PoliticalAdjustment, adjustment_id)
    fields = _committee_fields(request, payload.changes())
    with expected_version(row, if_match):
        return _adjustment_out(services.allocation_adjustment_update(actor=request.user, adjustment=row, **fields))


@router.delete("/allocation/adjustments/{adjustment_id}", response={204: None, **ERRORS}, summary="Remove a political adjustment")
def delete_adjustment(request: HttpRequest, adjustment_id: DbId, if_match: IfMatch = None) -> Status[None]:
    row = _row(request, PoliticalAdjustment, adjustment_id)
    with expected_version(row, if_match):
        services.allocation_adjustment_remove(actor=request.user, adjustment=row)
    return Status(204, None)


# --- result, comparison, frame proposals ---------------------------------------------------------


def _result_out(model: AllocationModel, result: Allocation, names: dict[int, str], cells: list[Any]) -> dict[str, Any]:
    committees = []
    for c in result.committees:
        years = []
        for y in result.years:
            row = result.row(c, y)
            steps = [{f: getattr(s, f) for f in StepOut.model_fields} for s in row.steps]
            years.append(
                {
                    "year": y,
                    "base_sek": row.base_sek,
                    "adjustments_sek": row.adjustments_sek,
                    "total_sek": row.total_sek,
                    "total_tsek": row.total_tsek,
                    "steps": steps,
                }
            )
        committees.append({"committee_id": c, "name": names[c], "years": years})
    counts = [
        {"driver_id": x.driver.pk, "year": x.year, "count": x.count, "missing": x.missing, "override_reason": x.override.reason if x.override else ""}
        for x in cells
    ]
    return {"model_id": model.pk, "budget_year": model.budget_year, "years": list(result.years), "committees": committees, "counts": counts}


@router.get(
    "/allocation/models/{model_id}/result",
    response={200: ResultOut, **ERRORS},
    summary="Each committee's allocation for N, N+1, N+2 with every step (ALLOC-004 while a count is missing)",
    description="Amounts in kronor to the öre; `total_tsek` rounded half up to 0.1 tkr. A step of kind `driver` is `count` × `indexed_price_sek`.",
)
def get_result(request: HttpRequest, model_id: DbId) -> dict[str, Any]:
    model = _model(request, model_id)
    committees = allocation_committees(model)
    cells = allocation_counts(model)
    result = allocation_result(model, counts=cells, committees=committees)
    return _result_out(model, result, {c.pk: c.name for c in committees}, cells)


@router.get(
    "/allocation/models/{model_id}/compare/{other_id}",
    response={200: list[DifferenceOut], **ERRORS},
    summary="Two models of one budget year per committee and year: a, b, b − a and percent of a (ALLOC-005)",
)
def compare_models(request: HttpRequest, model_id: DbId, other_id: DbId) -> list[dict[str, Any]]:
    a, b = _model(request, model_id), _model(request, other_id)
    differences = allocation_compare(a, b)
    names = {c.pk: c.name for c in [*allocation_committees(a), *allocation_committees(b)]}
    return [
        {
            "committee_id": d.committee,
            "name": names[d.committee],
            "year": d.year,
            "a_sek": d.a_sek,
            "b_sek": d.b_sek,
            "difference_sek": d.difference_sek,
            "percent": d.percent,
        }
        for d in differences
    ]


@router.post(
    "/allocation/models/{model_id}/frame-proposals",
    response={200: list[FrameProposalOut], **ERRORS},
    summary="Set each committee's frame proposal for the budget year to its allocation, in tkr",
    description="Calls the frame service for every committee the model has a parameter for; all or nothing.",
)
def propose_frames(request: HttpRequest, model_id: DbId) -> list[dict[str, Any]]:
    model = _model(request, model_id, write=True)
    proposals = services.allocation_frames_propose(actor=request.user, model=model)
    return [{"committee_id": c.pk, "name": c.name, "year": model.budget_year, "amount_tsek": v} for c, v in proposals.items()]
