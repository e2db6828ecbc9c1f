"""Real content for one municipal group, made through the services, every text carrying the
group's marker (``ALVMARK``/``EXEMARK``) and every figure a number no other group uses: what one
group's users see is then searched for the other's marker and figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from styr.control.services.plans import control_create, control_plan_create
from styr.control.services.risks import control_risk_create
from styr.economy.services.frames import frame_set
from styr.economy.services.investments import investment_amount_set, investment_project_create
from styr.followup import services as followup
from styr.followup.dialogue import comment_add
from styr.followup.models import ReportingPeriod
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.organisation.services import governing_document_create
from styr.planning import services as planning
from styr.planning.services.citizen_dialogue import citizen_comment_answer, citizen_comment_moderate, citizen_comment_post, citizen_dialogue_open

YEAR = 2026


@dataclass(frozen=True)
class Layout:
    """Which of the group's units play which part."""

    council: str
    board: str
    committee: str
    administration: str
    unit: str
    controller: str
    politician: str
    status: str


@dataclass
class Content:
    group: MunicipalGroup
    marker: str
    #: distinctive figures (as they would be printed) that only this group holds
    figures: tuple[str, ...]
    #: model label -> primary keys of this group's rows, for the id probes
    ids: dict[str, list[int]] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)

    def keep(self, name: str, obj: Any) -> Any:
        self.objects[name] = obj
        self.ids.setdefault(obj._meta.label, []).append(obj.pk)
        return obj


