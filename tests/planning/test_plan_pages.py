"""The plan page of a unit and year (seed §5.A–5.C, §6.1–6.3), the goal cascade and Agenda 2030:
who sees what, editing in place with htmx, refusals with the rule id, and query counts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.organisation.services import org_unit_create
from styr.planning import services
from styr.planning.models import (
    Activity,
    Assignment,
    DevelopmentGoal,
    Plan,
    QualityFactor,
    QualityIndicator,
    SustainabilityGoal,
    SustainabilityTarget,
    Trend,
)
from tests.conftest import TODAY, YEAR, World

TABS = ("grunduppdrag", "kvalitet", "utveckling", "uppdrag", "aktiviteter", "ekonomi", "beslut")
HTMX = {"HX-Request": "true", "HX-Target": "plan-panel"}


def plan_url(world: World, unit: str = "Utbildningsnämnden", year: int = YEAR) -> str:
    return f"/enheter/{world.unit(unit).pk}/plan/{year}/"


def item_url(world: World, kind: str, pk: int | None = None, unit: str = "Utbildningsnämnden", action: str = "") -> str:
    base = plan_url(world, unit)
    if pk is None:
        return f"{base}{kind}/ny/"
    return f"{base}{kind}/{pk}/{action}"


def body(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined,no-any-return]


@dataclass
class Filled:
    goal: DevelopmentGoal
    factor: QualityFactor
    assignment: Assignment
    council_goal: DevelopmentGoal


def fill_plan(world: World) -> Filled:
    """Utbildningsnämnden's plan with something in every part, written through the services."""
    unit = world.unit("Utbildningsnämnden")
    controller = world.users["ks_controller"]
    council = world.unit("Kommunfullmäktige")
    council_goal = services.goal_create(actor=None, org_unit=council, title="Fler invånare i arbete", start_year=YEAR, end_year=YEAR + 1)
    mission = services.core_mission_set(
        actor=controller, org_unit=unit, serves="Barn och elever", purpose="Utbildning av hög kvalitet", governed_by="Skollagen"
    )
    services.risk_create(actor=controller, core_mission=mission, description="Brist på behöriga lärare", likelihood=3, consequence=4)
    factor = services.quality_factor_create(actor=controller, org_unit=unit, title="Trygghet")
    services.quality_indicator_create(
        actor=controller, factor=factor, name="Andel trygga elever", direction="higher", source="kolada", kolada_kpi="N15613", frequency="yearly"
    )
    services.trend_create(actor=controller, org_unit=unit, year=YEAR, category="social", title="Fler elever med annat modersmål")
    services.direction_set(actor=controller, org_unit=unit, year=YEAR, text="Alla elever ska lyckas.")
    area = services.development_area_create(actor=controller, org_unit=unit, year=YEAR, title="Studiero")
    goal = services.goal_create(
        actor=controller, org_unit=unit, title="Alla elever når målen", start_year=YEAR, end_year=YEAR + 2, development_area=area, contributes_to=[council_goal]
    )
    assignment = services.assignment_create(
        actor=controller, issuer=unit, receiver=world.unit("Utbildningsförvaltningen"), year=YEAR, title="Utred skolskjutsar", deadline=date(YEAR, 9, 30)
    )
    services.activity_create(actor=controller, goal=goal, title="Rastvärdar", start_date=date(YEAR, 1, 10), end_date=date(YEAR, 6, 10))
    return Filled(goal=goal, factor=factor, assignment=assignment, council_goal=council_goal)


def adopt(world: World, unit: str, year: int = YEAR, *, by: str = "committee_politician", decided_on: date | None = None) -> Plan:
    plan = services.plan_create(actor=world.users["ks_controller"], org_unit=world.unit(unit), year=year)
    plan = services.plan_propose(actor=world.users["ks_controller"], plan=plan)
    return services.plan_adopt(
        actor=world.users[by], plan=plan, decided_on=decided_on or date(year - 1, 11, 20), paragraph="§ 87", registration_number="UN 2025/112"
    )


