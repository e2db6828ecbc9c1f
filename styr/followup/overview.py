"""KS's overview (uppsiktsplikt, seed §7) and roll-ups of goal status over a subtree (issue 4, points 5 and 6)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, When, Window
from django.db.models.functions import Coalesce, RowNumber

from styr.core.audit import kept_while_unchanged
from styr.core.permissions import scope
from styr.domain.calendar import level_deadline
from styr.domain.levels import OVERSEEN_KINDS
from styr.domain.org_tree import subtree_ids
from styr.economy.selectors.carry_over import CarryOverYear, carry_over_year
from styr.economy.selectors.followup import EconomyRollup, economy_rollup
from styr.economy.selectors.frames import frame_figures_of_group, frames_total
from styr.followup.models import Assessment, Deadline, Measurement, Report, ReportingPeriod
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.selectors import bodies_in_tree_order
from styr.planning.models import Assignment, DevelopmentGoal, GoalIndicator, QualityFactor, QualityIndicator


class GoalRef(NamedTuple):
    pk: int
    title: str


@dataclass
class BodyOverview:
    unit: OrgUnit
    reports: dict[int, str] = field(default_factory=dict)  # period id -> report state ("" when none)
    statuses: Counter[str] = field(default_factory=Counter)
    goals: int = 0
    indicators_without_owner: int = 0
    indicators_without_values: int = 0
    overdue_assignments: list[AssignmentRef] = field(default_factory=list)
    deviations: list[GoalRef] = field(default_factory=list)
    latest_period: ReportingPeriod | None = None  # the latest period that has ended (or the first, before any has)
    latest_due: date | None = None  # the body's own deadline for it
    report_overdue: bool = False  # its deadline has passed and the report is not submitted
    overdue_steps: list[Any] = field(default_factory=list)  # planning steps past their day, not done (the view fills it)

    @property
    def reported(self) -> int:
        return sum(1 for state in self.reports.values() if state in {"submitted", "reviewed", "adopted"})

    @property
    def latest_state(self) -> str:
        return self.reports.get(self.latest_period.pk, "") if self.latest_period is not None else ""

    @property
    def attention(self) -> tuple[int, int, int]:
        """What needs attention first sorts first: a late report, then goals not achieved, then late assignments."""
        return (0 if self.report_overdue else 1, -len(self.deviations), -len(self.overdue_assignments))


def _count_by(queryset: QuerySet[Any], *fields: str) -> list[tuple[Any, ...]]:
    """Rows counted in the database per value of ``fields``, the count last."""
    return list(queryset.order_by().values(*fields).annotate(n=Count("pk")).values_list(*fields, "n"))


def body_key(path: str = "") -> Coalesce:
    """The body a row's unit is counted in first, as a database expression: the unit itself when it
    is a committee, KS, company or joint authority, else the nearest one above it
    (``OrgUnit.overseen_by``). ``path`` leads from the row to its unit ("goal__org_unit")."""
    lead = f"{path}__" if path else ""
    return Coalesce(Case(When(**{f"{lead}kind__in": sorted(OVERSEEN_KINDS)}, then=F(f"{lead}id"))), F(f"{lead}overseen_by"))


def _summed_per_body(per_row: QuerySet[Any], key: str, via: type[Any] | None = None) -> list[tuple[int | None, int, int]]:
    """Counts made in the database per ``key`` (``per_row``: rows of the key and the two counts
    ``no_owner`` and ``no_values``) summed per body (``body_key``) there too: a row per body comes
    back, not one per unit (at 10,000 units, reading and converting those rows cost more than the
    sum). The key is a unit's id, or the id of a row of ``via`` that has the unit (a quality factor:
    the indicators are then counted without a join, and the 10,000 factors joined to their counts)."""
    sql, params = per_row.query.sql_with_params()
    name = connection.ops.quote_name
    units = name(OrgUnit._meta.db_table)
    kinds = ", ".join(["%s"] * len(OVERSEEN_KINDS))
    unit_id = f"per.{name(key)}"
    joins = ""
    if via is not None:
        joins = f"JOIN {name(via._meta.db_table)} v ON v.{name('id')} = per.{name(key)} "
        unit_id = f"v.{name('org_unit_id')}"
    query = (
        f"SELECT COALESCE(CASE WHEN u.{name('kind')} IN ({kinds}) THEN u.{name('id')} END, u.{name('overseen_by_id')}), "  # noqa: S608 (names and placeholders only)
        f"SUM(per.{name('no_owner')}), SUM(per.{name('no_values')}) "
        f"FROM ({sql}) per {joins}JOIN {units} u ON u.{name('id')} = {unit_id} GROUP BY 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*sorted(OVERSEEN_KINDS), *params])
        return [(body, int(a), int(b)) for body, a, b in cursor.fetchall()]


class AssignmentRef(NamedTuple):
    pk: int
    title: str
    deadline: date


@dataclass(frozen=True)
class GroupFigures:
    """What KS's overview counts over the whole group, per body (``body_key``): the same for every
    reader, so it can be kept while the group is unchanged (``audit.kept_while_unchanged``); what
    one reader sees is picked from it afterwards (``ks_overview``)."""

    counts: dict[str, list[tuple[int | None, int]]]
    statuses: list[tuple[tuple[int | None, str], int]]
    deviations: dict[int | None, list[tuple[int, str]]]  # per body: (goal id, title), by id
    overdue: list[tuple[AssignmentRef, int | None]]


def group_figures(group: MunicipalGroup, *, year: int, today: date) -> GroupFigures:
    """Goals, indicators without an owner or values, the goals' latest statuses, the goals at the
    scale's lowest assessed step and the overdue assignments (past the deadline and not assessed at
    the scale's top), each per body: a row per body comes back, however many units the group has."""
    periods = ReportingPeriod.objects.filter(group=group, end__year=year, org_unit__isnull=True)
    assessed_steps = [s for s in group.governance.status_scale if s.rank > 0]
    highest, lowest = assessed_steps[0].code, assessed_steps[-1].code
    in_year = Assessment.objects.filter(period__in=periods)
    goals = DevelopmentGoal.objects.filter(group=group, start_year__lte=year, end_year__gte=year)
    active_indicators = GoalIndicator.objects.filter(group=group, goal__start_year__lte=year, goal__end_year__gte=year)
    qualities = QualityIndicator.objects.filter(group=group)
    values_in_year = Measurement.objects.filter(period__year=year)
    # no value in the year: the latest month with a value says so, except when it is later than the
    # year (a past year looked at afterwards), where the values themselves are searched
    first, last = date(year, 1, 1), date(year, 12, 31)
    maybe_none = Q(last_period__isnull=True) | Q(last_period__lt=first)

    def without_values(field: str) -> Q:
        return maybe_none | Q(Q(last_period__gt=last), ~Exists(values_in_year.filter(**{field: OuterRef("pk")})))

    owned_by_nobody = Q(owner__isnull=True, goal__owner__isnull=True)
    # both counts of a table in one pass over it (at 10,000 units: 150,000 indicators), a row per body
    counts: dict[str, list[tuple[int | None, int]]] = {
        "goals": [(body, n) for body, n in _count_by(goals.annotate(body=body_key("org_unit")), "body")],
        "indicators_without_owner": [],
        "indicators_without_values": [],
    }
    for indicators, key, via, no_owner, of_indicator in (
        (active_indicators, "goal__org_unit_id", None, owned_by_nobody, "indicator"),
        (qualities, "factor_id", QualityFactor, Q(owner__isnull=True), "quality_indicator"),
    ):
        per_unit = (
            indicators.order_by()
            .values(key)
            .annotate(no_owner=Count("pk", filter=no_owner), no_values=Count("pk", filter=without_values(of_indicator)))
            .values_list(key, "no_owner", "no_values")
        )
        for body_id, without_owner, without_value in _summed_per_body(per_unit, key, via):
            counts["indicators_without_owner"].append((body_id, without_owner))
            counts["indicators_without_values"].append((body_id, without_value))
    overdue = (
        Assignment.objects.filter(group=group, year=year, deadline__lt=today)
        .exclude(Exists(in_year.filter(assignment=OuterRef("pk"), status=highest)))
        .annotate(body=body_key("receiver"))
        .order_by("deadline", "pk")
        .values_list("pk", "title", "deadline", "body")
    )
    deviations: dict[int | None, list[tuple[int, str]]] = defaultdict(list)
    for goal_id, title, body_id in latest_with_status(group=group, year=year, status=lowest):
        deviations[body_id].append((goal_id, title))
    return GroupFigures(
        counts=counts,
        statuses=list(latest_status_counts(group=group, year=year).items()),
        deviations=dict(deviations),
        overdue=[(AssignmentRef(pk, title, deadline), body) for pk, title, deadline, body in overdue],
    )


