"""Writes of the resource allocation model (issue 10 §1): models and scenarios, their indexes,
drivers, fixed amounts, political adjustments and counts given by hand, and taking the result
as the committees' frame proposals. KS prepares the model: every write needs
``allocation.write`` on the executive board (its controllers and politicians); each is one
transaction and one audit event.

A demo loader calls, for example::

    model = allocation_model_create(actor=None, group=group, budget_year=2027, name="Resursfördelning 2027",
                                    population_series=series, wage_index_n=Decimal("3.5"), price_index_n=Decimal("2.0"))
    allocation_driver_add(actor=None, model=model, committee=un, name="Grundskola 6–15 år",
                          age_from=6, age_to=15, price_sek=Decimal("98500"), wage_share_percent=Decimal(70))
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.bounds import check_lengths
from styr.core.permissions import require
from styr.core.unique import created_once, unique_or
from styr.domain.allocation_rules import (
    check_age_band,
    check_amount,
    check_count,
    check_index,
    check_price,
    check_reason,
    check_wage_share,
    check_year_offset,
)
from styr.domain.economy import FRAME_RECEIVERS
from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind
from styr.domain.limits import TEXT_LENGTH, TITLE_LENGTH, check_text_length, check_year
from styr.economy.models import (
    AllocationCountOverride,
    AllocationDriver,
    AllocationFixedAmount,
    AllocationModel,
    PoliticalAdjustment,
    PopulationSeries,
)
from styr.economy.services.frames import frame_set
from styr.organisation.models import MunicipalGroup, OrgUnit

ALLOCATION_WRITE = "allocation.write"
INDEX_FIELDS = ("wage_index_n", "wage_index_n1", "wage_index_n2", "price_index_n", "price_index_n1", "price_index_n2")
MODEL_FIELDS = ("name", "description", "population_series", "wage_share_percent", *INDEX_FIELDS)


def executive_board(group: MunicipalGroup) -> OrgUnit:
    return OrgUnit.objects.get(group=group, kind=LevelKind.EXECUTIVE_BOARD.value, valid_to__isnull=True)


def _allowed(actor: Actor, group: MunicipalGroup) -> OrgUnit:
    """Permission first (PERM-001 on KS): someone without it learns nothing more."""
    board = executive_board(group)
    if actor is not None:
        require(actor, ALLOCATION_WRITE, board)
    return board


def _check_name(group: MunicipalGroup, year: int, name: str, *, exclude: int | None = None) -> str:
    """ALLOC-011: a model or scenario has a name no other of the group's models for the year has."""
    name = (name or "").strip()
    others = AllocationModel.objects.filter(group=group, budget_year=year, name=name)
    taken = (others.exclude(pk=exclude) if exclude is not None else others).exists()
    if not name or len(name) > TITLE_LENGTH or taken:
        raise _name_taken(name, year)
    return name


def _name_taken(name: str, year: int) -> RuleViolation:
    return RuleViolation(
        "ALLOC-011",
        _("A model needs a name (at most 300 characters) that no other model or scenario for %(year)s has; “%(name)s” does not do."),
        {"name": name, "year": year},
        field="name",
    )


def _check_series(group: MunicipalGroup, series: PopulationSeries | None) -> None:
    """ALLOC-012: a model counts in a population series of its own group."""
    if series is not None and series.group_id != group.pk:
        raise RuleViolation("ALLOC-012", _("A model counts in a population series of its own group."), {}, field="population_series")


def _check_committee(model: AllocationModel, committee: OrgUnit) -> OrgUnit:
    """ALLOC-010: the model allocates to the committees and the executive board of its group (ECON-001's receivers)."""
    if committee.group_id != model.group_id or committee.level_kind not in FRAME_RECEIVERS or committee.valid_to is not None:
        raise RuleViolation(
            "ALLOC-010",
            _("The model allocates only to committees and the executive board of its own group; %(unit)s is not one."),
            {"unit": committee.name},
            field="committee",
        )
    return committee


def _check_model_fields(fields: dict[str, Any], group: MunicipalGroup) -> None:
    if "description" in fields:
        check_text_length(field="description", label=gettext("Description"), length=len((fields["description"] or "").strip()), limit=TEXT_LENGTH)
    for name in INDEX_FIELDS:
        if name in fields:
            check_index(Decimal(fields[name]), field_name=name)
    if "wage_share_percent" in fields:
        check_wage_share(Decimal(fields["wage_share_percent"]))
    if "population_series" in fields:
        _check_series(group, fields["population_series"])


def _model_snapshot(model: AllocationModel) -> dict[str, Any]:
    return audit.snapshot(model, ["name", "budget_year", "description", "based_on", "population_series", *MODEL_FIELDS])