# -- who sees the pages ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["ks_controller", "committee_politician", "auditor", "administration_official"])
def test_every_tab_of_the_plan_page_renders_for_those_who_may_see_the_unit(world: World, persona: str) -> None:
    fill_plan(world)
    client = world.client(persona)
    for tab in TABS:
        response = client.get(f"{plan_url(world)}?flik={tab}")
        assert response.status_code == 200, (persona, tab)
        html = body(response)
        assert f'id="tab-{tab}"' in html
        assert re.search(rf'id="tab-{tab}" href="[^"]*" aria-selected="true"', html)
        assert html.count('aria-selected="true"') == 1
        assert 'role="tabpanel"' in html and 'aria-controls="plan-panel"' in html
        assert "<html" in html


def test_the_tabs_show_the_seeds_parts(world: World) -> None:
    fill_plan(world)
    client = world.client("ks_controller")
    expectations = {
        "grunduppdrag": ["Barn och elever", "Skollagen", "Brist på behöriga lärare", "<strong>12</strong>"],
        "kvalitet": ["Trygghet", "Andel trygga elever", "N15613"],
        "utveckling": ["Fler elever med annat modersmål", "Alla elever ska lyckas.", "Studiero", "Alla elever når målen", "Fler invånare i arbete"],
        "uppdrag": ["Utred skolskjutsar", "Utbildningsförvaltningen", f"{YEAR}-09-30"],
        "aktiviteter": ["Rastvärdar", f"{YEAR}-01-10", f"{YEAR}-06-10"],
    }
    for tab, texts in expectations.items():
        html = body(client.get(f"{plan_url(world)}?flik={tab}"))
        for text in texts:
            assert text in html, (tab, text)


def test_the_outsider_and_other_committees_are_refused(world: World) -> None:
    fill_plan(world)
    plan = services.plan_create(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    for persona in ("outsider", "other_committee_politician"):
        client = world.client(persona)
        assert client.get(plan_url(world)).status_code == 404
        assert client.get(f"/planer/{plan.pk}/jamfor/{plan.pk}/").status_code == 404
        assert client.post(item_url(world, "kvalitetsfaktor"), {"title": "Intrång"}).status_code == 404
        assert client.post(f"/planer/{plan.pk}/foresla/").status_code == 404
    outsider = world.client("outsider")
    for url in (f"/mal/kaskad/{YEAR}/", "/agenda-2030/", "/planer/"):
        assert outsider.get(url).status_code == 403, url
    assert not QualityFactor.objects.filter(title="Intrång").exists()
    assert Plan.objects.get(pk=plan.pk).state == "draft"


def test_anonymous_visitors_are_asked_to_log_in(world: World) -> None:
    for url in (plan_url(world), f"/mal/kaskad/{YEAR}/", "/agenda-2030/", "/planer/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")


def test_forms_are_offered_only_to_those_allowed_to_write(world: World) -> None:
    fill_plan(world)
    auditor = body(world.client("auditor").get(f"{plan_url(world)}?flik=kvalitet"))
    assert "hx-post" not in auditor and 'id="add-kvalitetsfaktor"' not in auditor
    controller = body(world.client("ks_controller").get(f"{plan_url(world)}?flik=kvalitet"))
    assert 'id="add-kvalitetsfaktor"' in controller and "hx-post" in controller
    politician = body(world.client("committee_politician").get(f"{plan_url(world)}?flik=kvalitet"))
    assert 'id="add-kvalitetsfaktor"' not in politician  # officials and controllers define quality (seed §5.B)


def test_a_persona_in_scope_without_the_permission_gets_403_from_the_service(world: World) -> None:
    response = world.client("auditor").post(item_url(world, "kvalitetsfaktor"), {"title": "Granskad"}, headers=HTMX)
    assert response.status_code == 403
    assert not QualityFactor.objects.exists()


def test_the_unit_page_and_the_main_menu_link_to_the_plan_cascade_and_agenda(world: World) -> None:
    unit = world.unit("Utbildningsnämnden")
    html = body(world.client("committee_politician").get(f"/enheter/{unit.pk}/?ar={YEAR}"))
    assert f'href="/enheter/{unit.pk}/plan/{YEAR}/"' in html
    assert f'href="/mal/kaskad/{YEAR}/"' in html and 'href="/agenda-2030/"' in html
    assert 'href="/planer/"' in html and 'href="/mal/kaskad/"' in html


# -- htmx: the panel only, and the page without JavaScript ----------------------------------


def test_htmx_requests_get_only_the_panel_or_the_tabs(world: World) -> None:
    fill_plan(world)
    client = world.client("ks_controller")
    response = client.get(f"{plan_url(world)}?flik=kvalitet", headers=HTMX)
    html = body(response)
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="plan-panel"') and 'role="tabpanel"' in html
    assert "<html" not in html and 'role="tablist"' not in html and "Organisationsträd" not in html
    assert "Andel trygga elever" in html
    assert "HX-Request" in response["Vary"]
    plain_header = body(client.get(f"{plan_url(world)}?flik=kvalitet", HTTP_HX_REQUEST="true"))
    assert plain_header.lstrip().startswith('<div id="plan-panel"') and "<html" not in plain_header
    tabs = body(client.get(f"{plan_url(world)}?flik=uppdrag", headers={"HX-Request": "true", "HX-Target": "plan-tabs"}))
    assert tabs.lstrip().startswith('<div id="plan-tabs"') and 'role="tablist"' in tabs and "<html" not in tabs
    assert "Utred skolskjutsar" in tabs
    restore = body(client.get(f"{plan_url(world)}?flik=uppdrag", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}))
    assert "<html" in restore