def ks_overview(user: Any, *, group: MunicipalGroup, year: int, today: date) -> tuple[list[ReportingPeriod], list[BodyOverview]]:
    """For every committee, KS and company the user may see: reporting per period, the spread of
    goal statuses in the latest assessed period, indicators without an owner or values, overdue
    assignments and deviations (``group_figures``).

    The database counts per body (``body_key``: a unit's nearest body, kept on the unit) and the
    bodies' own tree adds a nested body's counts to the bodies above it that the user sees: the
    number of queries and the rows read stay the same however many units the group has. The counts
    are the same for every reader and kept while the group is unchanged."""
    visible = scope(user)
    every_body = list(bodies_in_tree_order(group, OVERSEEN_KINDS))
    bodies = [u for u in every_body if u.pk in visible]
    shown = {b.pk for b in bodies}
    above = {b.pk: b.overseen_by_id for b in every_body}

    def seen_from(body_id: int | None) -> list[int]:
        """The body and the bodies above it that the user sees: where its counts are added."""
        found: list[int] = []
        while body_id is not None and body_id not in found:
            if body_id in shown:
                found.append(body_id)
            body_id = above.get(body_id)
        return found

    bodies_of = {b.pk: seen_from(b.pk) for b in every_body}
    periods = list(ReportingPeriod.objects.filter(group=group, end__year=year, org_unit__isnull=True).order_by("end"))
    due_by = {(d.period_id, d.level): d.due for d in Deadline.objects.filter(period__in=periods)}
    ended = [p for p in periods if p.end < today]
    latest_period = ended[-1] if ended else (periods[0] if periods else None)
    reports = {(r.org_unit_id, r.period_id): r.state for r in Report.objects.filter(group=group, period__in=periods, org_unit__in=bodies)}
    figures = kept_while_unchanged(group.pk, f"ks-overview:{year}:{today.isoformat()}", lambda: group_figures(group, year=year, today=today))
    overviews = {b.pk: BodyOverview(unit=b, reports={p.pk: reports.get((b.pk, p.pk), "") for p in periods}) for b in bodies}
    for overview in overviews.values():
        if latest_period is not None:
            overview.latest_period = latest_period
            overview.latest_due = level_deadline(due_by, latest_period.pk, overview.unit.kind)
            overview.report_overdue = overview.latest_due is not None and overview.latest_due < today and overview.latest_state in ("", "draft")

    def covering(body_id: int | None) -> list[BodyOverview]:
        return [overviews[b] for b in bodies_of.get(body_id, ())] if body_id is not None else []

    for name, rows in figures.counts.items():
        # summed per body first (the indicators come a row per unit), then into the bodies seen from it
        sums: Counter[int | None] = Counter()
        for body_id, n in rows:
            sums[body_id] += n
        for body_id, n in sums.items():
            for overview in covering(body_id):
                setattr(overview, name, getattr(overview, name) + n)
    for (body_id, status), n in figures.statuses:
        for overview in covering(body_id):
            overview.statuses[status] += n
    for body_id, goals in figures.deviations.items():
        refs = [GoalRef(*goal) for goal in goals]
        for overview in covering(body_id):
            overview.deviations.extend(refs)
    for overview in overviews.values():
        if len(overview.deviations) > 1:
            overview.deviations.sort()  # by id, a nested body's among its own
    for assignment, body_id in figures.overdue:
        for overview in covering(body_id):
            overview.overdue_assignments.append(assignment)
    return periods, list(overviews.values())


