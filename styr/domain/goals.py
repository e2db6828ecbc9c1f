"""Rules for development goals and goal indicators (seed §5.C)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from styr.domain.errors import RuleViolation, _
from styr.domain.governance import GovernanceModel


@dataclass(frozen=True)
class YearSpan:
    start_year: int
    end_year: int

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def length(self) -> int:
        return self.end_year - self.start_year + 1

    def overlaps(self, other: YearSpan) -> bool:
        return self.start_year <= other.end_year and other.start_year <= self.end_year


def check_horizon(span: YearSpan, model: GovernanceModel) -> None:
    """GOAL-002: a goal is short (1 year) or long (2–4 years) in Alvesta's model."""
    if span.end_year < span.start_year or not (model.goal_horizon_min_years <= span.length <= model.goal_horizon_max_years):
        raise RuleViolation(
            "GOAL-002",
            _("A development goal must run %(min)s–%(max)s years; %(start)s–%(end)s does not."),
            {
                "min": model.goal_horizon_min_years,
                "max": model.goal_horizon_max_years,
                "start": span.start_year,
                "end": span.end_year,
            },
            field="end_year",
        )


def check_goal_cap(new: YearSpan, existing: Iterable[YearSpan], model: GovernanceModel) -> None:
    """GOAL-001: at most the model's cap of development goals per unit in any year of the period."""
    spans = list(existing)
    for year in new.years:
        active = sum(1 for span in spans if span.start_year <= year <= span.end_year)
        if active >= model.max_development_goals:
            raise RuleViolation(
                "GOAL-001",
                _("The unit already has %(count)s development goals in %(year)s; the governance model allows at most %(cap)s per unit and period."),
                {"count": active, "year": year, "cap": model.max_development_goals},
                field="start_year",
            )


def check_target_year(goal: YearSpan, year: int) -> None:
    """GOAL-003: an indicator's target year lies within its goal's years."""
    if year not in goal.years:
        raise RuleViolation(
            "GOAL-003",
            _("The target year %(year)s lies outside the goal's period %(start)s–%(end)s."),
            {"year": year, "start": goal.start_year, "end": goal.end_year},
            field="target_year",
        )


def check_baseline_year(goal: YearSpan, baseline_year: int) -> None:
    """GOAL-003: the baseline is measured no later than the goal's last year."""
    if baseline_year > goal.end_year:
        raise RuleViolation(
            "GOAL-003",
            _("The baseline year %(year)s lies after the goal's period %(start)s–%(end)s."),
            {"year": baseline_year, "start": goal.start_year, "end": goal.end_year},
            field="baseline_year",
        )


def check_editable(state: str) -> None:
    """GOAL-004: an adopted goal is locked; a change needs a new decision."""
    if state == "adopted":
        raise RuleViolation(
            "GOAL-004",
            _("The goal is adopted and locked; changing it needs a new decision."),
            {"state": state},
        )


def goal_is_locked(state: str, newest_revisions: Iterable[tuple[int, str] | None]) -> bool:
    """GOAL-004: whether an adopted goal is locked. ``newest_revisions`` holds, for each year of
    the goal, the newest revision of its unit's plan and that revision's state (None without a plan).

    A new revision of a plan that holds the goal opens it for change again, unless an adopted plan
    of another of its years still holds it. The goal stays adopted, and public, all the while: what
    was decided is in force until the new revision is adopted (seed §6.3)."""
    if state != "adopted":
        return False
    revisions = [r for r in newest_revisions if r is not None]
    if any(plan_state == "adopted" for _revision, plan_state in revisions):
        return True
    return not any(revision > 1 for revision, _plan_state in revisions)


def parse_value(raw: object, *, field: str = "value") -> Decimal:
    """FU-001: a measured value is a number (a decimal comma is accepted)."""
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int) and not isinstance(raw, bool):
        value = Decimal(raw)
    elif isinstance(raw, str):
        text = raw.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = Decimal("NaN")
    else:
        value = Decimal("NaN")
    if not value.is_finite():
        raise RuleViolation(
            "FU-001",
            _("“%(raw)s” is not a number."),
            {"raw": str(raw)},
            field=field,
        )
    return value


def check_measurement_year(goal: YearSpan, year: int) -> None:
    """FU-002: a goal indicator is followed up within its goal's years (the baseline year included)."""
    if not goal.start_year - 1 <= year <= goal.end_year:
        raise RuleViolation(
            "FU-002",
            _("%(year)s lies outside the goal's period %(start)s–%(end)s."),
            {"year": year, "start": goal.start_year, "end": goal.end_year},
            field="period",
        )


def check_contribution(goal_unit: object, target_unit: object, ancestors_of_goal_unit: Iterable[object]) -> None:
    """GOAL-005: a goal contributes only to goals of its own unit's ancestors (the cascade, seed §5.C)."""
    if target_unit == goal_unit or target_unit not in set(ancestors_of_goal_unit):
        raise RuleViolation(
            "GOAL-005",
            _("A development goal can only contribute to goals of the levels above its own unit."),
            {"unit": str(goal_unit), "target_unit": str(target_unit)},
            field="contributes_to",
        )


def check_development_area(goal_unit: object, area_unit: object | None) -> None:
    """GOAL-006: a goal's development area is one of its own unit's (seed §5.C: each level's areas)."""
    if area_unit is not None and area_unit != goal_unit:
        raise RuleViolation(
            "GOAL-006",
            _("The development area belongs to another unit; choose one of this unit's areas."),
            {"unit": str(goal_unit), "area_unit": str(area_unit)},
            field="development_area",
        )
