"""The Kolada sync (issue 13 §1): fetch the catalogue and the values of the bound indicators from
Kolada (or from saved answers), then store everything in one transaction: the catalogue and the
values as shared reference data, and the own municipality's totals (gender T) as the bound
indicators' follow-up values with source "kolada" (KOLADA-002).

- Everything is fetched before anything is written; a failure anywhere (Kolada unreachable, a
  malformed page, a rule) leaves the database as it was.
- A value a person entered (source manual) is never overwritten; a Kolada value that Kolada
  changed is updated; a month whose report is adopted is left as decided.
- A year's value goes to 1 December of the year, and only for years the goal follows
  (its span, the baseline year included: FU-002).
- The catalogue store marks changed definitions (KOLADA-004); the result says how many bound
  indicators now need a person's review (bound and their kolada_hash differs from the KPI's).
- Permission ``kolada.sync`` on the group's KS; the system (a command) needs none."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.permissions import require
from styr.domain.kolada import KpiRecord, MunicipalityGroupRecord, MunicipalityRecord, OrgUnitRecord, ValueRecord, needs_review
from styr.economy.selectors.frames import executive_board
from styr.followup.models import Measurement, Report, ReportState, ValueSource
from styr.followup.services import note_last_period
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.models import GoalIndicator, KoladaKpi, KoladaMunicipalityGroup, KoladaSettings, QualityIndicator
from styr.planning.selectors_kolada import bound_q
from styr.planning.services.kolada import kolada_catalogue_store, kolada_values_store

CENT = Decimal("0.01")
#: Measurement.value holds 14 digits, 2 after the point.
LARGEST = Decimal("1e12")
#: (step, done, total): the sync's progress, for a bar or the page
Progress = Callable[[str, int, int], None]


class Source(Protocol):
    """Kolada, or answers saved from it: the questions the sync asks."""

    def kpis(self) -> list[KpiRecord]: ...
    def municipalities(self) -> list[MunicipalityRecord]: ...
    def municipality_groups(self) -> list[MunicipalityGroupRecord]: ...
    def org_units(self, municipality: str) -> list[OrgUnitRecord]: ...
    def values(self, kpis: Sequence[str], municipalities: Sequence[str], years: Sequence[int]) -> list[ValueRecord]: ...


@dataclass(frozen=True)
class SyncResult:
    kpis_created: int = 0
    kpis_updated: int = 0
    municipalities: int = 0
    groups: int = 0
    org_units: int = 0
    definitions_changed: tuple[str, ...] = ()
    values_stored: int = 0
    #: follow-up values written or updated from Kolada
    measurements_written: int = 0
    #: values Kolada has where a person entered one (kept, KOLADA-002)
    manual_kept: int = 0
    #: months whose report is adopted (left as decided)
    adopted_kept: int = 0
    #: bound indicators whose KPI's definition differs from the one reviewed (KOLADA-004)
    needs_review: int = 0
    synced_groups: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["definitions_changed"] = list(self.definitions_changed)
        data["synced_groups"] = list(self.synced_groups)
        return data


def bound_goal_indicators(group: MunicipalGroup) -> list[GoalIndicator]:
    return list(GoalIndicator.objects.filter(bound_q(GoalIndicator), group=group).select_related("goal", "goal__org_unit"))


def bound_quality_indicators(group: MunicipalGroup) -> list[QualityIndicator]:
    return list(QualityIndicator.objects.filter(bound_q(QualityIndicator), group=group).select_related("factor__org_unit"))


def indicators_needing_review(group: MunicipalGroup | None = None) -> int:
    """KOLADA-004: bound indicators (``is_bound``) whose reviewed definition is not the KPI's
    current one (``needs_review``)."""
    total = 0
    for model in (GoalIndicator, QualityIndicator):
        rows = model.objects.filter(bound_q(model))
        if group is not None:
            rows = rows.filter(group=group)
        hashes = dict(KoladaKpi.objects.filter(id__in=rows.values("kolada_kpi")).values_list("id", "metadata_hash"))
        total += sum(1 for kpi, reviewed in rows.values_list("kolada_kpi", "kolada_hash") if needs_review(hashes.get(kpi), reviewed))
    return total


def comparison_municipalities(settings: KoladaSettings, fetched_groups: Sequence[MunicipalityGroupRecord]) -> list[str]:
    """The own municipality, the comparison group's members and the chosen ones."""
    members: list[str] = []
    if settings.comparison_group:
        fetched = {g.id: g for g in fetched_groups}
        if settings.comparison_group in fetched:
            members = list(fetched[settings.comparison_group].members)
        else:
            stored = KoladaMunicipalityGroup.objects.filter(id=settings.comparison_group).first()
            members = [str(m) for m in stored.members] if stored is not None else []
    return sorted({settings.municipality, *members, *(str(m) for m in settings.comparison_municipalities)})


