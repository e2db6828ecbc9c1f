"""Assignments carried out as a project or along a process (seed §7, PROJ-001…005): the services,
the issuer's plan page, KS's overview and the årshjul."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.followup import services as followup
from styr.organisation.models import GoverningDocument
from styr.organisation.services import org_unit_create
from styr.planning import services
from styr.planning.models import Assignment, ProcessReview, ProjectMember, ProjectMilestone
from styr.planning.selectors_projects import late_project_milestones
from tests.conftest import TODAY, OtherGroup, World

YEAR = 2027
NOW = datetime(YEAR, 4, 1, 12, 0, tzinfo=UTC)


def project(world: World, **fields: object) -> Assignment:
    given: dict[str, object] = {"title": "Ny skolstruktur", "deadline": date(YEAR, 12, 1), "execution_form": "project", **fields}
    return services.assignment_create(
        actor=world.users["committee_politician"],
        issuer=world.unit("Utbildningsnämnden"),
        receiver=world.unit("Utbildningsförvaltningen"),
        year=YEAR,
        **given,
    )


@time_machine.travel(NOW, tick=False)
def test_a_project_has_its_own_organisation_and_timetable_every_write_audited(world: World) -> None:
    politician, official = world.users["committee_politician"], world.users["administration_official"]
    assignment = project(world, project_owner=politician, project_lead=official, project_budget_sek=250000)
    assert AuditEvent.objects.filter(action="assignment.created", object_id=str(assignment.pk)).get().after["project_lead"] == official.pk
    member = services.project_member_create(
        actor=politician, assignment=assignment, body="steering", org_unit=world.unit("Utbildningsförvaltningen"), role_title="Förvaltningschef"
    )
    services.project_member_create(actor=politician, assignment=assignment, body="group", person=official)
    milestone = services.project_milestone_create(actor=official, assignment=assignment, title="Förstudie klar", due=date(YEAR, 3, 15))
    services.project_milestone_update(actor=official, milestone=milestone, done_on=date(YEAR, 3, 20))
    assert ProjectMilestone.objects.get().done_on == date(YEAR, 3, 20) and ProjectMilestone.objects.get().version == 2
    assert set(AuditEvent.objects.filter(action__startswith="project_").values_list("action", flat=True)) == {
        "project_member.created",
        "project_milestone.created",
        "project_milestone.updated",
    }
    # the receiver keeps the timetable, the issuer the organisation
    with pytest.raises(NotAllowed):
        services.project_milestone_create(actor=politician, assignment=assignment, title="x", due=date(YEAR, 5, 1))
    with pytest.raises(NotAllowed):
        services.project_member_delete(actor=official, member=member)
    member_pk = member.pk
    services.project_member_delete(actor=politician, member=member)
    assert AuditEvent.objects.filter(action="project_member.deleted", object_id=str(member_pk)).exists() and ProjectMember.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_proj_001_a_line_assignment_has_no_project_parts_and_a_project_keeps_its_form(world: World) -> None:
    politician, official = world.users["committee_politician"], world.users["administration_official"]
    with pytest.raises(RuleViolation) as caught:
        project(world, execution_form="line", project_lead=official)
    assert caught.value.code == "PROJ-001" and not Assignment.objects.exists()
    assignment = project(world)
    services.project_milestone_create(actor=official, assignment=assignment, title="Förstudie", due=date(YEAR, 5, 1))
    with pytest.raises(RuleViolation) as caught:
        services.assignment_update(actor=politician, assignment=assignment, execution_form="line")
    assert caught.value.code == "PROJ-001"
    assert Assignment.objects.get().execution_form == "project"
    line = project(world, execution_form="line", title="I linjen")
    with pytest.raises(RuleViolation) as caught:
        services.project_milestone_create(actor=official, assignment=line, title="x", due=date(YEAR, 5, 1))
    assert caught.value.code == "PROJ-001" and ProjectMilestone.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_proj_003_a_milestone_after_the_deadline_or_reached_tomorrow_is_refused(world: World) -> None:
    official = world.users["administration_official"]
    assignment = project(world)
    for fields, code in (({"due": date(YEAR, 12, 2)}, "PROJ-003"), ({"due": date(YEAR, 3, 1), "done_on": date(YEAR, 4, 2)}, "PROJ-003")):
        with pytest.raises(RuleViolation) as caught:
            services.project_milestone_create(actor=official, assignment=assignment, title="x", **fields)  # type: ignore[arg-type]
        assert caught.value.code == code
    assert not ProjectMilestone.objects.exists() and not AuditEvent.objects.filter(action="project_milestone.created").exists()


@time_machine.travel(NOW, tick=False)
def test_proj_002_a_process_names_its_owner_documents_and_review_dates(world: World) -> None:
    politician, official = world.users["committee_politician"], world.users["administration_official"]
    document = GoverningDocument.objects.filter(group=world.group).first() or pytest.skip("the preset registers no governing document")
    assignment = project(
        world, execution_form="process", title="Systematiskt kvalitetsarbete", process_name="SKA-hjulet", process_owner=official, process_documents=[document]
    )
    assert list(assignment.process_documents.all()) == [document]
    review = services.process_review_create(actor=official, assignment=assignment, title="Årlig genomgång", due=date(YEAR + 2, 9, 1))
    services.process_review_update(actor=official, review=review, note="Flyttad")
    with pytest.raises(RuleViolation) as caught:
        services.assignment_update(actor=politician, assignment=assignment, execution_form="project")
    assert caught.value.code == "PROJ-002"  # its process and reviews would be left behind
    with pytest.raises(RuleViolation) as caught:
        services.project_member_create(actor=politician, assignment=assignment, body="group", person=official)
    assert caught.value.code == "PROJ-001" and not ProjectMember.objects.exists()
    assert ProcessReview.objects.get().version == 2
    # the issuer's page names a review date as the review of the process, not as the internal
    # control's "Granskning" (the same English word)
    page = world.client("committee_politician").get(f"/enheter/{world.unit('Utbildningsnämnden').pk}/plan/{YEAR}/?flik=uppdrag", HTTP_ACCEPT_LANGUAGE="sv")
    assert f"Översyn av processen {YEAR + 2}-09-01 Årlig genomgång" in page.content.decode()


@time_machine.travel(NOW, tick=False)
def test_removing_an_assignment_audits_each_part_and_one_with_a_milestone_reached_is_ended_instead(world: World) -> None:
    politician, official = world.users["committee_politician"], world.users["administration_official"]
    assignment = project(world)
    milestone_pk = services.project_milestone_create(actor=official, assignment=assignment, title="Förstudie", due=date(YEAR, 5, 1)).pk
    services.project_member_create(actor=politician, assignment=assignment, body="group", person=official)
    reached = project(world, title="Klar förstudie")
    services.project_milestone_create(actor=official, assignment=reached, title="Förstudie", due=date(YEAR, 3, 1), done_on=date(YEAR, 3, 1))
    with pytest.raises(RuleViolation) as caught:
        services.assignment_delete(actor=politician, assignment=reached)
    assert caught.value.code == "DEL-001"
    services.assignment_delete(actor=politician, assignment=assignment)
    assert AuditEvent.objects.filter(action="project_milestone.deleted", object_id=str(milestone_pk)).exists()
    assert AuditEvent.objects.filter(action="project_member.deleted").count() == 1


def _late(world: World) -> Assignment:
    assignment = project(world)
    official = world.users["administration_official"]
    with time_machine.travel(datetime(YEAR, 2, 1, 12, 0, tzinfo=UTC), tick=False):
        services.project_milestone_create(actor=official, assignment=assignment, title="Lokalutredning klar", due=date(YEAR, 3, 15))
        services.project_milestone_create(actor=official, assignment=assignment, title="Beslutsunderlag", due=date(YEAR, 9, 1))
    return assignment


@time_machine.travel(NOW, tick=False)
def test_proj_004_a_slipped_milestone_shows_on_ks_overview_and_the_issuers_page(world: World) -> None:
    _late(world)
    late = late_project_milestones(world.users["ks_controller"], group=world.group, today=date(YEAR, 4, 1), year=YEAR)
    assert [(m.milestone.title, m.days_late, m.issuer.name) for m in late] == [("Lokalutredning klar", 17, "Utbildningsnämnden")]
    assert late_project_milestones(world.users["other_committee_politician"], group=world.group, today=date(YEAR, 4, 1)) == []
    body = world.client("ks_controller").get(f"/oversikt/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'id="overview-late-milestones"' in body and "Lokalutredning klar" in body and "Beslutsunderlag" not in body
    page = world.client("committee_politician").get(f"/enheter/{world.unit('Utbildningsnämnden').pk}/plan/{YEAR}/?flik=uppdrag", HTTP_ACCEPT_LANGUAGE="sv")
    text = page.content.decode()
    assert page.status_code == 200 and 'id="issued-late-milestones"' in text and "Lokalutredning klar" in text and "Försenad" in text
    # reached: it leaves both
    milestone = ProjectMilestone.objects.get(title="Lokalutredning klar")
    services.project_milestone_update(actor=world.users["administration_official"], milestone=milestone, done_on=date(YEAR, 3, 30))
    assert "overview-late-milestones" not in world.client("ks_controller").get(f"/oversikt/{YEAR}/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_late_milestones_on_ks_overview_cost_the_same_queries_however_many_units(world: World) -> None:
    _late(world)
    client = world.client("ks_controller")
    url = f"/oversikt/{YEAR}/"
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(10):
        unit = org_unit_create(
            actor=None, group=world.group, parent=world.unit("Utbildningsförvaltningen"), kind="OPERATION", name=f"Verksamhet {n}", valid_from=TODAY
        )
        assignment = services.assignment_create(
            actor=None,
            issuer=world.unit("Utbildningsförvaltningen"),
            receiver=unit,
            year=YEAR,
            title=f"Projekt {n}",
            deadline=date(YEAR, 12, 1),
            execution_form="project",
        )
        with time_machine.travel(datetime(YEAR, 2, 1, 12, 0, tzinfo=UTC), tick=False):
            services.project_milestone_create(actor=None, assignment=assignment, title=f"Delmål {n}", due=date(YEAR, 3, 1))
    cache.clear()  # both requests compute KS's figures afresh (kept while the group is unchanged)
    with CaptureQueriesContext(connection) as after:
        body = client.get(url).content.decode()
    assert "Delmål 9" in body
    assert len(after.captured_queries) == len(before.captured_queries)


@time_machine.travel(NOW, tick=False)
def test_project_milestones_are_in_the_arshjul_and_its_icalendar_export(world: World) -> None:
    _late(world)
    followup.calendar_create(actor=None, group=world.group, year=YEAR)
    client = world.client("ks_controller")
    page = client.get(f"/arshjul/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Lokalutredning klar" in page and 'class="event-project"' in page
    ics = client.get(f"/arshjul/{YEAR}/arshjul.ics").content.decode()
    assert "Lokalutredning klar" in ics and "CATEGORIES:PROJECT" in ics
    # someone who does not see the assignment does not get its milestones in the calendar
    assert "Lokalutredning klar" not in world.client("other_committee_politician").get(f"/arshjul/{YEAR}/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_proj_004_the_receivers_report_follows_up_each_milestone_as_it_stood_at_the_periods_end(world: World) -> None:
    from django.utils import translation

    from styr.documents.builders import report_content_build
    from styr.followup.models import ReportingPeriod

    assignment = _late(world)
    reached = ProjectMilestone.objects.get(title="Beslutsunderlag")
    services.project_milestone_update(actor=None, milestone=reached, done_on=date(YEAR, 3, 31))  # reached early, on the last day of March
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    march = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 3, 31))
    with translation.override("en"):
        at_feb = report_content_build(unit=world.unit("Utbildningsförvaltningen"), period=feb)["sections"]["assignments"]
        at_march = report_content_build(unit=world.unit("Utbildningsförvaltningen"), period=march)["sections"]["assignments"]
    row = next(a for a in at_feb if a["title"] == assignment.title)
    assert [(m["title"], m["state"]) for m in row["milestones"]] == [("Lokalutredning klar", "Planned"), ("Beslutsunderlag", "Planned")]
    row = next(a for a in at_march if a["title"] == assignment.title)
    assert [(m["title"], m["state"]) for m in row["milestones"]] == [("Lokalutredning klar", "Late"), ("Beslutsunderlag", "Reached")]


def test_proj_001_the_plan_pages_assignment_form_sets_up_a_project_and_refuses_it_on_a_line_assignment(world: World) -> None:
    from tests.planning.test_plan_pages import HTMX, item_url

    client = world.client("committee_politician")
    lead = world.users["administration_official"]
    posted = {
        "receiver": world.unit("Utbildningsförvaltningen").pk,
        "title": "Ny skolstruktur",
        "deadline": f"{TODAY.year}-12-01",
        "execution_form": "line",
        "project_lead": lead.pk,
        "project_budget_sek": "120000",
    }
    response = client.post(item_url(world, "uppdrag"), posted, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 422 and "PROJ-001" in html and 'id="uppdrag-new-project_lead_error"' in html
    assert not Assignment.objects.exists()
    response = client.post(item_url(world, "uppdrag"), {**posted, "execution_form": "project"}, headers=HTMX)
    assert response.status_code == 200, response.content.decode()
    assignment = Assignment.objects.get()
    assert (assignment.project_lead, assignment.project_budget_sek) == (lead, Decimal(120000))
    assert "Projektledare" in response.content.decode()  # shown with the assignment


@time_machine.travel(NOW, tick=False)
def test_the_receiver_keeps_the_projects_timetable_on_its_plan_page_and_a_slip_shows_to_the_issuer(world: World) -> None:
    from tests.planning.test_plan_pages import HTMX

    assignment = project(world)
    official = world.client("administration_official")
    base = f"/enheter/{world.unit('Utbildningsförvaltningen').pk}/plan/{YEAR}/"
    page = official.get(f"{base}?flik=uppdrag").content.decode()
    assert f'id="add-delmal-{assignment.pk}"' in page
    posted = {"parent": assignment.pk, "title": "Lokalutredning klar", "due": f"{YEAR}-12-02"}
    response = official.post(f"{base}delmal/ny/", posted, headers=HTMX)
    assert response.status_code == 422 and "PROJ-003" in response.content.decode() and not ProjectMilestone.objects.exists()
    response = official.post(f"{base}delmal/ny/", {**posted, "due": f"{YEAR}-03-15"}, headers=HTMX)
    assert response.status_code == 200, response.content.decode()
    milestone = ProjectMilestone.objects.get()
    assert AuditEvent.objects.filter(action="project_milestone.created", object_id=str(milestone.pk)).exists()
    # the issuer's page shows it late; the issuer cannot change the receiver's timetable
    issuer_page = world.client("committee_politician").get(f"/enheter/{world.unit('Utbildningsnämnden').pk}/plan/{YEAR}/?flik=uppdrag")
    assert "issued-late-milestones" in issuer_page.content.decode() and f'id="add-delmal-{assignment.pk}"' not in issuer_page.content.decode()
    refused = world.client("committee_politician").post(f"{base}delmal/{milestone.pk}/", {"title": "x", "due": f"{YEAR}-03-15", "version": 1}, headers=HTMX)
    assert refused.status_code in {403, 404} and ProjectMilestone.objects.get().title == "Lokalutredning klar"
    # reached: the receiver posts the day, with the version it read (EDIT-001)
    response = official.post(
        f"{base}delmal/{milestone.pk}/", {"title": milestone.title, "due": f"{YEAR}-03-15", "done_on": f"{YEAR}-03-30", "version": 1}, headers=HTMX
    )
    assert response.status_code == 200, response.content.decode()
    assert ProjectMilestone.objects.get().done_on == date(YEAR, 3, 30)
    assert (
        "issued-late-milestones"
        not in world.client("committee_politician").get(f"/enheter/{world.unit('Utbildningsnämnden').pk}/plan/{YEAR}/?flik=uppdrag").content.decode()
    )


def _csrf_client(world: World, persona: str) -> Client:
    """A client that checks CSRF like a browser's post would have to pass it."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[persona])
    return client


