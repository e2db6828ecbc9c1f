"""The Alvesta demo's assignments carried out as a project or along a process (seed §7, issue 15 §1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from styr.organisation.models import OrgUnit


def load_demo_projects(*, units: dict[str, OrgUnit], users: dict[str, Any], year: int, ks_assignment: Any) -> None:
    """Assignments carried out as a project or along a process (seed §7, PROJ-001…005): KS's project
    to the education committee gets its organisation and timetable, one milestone of which has
    slipped; each committee gives its administration a project, and the care committee a process."""
    from django.utils import timezone

    from styr.organisation.models import GoverningDocument
    from styr.planning import services as p

    controller, official = users["ks.controller"], users["uf.tjansteperson"]
    today = timezone.localdate()
    p.assignment_update(actor=controller, assignment=ks_assignment, project_owner=controller, project_lead=official, project_budget_sek=Decimal("350000"))
    p.project_member_create(
        actor=controller, assignment=ks_assignment, body="steering", org_unit=units["Utbildningsförvaltningen"], role_title="Förvaltningschef"
    )
    p.project_member_create(actor=controller, assignment=ks_assignment, body="group", person=official)
    # a milestone that has slipped: its day is past (in this year, by the deadline) and it is not reached
    slipped = max(date(year, 1, 1), min(date.fromordinal(today.toordinal() - 14), ks_assignment.deadline))
    if slipped < today:
        p.project_milestone_create(actor=official, assignment=ks_assignment, title="Lokalinventering klar", due=slipped)
    p.project_milestone_create(actor=official, assignment=ks_assignment, title="Förslag till lokalförsörjningsplan", due=ks_assignment.deadline)

    for committee, administration, title in (
        ("Utbildningsnämnden", "Utbildningsförvaltningen", "Inför digitala elevportföljer i grundskolan"),
        ("Omsorgsnämnden", "Omsorgsförvaltningen", "Samordna hemtjänstens planering i ett system"),
    ):
        project = p.assignment_create(
            actor=controller,
            issuer=units[committee],
            receiver=units[administration],
            year=year,
            title=title,
            deadline=date(year, 12, 15),
            execution_form="project",
            project_owner=controller,
            reporting_requirement="Lägesrapport vid varje delårsbokslut.",
        )
        p.project_member_create(actor=controller, assignment=project, body="group", org_unit=units[administration], role_title="Verksamhetsutvecklare")
        p.project_milestone_create(actor=controller, assignment=project, title="Upphandling avslutad", due=date(year, 9, 30))
    process = p.assignment_create(
        actor=controller,
        issuer=units["Omsorgsnämnden"],
        receiver=units["Omsorgsförvaltningen"],
        year=year,
        title="Följ upp avvikelser enligt lex Sarah-processen",
        deadline=date(year, 12, 31),
        execution_form="process",
        process_name="Lex Sarah – rapportering och utredning av missförhållanden",
        process_owner=controller,
        process_documents=list(GoverningDocument.objects.filter(group=units["Omsorgsnämnden"].group).order_by("pk")[:1]),
    )
    p.process_review_create(actor=controller, assignment=process, title="Årlig genomgång av processen", due=date(year, 10, 15))