def test_adding_a_quality_factor_with_htmx_returns_the_panel_stores_and_audits(world: World) -> None:
    response = world.client("ks_controller").post(item_url(world, "kvalitetsfaktor"), {"title": "Studiero", "description": "Lugn i klassrummet"}, headers=HTMX)
    html = body(response)
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="plan-panel"') and "<html" not in html
    assert 'id="plan-notice"' in html and "Studiero" in html
    factor = QualityFactor.objects.get(title="Studiero")
    assert factor.org_unit == world.unit("Utbildningsnämnden")
    assert AuditEvent.objects.filter(action="quality_factor.created", object_id=str(factor.pk)).exists()


def test_a_plain_post_redirects_back_to_its_tab(world: World) -> None:
    response = world.client("ks_controller").post(item_url(world, "kvalitetsfaktor"), {"title": "Studiero"})
    assert response.status_code == 302 and response["Location"] == f"{plan_url(world)}?flik=kvalitet"
    assert QualityFactor.objects.filter(title="Studiero").exists()


def test_an_item_is_changed_and_removed_in_place(world: World) -> None:
    data = fill_plan(world)
    factor = data.factor
    client = world.client("ks_controller")
    editing = body(client.get(f"{plan_url(world)}?flik=kvalitet&redigera=kvalitetsfaktor-{factor.pk}", headers=HTMX))
    assert f'id="kvalitetsfaktor-{factor.pk}-title"' in editing and 'value="Trygghet"' in editing
    response = client.post(item_url(world, "kvalitetsfaktor", factor.pk), {"title": "Trygghet och studiero"}, headers=HTMX)
    assert response.status_code == 200 and "Trygghet och studiero" in body(response)
    assert QualityFactor.objects.get(pk=factor.pk).title == "Trygghet och studiero"
    activity = Activity.objects.get(title="Rastvärdar")
    response = client.post(item_url(world, "aktivitet", activity.pk, action="ta-bort/"), headers=HTMX)
    assert response.status_code == 200 and "Rastvärdar" not in body(response)
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert AuditEvent.objects.filter(action="activity.deleted").exists()


