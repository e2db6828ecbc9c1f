"""Reads of the risk analysis (issue 12 §1): a unit's register for a year with each risk's score,
value, band and whether it must be treated; the matrix's counts per cell; a risk's history by year."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from styr.control.models import ControlAim, ControlRisk, RiskScore
from styr.core.permissions import require_visible, scope_q
from styr.domain.internal_control import InternalControlSettings, RiskBand
from styr.organisation.models import OrgUnit


def aim_labels(codes: Sequence[str]) -> list[str]:
    """The aims' words, in the order of §7."""
    return [str(aim.label) for aim in ControlAim if aim.value in codes]


@dataclass(frozen=True)
class RiskRow:
    """A risk with its score of one year (None: not scored that year)."""

    risk: ControlRisk
    score: RiskScore | None
    settings: InternalControlSettings

    @property
    def value(self) -> int | None:
        return self.score.risk_value if self.score is not None else None

    @property
    def band(self) -> RiskBand | None:
        return self.settings.band(self.value) if self.value is not None else None

    @property
    def must_treat(self) -> bool:
        return self.value is not None and self.settings.must_treat(self.value)

    @property
    def aims(self) -> list[str]:
        return aim_labels(self.risk.aims)

    @property
    def cell(self) -> tuple[int, int] | None:
        return (self.score.likelihood, self.score.consequence) if self.score is not None else None


@dataclass(frozen=True)
class Register:
    unit: OrgUnit
    year: int
    rows: list[RiskRow]
    settings: InternalControlSettings
    likelihood_steps: int
    consequence_steps: int

    def counts(self) -> Counter[tuple[int, int]]:
        """The number of risks in each cell (likelihood, consequence) of the matrix."""
        return Counter(row.cell for row in self.rows if row.cell is not None)

    def in_cell(self, likelihood: int | None, consequence: int | None) -> list[RiskRow]:
        """The rows filtered to a cell (either step may be left out)."""
        return [
            r
            for r in self.rows
            if (likelihood is None or (r.cell is not None and r.cell[0] == likelihood))
            and (consequence is None or (r.cell is not None and r.cell[1] == consequence))
        ]


def control_risk_list(user: Any, *, org_unit: OrgUnit | None = None, year: int | None = None) -> QuerySet[ControlRisk]:
    """The risks the user may see, of one unit when given; with ``year`` only those scored that year."""
    risks = ControlRisk.objects.filter(scope_q(user))
    if org_unit is not None:
        risks = risks.filter(org_unit=org_unit)
    if year is not None:
        risks = risks.filter(scores__year=year)
    return risks.select_related("org_unit").order_by("org_unit_id", "area", "pk")


def control_risk_get(user: Any, pk: int) -> ControlRisk:
    """One risk, 404 when out of the user's scope."""
    risk = ControlRisk.objects.filter(scope_q(user), pk=pk).select_related("org_unit", "group", "source_risk").first()
    if risk is None:
        raise Http404
    return risk


def risk_score_list(user: Any, *, risk: ControlRisk | None = None, org_unit: OrgUnit | None = None, year: int | None = None) -> QuerySet[RiskScore]:
    scores = RiskScore.objects.filter(scope_q(user, unit="risk__org_unit_id"))
    if risk is not None:
        scores = scores.filter(risk=risk)
    if org_unit is not None:
        scores = scores.filter(risk__org_unit=org_unit)
    if year is not None:
        scores = scores.filter(year=year)
    return scores.select_related("risk").order_by("risk_id", "year")


def risk_register(user: Any, *, org_unit: OrgUnit, year: int) -> Register:
    """Every risk of the unit with its score of ``year`` (two queries however many risks)."""
    require_visible(user, org_unit)
    governance = org_unit.group.governance
    settings = governance.internal_control
    risks = (
        ControlRisk.objects.filter(org_unit=org_unit)
        .prefetch_related(Prefetch("scores", queryset=RiskScore.objects.filter(year=year), to_attr="year_scores"))
        .order_by("area", "pk")
    )
    rows = [RiskRow(risk, risk.year_scores[0] if risk.year_scores else None, settings) for risk in risks]  # type: ignore[attr-defined]
    rows.sort(key=lambda r: (-(r.value or 0), r.risk.area, r.risk.pk))
    matrix = governance.risk_matrix
    return Register(org_unit, year, rows, settings, matrix.likelihood_steps, matrix.consequence_steps)


@dataclass(frozen=True)
class HistoryRow:
    score: RiskScore
    band: RiskBand
    #: against the score before it: "up", "down", "same"; "" for the first
    movement: str
    change: int | None

    @property
    def size(self) -> int:
        """How far the value moved, without its sign."""
        return abs(self.change or 0)


def risk_history(risk: ControlRisk) -> list[HistoryRow]:
    """The risk's scores by year (its history), each with how its value moved since the score before."""
    settings = risk.group.governance.internal_control
    rows: list[HistoryRow] = []
    previous: RiskScore | None = None
    for score in risk.scores.order_by("year"):
        if previous is None:
            movement, change = "", None
        else:
            change = score.risk_value - previous.risk_value
            movement = "up" if change > 0 else "down" if change < 0 else "same"
        rows.append(HistoryRow(score, settings.band(score.risk_value), movement, change))
        previous = score
    return rows