class BarSegment(NamedTuple):
    label: str
    colour: str
    number: int
    x: float
    width: float


def status_bar(statuses: Counter[str], scale: list[tuple[str, str, str]], *, width: float = 100) -> list[BarSegment]:
    """A body's status spread as segments of one bar ``width`` wide, in the scale's order and
    colours (an empty list when nothing is assessed); the numbers go beside it as text."""
    total = sum(statuses.get(code, 0) for code, _label, _colour in scale)
    segments: list[BarSegment] = []
    x = 0.0
    for code, label, colour in scale:
        count = statuses.get(code, 0)
        if count and total:
            share = round(width * count / total, 2)
            segments.append(BarSegment(label, colour, count, round(x, 2), share))
            x += share
    return segments


def unit_rollup(user: Any, *, unit: OrgUnit, period: ReportingPeriod) -> dict[str, int]:
    """A unit's goal status summarised over its subtree for one period (point 5)."""
    parent_of = dict(OrgUnit.objects.filter(group=unit.group).values_list("id", "parent_id"))
    subtree = subtree_ids(parent_of, [unit.pk]) & scope(user)
    counts: dict[str, int] = defaultdict(int)
    for a in Assessment.objects.filter(period=period, goal__org_unit_id__in=subtree).only("status"):
        counts[a.status] += 1
    return dict(counts)


def _latest_assessments(*, group: MunicipalGroup, year: int) -> QuerySet[Assessment]:
    """Each goal's assessment in its latest assessed period of the year, for the goals assessed
    after the year too (a past year looked at afterwards; ``assessed_until`` answers for the others):
    one row a goal, picked in the database by a window over the goal's assessments."""
    return (
        Assessment.objects.filter(group=group, goal__isnull=False, period__end__year=year, goal__assessed_until__gt=date(year, 12, 31))
        .annotate(latest_first=Window(RowNumber(), partition_by=F("goal_id"), order_by=F("period__end").desc()))
        .filter(latest_first=1)
        .order_by()
    )


