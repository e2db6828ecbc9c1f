"""Reads of frames: each committee's operating and investment frame as proposed, as adopted by the
council, KS's adjustments and the frame as it stands now (issue 10 §2), and the surplus or deficit
the council decided to carry into it from last year (its own line, issue 11 §2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum

from styr.core.permissions import require_visible, scope_q
from styr.domain.frames import ZERO
from styr.domain.levels import LevelKind
from styr.domain.plans import GOALS_AND_BUDGET
from styr.economy.models import FrameAdjustment, InvestmentAmount, InvestmentProject, OperatingFrame
from styr.economy.selectors.carry_over import carried_into
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.models import LifecycleState, Plan

NONE, PROPOSAL, ADOPTED = "none", "proposal", "adopted"
#: Where the council's Mål och budget for a year stands, for its frames: not adopted (the frames are
#: prepared), adopted (they change only by KS's adjustment), or a new revision in preparation (the
#: adopted frames stay in force; proposals for the revision are prepared beside them).
OPEN, LOCKED, REVISING = "open", "adopted", "revising"


def goals_and_budget_stage(group: MunicipalGroup, year: int) -> str:
    states = list(Plan.objects.filter(group=group, kind=GOALS_AND_BUDGET, year=year).order_by("-revision").values_list("state", flat=True)[:2])
    if not states or (states[0] != LifecycleState.ADOPTED and LifecycleState.ADOPTED not in states[1:]):
        return OPEN
    return LOCKED if states[0] == LifecycleState.ADOPTED else REVISING


def goals_and_budget_adopted(group: MunicipalGroup, year: int) -> bool:
    """Whether the council's Mål och budget for the year stands adopted (its newest revision):
    then the frames are the council's, and no longer prepared."""
    return goals_and_budget_stage(group, year) == LOCKED


def executive_board(group: MunicipalGroup) -> OrgUnit | None:
    """KS: the body that adjusts the frames during the year."""
    return OrgUnit.objects.filter(group=group, kind=LevelKind.EXECUTIVE_BOARD).order_by("position", "pk").first()


@dataclass(frozen=True)
class FrameFigures:
    """A committee's frames for a year. ``current_tsek`` is the operating frame as it stands now
    (``OperatingFrame.amount_tsek``): the proposal before the council adopts, then as adopted plus
    KS's adjustments since; ``investment_tsek`` likewise for the investment frame."""

    unit_id: int
    year: int
    state: str = NONE
    adopted_tsek: Decimal | None = None
    adjustments_tsek: Decimal = ZERO
    current_tsek: Decimal | None = None
    investment_tsek: Decimal | None = None
    adopted_investment_tsek: Decimal | None = None
    investment_adjustments_tsek: Decimal = ZERO
    adjustment_count: int = 0
    #: a proposal prepared for a new revision of Mål och budget while the adopted frame stays in force
    proposed_tsek: Decimal | None = None
    proposed_investment_tsek: Decimal | None = None
    #: the council's adoption (planning.Decision), when adopted
    decision: Any = None
    #: the surplus (+) or deficit (−) the council decided to carry into this year's frame from last
    #: year's result (issue 11 §2), tkr; None when nothing is decided
    carry_over_tsek: Decimal | None = None

    @property
    def in_force_tsek(self) -> Decimal | None:
        """The operating frame in force: as it stands now plus the carry-over decided into it."""
        if self.current_tsek is None:
            return None
        return self.current_tsek + (self.carry_over_tsek or ZERO)

    @property
    def is_adopted(self) -> bool:
        return self.state == ADOPTED

    @property
    def adopted_sek(self) -> Decimal | None:
        return self.adopted_tsek * 1000 if self.adopted_tsek is not None else None

    @property
    def adjustments_sek(self) -> Decimal:
        return self.adjustments_tsek * 1000

    @property
    def investment_sek(self) -> Decimal | None:
        """The investment frame as it stands now, in kronor (KS's overview)."""
        return self.investment_tsek * 1000 if self.investment_tsek is not None else None

    @property
    def proposal_tsek(self) -> Decimal | None:
        """What the council's Mål och budget in preparation holds: the revision's proposal, else the frame now."""
        return self.proposed_tsek if self.proposed_tsek is not None else self.current_tsek

    @property
    def proposal_investment_tsek(self) -> Decimal | None:
        return self.proposed_investment_tsek if self.proposed_investment_tsek is not None else self.investment_tsek


def planned_investment_frames(group: MunicipalGroup, year: int) -> dict[int, Decimal]:
    """The investment frames the plan of ``year`` decides (issue 11 §3): per committee the plan holds
    a project of (cancelled ones excluded), the sum of its projects' amounts for ``year`` (tkr, 0 when
    they plan nothing that year). A committee without a project in the plan is not a key: its
    entered investment frame stands, as for a group that keeps no investment plan in Styr. One query."""
    return planned_investment_frames_of_years(group, [year])[year]