@transaction.atomic
def allocation_model_create(
    *,
    actor: Actor,
    group: MunicipalGroup,
    budget_year: int,
    name: str,
    description: str = "",
    population_series: PopulationSeries | None = None,
    wage_share_percent: Decimal = Decimal(60),
    **index: Decimal,
) -> AllocationModel:
    """A new model for the budget year (and its two plan years). ``index`` takes ``wage_index_n``,
    ``wage_index_n1``, ``wage_index_n2``, ``price_index_n``, ``price_index_n1``, ``price_index_n2`` (percent)."""
    board = _allowed(actor, group)
    unknown = set(index) - set(INDEX_FIELDS)
    if unknown:
        raise TypeError(f"unknown index fields: {sorted(unknown)}")
    check_year(field="budget_year", label=str(_("Budget year")), year=budget_year + 2)
    check_year(field="budget_year", label=str(_("Budget year")), year=budget_year)
    fields: dict[str, Any] = {"population_series": population_series, "wage_share_percent": wage_share_percent, **index}
    _check_model_fields({**fields, "description": description}, group)
    name = _check_name(group, budget_year, name)
    with unique_or(_name_taken(name, budget_year)):  # ALLOC-011 for a name taken at the same moment
        model = AllocationModel.objects.create(
            group=group, budget_year=budget_year, name=name, description=description.strip(), created_by=as_user(actor), **fields
        )
    model.refresh_from_db()  # the figures as stored (3 → 3.00), in the answer and the audit alike
    audit.record(actor=actor, action="allocation_model.created", obj=model, org_unit=board, after=_model_snapshot(model))
    return model


@transaction.atomic
def allocation_model_update(*, actor: Actor, model: AllocationModel, **fields: Any) -> AllocationModel:
    """Change a model's name, description, population series, wage share of new rows or indexes."""
    board = _allowed(actor, model.group)
    unknown = set(fields) - set(MODEL_FIELDS)
    if unknown:
        raise TypeError(f"an allocation model has no field {sorted(unknown)} to change")
    _check_model_fields(fields, model.group)
    if "name" in fields:
        fields["name"] = _check_name(model.group, model.budget_year, fields["name"], exclude=model.pk)
    before = _model_snapshot(model)
    for name, value in fields.items():
        setattr(model, name, value.strip() if isinstance(value, str) else value)
    with unique_or(_name_taken(model.name, model.budget_year)):
        model.save()
    model.refresh_from_db()
    audit.record(actor=actor, action="allocation_model.updated", obj=model, org_unit=board, before=before, after=_model_snapshot(model))
    return model


@transaction.atomic
def allocation_scenario_create(*, actor: Actor, model: AllocationModel, name: str) -> AllocationModel:
    """A scenario: a copy of the model (or of another scenario) with every parameter and every
    count given by hand, to be changed on its own and compared with the model."""
    board = _allowed(actor, model.group)
    name = _check_name(model.group, model.budget_year, name)
    with unique_or(_name_taken(name, model.budget_year)):
        scenario = AllocationModel.objects.create(
            group=model.group,
            budget_year=model.budget_year,
            name=name,
            description=model.description,
            based_on=model,
            population_series=model.population_series,
            created_by=as_user(actor),
            **{f: getattr(model, f) for f in ("wage_share_percent", *INDEX_FIELDS)},
        )
    for driver in model.drivers.all().prefetch_related("overrides"):
        overrides = list(driver.overrides.all())
        driver.pk, driver.model = None, scenario
        driver._state.adding = True
        driver.save()
        AllocationCountOverride.objects.bulk_create(  # the copy's rows, audited with the scenario below
            [AllocationCountOverride(group=model.group, driver=driver, year=o.year, count=o.count, reason=o.reason) for o in overrides]
        )
    fixed = list(AllocationFixedAmount.objects.filter(model=model))
    adjustments = list(PoliticalAdjustment.objects.filter(model=model))
    for row in (*fixed, *adjustments):
        row.pk, row.model = None, scenario
        row._state.adding = True
    AllocationFixedAmount.objects.bulk_create(fixed)  # the copy's rows, audited with the scenario below
    PoliticalAdjustment.objects.bulk_create(adjustments)
    audit.record(actor=actor, action="allocation_scenario.created", obj=scenario, org_unit=board, after={**_model_snapshot(scenario), "copied_from": model.pk})
    return scenario


@transaction.atomic
def allocation_model_delete(*, actor: Actor, model: AllocationModel) -> None:
    """Remove a model or scenario with its parameters; ALLOC-013 while a scenario is based on it."""
    board = _allowed(actor, model.group)
    if model.scenarios.exists():
        raise RuleViolation("ALLOC-013", _("%(name)s has scenarios based on it; remove them first."), {"name": model.name}, field="model")
    before = _model_snapshot(model)
    before["parameters"] = {"drivers": model.drivers.count(), "fixed_amounts": model.fixed_amounts.count(), "adjustments": model.adjustments.count()}
    audit.record(actor=actor, action="allocation_model.deleted", obj=model, org_unit=board, before=before)
    model.delete()