def test_an_item_of_another_unit_is_not_reached_through_this_units_page(world: World) -> None:
    other = services.quality_factor_create(actor=None, org_unit=world.unit("Omsorgsnämnden"), title="Bemötande")
    response = world.client("ks_controller").post(item_url(world, "kvalitetsfaktor", other.pk), {"title": "Kapat"}, headers=HTMX)
    assert response.status_code == 404
    assert QualityFactor.objects.get(pk=other.pk).title == "Bemötande"


# -- refusals: the rule id next to the field, 422, nothing written --------------------------


def test_a_refused_quality_indicator_form_never_has_a_target_field(world: World) -> None:
    factor = services.quality_factor_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Trygghet")
    client = world.client("ks_controller")
    posted = {"parent": factor.pk, "name": "Andel trygga", "direction": "higher", "source": "manual", "frequency": "yearly", "target_value": "90"}
    response = client.post(item_url(world, "kvalitetsindikator"), posted, headers=HTMX)
    html = body(response)
    assert response.status_code == 422
    assert "QI-001" in html
    assert not re.search(r'name="(target|target_value|target_year|targets|goal_value|malvarde)"', html)
    assert not QualityIndicator.objects.exists()
    without_kpi = {**posted, "source": "kolada"}
    del without_kpi["target_value"]
    response = client.post(item_url(world, "kvalitetsindikator"), without_kpi)
    html = body(response)
    assert response.status_code == 422 and "<html" in html  # without htmx: the whole page, with the form
    assert f'id="kvalitetsindikator-new-{factor.pk}-kolada_kpi_error"' in html
    assert 'name="target' not in html
    assert not QualityIndicator.objects.exists()


def test_an_assignment_to_a_grandchild_shows_assign_001_and_writes_nothing(world: World) -> None:
    client = world.client("ks_controller")
    posted = {
        "receiver": world.unit("Grundskola").pk,
        "title": "Utred lokaler",
        "deadline": f"{YEAR}-10-01",
        "execution_form": "line",
    }
    response = client.post(item_url(world, "uppdrag"), posted, headers=HTMX)
    html = body(response)
    assert response.status_code == 422
    error = re.search(r'<ul class="errorlist" id="uppdrag-new-receiver_error">(.*?)</ul>', html, re.S)
    assert error and "ASSIGN-001" in error.group(1)
    assert not Assignment.objects.exists()
    assert not AuditEvent.objects.filter(action="assignment.created").exists()
    response = client.post(item_url(world, "uppdrag"), {**posted, "receiver": world.unit("Utbildningsförvaltningen").pk}, headers=HTMX)
    assert response.status_code == 200
    assert Assignment.objects.get().receiver == world.unit("Utbildningsförvaltningen")


def test_the_assignment_form_lists_only_the_units_directly_below(world: World) -> None:
    html = body(world.client("ks_controller").get(f"{plan_url(world, 'Kommunstyrelsen')}?flik=uppdrag"))
    select = re.search(r'<select name="receiver".*?</select>', html, re.S)
    assert select
    assert "Kommunledningsförvaltningen" in select.group(0) and "Omsorgsnämnden" in select.group(0)  # KS leads the committees
    assert "Omsorgsförvaltningen" not in select.group(0) and "Hagaskolan" not in select.group(0)


def test_a_fourth_goal_is_refused_next_to_its_field_with_goal_001(world: World) -> None:
    unit = world.unit("Utbildningsnämnden")
    for n in range(3):
        services.goal_create(actor=None, org_unit=unit, title=f"Mål {n}", start_year=YEAR, end_year=YEAR)
    posted = {"title": "Ett mål för mycket", "start_year": YEAR, "end_year": YEAR, "measurable": "on"}
    response = world.client("ks_controller").post(item_url(world, "utvecklingsmal"), posted, headers=HTMX)
    error = re.search(r'id="utvecklingsmal-new-start_year_error">(.*?)</ul>', body(response), re.S)
    assert response.status_code == 422 and error and "GOAL-001" in error.group(1)
    assert DevelopmentGoal.objects.filter(org_unit=unit).count() == 3