@dataclass
class _Plan:
    settings: KoladaSettings
    goal_indicators: list[GoalIndicator]
    quality_indicators: list[QualityIndicator]
    years: list[int]


def kolada_sync(
    *,
    actor: Actor,
    source: Source,
    group: MunicipalGroup | None = None,
    catalogue_only: bool = False,
    on_progress: Progress | None = None,
) -> SyncResult:
    """Fetch, then store in one transaction (see the module). ``group`` None: every group that
    has Kolada settings (the command's nightly run)."""
    step = on_progress or (lambda _step, _done, _total: None)
    if group is not None:
        chosen = list(KoladaSettings.objects.filter(group=group).select_related("group"))
    else:
        chosen = list(KoladaSettings.objects.select_related("group").order_by("group__pk"))
    if actor is not None:
        for board_group in {s.group for s in chosen} | ({group} if group is not None else set()):
            require(actor, "kolada.sync", executive_board(board_group))
    this_year = timezone.localdate().year
    plans = [
        _Plan(s, bound_goal_indicators(s.group), bound_quality_indicators(s.group), list(range(s.first_year, this_year + 1)))
        for s in chosen
        if not catalogue_only
    ]
    total = 4 + len(chosen) + len(plans) + 1
    step("catalogue", 0, total)
    kpis = source.kpis()
    step("catalogue", 1, total)
    municipalities = source.municipalities()
    step("catalogue", 2, total)
    groups = source.municipality_groups()
    step("catalogue", 3, total)
    org_units: list[OrgUnitRecord] = []
    for done, s in enumerate(chosen, start=1):
        org_units.extend(source.org_units(s.municipality))
        step("catalogue", 3 + done, total)
    values: dict[tuple[str, str, bool, int, str], ValueRecord] = {}
    for done, plan in enumerate(plans, start=1):
        bound = sorted({i.kolada_kpi for i in plan.goal_indicators} | {i.kolada_kpi for i in plan.quality_indicators})
        if bound:
            for v in source.values(bound, comparison_municipalities(plan.settings, groups), plan.years):
                values[(v.kpi, v.municipality, v.is_ou, v.year, v.gender)] = v
        step("values", 3 + len(chosen) + done, total)
    with transaction.atomic():
        stored = kolada_catalogue_store(actor=actor, kpis=kpis, municipalities=municipalities, groups=groups, org_units=org_units)
        count = kolada_values_store(actor=actor, values=values.values()) if values else 0
        written = manual = adopted = 0
        for plan in plans:
            w, m, a = _write_measurements(actor, plan, values)
            written, manual, adopted = written + w, manual + m, adopted + a
        result = SyncResult(
            kpis_created=stored.created,
            kpis_updated=stored.updated,
            municipalities=len(municipalities),
            groups=len(groups),
            org_units=len(org_units),
            definitions_changed=stored.changed,
            values_stored=count,
            measurements_written=written,
            manual_kept=manual,
            adopted_kept=adopted,
            needs_review=sum(indicators_needing_review(s.group) for s in chosen),
            synced_groups=tuple(s.group.slug for s in chosen),
        )
        synced_groups: list[MunicipalGroup | None] = [s.group for s in chosen]
        for synced in synced_groups or [group]:
            audit.record(actor=actor, action="kolada.synced", obj=None, group=synced, after=result.as_dict())
    step("done", total, total)
    return result


