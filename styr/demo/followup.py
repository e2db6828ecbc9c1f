"""The demo's year in progress (issue 8, point 6): last year's and this year's adopted årshjul,
every period that has ended by ``today`` with values, assessments and reports in every state
(adopted for the early periods, reviewed, submitted and draft for the latest), comments between
levels and last year's annual report. All through the follow-up services, so all audited.

The data is made up but deterministic: one ``random.Random`` with a fixed seed, and every choice
depends only on ``today``. The states follow the calendar: a body adopts its report at its meeting
a few days after its own deadline, a unit's report ends reviewed, and what is still within its
deadline on ``today`` is a draft (or submitted early)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from styr.domain.levels import LevelKind
from styr.domain.report_sections import ECONOMY, GOALS
from styr.economy.selectors.followup import economy_figures_build
from styr.economy.services.forecast import forecast_set
from styr.followup import dialogue, sections
from styr.followup import services as f
from styr.followup.models import PeriodKind, PlanningCalendar, Report, ReportingPeriod, ReportState
from styr.organisation.models import OrgUnit
from styr.planning.models import DevelopmentGoal, GoalIndicator, QualityIndicator

SEED = 2020

#: The interim report falls in April: CAL-003 keeps it out of the interim accounts' month (August).
INTERIM_REPORT_MONTH = 4


@dataclass(frozen=True)
class Reporter:
    """A unit that reports each period: who writes it, who adopts it (none for a unit, whose
    report ends reviewed) and how many days after its own deadline its body meets."""

    unit: str
    writer: str
    adopter: str | None
    meets_after_deadline: int


REPORTERS = (
    Reporter("Hagaskolan", "enhetschef", None, 0),
    Reporter("Utbildningsnämnden", "uf.tjansteperson", "un.politiker", 6),
    Reporter("Omsorgsnämnden", "ks.controller", "on.politiker", 24),
    Reporter("Kommunstyrelsen", "ks.controller", "ks.ordforande", 5),
)

#: Who records a goal's values and assessments, by the goal's unit.
RECORDERS = {"Hagaskolan": "enhetschef", "Utbildningsnämnden": "uf.tjansteperson"}

ANALYSES = (
    "Arbetet går enligt plan. Resultaten följer den förväntade utvecklingen och inga större avvikelser finns.",
    "Utvecklingen är positiv men långsammare än väntat; insatserna fortsätter och följs upp nästa period.",
    "Personalomsättningen har påverkat arbetet under perioden. Rekryteringar pågår och bedöms ge effekt under hösten.",
    "Resultaten är stabila. Samverkan mellan enheterna har stärkts och fler insatser har genomförts tillsammans.",
)
GOAL_ANALYSES = {
    "achieved": "Målet nås för perioden; värdena ligger på eller över målvärdet.",
    "partly_achieved": "Målet nås delvis: utvecklingen går åt rätt håll men målvärdet är ännu inte nått.",
    "not_achieved": "Målet nås inte för perioden; åtgärder tas fram till nästa uppföljning.",
}
ANNUAL_ANALYSIS = (
    "Året präglades av en stark efterfrågan på välfärdstjänster och ett ansträngt rekryteringsläge. "
    "Kvaliteten i grunduppdraget är god inom de flesta områden, och ekonomin är i balans."
)


def _period_label(period: ReportingPeriod) -> str:
    return f"{period.get_kind_display()} {period.end:%Y-%m}"


def _meeting_day(due: date, reporter: Reporter) -> date:
    """The body meets some days after its own deadline, on a weekday (so after it: CAL-004)."""
    on = due + timedelta(days=reporter.meets_after_deadline)
    return on + timedelta(days=(7 - on.weekday()) % 7 if on.weekday() >= 5 else 0)


def _calendar(*, group: Any, year: int, users: dict[str, Any], units: dict[str, OrgUnit]) -> PlanningCalendar:
    """The year's årshjul with the bodies' meetings that adopt the reports, adopted by KS in the December before."""
    controller = users["ks.controller"]
    calendar = f.calendar_create(actor=controller, group=group, year=year, interim_report_month=INTERIM_REPORT_MONTH)
    days = group.governance.reporting.deadline_days
    for period in ReportingPeriod.objects.filter(calendar=calendar).order_by("end"):
        for reporter in REPORTERS:
            if reporter.adopter is None:
                continue
            body = units[reporter.unit]
            on = _meeting_day(period.end + timedelta(days=days[LevelKind(body.kind)]), reporter)
            f.meeting_add(actor=controller, calendar=calendar, body=body, on=on, title="Sammanträde", period=period)
    # What the reports must contain (issue 9 §4): KS's minimum is the preset's, and KS adds the
    # full-year forecast to every monthly report and the interim accounts; Utbildningsnämnden
    # adds the goals' status to the monthly and interim reports of its part of the organisation
    preset = sections.calendar_requirements(calendar)
    sections.report_sections_set(
        actor=controller,
        calendar=calendar,
        sections={kind: [*preset.get((kind, None), ()), ECONOMY] for kind in (PeriodKind.MONTHLY_REPORT, PeriodKind.INTERIM_ACCOUNTS)},
    )
    minimum = sections.calendar_requirements(calendar)
    sections.body_sections_set(
        actor=users["un.politiker"],
        calendar=calendar,
        body=units["Utbildningsnämnden"],
        sections={
            kind: [*minimum.get((kind, None), ()), GOALS] for kind in (PeriodKind.MONTHLY_REPORT, PeriodKind.INTERIM_REPORT, PeriodKind.INTERIM_ACCOUNTS)
        },
    )
    return f.calendar_adopt(
        actor=users["ks.ordforande"],
        calendar=calendar,
        decided_on=date(year - 1, 12, 8),
        paragraph="§ 212",
        registration_number=f"{year - 1}-00412",
    )


def _value(rng: random.Random, indicator: GoalIndicator, share: float) -> Decimal:
    """A value ``share`` of the way from the baseline to the target, with some noise."""
    target = next((t.value for t in indicator.targets.all()), indicator.baseline_value)
    step = (target - indicator.baseline_value) * Decimal(str(round(share + rng.uniform(-0.15, 0.1), 2)))
    return (indicator.baseline_value + step).quantize(Decimal("1"))


#: Each goal's usual standing, in the order the goals are made; the dice move it now and then.
USUAL = ("partly_achieved", "achieved", "partly_achieved", "achieved", "partly_achieved", "not_achieved", "achieved")


def _status(rng: random.Random, goal_index: int) -> str:
    usual = USUAL[goal_index % len(USUAL)]
    return usual if rng.random() < 0.75 else rng.choice(("achieved", "partly_achieved", "not_achieved"))


def load_demo_followup(*, group: Any, units: dict[str, OrgUnit], users: dict[str, Any], today: date) -> None:
    """Last year's and this year's calendars and what has been reported in them by ``today``."""
    rng = random.Random(SEED)  # noqa: S311 - made-up demo data, not secrets
    year = today.year
    controller = users["ks.controller"]
    for calendar_year in (year - 1, year):
        _calendar(group=group, year=calendar_year, users=users, units=units)
    days = group.governance.reporting.deadline_days

    # Quality indicators (yearly, never against a target): three years of values, last year's in the
    # annual report; those bound to a KPI have theirs from Kolada (styr/demo/kolada.py), the rest by hand
    for quality in QualityIndicator.objects.filter(group=group).select_related("factor__org_unit").order_by("pk"):
        level = Decimal(rng.randint(20, 90))
        for back in (3, 2, 1):
            if date(year - back, 12, 31) >= today:
                continue
            level += Decimal(rng.randint(-3, 4))  # drawn for every indicator, so the rest of the demo stays the same
            if quality.source != "kolada":
                december = date(year - back, 12, 1)
                f.quality_value_record(actor=None, indicator=quality, period=december, value=level, comment="Årsvärde ur verksamhetens statistik.")

    # This year's ended periods: each goal indicator's value, each goal's assessment
    ended = list(ReportingPeriod.objects.filter(group=group, org_unit__isnull=True, end__lt=today).order_by("end", "kind"))
    this_year = [p for p in ended if p.end.year == year]
    goals = list(DevelopmentGoal.objects.filter(group=group, start_year__lte=year, end_year__gte=year).select_related("org_unit").order_by("pk"))
    indicators = list(GoalIndicator.objects.filter(goal__in=goals).select_related("goal__org_unit").prefetch_related("targets").order_by("pk"))
    latest = this_year[-1] if this_year else None
    for period in this_year:
        month = period.end.replace(day=1)
        share = period.end.month / 12
        for indicator in indicators:
            unit = indicator.goal.org_unit
            if period == latest and unit.name == "Omsorgsnämnden":
                continue  # not yet reported: what the start page and the reminders show
            closes = period.end + timedelta(days=days.get(LevelKind(unit.kind), max(days.values())))
            actor = users[RECORDERS.get(unit.name, "ks.controller")] if today <= closes else None
            f.measurement_record(actor=actor, indicator=indicator, period=month, value=_value(rng, indicator, share), comment="")
        for goal_index, goal in enumerate(goals):
            if period == latest and goal.org_unit.name == "Omsorgsnämnden":
                continue
            status = _status(rng, goal_index)
            f.assessment_record(
                actor=users[RECORDERS.get(goal.org_unit.name, "ks.controller")], period=period, goal=goal, status=status, analysis=GOAL_ANALYSES[status]
            )

    # Reports over the last twelve months (so always last year's annual report), in the state the
    # calendar gives them on ``today``; the latest period's are still being written or just submitted
    reported = [p for p in ended if p.end > today - timedelta(days=365) or (p.kind == PeriodKind.ANNUAL_REPORT and p.end.year == year - 1)]
    newest = reported[-1] if reported else None
    serial = 0
    for period in reported:
        for reporter in REPORTERS:
            unit = units[reporter.unit]
            due = period.end + timedelta(days=days.get(LevelKind(unit.kind), max(days.values())))
            analysis = ANNUAL_ANALYSIS if period.kind == PeriodKind.ANNUAL_REPORT else rng.choice(ANALYSES)
            writer = users[reporter.writer]
            report = f.report_create(actor=writer, org_unit=unit, period=period, analysis=analysis)
            if period != newest or reporter.unit in ("Hagaskolan", "Utbildningsnämnden"):
                _forecast(report=report, writer=writer)
            if period == newest:
                if reporter.unit in ("Hagaskolan", "Utbildningsnämnden"):
                    f.report_submit(actor=writer, report=report)
                continue  # Omsorgsnämnden and KS are still writing theirs
            f.report_submit(actor=writer, report=report)
            f.report_review(actor=controller, report=report)
            meeting = _meeting_day(due, reporter)
            if reporter.adopter is None or today <= meeting:
                continue  # a unit's report ends reviewed; a body's waits for its meeting
            serial += 1
            f.report_adopt(
                actor=users[reporter.adopter],
                report=report,
                decided_on=meeting,
                paragraph=f"§ {10 + serial}",
                registration_number=f"{meeting.year}-{100 + serial:05d}",
            )

    _comments(group=group, users=users, units=units, latest=newest)


def _forecast(*, report: Report, writer: Any) -> None:
    """The unit's full-year forecast: what the year has cost so far, and the rest of the year's
    budget at the pace the months so far have kept to their budget, to the thousand kronor."""
    end = report.period.end
    figures = economy_figures_build(report.org_unit, end.year, end.month)
    budget_so_far, budget_year = figures.budget_to_date_sek, figures.budget_year_sek
    if not budget_year or not budget_so_far:
        return
    pace = figures.actual_to_date_sek / budget_so_far
    forecast = ((figures.actual_to_date_sek + (budget_year - budget_so_far) * pace) / 1000).quantize(Decimal(1)) * 1000
    gap = budget_year - forecast
    if abs(gap) < budget_year / 200:
        comment = "Prognosen följer budget."
    elif gap < 0:
        comment = "Högre kostnader än budgeterat, främst personal; åtgärder tas fram för att minska underskottet."
    else:
        comment = "Lägre kostnader än budgeterat, bland annat vakanta tjänster under året."
    forecast_set(actor=writer, report=report, amount_sek=forecast, comment=comment)


def _comments(*, group: Any, users: dict[str, Any], units: dict[str, OrgUnit], latest: ReportingPeriod | None) -> None:
    """Dialogue between levels (seed §7): on goals always, and on the latest reports once there are any."""
    school_goal = DevelopmentGoal.objects.filter(org_unit=units["Utbildningsnämnden"]).order_by("pk").first()
    haga_goal = DevelopmentGoal.objects.filter(org_unit=units["Hagaskolan"]).order_by("pk").first()
    if school_goal is not None:
        dialogue.comment_add(
            actor=users["un.politiker"],
            goal=school_goal,
            text="Hur går det med läsfrämjandet i de lägre årskurserna? @uf.tjansteperson kan ni återkomma till nämnden?",
        )
        dialogue.comment_add(actor=users["uf.tjansteperson"], goal=school_goal, text="Vi redovisar en första uppföljning av läsfrämjandet i nästa rapport.")
    if haga_goal is not None:
        dialogue.comment_add(
            actor=users["uf.tjansteperson"],
            goal=haga_goal,
            text="Bra initiativ med rastvärdarna. @enhetschef vill du berätta om erfarenheterna på nästa rektorsträff?",
        )
    reports = Report.objects.filter(group=group, period=latest).select_related("org_unit") if latest is not None else Report.objects.none()
    for report in reports:
        if report.org_unit.name == "Hagaskolan" and report.state == ReportState.SUBMITTED:
            dialogue.comment_add(
                actor=users["ks.controller"],
                report=report,
                text="Tack för en tydlig rapport. @enhetschef kan du komplettera analysen med elevernas egen bild av tryggheten?",
            )
        if report.org_unit.name == "Utbildningsnämnden":
            dialogue.comment_add(
                actor=users["ks.controller"],
                report=report,
                text=f"@uf.tjansteperson {_period_label(report.period)}: kan ni förtydliga analysen av studieron inför nämndens sammanträde?",
            )