# -- the plan's decision path -----------------------------------------------------------------


def test_a_controller_creates_and_proposes_and_the_committee_adopts_with_date_paragraph_and_number(world: World) -> None:
    fill_plan(world)
    controller = world.client("ks_controller")
    unit = world.unit("Utbildningsnämnden")
    response = controller.post(f"{plan_url(world)}skapa/", headers=HTMX)
    assert response.status_code == 200 and 'id="plan-propose"' in body(response)
    plan = Plan.objects.get(org_unit=unit, year=YEAR)
    response = controller.post(f"/planer/{plan.pk}/foresla/", headers=HTMX)
    assert response.status_code == 200 and 'id="plan-withdraw"' in body(response)
    assert 'id="adopt-' not in body(response)  # a controller prepares; the committee decides
    decision = {"decided_on": f"{YEAR - 1}-11-20", "paragraph": "§ 87", "registration_number": "UN 1"}
    assert controller.post(f"/planer/{plan.pk}/besluta/", decision).status_code == 403

    politician = world.client("committee_politician")
    panel = body(politician.get(f"{plan_url(world)}?flik=beslut", headers=HTMX))
    assert f'id="adopt-{plan.pk}-decided_on"' in panel
    refused = politician.post(f"/planer/{plan.pk}/besluta/", {"decided_on": "", "paragraph": "§ 87", "registration_number": ""}, headers=HTMX)
    assert refused.status_code == 422 and f'id="adopt-{plan.pk}-decided_on_error"' in body(refused)
    assert Plan.objects.get(pk=plan.pk).state == "proposed"
    response = politician.post(
        f"/planer/{plan.pk}/besluta/", {"decided_on": f"{YEAR - 1}-11-20", "paragraph": "§ 87", "registration_number": "UN 2025/112"}, headers=HTMX
    )
    html = body(response)
    plan.refresh_from_db()
    assert response.status_code == 200
    assert plan.state == "adopted" and plan.decision is not None
    assert (plan.decision.decided_on, plan.decision.paragraph, plan.decision.registration_number) == (date(YEAR - 1, 11, 20), "§ 87", "UN 2025/112")
    assert plan.snapshot_sha256 in html and "§ 87" in html and "UN 2025/112" in html
    assert f"/planer/{plan.pk}/dokument.pdf" in html and f"/planer/{plan.pk}/dokument.docx" in html
    assert AuditEvent.objects.filter(action="plan.adopted", object_id=str(plan.pk)).exists()
    again = politician.post(f"/planer/{plan.pk}/besluta/", {"decided_on": f"{YEAR}-01-01", "paragraph": "§ 1", "registration_number": "x"}, headers=HTMX)
    assert again.status_code == 409 and "PLAN-001" in body(again)


def test_adopted_content_is_locked_a_revision_reopens_it_and_the_compare_view_shows_the_change(world: World) -> None:
    fill_plan(world)
    unit = world.unit("Utbildningsnämnden")
    plan = adopt(world, "Utbildningsnämnden")
    controller = world.client("ks_controller")
    locked = body(controller.get(f"{plan_url(world)}?flik=utveckling"))
    assert 'id="add-utvecklingsomrade"' not in locked and 'id="add-trend"' not in locked
    response = controller.post(item_url(world, "utvecklingsomrade"), {"title": "Sent område"}, headers=HTMX)
    assert response.status_code == 409 and "PLAN-002" in body(response)

    response = controller.post(f"/planer/{plan.pk}/revidera/", headers=HTMX)
    assert response.status_code == 200
    revision = Plan.objects.get(org_unit=unit, year=YEAR, revision=2)
    assert 'id="add-utvecklingsomrade"' in body(controller.get(f"{plan_url(world)}?flik=utveckling"))
    controller.post(item_url(world, "utvecklingsomrade"), {"title": "Digitalisering"}, headers=HTMX)
    beslut = body(controller.get(f"{plan_url(world)}?flik=beslut"))
    assert f'href="/planer/{plan.pk}/jamfor/{revision.pk}/"' in beslut
    compare = controller.get(f"/planer/{plan.pk}/jamfor/{revision.pk}/")
    html = body(compare)
    assert compare.status_code == 200
    right = re.search(r'<tr>\s*<th scope="row">[^<]*</th>\s*<td>.*?</td>\s*<td>(.*?Digitalisering.*?)</td>', html, re.S)
    assert right, "the new development area is in the right-hand column"
    assert plan.snapshot_sha256 in html


