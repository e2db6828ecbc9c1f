"""Reads of the year-end carry-over (resultatöverföring, issue 11 §2): each committee's result
against its frame, the proposal and the council's decision; and the decided amount carried into a
year's frame (contract of issue 11: ``carry_over_for``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from styr.core.permissions import require_visible, scope_q
from styr.domain.levels import LevelKind
from styr.economy.models import CarryOver, CarryOverState
from styr.organisation.models import MunicipalGroup, OrgUnit


def council_of(group: MunicipalGroup) -> OrgUnit | None:
    """The council (kommunfullmäktige): the body that decides the carry-overs."""
    return OrgUnit.objects.filter(group=group, kind=LevelKind.COUNCIL).order_by("position", "pk").first()


def carry_over_for(committee: OrgUnit, year: int) -> Decimal | None:
    """The amount the council decided to carry INTO ``year``'s frame of the committee (from the
    result of ``year - 1``), or None when nothing is decided (callers check who reads)."""
    return CarryOver.objects.filter(org_unit=committee, year=year - 1, state=CarryOverState.DECIDED).values_list("decided_tsek", flat=True).first()


def carried_into(units: Iterable[int], years: Iterable[int]) -> dict[tuple[int, int], Decimal]:
    """(unit id, year) → the decided amount carried into that year's frame, in one query."""
    into = [year - 1 for year in years]
    rows = CarryOver.objects.filter(org_unit_id__in=list(units), year__in=into, state=CarryOverState.DECIDED).values_list("org_unit_id", "year", "decided_tsek")
    return {(unit, year + 1): amount for unit, year, amount in rows if amount is not None}


def carry_over_list(user: Any, *, group: MunicipalGroup, year: int | None = None, org_unit: OrgUnit | None = None) -> QuerySet[CarryOver]:
    """The carry-overs (of the results of ``year``) of the committees the user may see."""
    found = CarryOver.objects.filter(scope_q(user), group=group).select_related("org_unit", "decision", "computed_by", "decided_by")
    if year is not None:
        found = found.filter(year=year)
    if org_unit is not None:
        found = found.filter(org_unit=org_unit)
    return found.order_by("year", "org_unit__position", "org_unit__name")


def carry_over_get(user: Any, pk: int) -> CarryOver:
    """One carry-over, when the user sees its committee (404 otherwise)."""
    from django.shortcuts import get_object_or_404

    found = get_object_or_404(CarryOver.objects.select_related("org_unit", "decision", "computed_by", "decided_by"), pk=pk)
    require_visible(user, found.org_unit)
    return found


@dataclass(frozen=True)
class CarryOverRow:
    """A committee on the year-end page: its frame for the year, and the carry-over when computed."""

    committee: OrgUnit
    #: the frame in force at the year's end (adopted + KS's adjustments + carried in), tkr
    frame_tsek: Decimal | None
    carry_over: CarryOver | None

    @property
    def state(self) -> str:
        return self.carry_over.state if self.carry_over is not None else ""


@dataclass(frozen=True)
class CarryOverYear:
    """The year-end carry-over of the results of ``year`` into ``year + 1``, committee by committee."""

    year: int
    rows: list[CarryOverRow]

    @property
    def computed(self) -> list[CarryOver]:
        return [r.carry_over for r in self.rows if r.carry_over is not None]

    @property
    def all_decided(self) -> bool:
        return bool(self.rows) and all(r.carry_over is not None and r.carry_over.is_decided for r in self.rows)

    @property
    def any_proposed(self) -> bool:
        return any(c.state == CarryOverState.PROPOSED for c in self.computed)

    def total(self, name: str) -> Decimal | None:
        values = [getattr(c, name) for c in self.computed if getattr(c, name) is not None]
        return sum(values, Decimal(0)) if values else None


def carry_over_year(user: Any, group: MunicipalGroup, year: int) -> CarryOverYear:
    """Each committee (and KS) the user sees with an adopted frame for ``year``, or a carry-over
    computed for it, in the tree's order. Four queries however many committees."""
    from styr.economy.selectors.frames import frame_figures_list

    frames = {unit.pk: (unit, f) for unit, f in frame_figures_list(user, group=group, year=year) if f.is_adopted}
    computed = {c.org_unit_id: c for c in carry_over_list(user, group=group, year=year)}
    units = {pk: unit for pk, (unit, _f) in frames.items()} | {c.org_unit_id: c.org_unit for c in computed.values()}
    ordered = sorted(units.values(), key=lambda u: (u.position, u.name))
    rows = [CarryOverRow(u, frames[u.pk][1].in_force_tsek if u.pk in frames else None, computed.get(u.pk)) for u in ordered]
    return CarryOverYear(year=year, rows=rows)


def carry_overs_of_group(group: MunicipalGroup, year: int) -> dict[int, CarryOver]:
    """Unit id → the carry-over of the results of ``year`` (KS's overview; callers check who reads)."""
    return {c.org_unit_id: c for c in CarryOver.objects.filter(group=group, year=year)}
