"""The shared status scale applied to development goals: a suggested status from the goal
indicators against their targets (issue 4; seed §6.5 "grad av måluppfyllelse")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from styr.domain.errors import RuleViolation, _
from styr.domain.governance import GovernanceModel, StatusLevel

ACHIEVED, PARTLY, NOT_ACHIEVED = "achieved", "partly", "not_achieved"


@dataclass(frozen=True)
class Reading:
    """One goal indicator: its baseline, its target for the year and the latest value."""

    baseline: Decimal
    target: Decimal | None
    latest: Decimal | None
    lower_is_better: bool = False


def progress(reading: Reading) -> Decimal | None:
    """How far from the baseline towards the target the latest value has come (1 = there)."""
    if reading.latest is None or reading.target is None:
        return None
    span = reading.target - reading.baseline
    if span == 0:
        reached = reading.latest <= reading.target if reading.lower_is_better else reading.latest >= reading.target
        return Decimal(1) if reached else Decimal(0)
    return (reading.latest - reading.baseline) / span


def attainment(readings: Iterable[Reading]) -> str | None:
    """achieved when every indicator has reached its target, not_achieved when none has moved
    towards it, partly otherwise; None when no indicator has both a target and a value."""
    values = [p for p in (progress(r) for r in readings) if p is not None]
    if not values:
        return None
    if all(v >= 1 for v in values):
        return ACHIEVED
    if all(v <= 0 for v in values):
        return NOT_ACHIEVED
    return PARTLY


def step_for(level: str | None, model: GovernanceModel) -> StatusLevel:
    """The model's status step for an attainment: its highest step for achieved, its lowest
    assessed step for not achieved, a middle step for partly, and the unassessed step (rank 0) for None."""
    assessed = [s for s in model.status_scale if s.rank > 0]
    unassessed = [s for s in model.status_scale if s.rank <= 0]
    if level is None:
        return unassessed[0] if unassessed else assessed[-1]
    if level == ACHIEVED:
        return assessed[0]
    if level == NOT_ACHIEVED or len(assessed) < 3:
        # a scale of two assessed steps has no middle: partly attained is not yet attained
        return assessed[-1]
    return assessed[len(assessed) // 2]


def suggested_status(readings: Iterable[Reading], model: GovernanceModel) -> StatusLevel:
    return step_for(attainment(readings), model)


def check_assessment(*, measurable: bool, status: str, analysis: str, model: GovernanceModel) -> StatusLevel:
    """The status is a step of the scale (MODEL-002); a goal assessed by professional judgement
    needs a written assessment (FU-004, seed §5.C)."""
    step = model.status(status)
    if not measurable and step.rank > 0 and not analysis.strip():
        raise RuleViolation(
            "FU-004",
            _("A goal assessed by professional judgement needs a written assessment."),
            {"status": status},
            field="analysis",
        )
    return step