def _form_fields(page: str, key: str) -> dict[str, str]:
    """The hidden fields of the form ``form-<key>`` on the page as served: its CSRF token, its
    parent and, on a change, the version it was read with (EDIT-001)."""
    found = re.search(rf'<form[^>]*id="form-{re.escape(key)}".*?</form>', page, re.S)
    assert found is not None, f"no form {key} on the page"
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', found.group(0)))


@time_machine.travel(NOW, tick=False)
def test_proj_005_the_issuer_seats_its_projects_steering_group_through_the_plan_pages_form(world: World) -> None:
    from tests.planning.test_plan_pages import HTMX

    assignment = project(world)
    official = world.users["administration_official"]
    issuer, receiver = world.unit("Utbildningsnämnden"), world.unit("Utbildningsförvaltningen")
    base = f"/enheter/{issuer.pk}/plan/{YEAR}/"
    client = _csrf_client(world, "committee_politician")
    page = client.get(f"{base}?flik=uppdrag").content.decode()
    assert f'id="add-projektplats-{assignment.pk}"' in page
    hidden = _form_fields(page, f"projektplats-new-{assignment.pk}")
    assert set(hidden) == {"csrfmiddlewaretoken", "parent"}
    # without the token the post is refused before anything is read
    assert client.post(f"{base}projektplats/ny/", {"parent": assignment.pk, "body": "steering", "person": official.pk}).status_code == 403
    role = {"body": "steering", "role_title": "Förvaltningschef", "org_unit": receiver.pk}
    # both a person and a role, then neither: PROJ-005 by the person field, nothing written
    for posted in ({**role, "person": official.pk}, {"body": "steering", "role_title": "", "org_unit": ""}):
        response = client.post(f"{base}projektplats/ny/", {**hidden, **posted}, headers=HTMX)
        html = response.content.decode()
        assert response.status_code == 422 and "PROJ-005" in html and f'id="projektplats-new-{assignment.pk}-person_error"' in html
    assert not ProjectMember.objects.exists() and not AuditEvent.objects.filter(action="project_member.created").exists()
    # the receiver does not seat the issuer's steering group (PERM-001), nothing written
    other = _csrf_client(world, "administration_official")
    token = _form_fields(other.get(f"/enheter/{receiver.pk}/plan/{YEAR}/?flik=uppdrag").content.decode(), f"delmal-new-{assignment.pk}")["csrfmiddlewaretoken"]
    refused = other.post(f"{base}projektplats/ny/", {"csrfmiddlewaretoken": token, "parent": assignment.pk, **role}, headers=HTMX)
    assert refused.status_code == 403 and "PERM-001" in refused.content.decode() and not ProjectMember.objects.exists()
    # a role on a unit in the steering group, a person in the project group: seated and audited
    response = client.post(f"{base}projektplats/ny/", {**hidden, **role}, headers=HTMX)
    assert response.status_code == 200, response.content.decode()
    response = client.post(f"{base}projektplats/ny/", {**hidden, "body": "group", "person": official.pk}, headers=HTMX)
    assert response.status_code == 200, response.content.decode()
    seat, member = ProjectMember.objects.order_by("pk")
    assert (seat.body, seat.person, seat.org_unit, seat.role_title) == ("steering", None, receiver, "Förvaltningschef")
    assert (member.body, member.person, member.org_unit) == ("group", official, None)
    assert AuditEvent.objects.filter(action="project_member.created").count() == 2
    html = response.content.decode()
    assert "Förvaltningschef, Utbildningsförvaltningen" in html and f'id="delete-projektplats-{seat.pk}"' in html
    assert f'id="edit-projektplats-{seat.pk}"' not in html  # a seat is added or removed, not changed
    # removed by the issuer only
    page = client.get(f"{base}?flik=uppdrag").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    assert other.post(f"{base}projektplats/{seat.pk}/ta-bort/", {"csrfmiddlewaretoken": token}, headers=HTMX).status_code in {403, 404}
    assert ProjectMember.objects.count() == 2
    response = client.post(f"{base}projektplats/{seat.pk}/ta-bort/", {"csrfmiddlewaretoken": token}, headers=HTMX)
    assert response.status_code == 200 and list(ProjectMember.objects.all()) == [member]
    assert AuditEvent.objects.filter(action="project_member.deleted", object_id=str(seat.pk)).exists()