# --- rows: drivers, fixed amounts, political adjustments -----------------------------------------

DRIVER_FIELDS = ("committee", "name", "age_from", "age_to", "area", "price_sek", "wage_share_percent")
FIXED_FIELDS = ("committee", "reason", "amount_sek", "wage_share_percent", "indexed")
ADJUSTMENT_FIELDS = ("committee", "year_offset", "amount_sek", "reason")


def _check_driver(model: AllocationModel, row: AllocationDriver) -> None:
    _check_committee(model, row.committee)
    row.name = (row.name or "").strip()
    if not row.name or len(row.name) > TITLE_LENGTH:
        raise RuleViolation("ALLOC-011", _("A driver needs a name (at most 300 characters)."), {"name": row.name}, field="name")
    check_age_band(row.age_from, row.age_to)
    check_price(Decimal(row.price_sek))
    check_wage_share(Decimal(row.wage_share_percent))
    row.area = (row.area or "").strip()


def _check_fixed(model: AllocationModel, row: AllocationFixedAmount) -> None:
    _check_committee(model, row.committee)
    row.reason = check_reason(row.reason or "")
    check_amount(Decimal(row.amount_sek))
    check_wage_share(Decimal(row.wage_share_percent))


def _check_adjustment(model: AllocationModel, row: PoliticalAdjustment) -> None:
    _check_committee(model, row.committee)
    row.reason = check_reason(row.reason or "")
    check_amount(Decimal(row.amount_sek))
    check_year_offset(row.year_offset)


_KINDS: dict[type[models.Model], tuple[str, tuple[str, ...], Any]] = {
    AllocationDriver: ("allocation_driver", DRIVER_FIELDS, _check_driver),
    AllocationFixedAmount: ("allocation_fixed_amount", FIXED_FIELDS, _check_fixed),
    PoliticalAdjustment: ("political_adjustment", ADJUSTMENT_FIELDS, _check_adjustment),
}


def _row_add[R: models.Model](actor: Actor, model: AllocationModel, kind: type[R], fields: dict[str, Any]) -> R:
    _allowed(actor, model.group)
    prefix, allowed, check = _KINDS[kind]
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{kind.__name__} has no field {sorted(unknown)}")
    if "wage_share_percent" in allowed and fields.get("wage_share_percent") is None:
        fields["wage_share_percent"] = model.wage_share_percent
    row = kind(group=model.group, model=model, **fields)
    check(model, row)
    check_lengths(row)  # TEXT-001: a reason or an area too long is refused, never cut
    row.save()
    row.refresh_from_db()
    audit.record(actor=actor, action=f"{prefix}.added", obj=row, org_unit=row.committee, after=audit.snapshot(row))  # type: ignore[attr-defined]
    return row


def _row_update[R: models.Model](actor: Actor, row: R, fields: dict[str, Any]) -> R:
    model: AllocationModel = row.model  # type: ignore[attr-defined]
    _allowed(actor, model.group)
    prefix, allowed, check = _KINDS[type(row)]
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{type(row).__name__} has no field {sorted(unknown)}")
    before = audit.snapshot(row)
    for name, value in fields.items():
        setattr(row, name, value)
    check(model, row)
    check_lengths(row)
    row.save()
    row.refresh_from_db()
    audit.record(actor=actor, action=f"{prefix}.changed", obj=row, org_unit=row.committee, before=before, after=audit.snapshot(row))  # type: ignore[attr-defined]
    return row


def _row_remove(actor: Actor, row: models.Model) -> None:
    model: AllocationModel = row.model  # type: ignore[attr-defined]
    _allowed(actor, model.group)
    prefix = _KINDS[type(row)][0]
    audit.record(actor=actor, action=f"{prefix}.removed", obj=row, org_unit=row.committee, before=audit.snapshot(row))  # type: ignore[attr-defined]
    row.delete()


@transaction.atomic
def allocation_driver_add(*, actor: Actor, model: AllocationModel, **fields: Any) -> AllocationDriver:
    """``committee``, ``name``, ``age_from``, ``age_to``, ``price_sek`` (at the price level of N−1),
    optionally ``area`` and ``wage_share_percent`` (else the model's)."""
    return _row_add(actor, model, AllocationDriver, fields)


@transaction.atomic
def allocation_driver_update(*, actor: Actor, driver: AllocationDriver, **fields: Any) -> AllocationDriver:
    return _row_update(actor, driver, fields)


@transaction.atomic
def allocation_driver_remove(*, actor: Actor, driver: AllocationDriver) -> None:
    _row_remove(actor, driver)