def test_next_years_plan_is_started_from_an_adopted_one(world: World) -> None:
    fill_plan(world)
    unit = world.unit("Utbildningsnämnden")
    plan = adopt(world, "Utbildningsnämnden")
    response = world.client("ks_controller").post(f"/planer/{plan.pk}/nasta-ar/")
    assert response.status_code == 302 and response["Location"] == f"{plan_url(world)}?flik=beslut"
    assert Plan.objects.get(org_unit=unit, year=YEAR + 1).state == "draft"
    assert 'id="plan-next-year"' not in body(world.client("ks_controller").get(f"{plan_url(world)}?flik=beslut"))


def test_the_council_is_warned_when_the_new_council_must_adopt_goals_and_budget(world: World) -> None:
    election = YEAR  # 2026 is an election year in the Alvesta preset
    council = "Kommunfullmäktige"
    warned = body(world.client("council_chair").get(f"{plan_url(world, council, election + 1)}?flik=beslut"))
    assert 'id="election-warning"' in warned
    assert 'id="election-warning"' not in body(world.client("council_chair").get(f"{plan_url(world, council, election)}?flik=beslut"))
    assert 'id="election-warning"' not in body(world.client("committee_politician").get(f"{plan_url(world, 'Utbildningsnämnden', election + 1)}?flik=beslut"))
    with pytest.raises(RuleViolation) as err:  # and the outgoing council cannot adopt it (PLAN-006)
        adopt(world, council, election + 1, by="council_chair", decided_on=date(election, 6, 15))
    assert err.value.code == "PLAN-006"


def test_an_administration_adopts_no_plan_of_its_own(world: World) -> None:
    html = body(world.client("ks_controller").get(f"{plan_url(world, 'Utbildningsförvaltningen')}?flik=beslut"))
    assert 'id="no-plan-of-its-own"' in html and 'id="plan-create"' not in html


# -- across the group ---------------------------------------------------------------------------


def test_the_cascade_nests_contributing_goals_level_by_level(world: World) -> None:
    data = fill_plan(world)
    hagaskolan = services.goal_create(
        actor=None, org_unit=world.unit("Hagaskolan"), title="Lugna lektioner", start_year=YEAR, end_year=YEAR, contributes_to=[data.goal]
    )
    services.goal_create(actor=None, org_unit=world.unit("Omsorgsnämnden"), title="Trygg omsorg", start_year=YEAR, end_year=YEAR)
    response = world.client("ks_controller").get(f"/mal/kaskad/{YEAR}/")
    html = body(response)
    assert response.status_code == 200
    cascade = html[html.index('id="cascade"') : html.index('id="loose-heading"')]
    council, committee, school = (cascade.index(t) for t in ("Fler invånare i arbete", "Alla elever når målen", "Lugna lektioner"))
    assert council < committee < school
    assert cascade[council:school].count('<ul class="cascade"') == 2  # two levels of nesting
    assert f'href="/mal/{hagaskolan.pk}/"' in cascade
    loose = html[html.index('id="loose-heading"') :]
    assert "Trygg omsorg" in loose and "Lugna lektioner" not in loose
    assert world.client("ks_controller").get("/mal/kaskad/").status_code == 302


