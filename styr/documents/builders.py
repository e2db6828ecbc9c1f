"""Builders turn data into a document's content (plain frozen values); renderers lay it out.

One builder feeds every format, so the PDF (and later Word) show the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from styr.domain.levels import LevelKind
from styr.economy.selectors import frame_list
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import core_values_current, vision_current
from styr.planning.models import LifecycleState
from styr.planning.selectors import goal_list


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    unit_label: str
    baseline: str
    targets: str
    latest: str


@dataclass(frozen=True)
class GoalRow:
    title: str
    citizen_change: str
    period: str
    state: str
    adopted: bool
    indicators: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class FrameRow:
    unit_name: str
    amount_tsek: Decimal

    @property
    def amount_display(self) -> str:
        return number_format(self.amount_tsek, decimal_pos=0, use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class PlanDocument:
    kind: str  # "goals-and-budget" (council) or "operational-plan"
    title: str
    subtitle: str
    group_name: str
    unit_name: str
    year: int
    vision_title: str
    vision_text: str
    values_title: str
    values_text: str
    goals: tuple[GoalRow, ...]
    frames: tuple[FrameRow, ...]
    is_draft: bool
    generated_at: datetime

    @property
    def frames_total_display(self) -> str:
        total = sum((f.amount_tsek for f in self.frames), Decimal(0))
        return number_format(total, decimal_pos=0, use_l10n=True, force_grouping=True)

    @property
    def filename(self) -> str:
        stem = "mal-och-budget" if self.kind == "goals-and-budget" else "verksamhetsplan"
        return f"{stem}-{self.year}.pdf"


def _num(value: Decimal) -> str:
    """A figure without trailing zeros, in the reader's locale (78,5 rather than 78,50)."""
    normal = value.normalize()
    if int(normal.as_tuple().exponent) > 0:
        normal = normal.quantize(Decimal(1))
    return str(number_format(normal, use_l10n=True))


def plan_document_build(*, user: Any, unit: OrgUnit, year: int) -> PlanDocument:
    """The unit's plan for ``year``: Mål och budget for the council (year + two plan
    years, seed §6.3), an operational plan (verksamhetsplan) for every other level."""
    group = unit.group
    is_council = unit.kind == LevelKind.COUNCIL
    goals = list(goal_list(user, org_unit=unit, year=year))
    rows = []
    for goal in goals:
        indicators = []
        for indicator in goal.indicators.all():
            targets = ", ".join(f"{t.year}: {_num(t.value)}" for t in indicator.targets.all())
            measurements = list(indicator.measurements.all())
            latest = measurements[-1] if measurements else None
            indicators.append(
                IndicatorRow(
                    name=indicator.name,
                    unit_label=indicator.unit_label,
                    baseline=f"{indicator.baseline_year}: {_num(indicator.baseline_value)}",
                    targets=targets or "–",
                    latest=f"{latest.period:%Y-%m}: {_num(latest.value)}" if latest else "–",
                )
            )
        rows.append(
            GoalRow(
                title=goal.title,
                citizen_change=goal.citizen_change,
                period=str(goal.start_year) if goal.start_year == goal.end_year else f"{goal.start_year}–{goal.end_year}",
                state=str(LifecycleState(goal.state).label),
                adopted=goal.state == LifecycleState.ADOPTED,
                indicators=tuple(indicators),
            )
        )
    frames_qs = frame_list(user, group=group, year=year) if is_council else frame_list(user, group=group, year=year, org_unit=unit)
    frames = tuple(FrameRow(unit_name=f.org_unit.name, amount_tsek=f.amount_tsek) for f in frames_qs)
    vision = vision_current(group)
    values = core_values_current(group)
    if is_council:
        title = _("Goals and budget %(year)s") % {"year": year}
        subtitle = _("with plan for %(first)s–%(last)s") % {"first": year + 1, "last": year + 2}
    else:
        title = _("Operational plan %(year)s") % {"year": year}
        subtitle = unit.name
    return PlanDocument(
        kind="goals-and-budget" if is_council else "operational-plan",
        title=title,
        subtitle=subtitle,
        group_name=group.name,
        unit_name=unit.name,
        year=year,
        vision_title=vision.title if vision else "",
        vision_text=vision.text if vision else "",
        values_title=values.title if values else "",
        values_text=values.text if values else "",
        goals=tuple(rows),
        frames=frames,
        is_draft=any(not g.adopted for g in rows),
        generated_at=timezone.localtime(),
    )