def planned_investment_frames_of_years(group: MunicipalGroup, years: Iterable[int]) -> dict[int, dict[int, Decimal]]:
    """``planned_investment_frames`` for each of ``years``: year → committee id → tkr. One query
    however many years (none without years)."""
    wanted = list(years)
    found: dict[int, dict[int, Decimal]] = {year: {} for year in wanted}
    if not wanted:
        return found
    rows = (
        InvestmentAmount.objects.filter(group=group, plan_year__in=wanted)
        .exclude(project__status=InvestmentProject.Status.CANCELLED)
        .order_by()
        .values("plan_year", "project__committee_id")
        .annotate(total=Sum("amount_tsek", filter=Q(year=F("plan_year"))))
        .values_list("plan_year", "project__committee_id", "total")
    )
    tenth = Decimal("0.1")  # as the column keeps it, whichever database summed it
    for year, committee, total in rows:
        found[year][committee] = Decimal(total or 0).quantize(tenth)
    return found


def _figures(
    frame: OperatingFrame,
    count: int = 0,
    operating: Decimal | None = None,
    investment: Decimal | None = None,
    carried: Decimal | None = None,
    planned: Decimal | None = None,
) -> FrameFigures:
    """A frame's figures; ``planned`` (the plan's investment frame, ``planned_investment_frames``)
    is the investment frame of a frame not yet adopted, whatever was entered (issue 11 §3)."""
    return FrameFigures(
        unit_id=frame.org_unit_id,
        year=frame.year,
        state=ADOPTED if frame.is_adopted else PROPOSAL,
        adopted_tsek=frame.adopted_tsek,
        adjustments_tsek=operating or ZERO,
        current_tsek=frame.amount_tsek,
        investment_tsek=planned if planned is not None and not frame.is_adopted else frame.investment_tsek,
        adopted_investment_tsek=frame.adopted_investment_tsek,
        investment_adjustments_tsek=investment or ZERO,
        adjustment_count=count,
        proposed_tsek=frame.proposed_tsek,
        proposed_investment_tsek=frame.proposed_investment_tsek,
        decision=frame.decision,
        carry_over_tsek=carried,
    )


def _adjustment_sums(frames: Iterable[int]) -> dict[int, tuple[int, Decimal, Decimal]]:
    """Per frame: the number and sums of KS's adjustments of its current adoption (one query)."""
    rows = (
        FrameAdjustment.objects.filter(frame_id__in=list(frames), adjusts_id=F("frame__decision_id"))
        .order_by()
        .values("frame_id")
        .annotate(n=Count("pk"), operating=Sum("operating_tsek"), investment=Sum("investment_tsek"))
        .values_list("frame_id", "n", "operating", "investment")
    )
    tenth = Decimal("0.1")  # as the column keeps it, whichever database summed it
    return {frame: (n, Decimal(operating).quantize(tenth), Decimal(investment).quantize(tenth)) for frame, n, operating, investment in rows}


def frame_figures(committee: OrgUnit, year: int, *, user: Any = None) -> FrameFigures:
    """The committee's frames for the year (contract 3 of issue 10) with the carry-over decided into
    it; with ``user``, only when the user may see the committee. Three queries (four before the
    adoption: the investment plan's frame)."""
    if user is not None:
        require_visible(user, committee)
    frame = OperatingFrame.objects.filter(org_unit=committee, year=year).select_related("decision", "group").first()
    if frame is None:
        return FrameFigures(unit_id=committee.pk, year=year)
    carried = carried_into([committee.pk], [year]).get((committee.pk, year))
    planned = None if frame.is_adopted else planned_investment_frames(frame.group, year).get(committee.pk)
    return _figures(frame, *_adjustment_sums([frame.pk]).get(frame.pk, (0, ZERO, ZERO)), carried=carried, planned=planned)


def frame_figures_of_group(group: MunicipalGroup, year: int) -> dict[int, FrameFigures]:
    """Every committee's frames for the year, by unit id: three queries however many committees,
    for KS's overview and the council's Mål och budget (callers check who reads)."""
    return frame_figures_of_years(group, [year])[year]


def frame_figures_of_years(group: MunicipalGroup, years: Iterable[int]) -> dict[int, dict[int, FrameFigures]]:
    """Every committee's frames for each of ``years``: year → unit id → figures (a year without
    frames maps to an empty dict). Three queries however many committees and years, for the chart
    of the frames over the years (callers check who reads)."""
    wanted = list(years)
    frames = list(OperatingFrame.objects.filter(group=group, year__in=wanted).select_related("decision"))
    sums = _adjustment_sums(f.pk for f in frames)
    carried = carried_into({f.org_unit_id for f in frames}, wanted) if frames else {}
    planned = planned_investment_frames_of_years(group, wanted) if frames else {}
    found: dict[int, dict[int, FrameFigures]] = {year: {} for year in wanted}
    for f in frames:
        found[f.year][f.org_unit_id] = _figures(
            f, *sums.get(f.pk, (0, ZERO, ZERO)), carried=carried.get((f.org_unit_id, f.year)), planned=planned.get(f.year, {}).get(f.org_unit_id)
        )
    return found


