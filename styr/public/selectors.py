"""What the public may read (issue 13 §3): adopted content only (OPEN-001), and follow-up figures
only once the report that answers for them is adopted (OPEN-002).

Every reader here takes the municipal group, never a user: the public pages, the open data files
and the public API read the same rows. Each reads in a fixed number of queries however many
goals, values, committees or years there are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import get_language

from styr.domain.levels import LevelKind
from styr.economy.models import InvestmentAmount, InvestmentProject, OperatingFrame
from styr.economy.selectors.frames import LOCKED, executive_board, goals_and_budget_stage
from styr.followup.models import Assessment, Measurement, Report, ReportState, ValueSource
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.in_force import GoalInForce, IndicatorInForce, _adopted, _live, adopted_entries, with_pending_revision
from styr.planning.models import CitizenComment, CitizenDialogue, CommentState
from styr.planning.selectors import goal_list_public

ZERO = Decimal(0)
#: the report kinds whose adopted content holds the economy (documents.economy_sections)
ECONOMY_REPORT_KINDS = ("monthly_report", "interim_accounts", "interim_report", "annual_report")


# --- OPEN-002: which report answers for a goal's follow-up --------------------------------------


def _adopted_reports() -> QuerySet[Report]:
    return Report.objects.filter(state=ReportState.ADOPTED)


def public_assessments(group: MunicipalGroup, goal_ids: Iterable[int]) -> QuerySet[Assessment]:
    """The assessments of the goals whose report for the period is adopted (OPEN-002)."""
    ks = executive_board(group)
    own = _adopted_reports().filter(org_unit_id=OuterRef("goal__org_unit_id"), period_id=OuterRef("period_id"))
    condition = Q(Exists(own))
    if ks is not None:
        by_ks = _adopted_reports().filter(org_unit_id=ks.pk, period_id=OuterRef("period_id"))
        condition |= Q(goal__org_unit__kind=LevelKind.COUNCIL) & Q(Exists(by_ks))
    return Assessment.objects.filter(group=group, goal_id__in=list(goal_ids)).filter(condition)


def public_measurements(group: MunicipalGroup, indicator_ids: Iterable[int]) -> QuerySet[Measurement]:
    """The values of the indicators in force that are public (OPEN-002): Kolada's (published by
    Kolada), and those of a month an adopted report of the goal's unit covers (KS's for the
    council's goals). Ordered by indicator and month."""
    ks = executive_board(group)
    covering = _adopted_reports().filter(period__start__lte=OuterRef("period"), period__end__gte=OuterRef("period"))
    condition = Q(source=ValueSource.KOLADA) | Q(Exists(covering.filter(org_unit_id=OuterRef("indicator__goal__org_unit_id"))))
    if ks is not None:
        condition |= Q(indicator__goal__org_unit__kind=LevelKind.COUNCIL) & Q(Exists(covering.filter(org_unit_id=ks.pk)))
    return Measurement.objects.filter(group=group, indicator_id__in=list(indicator_ids)).filter(condition).order_by("indicator_id", "period")


# --- goals in force with their status and values ------------------------------------------------


@dataclass(frozen=True)
class StatusInForce:
    code: str
    label: str
    colour: str
    period_end: date


@dataclass(frozen=True)
class ValuePoint:
    period: date
    value: Decimal
    source: str

    @property
    def from_kolada(self) -> bool:
        return self.source == ValueSource.KOLADA


@dataclass(frozen=True)
class PublicIndicator:
    pk: int
    indicator: IndicatorInForce
    values: tuple[ValuePoint, ...]

    @property
    def from_kolada(self) -> bool:
        return any(v.from_kolada for v in self.values)


@dataclass(frozen=True)
class PublicGoal:
    goal: GoalInForce
    status: StatusInForce | None
    indicators: tuple[PublicIndicator, ...]


def goals_in_force_with_ids(group: MunicipalGroup, *, year: int | None) -> tuple[list[GoalInForce], dict[int, list[int]]]:
    """``goals_in_force`` and, for each goal, its indicators' ids in the order it lists them: the
    adopted snapshot's for a goal pending a revision, the goal's own otherwise. The same queries as
    ``goals_in_force`` (the snapshots are read once)."""
    goals = with_pending_revision(goal_list_public(group))
    if year is not None:
        goals = goals.filter(Q(start_year__lte=year, end_year__gte=year) | Q(pending_revision=True))
    listed = list(goals)
    entries = adopted_entries(g for g in listed if g.pending_revision)  # type: ignore[attr-defined]
    found: list[GoalInForce] = []
    ids: dict[int, list[int]] = {}
    for goal in listed:
        if goal.pk in entries:
            in_force = _adopted(goal, entries[goal.pk])
            ids[goal.pk] = [int(i.get("id", 0)) for i in entries[goal.pk]["indicators"]]
        else:
            in_force = _live(goal, pending=goal.pending_revision)  # type: ignore[attr-defined]
            ids[goal.pk] = [i.pk for i in goal.indicators.all()]
        if year is None or in_force.start_year <= year <= in_force.end_year:
            found.append(in_force)
    return found, ids