def _own_totals(plan: _Plan, values: dict[tuple[str, str, bool, int, str], ValueRecord], kpi: str) -> dict[int, Decimal]:
    found = {}
    for year in plan.years:
        v = values.get((kpi, plan.settings.municipality, False, year, "T"))
        if v is not None and v.value is not None and abs(v.value) < LARGEST:
            found[year] = v.value.quantize(CENT)
    return found


def _adopted_months(units: set[OrgUnit]) -> set[tuple[int, int]]:
    """(unit id, year) whose December report is adopted: left as decided."""
    rows = Report.objects.filter(org_unit__in=units, period__end__month=12, state=ReportState.ADOPTED)
    return set(rows.values_list("org_unit_id", "period__end__year"))


def _write_measurements(actor: Actor, plan: _Plan, values: dict[tuple[str, str, bool, int, str], ValueRecord]) -> tuple[int, int, int]:
    """The own municipality's totals into the bound indicators' values: (written, manual kept, adopted kept)."""
    units = {i.goal.org_unit for i in plan.goal_indicators} | {i.factor.org_unit for i in plan.quality_indicators}
    adopted = _adopted_months(units)
    written = manual = locked = 0
    targets: list[tuple[GoalIndicator | QualityIndicator, OrgUnit, dict[int, Decimal]]] = []
    for gi in plan.goal_indicators:
        span = gi.goal.span
        totals = {y: v for y, v in _own_totals(plan, values, gi.kolada_kpi).items() if span.start_year - 1 <= y <= span.end_year}
        targets.append((gi, gi.goal.org_unit, totals))
    for qi in plan.quality_indicators:
        targets.append((qi, qi.factor.org_unit, _own_totals(plan, values, qi.kolada_kpi)))
    for indicator, unit, totals in targets:
        if not totals:
            continue
        key = "indicator" if isinstance(indicator, GoalIndicator) else "quality_indicator"
        existing = {m.period: m for m in Measurement.objects.select_for_update().filter(**{key: indicator}, period__in=[date(y, 12, 1) for y in totals])}
        for year, value in sorted(totals.items()):
            period = date(year, 12, 1)
            old = existing.get(period)
            if old is not None and old.source != ValueSource.KOLADA:
                manual += 1
                continue
            if old is not None and old.value == value:
                continue
            if (unit.pk, year) in adopted:
                locked += 1
                continue
            written += 1
            _record(actor, indicator, key, unit, period, value, old)
    return written, manual, locked


def _record(actor: Actor, indicator: GoalIndicator | QualityIndicator, key: str, unit: OrgUnit, period: date, value: Decimal, old: Measurement | None) -> None:
    """One follow-up value from Kolada (KOLADA-002), audited as any value."""
    before = audit.snapshot(old, ["value", "source"]) if old is not None else None
    if old is None:
        measurement = Measurement(group=indicator.group, period=period, value=value, source=ValueSource.KOLADA, recorded_by=as_user(actor), **{key: indicator})
        measurement.save()
        note_last_period(indicator, period)
    else:
        measurement = old
        measurement.value, measurement.recorded_by = value, as_user(actor)
        measurement.save(update_fields=["value", "recorded_by", "recorded_at"])
    audit.record(
        actor=actor,
        action="measurement.from_kolada",
        obj=measurement,
        org_unit=unit,
        before=before,
        after={"indicator": str(indicator), "period": period.isoformat(), "value": str(value), "source": ValueSource.KOLADA.value},
    )