def fill(*, group: MunicipalGroup, units: dict[str, OrgUnit], users: dict[str, Any], layout: Layout, marker: str, base: int) -> Content:
    """Goals with indicators and values, quality, assignments, activities, a calendar with a
    report, two plans (one adopted), frames, investments, internal control and a comment."""
    controller, politician = users[layout.controller], users[layout.politician]
    council, board, committee = units[layout.council], units[layout.board], units[layout.committee]
    administration, unit = units[layout.administration], units[layout.unit]
    m = marker
    value = Decimal(base) + Decimal("0.37")  # e.g. 7301.37 / 9402.37
    content = Content(group=group, marker=m, figures=(f"{base}", f"{base + 11}", f"{base + 22}"))
    keep = content.keep
    for name, obj in (("council", council), ("board", board), ("committee", committee), ("administration", administration), ("unit", unit)):
        keep(name, obj)

    # planning: direction, area, goals with indicators, core mission with quality
    planning.direction_set(actor=controller, org_unit=committee, year=YEAR, text=f"{m} riktning för nämnden")
    area = keep("area", planning.development_area_create(actor=controller, org_unit=committee, year=YEAR, title=f"{m} utvecklingsområde"))
    goal = keep(
        "goal",
        planning.goal_create(
            actor=controller,
            org_unit=committee,
            title=f"{m} utvecklingsmål nämnd",
            citizen_change=f"{m} förändring för invånarna",
            start_year=YEAR,
            end_year=YEAR + 1,
            development_area=area,
        ),
    )
    council_goal = keep(
        "council_goal",
        planning.goal_create(actor=controller, org_unit=council, title=f"{m} fullmäktigemål", start_year=YEAR, end_year=YEAR + 1),
    )
    indicator = keep(
        "indicator",
        planning.indicator_create(
            actor=controller,
            goal=goal,
            name=f"{m} indikator",
            unit_label="st",
            baseline_year=YEAR,
            baseline_value=Decimal(base + 11),
            target_year=YEAR + 1,
            target_value=Decimal(base + 22),
        ),
    )
    keep(
        "measurement",
        followup.measurement_record(
            actor=controller, indicator=indicator, period=date(YEAR, 1, 1), value=value, comment=f"{m} mätkommentar", reason=f"{m} skäl"
        ),
    )
    mission = planning.core_mission_set(actor=controller, org_unit=committee, serves=f"{m} målgrupp", purpose=f"{m} syfte", governed_by=f"{m} styrs av")
    keep("mission_risk", planning.risk_create(actor=controller, core_mission=mission, description=f"{m} verksamhetsrisk", likelihood=2, consequence=2))
    factor = keep(
        "factor",
        planning.quality_factor_create(
            actor=controller, org_unit=committee, title=f"{m} kvalitetsfaktor", description=f"{m} beskrivning", national_requirement="skollagen-4-kap"
        ),
    )
    # a governing document with goals of its own and a passed review date (seed §7 Styrdokument)
    keep(
        "governing_document",
        governing_document_create(
            actor=controller,
            group=group,
            owner_unit=committee,
            title=f"{m} strategi med egna mål",
            doc_type="STRATEGY",
            decided_by=f"{m} nämnd",
            decision_date=date(YEAR - 3, 3, 1),
            valid_from=date(YEAR - 3, 3, 1),
            applies_to=f"{m} kommun",
            follow_up_responsible=f"{m} chef",
            registration_number=f"{m}-DOC-{base}",
            carries_goals=True,
            own_steering=f"{m} egna mål",
            review_by=date(YEAR - 1, 3, 1),
        ),
    )
    quality = keep(
        "quality_indicator",
        planning.quality_indicator_create(
            actor=controller,
            factor=factor,
            name=f"{m} kvalitetsindikator",
            unit_label="%",
            direction="higher",
            source="manual",
            frequency="monthly",
            owner=controller,
        ),
    )
    keep("quality_value", followup.quality_value_record(actor=controller, indicator=quality, period=date(YEAR, 1, 1), value=value + 1, reason=f"{m} skäl"))
    assignment = keep(
        "assignment",
        planning.assignment_create(
            actor=controller,
            issuer=committee,
            receiver=administration,
            year=YEAR,
            title=f"{m} uppdrag",
            description=f"{m} uppdragsbeskrivning",
            deadline=date(YEAR, 11, 30),
        ),
    )
    keep(
        "activity",
        planning.activity_create(
            actor=controller,
            goal=goal,
            title=f"{m} aktivitet",
            description=f"{m} aktivitetsbeskrivning",
            start_date=date(YEAR, 2, 1),
            end_date=date(YEAR, 10, 1),
        ),
    )
    keep(
        "assignment_activity",
        planning.activity_create(
            actor=controller, assignment=assignment, title=f"{m} uppdragsaktivitet", start_date=date(YEAR, 2, 1), end_date=date(YEAR, 10, 1)
        ),
    )
    # a project with its organisation and a milestone, a process with a review (seed §7, PROJ-001…005)
    project_assignment = planning.assignment_create(
        actor=controller,
        issuer=committee,
        receiver=administration,
        year=YEAR,
        title=f"{m} projektuppdrag",
        deadline=date(YEAR, 11, 30),
        execution_form="project",
        project_lead=controller,
        closing_report=f"{m} slutrapport",
    )
    keep("project_milestone", planning.project_milestone_create(actor=controller, assignment=project_assignment, title=f"{m} delmål", due=date(YEAR, 3, 1)))
    keep(
        "project_member",
        planning.project_member_create(
            actor=controller, assignment=project_assignment, body="steering", org_unit=administration, role_title=f"{m} förvaltningschef"
        ),
    )
    process_assignment = planning.assignment_create(
        actor=controller,
        issuer=committee,
        receiver=administration,
        year=YEAR,
        title=f"{m} processuppdrag",
        deadline=date(YEAR, 11, 30),
        execution_form="process",
        process_name=f"{m} process",
    )
    keep("process_review", planning.process_review_create(actor=controller, assignment=process_assignment, title=f"{m} översyn", due=date(YEAR, 9, 1)))
    planning.core_mission_set(actor=controller, org_unit=unit, serves=f"{m} enhetens målgrupp", purpose=f"{m} enhetens syfte", governed_by=f"{m} skollag")

    # economy: frames and an investment
    frame_set(actor=controller, org_unit=committee, year=YEAR, amount_tsek=Decimal(base * 10 + 3), investment_tsek=Decimal(base + 44))
    project = keep(
        "investment",
        investment_project_create(
            actor=controller,
            committee=committee,
            name=f"{m} investeringsprojekt",
            category="expansion",
            start_year=YEAR,
            end_year=YEAR + 1,
            description=f"{m} investeringsbeskrivning",
            code=f"{m[:3]}-{base}",
            total_tsek=Decimal(base + 55),
        ),
    )
    investment_amount_set(actor=controller, project=project, plan_year=YEAR, year=YEAR, amount_tsek=Decimal(base + 55))

    # the committee's plan, adopted; the board's plan in draft
    plan = planning.plan_create(actor=controller, org_unit=committee, year=YEAR)
    planning.plan_propose(actor=controller, plan=plan)
    keep(
        "plan",
        planning.plan_adopt(
            actor=politician, plan=plan, decided_on=date(YEAR - 1, 11, 20), paragraph=f"§ {base % 1000}", registration_number=f"{m}-DNR-{base}"
        ),
    )
    keep("draft_plan", planning.plan_create(actor=controller, org_unit=board, year=YEAR))

    # follow-up: the årshjul, an assessment, a report and a comment on the goal
    calendar = keep("calendar", followup.calendar_create(actor=controller, group=group, year=YEAR, interim_report_month=4))
    period = ReportingPeriod.objects.filter(calendar=calendar, org_unit__isnull=True).order_by("end").first()
    assert period is not None
    keep("period", period)
    keep("assessment", followup.assessment_record(actor=controller, period=period, status=layout.status, analysis=f"{m} bedömningsanalys", goal=goal))
    keep("report", followup.report_create(actor=controller, org_unit=committee, period=period, analysis=f"{m} rapportanalys"))
    keep("comment", comment_add(actor=controller, text=f"{m} kommentar i tråden", goal=goal))

    # dialogue with citizens (issue 15 §2): on the committee's analysis, a comment shown and answered
    analysis = planning.current_state_set(actor=controller, org_unit=committee, year=YEAR + 1, economy=f"{m} nulägesanalys")
    today = timezone.localdate()
    dialogue = keep(
        "citizen_dialogue",
        citizen_dialogue_open(
            actor=controller,
            org_unit=committee,
            analysis=analysis,
            title=f"{m} medborgardialog",
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=30),
        ),
    )
    citizen = keep("citizen_comment", citizen_comment_post(dialogue=dialogue, text=f"{m} invånarkommentar", name=f"{m} invånare"))
    citizen_comment_moderate(actor=controller, comment=citizen, approve=True)
    citizen_comment_answer(actor=controller, comment=citizen, answer=f"{m} nämndens svar")

    # internal control: a risk and a plan with a control
    risk = keep(
        "control_risk",
        control_risk_create(
            actor=controller, org_unit=committee, area=f"{m} riskområde", description=f"{m} kontrollrisk", aims=["compliance"], owner=f"{m} ägare"
        ),
    )
    control_plan = keep("control_plan", control_plan_create(actor=controller, org_unit=committee, year=YEAR))
    keep(
        "control",
        control_create(
            actor=controller,
            plan=control_plan,
            title=f"{m} kontroll",
            method="review",
            method_text=f"{m} metod",
            frequency="once",
            report_months=[10],
            responsible=f"{m} ansvarig",
        ),
    )
    del risk, council_goal
    return content