def status_labels(group: MunicipalGroup) -> dict[str, tuple[str, str]]:
    """The one status scale's labels (in the reader's language) and colours, by code."""
    english = (get_language() or "sv").startswith("en")
    return {s.code: (s.label_en if english else s.label_sv, s.colour) for s in group.governance.status_scale}


def public_goals(group: MunicipalGroup, *, year: int | None) -> list[PublicGoal]:
    """The goals in force for the year (all in force without one), each with its latest public
    assessment and its indicators' public values. A constant number of queries."""
    goals, ids = goals_in_force_with_ids(group, year=year)
    labels = status_labels(group)
    latest: dict[int, StatusInForce] = {}
    for goal_id, code, end in public_assessments(group, ids).order_by("period__end", "pk").values_list("goal_id", "status", "period__end"):
        label, colour = labels.get(code, (code, ""))
        latest[goal_id] = StatusInForce(code=code, label=label, colour=colour, period_end=end)  # the latest period's wins
    values: dict[int, list[ValuePoint]] = {}
    every = [pk for pks in ids.values() for pk in pks]
    for indicator_id, period, value, source in public_measurements(group, every).values_list("indicator_id", "period", "value", "source"):
        values.setdefault(indicator_id, []).append(ValuePoint(period, value, source))
    found = []
    for goal in goals:
        indicators = tuple(PublicIndicator(pk, ind, tuple(values.get(pk, ()))) for pk, ind in zip(ids[goal.pk], goal.indicators, strict=False))
        found.append(PublicGoal(goal=goal, status=latest.get(goal.pk), indicators=indicators))
    return found


# --- the economy: frames, results, the investment plan ------------------------------------------


@dataclass(frozen=True)
class PublicFrame:
    """A committee's frames for a year as the council adopted them, KS's decided adjustments, and
    the frame in force; tkr."""

    org_unit: OrgUnit
    year: int
    adopted_tsek: Decimal
    current_tsek: Decimal
    adopted_investment_tsek: Decimal
    investment_tsek: Decimal | None
    decided_on: date
    paragraph: str
    registration_number: str

    @property
    def adjustments_tsek(self) -> Decimal:
        return self.current_tsek - self.adopted_tsek


def public_frames(group: MunicipalGroup, *, years: Iterable[int] | None = None) -> list[PublicFrame]:
    """The adopted frames (a council decision; never a proposal, OPEN-001), by year and the tree's
    order. While a new revision of Mål och budget is prepared the adopted frame stays in force and
    the revision's proposal (``proposed_*``) is not shown. One query."""
    frames = OperatingFrame.objects.filter(group=group, decision__isnull=False).select_related("org_unit", "decision")
    if years is not None:
        frames = frames.filter(year__in=list(years))
    return [
        PublicFrame(
            org_unit=f.org_unit,
            year=f.year,
            adopted_tsek=f.adopted_tsek or ZERO,
            current_tsek=f.amount_tsek,
            adopted_investment_tsek=f.adopted_investment_tsek or ZERO,
            investment_tsek=f.investment_tsek,
            decided_on=f.decision.decided_on,
            paragraph=f.decision.paragraph,
            registration_number=f.decision.registration_number,
        )
        for f in frames.order_by("year", "org_unit__position", "org_unit__name")
        if f.decision is not None
    ]


@dataclass(frozen=True)
class PublicResult:
    """A unit's economy as its latest adopted report of the year holds it (OPEN-002): the actual
    net cost to the report's month and the full-year forecast, kronor."""

    org_unit: OrgUnit
    year: int
    month: int
    actual_to_date_sek: Decimal
    forecast_sek: Decimal | None
    period_end: date


def _decimal(raw: object) -> Decimal | None:
    if raw in (None, ""):
        return None
    return Decimal(str(raw))


