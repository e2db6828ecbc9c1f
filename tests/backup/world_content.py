"""A group with real content made through the services, for the backup tests: the council's
plan adopted (a snapshot), a committee's report adopted (a snapshot) with values and an assessment."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.test import Client
from django.utils import timezone

from styr.core.backup.graph import group_rows, tables
from styr.followup import services as followup
from styr.followup.models import Report, ReportingPeriod
from styr.organisation.models import GoverningDocument, MunicipalGroup
from styr.planning import services as planning
from styr.planning.models import Plan
from styr.planning.services.citizen_dialogue import citizen_comment_answer, citizen_comment_moderate, citizen_comment_post, citizen_dialogue_open
from tests.conftest import World
from tests.documents.test_plan_documents import docx_text, pdf_text

YEAR = 2027


def build(world: World) -> dict[str, int]:
    council, unit = world.unit("Kommunfullmäktige"), world.unit("Utbildningsnämnden")
    controller = world.users["ks_controller"]
    planning.direction_set(actor=controller, org_unit=council, year=YEAR, text="Alvesta ska växa hållbart.")
    planning.goal_create(actor=controller, org_unit=council, title="Fler invånare", start_year=YEAR, end_year=YEAR)
    plan = planning.plan_propose(actor=controller, plan=planning.plan_create(actor=controller, org_unit=council, year=YEAR))
    planning.plan_adopt(actor=world.users["council_chair"], plan=plan, decided_on=date(YEAR - 1, 11, 20), paragraph="§ 62", registration_number="2026-00071")
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    goal = planning.goal_create(actor=None, org_unit=unit, title="Alla elever når målen", start_year=YEAR, end_year=YEAR)
    indicator = planning.indicator_create(
        actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78), target_year=YEAR, target_value=Decimal(86)
    )
    followup.measurement_record(actor=None, indicator=indicator, period=date(YEAR, 2, 1), value=Decimal(81))
    followup.assessment_record(actor=None, period=feb, goal=goal, status="partly_achieved", analysis="Framsteg i åk 9.")
    official = world.users["administration_official"]
    report = followup.report_submit(actor=official, report=followup.report_create(actor=official, org_unit=unit, period=feb))
    report = followup.report_review(actor=controller, report=report)
    followup.report_adopt(
        actor=world.users["committee_politician"], report=report, decided_on=date(YEAR, 3, 20), paragraph="§ 12", registration_number="UN 2027/30"
    )
    # a project with its organisation and a milestone that has slipped, a process with its documents and a review (PROJ-001…005)
    project = planning.assignment_create(
        actor=controller,
        issuer=unit,
        receiver=world.unit("Utbildningsförvaltningen"),
        year=YEAR,
        title="Ny skolstruktur",
        deadline=date(YEAR, 12, 1),
        execution_form="project",
        project_owner=world.users["committee_politician"],
        project_lead=official,
        project_budget_sek=Decimal(250000),
    )
    planning.project_milestone_create(actor=official, assignment=project, title="Lokalutredning klar", due=date(YEAR, 3, 1))
    planning.project_member_create(
        actor=controller, assignment=project, body="steering", org_unit=world.unit("Utbildningsförvaltningen"), role_title="Förvaltningschef"
    )
    planning.project_member_create(actor=controller, assignment=project, body="group", person=official)
    process = planning.assignment_create(
        actor=controller,
        issuer=unit,
        receiver=world.unit("Utbildningsförvaltningen"),
        year=YEAR,
        title="Systematiskt kvalitetsarbete",
        deadline=date(YEAR, 12, 1),
        execution_form="process",
        process_name="SKA-hjulet",
        process_owner=official,
        process_documents=list(GoverningDocument.objects.filter(group=world.group).order_by("pk")[:2]),
    )
    planning.process_review_create(actor=official, assignment=process, title="Årlig genomgång", due=date(YEAR, 9, 1))
    # a dialogue with citizens on the committee's analysis, a comment shown and answered (issue 15 §2)
    analysis = planning.current_state_set(actor=controller, org_unit=unit, year=YEAR, goal_attainment="Fler elever når målen.")
    today = timezone.localdate()
    dialogue = citizen_dialogue_open(
        actor=official, org_unit=unit, analysis=analysis, title="Vad tycker du om skolan?", opens_on=today - timedelta(days=10), closes_on=today
    )
    said = citizen_comment_post(dialogue=dialogue, text="Bra lärare.", name="Anna", email="anna@example.se")
    citizen_comment_moderate(actor=official, comment=said, approve=True)
    citizen_comment_answer(actor=official, comment=said, answer="Tack!")
    return {"plan": plan.pk, "unit": unit.pk, "period": feb.pk, "goal": goal.pk, "council": council.pk, "dialogue": dialogue.pk}


def urls(slug: str, ids: dict[str, int]) -> list[str]:
    return [
        f"/offentlig/{slug}/",
        f"/offentlig/{slug}/planer/",
        f"/offentlig/{slug}/ekonomi/?ar={YEAR}",
        f"/offentlig/{slug}/verifiera/",
        f"/offentlig/{slug}/dialog/",
        f"/offentlig/{slug}/dialog/{ids['dialogue']}/",
        f"/medborgardialog/{ids['dialogue']}/",
        f"/enheter/{ids['council']}/plan/{YEAR}/",
        "/planer/",
        f"/mal/{ids['goal']}/",
        f"/enheter/{ids['unit']}/rapportering/{ids['period']}/",
        f"/api/v1/plans/{ids['plan']}",
        f"/api/v1/goals/{ids['goal']}",
        f"/enheter/{ids['unit']}/plan/{YEAR}/?flik=uppdrag",
        f"/oversikt/{YEAR}/",
        "/api/v1/project-milestones",
        "/api/v1/project-members",
        "/api/v1/process-reviews",
        f"/api/v1/assignments?org_unit={ids['unit']}",
    ]


DOCUMENTS = (
    "/planer/{plan}/dokument.pdf",
    "/planer/{plan}/dokument.docx",
    "/enheter/{unit}/rapportering/{period}/rapport.pdf",
    "/enheter/{unit}/rapportering/{period}/rapport.docx",
)


def normalised(text: str) -> str:
    """A page without what differs on every request: the CSRF token and the request id."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    text = re.sub(r'nonce="[^"]*"', "", text)
    text = re.sub(r'name="shown" value="[^"]*"', "", text)  # the comment form's signed time (DIAL-003)
    text = re.sub(r'csrf[_-]?token["\']?\s*[:=]\s*["\'][^"\']*["\']', "", text, flags=re.IGNORECASE)
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>", text)


def crawl(client: Client, slug: str, ids: dict[str, int]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for url in urls(slug, ids):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
        found[url] = (response.status_code, normalised(response.content.decode()))
    for pattern in DOCUMENTS:
        url = pattern.format(**ids)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
        text = pdf_text(response.content) if url.endswith(".pdf") else docx_text(response.content)
        found[url] = (response.status_code, re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "<when>", text))
    return found


def purge(group: MunicipalGroup) -> None:
    """Remove every row of the group (the tables' reverse load order), as an empty database would be."""
    for table in reversed(tables()):
        rows = group_rows(table.model, group)
        for m in table.many:
            through: Any = m.remote_field.through
            through._default_manager.filter(**{f"{m.m2m_field_name()}__in": rows}).delete()
        rows._raw_delete(rows.db)  # type: ignore[attr-defined]


def archive_bytes(data: bytes, **changes: Any) -> bytes:
    """The archive with members replaced (name → bytes, or None to leave out) or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in changes:
                continue
            dst.writestr(info.filename, src.read(info.filename))
        for name, value in changes.items():
            if value is not None:
                dst.writestr(name, value)
    return out.getvalue()


def plan_of(world: World) -> Plan:
    return Plan.objects.get(group=world.group, state="adopted")


def report_of(world: World) -> Report:
    return Report.objects.get(group=world.group, state="adopted")