@transaction.atomic
def allocation_fixed_amount_add(*, actor: Actor, model: AllocationModel, **fields: Any) -> AllocationFixedAmount:
    """``committee``, ``reason``, ``amount_sek``, optionally ``wage_share_percent`` and ``indexed``."""
    return _row_add(actor, model, AllocationFixedAmount, fields)


@transaction.atomic
def allocation_fixed_amount_update(*, actor: Actor, fixed_amount: AllocationFixedAmount, **fields: Any) -> AllocationFixedAmount:
    return _row_update(actor, fixed_amount, fields)


@transaction.atomic
def allocation_fixed_amount_remove(*, actor: Actor, fixed_amount: AllocationFixedAmount) -> None:
    _row_remove(actor, fixed_amount)


@transaction.atomic
def allocation_adjustment_add(*, actor: Actor, model: AllocationModel, **fields: Any) -> PoliticalAdjustment:
    """``committee``, ``year_offset`` (0 = N, 1 = N+1, 2 = N+2), ``amount_sek`` and ``reason`` (ALLOC-003)."""
    return _row_add(actor, model, PoliticalAdjustment, fields)


@transaction.atomic
def allocation_adjustment_update(*, actor: Actor, adjustment: PoliticalAdjustment, **fields: Any) -> PoliticalAdjustment:
    return _row_update(actor, adjustment, fields)


@transaction.atomic
def allocation_adjustment_remove(*, actor: Actor, adjustment: PoliticalAdjustment) -> None:
    _row_remove(actor, adjustment)


# --- counts given by hand ------------------------------------------------------------------------


@transaction.atomic
def allocation_count_override(*, actor: Actor, driver: AllocationDriver, year: int, count: int, reason: str) -> AllocationCountOverride:
    """A driver's count for a year of the model given by hand, with its reason (ALLOC-009; ALLOC-014
    for a year outside the model's three)."""
    model = driver.model
    _allowed(actor, model.group)
    if year not in model.years:
        raise RuleViolation(
            "ALLOC-014", _("The model counts for %(years)s, not %(year)s."), {"year": year, "years": ", ".join(map(str, model.years))}, field="year"
        )
    reason = check_count(count, reason)
    check_text_length(field="reason", label=gettext("Reason"), length=len(reason), limit=TITLE_LENGTH)
    found = AllocationCountOverride.objects.select_for_update().filter(driver=driver, year=year).first()
    before = audit.snapshot(found) if found is not None else None
    if found is None:
        with created_once(AllocationCountOverride, driver=driver, year=year):
            found = AllocationCountOverride.objects.create(group=model.group, driver=driver, year=year, count=count, reason=reason)
    else:
        found.count, found.reason = count, reason
        found.save(update_fields=["count", "reason"])
    audit.record(actor=actor, action="allocation_count.overridden", obj=found, org_unit=driver.committee, before=before, after=audit.snapshot(found))
    return found


@transaction.atomic
def allocation_count_override_remove(*, actor: Actor, override: AllocationCountOverride) -> None:
    """The driver counts in the population series again for that year."""
    driver = override.driver
    _allowed(actor, driver.model.group)
    audit.record(actor=actor, action="allocation_count.override_removed", obj=override, org_unit=driver.committee, before=audit.snapshot(override))
    override.delete()


# --- frame proposals -----------------------------------------------------------------------------


@transaction.atomic
def allocation_frames_propose(*, actor: Actor, model: AllocationModel) -> dict[OrgUnit, Decimal]:
    """The model's allocation for the budget year as each committee's frame proposal, in tkr
    (rounded half up to 0.1 tkr): ``frame_set`` for every committee the model has a parameter
    for, then one audit event for the whole action. All or nothing: a refused frame (or a count
    missing, ALLOC-004) writes none."""
    from styr.economy.selectors.allocation import allocation_committees, allocation_result

    board = _allowed(actor, model.group)
    result = allocation_result(model)
    named = (
        set(model.drivers.values_list("committee_id", flat=True))
        | set(model.fixed_amounts.values_list("committee_id", flat=True))
        | set(model.adjustments.values_list("committee_id", flat=True))
    )
    proposals: dict[OrgUnit, Decimal] = {}
    for committee in allocation_committees(model):
        if committee.pk in named:
            amount_tsek = result.row(committee.pk, model.budget_year).total_tsek
            frame_set(actor=actor, org_unit=committee, year=model.budget_year, amount_tsek=amount_tsek)
            proposals[committee] = amount_tsek
    audit.record(
        actor=actor,
        action="allocation.frames_proposed",
        obj=model,
        org_unit=board,
        after={
            "year": model.budget_year,
            "frames_tsek": {str(c.pk): str(v) for c, v in proposals.items()},
            "committees": {str(c.pk): c.name for c in proposals},
        },
    )
    return proposals