def public_results(group: MunicipalGroup, *, years: Iterable[int]) -> dict[tuple[int, int], PublicResult]:
    """(unit id, year) → the result of the unit's latest adopted report with the economy in the
    year, read from the adopted snapshot (what the body decided, not today's ledgers). One query."""
    wanted = list(years)
    adopted = _adopted_reports().filter(group=group, period__kind__in=ECONOMY_REPORT_KINDS)
    later = adopted.filter(org_unit_id=OuterRef("org_unit_id"), period__end__year=OuterRef("period__end__year"), period__end__gt=OuterRef("period__end"))
    reports = adopted.filter(period__end__year__in=wanted).filter(~Exists(later)).select_related("org_unit", "period")
    found: dict[tuple[int, int], PublicResult] = {}
    for report in reports:
        for part in (report.snapshot or {}).get("sections", {}).get("economy", []):
            if not isinstance(part, Mapping) or not part.get("has_figures", True):
                continue
            actual = sum((_decimal(m.get("actual_sek")) or ZERO for m in part.get("months", []) if isinstance(m, Mapping)), ZERO)
            end = report.period.end
            found[(report.org_unit_id, end.year)] = PublicResult(
                org_unit=report.org_unit,
                year=end.year,
                month=int(part.get("month", end.month)),
                actual_to_date_sek=actual.quantize(Decimal("0.01")),
                forecast_sek=_decimal(part.get("forecast_sek")),
                period_end=end,
            )
    return found


@dataclass(frozen=True)
class PublicInvestment:
    project: InvestmentProject
    amounts: dict[int, Decimal]

    @property
    def total_tsek(self) -> Decimal:
        return sum(self.amounts.values(), ZERO)


@dataclass(frozen=True)
class PublicInvestmentPlan:
    year: int
    years: tuple[int, ...]
    rows: list[PublicInvestment]
    totals: dict[int, Decimal]

    @property
    def total_tsek(self) -> Decimal:
        return sum(self.totals.values(), ZERO)


def public_investment_plan(group: MunicipalGroup, year: int) -> PublicInvestmentPlan | None:
    """The investment plan of Mål och budget ``year`` once the council has adopted it and no new
    revision is being prepared (OPEN-001: the plan's amounts are open while one is); None
    otherwise. Cancelled projects are left out. Three queries."""
    if goals_and_budget_stage(group, year) != LOCKED:
        return None
    years = (year, year + 1, year + 2)
    amounts = (
        InvestmentAmount.objects.filter(group=group, plan_year=year)
        .exclude(project__status=InvestmentProject.Status.CANCELLED)
        .select_related("project__committee")
        .order_by("project__committee__position", "project__name", "project_id", "year")
    )
    rows: dict[int, PublicInvestment] = {}
    totals = dict.fromkeys(years, ZERO)
    for a in amounts:
        row = rows.setdefault(a.project_id, PublicInvestment(project=a.project, amounts=dict.fromkeys(years, ZERO)))
        row.amounts[a.year] = a.amount_tsek
        totals[a.year] += a.amount_tsek
    return PublicInvestmentPlan(year=year, years=years, rows=list(rows.values()), totals=totals)


# --- the dialogue with citizens (issue 15 §2) ----------------------------------------------------


def public_dialogues(group: MunicipalGroup, *, today: date) -> list[CitizenDialogue]:
    """The group's dialogues that have opened, the open ones first, each with its number of shown comments."""
    from django.db.models import Count

    found = (
        CitizenDialogue.objects.filter(group=group, opens_on__lte=today)
        .select_related("org_unit", "goal", "analysis", "gathered_into", "gathered_into_trend")
        .annotate(shown=Count("comments", filter=Q(comments__state=CommentState.APPROVED)))
    )
    return sorted(found, key=lambda d: (d.closes_on < today, -d.opens_on.toordinal(), d.pk))


def public_dialogue_get(group: MunicipalGroup, pk: int, *, today: date) -> CitizenDialogue:
    """One of the group's opened dialogues; another group's, or one not yet open, is not found."""
    from django.http import Http404

    dialogue = (
        CitizenDialogue.objects.filter(group=group, pk=pk, opens_on__lte=today)
        .select_related("org_unit", "goal", "analysis", "gathered_into", "gathered_into_trend")
        .first()
    )
    if dialogue is None:
        raise Http404
    return dialogue


def public_comments(dialogue: CitizenDialogue) -> QuerySet[CitizenComment]:
    """The comments an official approved (DIAL-004), oldest first: never those waiting or rejected."""
    return CitizenComment.objects.filter(dialogue=dialogue, state=CommentState.APPROVED).order_by("created_at", "pk")


def open_dialogues_by_goal(group: MunicipalGroup, *, today: date) -> dict[int, list[CitizenDialogue]]:
    """The dialogues open today on each goal, for the goals page's links."""
    found: dict[int, list[CitizenDialogue]] = {}
    for dialogue in CitizenDialogue.objects.filter(group=group, goal__isnull=False, opens_on__lte=today, closes_on__gte=today).order_by("pk"):
        found.setdefault(dialogue.goal_id, []).append(dialogue)  # type: ignore[arg-type]
    return found
