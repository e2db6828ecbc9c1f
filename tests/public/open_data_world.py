"""A municipal group with something adopted and something still a draft beside it, built through
the services: what the public pages, the open data files and the public API must tell apart
(OPEN-001, OPEN-002)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from styr.economy.services import forecast_set, frame_set
from styr.economy.services.investments import investment_amount_set, investment_project_create
from styr.followup import services as followup
from styr.followup.models import Measurement, ReportingPeriod, ValueSource
from styr.planning import services as planning
from styr.planning.models import DevelopmentGoal, GoalIndicator
from tests.conftest import YEAR, World


@dataclass
class Published:
    council_goal: DevelopmentGoal
    council_indicator: GoalIndicator
    committee_goal: DevelopmentGoal
    draft_goal: DevelopmentGoal


def period(world: World, month: int) -> ReportingPeriod:
    return ReportingPeriod.objects.get(group=world.group, kind="monthly_report", end__year=YEAR, end__month=month, org_unit__isnull=True)


def adopt_report(world: World, unit: str, month: int, *, by: str) -> None:
    report = followup.report_create(actor=None, org_unit=world.unit(unit), period=period(world, month))
    followup.report_submit(actor=None, report=report)
    followup.report_review(actor=None, report=report)
    followup.report_adopt(actor=world.users[by], report=report, decided_on=date(YEAR, month + 1, 20), paragraph="§ 40", registration_number="2026/77")


def publish(world: World, *, goals: int = 1) -> Published:
    """Adopted: the council's Mål och budget with its goals and the frames; KS's and the education
    committee's February reports. Drafts: a goal, next year's frame proposal, the March reports'
    status, value and forecast (their reports are not adopted)."""
    council, committee = world.unit("Kommunfullmäktige"), world.unit("Utbildningsnämnden")
    followup.calendar_create(actor=None, group=world.group, year=YEAR)
    frame_set(actor=None, org_unit=committee, year=YEAR, amount_tsek=Decimal("512300.0"), investment_tsek=Decimal(40000))
    frame_set(actor=None, org_unit=committee, year=YEAR + 1, amount_tsek=Decimal("777777.0"))  # a proposal: never public
    project = investment_project_create(
        actor=None, committee=committee, name="Tillbyggnad Prästängsskolan", category="expansion", start_year=YEAR, end_year=YEAR + 1
    )
    investment_amount_set(actor=None, project=project, plan_year=YEAR, year=YEAR, amount_tsek=Decimal(30000))
    council_goals = []
    for n in range(goals):
        goal = planning.goal_create(
            actor=None, org_unit=council, title=f"Fler invånare {n}", citizen_change="Fler vill bo här", start_year=YEAR, end_year=YEAR + 1
        )
        indicator = planning.indicator_create(
            actor=None,
            goal=goal,
            name=f"Invånare {n}",
            baseline_year=YEAR - 1,
            baseline_value=Decimal(20134),
            target_year=YEAR + 1,
            target_value=Decimal(20500),
        )
        followup.measurement_record(actor=None, indicator=indicator, period=date(YEAR, 2, 1), value=Decimal(20211))
        followup.measurement_record(actor=None, indicator=indicator, period=date(YEAR, 3, 1), value=Decimal(43210))  # March: not adopted
        council_goals.append((goal, indicator))
    plan = planning.plan_create(actor=None, org_unit=council, year=YEAR)
    planning.plan_adopt(
        actor=world.users["council_chair"],
        plan=planning.plan_propose(actor=None, plan=plan),
        decided_on=date(YEAR - 1, 11, 20),
        paragraph="§ 120",
        registration_number="KS 2025/300",
    )
    goal, indicator = council_goals[0]
    # a value Kolada gave: the sync (kolada-sync's part) stores it with source kolada
    kolada = followup.measurement_record(actor=None, indicator=indicator, period=date(YEAR, 4, 1), value=Decimal(20301))
    Measurement.objects.filter(pk=kolada.pk).update(source=ValueSource.KOLADA)
    committee_goal = planning.goal_create(actor=None, org_unit=committee, title="Alla elever når målen", start_year=YEAR, end_year=YEAR)
    planning.goal_adopt(actor=world.users["committee_politician"], goal=committee_goal)
    draft = planning.goal_create(actor=None, org_unit=committee, title="Hemligt utkast", start_year=YEAR, end_year=YEAR)
    for g, _i in council_goals:
        followup.assessment_record(actor=None, period=period(world, 2), goal=g, status="partly_achieved", analysis="På väg.")
        followup.assessment_record(actor=None, period=period(world, 3), goal=g, status="not_achieved", analysis="Utkast.")
    followup.assessment_record(actor=None, period=period(world, 2), goal=committee_goal, status="achieved", analysis="Klart.")
    adopt_report(world, "Kommunstyrelsen", 2, by="ks_politician")
    education = followup.report_create(actor=None, org_unit=committee, period=period(world, 2))
    forecast_set(actor=None, report=education, amount_sek=Decimal("518179000.00"), comment="Något över ramen.")
    followup.report_submit(actor=None, report=education)
    followup.report_review(actor=None, report=education)
    followup.report_adopt(
        actor=world.users["committee_politician"], report=education, decided_on=date(YEAR, 3, 20), paragraph="§ 12", registration_number="UN 2026/30"
    )
    march = followup.report_create(actor=None, org_unit=committee, period=period(world, 3))
    forecast_set(actor=None, report=march, amount_sek=Decimal("666666000.00"))  # a draft report's forecast
    return Published(council_goal=goal, council_indicator=indicator, committee_goal=committee_goal, draft_goal=draft)