@time_machine.travel(NOW, tick=False)
def test_proj_002_the_receiver_keeps_the_processs_review_dates_through_the_plan_pages_form(world: World) -> None:
    from tests.planning.test_plan_pages import HTMX

    official = world.users["administration_official"]
    assignment = project(world, execution_form="process", title="Systematiskt kvalitetsarbete", process_name="SKA-hjulet", process_owner=official)
    base = f"/enheter/{world.unit('Utbildningsförvaltningen').pk}/plan/{YEAR}/"
    client = _csrf_client(world, "administration_official")
    page = client.get(f"{base}?flik=uppdrag").content.decode()
    assert f'id="add-oversyn-{assignment.pk}"' in page and f'id="add-delmal-{assignment.pk}"' not in page
    hidden = _form_fields(page, f"oversyn-new-{assignment.pk}")
    posted = {**hidden, "title": "Årlig genomgång", "due": f"{YEAR + 2}-03-01"}
    # held on a day that has not come: PROJ-003 by the field, nothing written
    response = client.post(f"{base}oversyn/ny/", {**posted, "done_on": f"{YEAR}-04-02"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 422 and "PROJ-003" in html and f'id="oversyn-new-{assignment.pk}-done_on_error"' in html
    assert not ProcessReview.objects.exists() and not AuditEvent.objects.filter(action="process_review.created").exists()
    # a review date after the deadline is fine: a process runs over time (PROJ-002)
    response = client.post(f"{base}oversyn/ny/", posted, headers=HTMX)
    assert response.status_code == 200, response.content.decode()
    review = ProcessReview.objects.get()
    assert AuditEvent.objects.filter(action="process_review.created", object_id=str(review.pk)).exists()
    # the issuer does not keep the receiver's reviews (PERM-001): nothing changed
    issuer = _csrf_client(world, "committee_politician")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', issuer.get(f"{base}?flik=uppdrag").content.decode()).group(1)  # type: ignore[union-attr]
    refused = issuer.post(f"{base}oversyn/ny/", {"csrfmiddlewaretoken": token, "parent": assignment.pk, "title": "x", "due": f"{YEAR}-09-01"}, headers=HTMX)
    assert refused.status_code == 403 and "PERM-001" in refused.content.decode() and ProcessReview.objects.count() == 1
    # moved, with the version the edit form was read with (EDIT-001)
    page = client.get(f"{base}?flik=uppdrag&redigera=oversyn-{review.pk}").content.decode()
    edit = _form_fields(page, f"oversyn-{review.pk}")
    assert edit["version"] == "1"
    moved = {**edit, "title": review.title, "due": f"{YEAR + 2}-05-01"}
    response = client.post(f"{base}oversyn/{review.pk}/", moved, headers=HTMX)
    assert response.status_code == 200, response.content.decode()
    assert (ProcessReview.objects.get().due, ProcessReview.objects.get().version) == (date(YEAR + 2, 5, 1), 2)
    # a second post with the version read before the move is a conflict: nothing written
    response = client.post(f"{base}oversyn/{review.pk}/", {**moved, "due": f"{YEAR + 2}-06-01"}, headers=HTMX)
    assert response.status_code == 409 and ProcessReview.objects.get().due == date(YEAR + 2, 5, 1)
    # marked held (a review may be held before its day)
    response = client.post(f"{base}oversyn/{review.pk}/", {**moved, "version": "2", "done_on": f"{YEAR}-03-31"}, headers=HTMX)
    assert response.status_code == 200, response.content.decode()
    assert ProcessReview.objects.get().done_on == date(YEAR, 3, 31)
    assert AuditEvent.objects.filter(action="process_review.updated", object_id=str(review.pk)).count() == 2
    # and removed
    assert f'id="delete-oversyn-{review.pk}"' in response.content.decode()
    response = client.post(f"{base}oversyn/{review.pk}/ta-bort/", {"csrfmiddlewaretoken": edit["csrfmiddlewaretoken"]}, headers=HTMX)
    assert response.status_code == 200 and not ProcessReview.objects.exists()
    assert AuditEvent.objects.filter(action="process_review.deleted", object_id=str(review.pk)).exists()


@time_machine.travel(NOW, tick=False)
def test_another_groups_people_neither_seat_a_project_nor_keep_a_processs_reviews_through_the_forms(world: World, other_group: OtherGroup) -> None:
    from tests.planning.test_plan_pages import HTMX

    official = world.users["administration_official"]
    assignment = project(world)
    process = project(world, execution_form="process", title="Systematiskt kvalitetsarbete", process_name="SKA-hjulet", process_owner=official)
    review = services.process_review_create(actor=official, assignment=process, title="Årlig genomgång", due=date(YEAR, 9, 1))
    issuer, receiver = world.unit("Utbildningsnämnden"), world.unit("Utbildningsförvaltningen")
    client = other_group.client("other_group_politician")
    seat = {"parent": assignment.pk, "body": "steering", "role_title": "Förvaltningschef", "org_unit": receiver.pk}
    assert client.post(f"/enheter/{issuer.pk}/plan/{YEAR}/projektplats/ny/", seat, headers=HTMX).status_code == 404
    moved = {"title": "x", "due": f"{YEAR}-10-01", "version": 1}
    assert client.post(f"/enheter/{receiver.pk}/plan/{YEAR}/oversyn/{review.pk}/", moved, headers=HTMX).status_code == 404
    assert client.post(f"/enheter/{receiver.pk}/plan/{YEAR}/oversyn/{review.pk}/ta-bort/", headers=HTMX).status_code == 404
    # and on its own unit's page, the first group's assignment is not a parent it can name
    own = other_group.units["Barn- och skolutskottet"]
    assert client.post(f"/enheter/{own.pk}/plan/{YEAR}/projektplats/ny/", seat, headers=HTMX).status_code == 404
    assert not ProjectMember.objects.exists() and ProcessReview.objects.get().title == "Årlig genomgång"
    assert not AuditEvent.objects.filter(action__in=["project_member.created", "process_review.updated", "process_review.deleted"]).exists()