def test_agenda_2030_marks_what_the_groups_plans_touch_in_words(world: World) -> None:
    goal = services.goal_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Alla elever når målen", start_year=YEAR, end_year=YEAR)
    goal.sustainability_targets.set([SustainabilityTarget.objects.get(code="4.1")])  # no service links Agenda 2030 yet
    response = world.client("committee_politician").get("/agenda-2030/")
    html = body(response)
    assert response.status_code == 200
    assert SustainabilityGoal.objects.count() == 17 and html.count('class="agenda-goal') == 17
    assert html.count('id="target-') == SustainabilityTarget.objects.count() == 169
    sdg4 = html[html.index('id="sdg-4"') : html.index('id="sdg-5"')]
    assert "is-touched" in sdg4 and "touched" in sdg4
    row41 = re.search(r'id="target-4\.1">(.*?)</tr>', html, re.S)
    row42 = re.search(r'id="target-4\.2">(.*?)</tr>', html, re.S)
    assert row41 and row42
    cells41, cells42 = (re.findall(r"<td>(.*?)</td>", row.group(1), re.S) for row in (row41, row42))
    said41, said42 = (re.sub(r"<[^>]+>|[●○]", "", cells[-1]).strip() for cells in (cells41, cells42))
    assert said41 and said42 and said41 != said42  # said in words, not by colour alone
    sdg5 = html[html.index('id="sdg-5"') : html.index('id="sdg-6"')]
    assert "is-untouched" in sdg5 and re.sub(r"<[^>]+>", "", sdg5).count("○") == 1 + 9  # the goal and its 9 targets


def test_the_plans_overview_lists_the_units_with_their_plan_state(world: World) -> None:
    services.plan_create(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    html = body(world.client("ks_controller").get(f"/planer/?ar={YEAR}"))
    assert f'href="{plan_url(world)}"' in html and "badge-state-draft" in html


def test_the_public_page_lists_adopted_plans_with_their_documents(world: World) -> None:
    adopted = adopt(world, "Utbildningsnämnden")
    draft = services.plan_create(actor=world.users["ks_controller"], org_unit=world.unit("Omsorgsnämnden"), year=YEAR)
    for url in (f"/offentlig/alvesta/?ar={YEAR}", "/offentlig/alvesta/planer/"):
        html = body(Client().get(url))
        assert f"/offentlig/planer/{adopted.pk}/dokument.pdf" in html and f"/offentlig/planer/{adopted.pk}/dokument.docx" in html
        assert f"/offentlig/planer/{draft.pk}/" not in html
        assert "§ 87" in html
    assert Client().get(f"/offentlig/planer/{adopted.pk}/dokument.pdf").status_code == 200


# -- query counts hold as the organisation grows -------------------------------------------------


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


def test_the_plan_pages_query_count_does_not_grow_with_the_organisation(world: World) -> None:
    data = fill_plan(world)
    services.plan_create(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    client = world.client("ks_controller")
    urls = [f"{plan_url(world)}?flik={tab}" for tab in TABS]
    urls += [f"{plan_url(world, 'Kommunfullmäktige')}?flik=utveckling", f"/mal/kaskad/{YEAR}/", "/agenda-2030/", f"/planer/?ar={YEAR}"]
    before = [_count(client, url) for url in urls]
    parent = world.unit("Grundskola")
    unit = world.unit("Utbildningsnämnden")
    for n in range(30):
        school = org_unit_create(actor=None, group=world.group, parent=parent, kind="UNIT", name=f"Skola {n}", valid_from=TODAY)
        services.goal_create(actor=None, org_unit=school, title=f"Skolans mål {n}", start_year=YEAR, end_year=YEAR, contributes_to=[data.goal])
        services.trend_create(actor=None, org_unit=school, year=YEAR, category="social", title=f"Skolans trend {n}")
        services.quality_factor_create(actor=None, org_unit=unit, title=f"Faktor {n}")
    services.activity_create(actor=None, goal=data.goal, title="En till", start_date=date(YEAR, 2, 1), end_date=date(YEAR, 3, 1))
    after = [_count(client, url) for url in urls]
    assert after == before
    assert Trend.objects.count() == 31
