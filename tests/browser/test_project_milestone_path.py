"""A project assignment whose milestone slips (seed §7, PROJ-004): the education committee gives
its administration a project with a milestone due today; KS's controller sees nothing late on the
overview. Two days later the milestone is still not reached: it shows on KS's overview with the
days late, and its link leads to the issuer's plan page, which shows it too; the administration
then records it reached on its own plan page and it leaves the overview. Last, the committee seats
the project's steering group on its own plan page: a seat given both a person and a role is
refused by the person field (PROJ-005), the role on the administration alone is seated. axe and
320 px on every page."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from styr.planning import services
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_a_slipped_project_milestone_shows_on_ks_overview_and_the_issuers_page(live_server: Any, live_world: World, page: Any) -> None:
    base = live_server.url
    today = timezone.localdate()
    year = today.year
    committee = live_world.unit("Utbildningsnämnden")
    assignment = services.assignment_create(
        actor=live_world.users["committee_politician"],
        issuer=committee,
        receiver=live_world.unit("Utbildningsförvaltningen"),
        year=year,
        title="Ny skolstruktur i centralorten",
        deadline=date(year, 12, 31),
        execution_form="project",
        project_lead=live_world.users["administration_official"],
    )
    services.project_milestone_create(actor=live_world.users["administration_official"], assignment=assignment, title="Lokalutredning klar", due=today)

    log_in(page, base, "ks_controller")
    page.goto(f"{base}/oversikt/{year}/")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("#overview-late-milestones")).to_have_count(0)  # due today: not late yet
    assert_accessible(page)

    # Two days on, the milestone is still not reached: it has slipped.
    later = datetime.combine(today + timedelta(days=2), datetime.now().time()).astimezone()
    with time_machine.travel(later, tick=True):
        log_in(page, base, "ks_controller")  # two days idle: the session has timed out
        page.goto(f"{base}/oversikt/{year}/")
        late = page.locator("#overview-late-milestones")
        expect(late).to_be_visible()
        expect(late.locator("h2")).to_have_text("Försenade delmål i projekt")
        row = late.locator("tbody tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Lokalutredning klar")
        expect(row).to_contain_text("Utbildningsnämnden")
        expect(row.locator("td").last).to_have_text("2")
        assert_accessible(page)

        row.get_by_role("link", name="Ny skolstruktur i centralorten").click()
        page.wait_for_url(f"{base}/enheter/{committee.pk}/plan/{year}/?flik=uppdrag#uppdrag-{assignment.pk}")
        issued = page.locator("#issued-late-milestones")
        expect(issued).to_be_visible()
        expect(issued).to_contain_text("Lokalutredning klar")
        expect(page.locator(f"#uppdrag-{assignment.pk}")).to_contain_text("Försenad")
        assert_accessible(page)

        # The administration, which carries the project out, records the milestone as reached on
        # its own plan page; it leaves KS's overview.
        milestone = assignment.project_milestones.get()
        page.goto(f"{base}/enheter/{assignment.receiver.pk}/plan/{year}/?flik=uppdrag")
        expect(page.locator(f"#timetable-{assignment.pk}")).to_contain_text("Lokalutredning klar")
        assert_accessible(page)
        page.locator(f"#edit-delmal-{milestone.pk}").click()
        key = f"delmal-{milestone.pk}"
        page.locator(f"#{key}-done_on").fill((today + timedelta(days=1)).isoformat())
        with page.expect_response(lambda r: r.request.method == "POST") as response:
            page.locator(f"#{key}-submit").click()
        assert response.value.status == 200, response.value.text()
        expect(page.locator(f"#timetable-{assignment.pk}")).to_contain_text((today + timedelta(days=1)).isoformat())
        assert_accessible(page)
        milestone.refresh_from_db()
        assert milestone.done_on == today + timedelta(days=1)
        page.goto(f"{base}/oversikt/{year}/")
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator("#overview-late-milestones")).to_have_count(0)

        # The committee seats the project's steering group: the head of the administration, a
        # role that follows the post. Given a person as well, the seat is refused by the field.
        log_in(page, base, "committee_politician")
        page.goto(f"{base}/enheter/{committee.pk}/plan/{year}/?flik=uppdrag")
        seats = page.locator(f"#seats-{assignment.pk}")
        expect(seats).to_contain_text("Projektgrupp och styrgrupp för Ny skolstruktur i centralorten")
        page.locator(f"#add-projektplats-{assignment.pk}").click()
        key = f"projektplats-new-{assignment.pk}"
        page.locator(f"#{key}-body").select_option("steering")
        page.locator(f"#{key}-person").select_option(str(live_world.users["administration_official"].pk))
        page.locator(f"#{key}-role_title").fill("Förvaltningschef")
        page.locator(f"#{key}-org_unit").select_option(str(assignment.receiver.pk))
        with page.expect_response(lambda r: r.request.method == "POST") as response:
            page.locator(f"#{key}-submit").click()
        assert response.value.status == 422
        expect(page.locator(f"#{key}-person_error")).to_contain_text("PROJ-005")
        assert_accessible(page)
        assert not assignment.project_members.exists()
        page.locator(f"#{key}-person").select_option("")
        with page.expect_response(lambda r: r.request.method == "POST") as response:
            page.locator(f"#{key}-submit").click()
        assert response.value.status == 200, response.value.text()
        expect(page.locator(f"#seats-{assignment.pk} li")).to_have_text(re.compile(r"Styrgrupp: Förvaltningschef, Utbildningsförvaltningen"))
        assert_accessible(page)
        member = assignment.project_members.get()
        assert (member.body, member.person, member.role_title, member.org_unit) == ("steering", None, "Förvaltningschef", assignment.receiver)