def frames_total(figures: Iterable[FrameFigures], *, unit_id: int = 0, year: int = 0) -> FrameFigures:
    """The sum of several committees' frames (KS's overview's total for the municipality)."""
    found = list(figures)
    adopted = [f.adopted_tsek for f in found if f.adopted_tsek is not None]
    current = [f.current_tsek for f in found if f.current_tsek is not None]
    investment = [f.investment_tsek for f in found if f.investment_tsek is not None]
    carried = [f.carry_over_tsek for f in found if f.carry_over_tsek is not None]
    return FrameFigures(
        unit_id=unit_id,
        year=year,
        state=ADOPTED if adopted else (PROPOSAL if current else NONE),
        adopted_tsek=sum(adopted, ZERO) if adopted else None,
        adjustments_tsek=sum((f.adjustments_tsek for f in found), ZERO),
        current_tsek=sum(current, ZERO) if current else None,
        investment_tsek=sum(investment, ZERO) if investment else None,
        investment_adjustments_tsek=sum((f.investment_adjustments_tsek for f in found), ZERO),
        adjustment_count=sum(f.adjustment_count for f in found),
        carry_over_tsek=sum(carried, ZERO) if carried else None,
    )


def frame_list(user: Any, *, group: MunicipalGroup, year: int, org_unit: OrgUnit | None = None) -> QuerySet[OperatingFrame]:
    frames = OperatingFrame.objects.filter(scope_q(user), group=group, year=year).select_related("org_unit", "decision")
    if org_unit is not None:
        frames = frames.filter(org_unit=org_unit)
    return frames.order_by("org_unit__position", "org_unit__name")


def frame_adjustment_list(user: Any, *, group: MunicipalGroup, year: int, org_unit: OrgUnit | None = None) -> QuerySet[FrameAdjustment]:
    """KS's adjustments of the year's frames the user may see, in the order decided."""
    found = FrameAdjustment.objects.filter(scope_q(user, "frame__org_unit_id"), group=group, frame__year=year).select_related(
        "frame__org_unit", "decision", "adjusts", "frame"
    )
    if org_unit is not None:
        found = found.filter(frame__org_unit=org_unit)
    return found.order_by("decision__decided_on", "pk")


@dataclass(frozen=True)
class AdjustmentRow:
    adjustment: FrameAdjustment
    decided_on: date
    paragraph: str
    registration_number: str
    reason: str
    operating_tsek: Decimal
    investment_tsek: Decimal
    #: it adjusts the frame's current adoption (an earlier adoption's adjustments were taken into a revision)
    counts: bool
    #: the operating frame after it (for those that count)
    operating_after_tsek: Decimal | None


@dataclass(frozen=True)
class FrameHistory:
    """The frame as adopted and as it stands now, and each adjustment with §, date and reason."""

    committee: OrgUnit
    year: int
    figures: FrameFigures
    adjustments: list[AdjustmentRow] = field(default_factory=list)


def frame_history(user: Any, committee: OrgUnit, year: int) -> FrameHistory:
    require_visible(user, committee)
    figures = frame_figures(committee, year)
    rows: list[AdjustmentRow] = []
    running = figures.adopted_tsek
    current = figures.decision.pk if figures.decision is not None else None
    for a in frame_adjustment_list(user, group=committee.group, year=year, org_unit=committee):
        counts = a.adjusts_id == current
        if counts and running is not None:
            running += a.operating_tsek
        rows.append(
            AdjustmentRow(
                adjustment=a,
                decided_on=a.decision.decided_on,
                paragraph=a.decision.paragraph,
                registration_number=a.decision.registration_number,
                reason=a.reason,
                operating_tsek=a.operating_tsek,
                investment_tsek=a.investment_tsek,
                counts=counts,
                operating_after_tsek=running if counts else None,
            )
        )
    return FrameHistory(committee=committee, year=year, figures=figures, adjustments=rows)


def frame_figures_list(user: Any, *, group: MunicipalGroup, year: int) -> list[tuple[OrgUnit, FrameFigures]]:
    """The year's frames of the committees the user may see, in the tree's order (five queries)."""
    frames = list(frame_list(user, group=group, year=year))
    sums = _adjustment_sums(f.pk for f in frames)
    carried = carried_into({f.org_unit_id for f in frames}, [year]) if frames else {}
    planned = planned_investment_frames(group, year) if frames else {}
    return [
        (f.org_unit, _figures(f, *sums.get(f.pk, (0, ZERO, ZERO)), carried=carried.get((f.org_unit_id, year)), planned=planned.get(f.org_unit_id)))
        for f in frames
    ]