def _assessed_last_in(group: MunicipalGroup, year: int) -> QuerySet[DevelopmentGoal]:
    """The goals whose latest assessment is of a period that ends in ``year``: their kept
    ``latest_status`` is the year's."""
    return DevelopmentGoal.objects.filter(group=group, assessed_until__gte=date(year, 1, 1), assessed_until__lte=date(year, 12, 31))


def latest_status_counts(*, group: MunicipalGroup, year: int) -> Counter[tuple[int | None, str]]:
    """How many goals stand at each status in their latest assessed period of the year, per body
    (``body_key``). Two queries, a row per body and status."""
    counts: Counter[tuple[int | None, str]] = Counter()
    kept = _assessed_last_in(group, year).order_by().annotate(body=body_key("org_unit")).values("body", "latest_status").annotate(n=Count("pk"))
    for row in kept.values_list("body", "latest_status", "n"):
        counts[(row[0], row[1])] += row[2]
    for body_id, status in _latest_assessments(group=group, year=year).annotate(body=body_key("goal__org_unit")).values_list("body", "status"):
        counts[(body_id, status)] += 1
    return counts


def latest_with_status(*, group: MunicipalGroup, year: int, status: str) -> list[tuple[int, str, int | None]]:
    """The goals at ``status`` in their latest assessed period of the year, as (id, title, body),
    by id."""
    kept = _assessed_last_in(group, year).filter(latest_status=status).annotate(body=body_key("org_unit")).values_list("pk", "title", "body")
    later = (
        _latest_assessments(group=group, year=year)
        .filter(status=status)
        .annotate(body=body_key("goal__org_unit"))
        .values_list("goal_id", "goal__title", "body")
    )
    return sorted([*kept, *later])


def latest_goal_statuses(*, group: MunicipalGroup, year: int, language: str = "sv") -> dict[int, str]:
    """Each goal's status in its latest assessed period of the year, as a label of the model's scale
    (how the goals stand under each council goal in the cascade, point 5). Two queries."""
    labels = {s.code: (s.label_en if language.startswith("en") else s.label_sv) for s in group.governance.status_scale}
    found = dict(_assessed_last_in(group, year).values_list("pk", "latest_status"))
    found.update(_latest_assessments(group=group, year=year).values_list("goal_id", "status"))
    return {goal_id: labels.get(status, status) for goal_id, status in found.items()}


def economy_month(year: int, today: date) -> int:
    """The month KS's overview reads the economy to: the last month that has ended (December for a
    past year, January before any month of the year has ended)."""
    if year < today.year:
        return 12
    if year > today.year:
        return 1
    return max(1, today.month - 1)


def economy_overview(user: Any, bodies: list[BodyOverview], *, year: int, today: date) -> EconomyRollup:
    """Frame, actual to date, forecast and deviation for each committee, KS and company of the
    overview, with the companies together, the municipality and the group (issue 9 §3); and each
    committee's frame as adopted, KS's adjustments and as it stands now, and its investment frame as
    it stands now (issue 10 §3, seed §7: uppsikt over "resursfördelning"). The same number of queries however many units or
    transactions the group has."""
    rollup = economy_rollup(user, [b.unit for b in bodies], year, economy_month(year, today))
    if not bodies:
        return rollup
    frames = frame_figures_of_group(bodies[0].unit.group, year)
    for row in rollup.rows:
        row.frame = frames.get(row.unit.pk) if row.unit is not None else None
    if rollup.municipality is not None:
        rollup.municipality.frame = frames_total(r.frame for r in rollup.rows if r.frame is not None)
    return rollup


def financial_goals_overview(user: Any, group: MunicipalGroup, *, year: int, today: date) -> list[tuple[Any, str, str]]:
    """The council's financial goals with their value to the overview's month, forecast, target and
    status (seed §7: uppsikt over "finansiella mål"; issue 11 §1): rows of (status, reason, forecast
    reason) for ``_financial_goal_status.html``, none when the reader does not see the council. The
    same number of queries however many units or transactions the group has."""
    from styr.economy.selectors.financial_goals import council_of, financial_goal_status, reason_text

    council = council_of(group)
    if council is None or council.pk not in scope(user):
        return []
    return [(row, reason_text(row.reason), reason_text(row.forecast_reason)) for row in financial_goal_status(group, year, economy_month(year, today))]


def carry_over_overview(user: Any, group: MunicipalGroup, year: int) -> CarryOverYear | None:
    """Each committee's carry-over into ``year`` from last year's result, proposed or decided by the
    council (issue 11 §1, §2), for the committees the user sees; None when nothing is computed yet."""
    found = carry_over_year(user, group, year - 1)
    return found if found.computed else None
