"""The Nu HTML Checker finds no error on the main pages (issue 8, point 5): rendered by
Django's test client for the people who use them, checked in one batch (one JVM start)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from styr.demo.population import load_population
from styr.economy.services import frame_adjust, frame_set
from styr.followup import services as followup
from styr.followup.models import ReportingPeriod
from styr.organisation.services import governing_document_create
from styr.planning import services as planning
from styr.planning.services.citizen_dialogue import (
    citizen_comment_answer,
    citizen_comment_moderate,
    citizen_comment_post,
    citizen_dialogue_gather,
    citizen_dialogue_open,
)
from tests.conftest import YEAR, World
from tests.html_check import vnu_errors
from tests.planning.test_plan_pages import TABS, adopt, fill_plan, plan_url


def test_the_main_pages_are_valid_html(world: World) -> None:
    filled = fill_plan(world)
    frame_set(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal("512300"), investment_tsek=Decimal(40000))
    adopted = adopt(world, "Kommunfullmäktige", by="council_chair")
    frame_adjust(
        actor=None,
        org_unit=world.unit("Utbildningsnämnden"),
        year=YEAR,
        reason="Fler elever än i prognosen.",
        decided_on=date(YEAR, 2, 24),
        paragraph="§ 31",
        registration_number="KS 2026/44",
        operating_tsek=Decimal(2400),
    )
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    period = ReportingPeriod.objects.filter(calendar=calendar, kind="monthly_report").order_by("end").first()
    assert period is not None
    haga, committee = world.unit("Hagaskolan"), world.unit("Utbildningsnämnden")
    goal = planning.goal_create(actor=None, org_unit=haga, title="Fler behöriga", start_year=YEAR, end_year=YEAR)
    planning.indicator_create(
        actor=None, goal=goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78), target_year=YEAR, target_value=Decimal(86)
    )
    factor = planning.quality_factor_create(actor=None, org_unit=haga, title="Trygghet")
    quality = planning.quality_indicator_create(actor=None, factor=factor, name="Trygga elever", direction="higher")
    followup.quality_value_record(actor=None, indicator=quality, period=date(YEAR, 1, 1), value=Decimal(90))
    population = load_population(group=world.group, controller=None, year=YEAR)
    # a dialogue with citizens on the committee's analysis: a comment waiting, one shown and answered
    analysis = planning.current_state_set(actor=None, org_unit=committee, year=YEAR + 1, economy="Stabil ekonomi.")
    today = timezone.localdate()
    dialogue = citizen_dialogue_open(
        actor=None, org_unit=committee, analysis=analysis, title="Vad tycker du?", opens_on=today, closes_on=today + timedelta(days=7)
    )  # open a week more: the page offers to close it early
    citizen_comment_post(dialogue=dialogue, text="Väntar på granskning.")
    shown = citizen_comment_post(dialogue=dialogue, text="Bra skolor.", name="Kim")
    citizen_comment_moderate(actor=None, comment=shown, approve=True)
    citizen_comment_answer(actor=None, comment=shown, answer="Tack!")
    # and gathered into a trend of the committee's environment analysis (DIAL-005), shown on its plan page
    trend_year = max(YEAR + 1, today.year)
    trend = planning.trend_create(actor=None, org_unit=committee, year=trend_year, category="social", title="Fler vill påverka")
    citizen_dialogue_gather(actor=None, dialogue=dialogue, trend=trend, summary="Invånarna vill ha fler mötesplatser.")
    strategy = governing_document_create(
        actor=None,
        group=world.group,
        title="Klimatstrategi",
        doc_type="STRATEGY",
        decided_by="Kommunfullmäktige",
        decision_date=date(YEAR - 2, 3, 1),
        valid_from=date(YEAR - 2, 3, 1),
        applies_to="Kommunkoncernen",
        follow_up_responsible="Kommunchef",
        registration_number="KS 2024/31",
        owner_unit=committee,
        carries_goals=True,
        own_steering="Tre mål om utsläpp",
        review_by=date(YEAR, 3, 1),
    )
    # a project's steering group (issuer) and a process's review dates (receiver), with their forms (PROJ-001, PROJ-002, PROJ-005)
    administration = world.unit("Utbildningsförvaltningen")
    given: dict[str, Any] = {"issuer": committee, "receiver": administration, "year": YEAR, "deadline": date(YEAR, 12, 1)}
    project = planning.assignment_create(actor=None, title="Ny skolstruktur", execution_form="project", **given)
    planning.project_member_create(actor=None, assignment=project, body="steering", org_unit=administration, role_title="Förvaltningschef")
    planning.project_member_create(actor=None, assignment=project, body="group", person=world.users["administration_official"])
    process = planning.assignment_create(
        actor=None,
        title="Systematiskt kvalitetsarbete",
        execution_form="process",
        process_name="SKA-hjulet",
        process_owner=world.users["administration_official"],
        **given,
    )
    review = planning.process_review_create(actor=None, assignment=process, title="Årlig genomgång", due=date(YEAR, 9, 1))
    planning.process_review_create(actor=None, assignment=process, title="Halvårsgenomgång", due=date(YEAR, 3, 1))

    pages: dict[str, tuple[str | None, str]] = {
        "public goals": (None, f"/offentlig/{world.group.slug}/"),
        "public plans": (None, f"/offentlig/{world.group.slug}/planer/"),
        "public dialogues": (None, f"/offentlig/{world.group.slug}/dialog/"),
        "public dialogue": (None, f"/offentlig/{world.group.slug}/dialog/{dialogue.pk}/"),
        "citizen dialogues": ("administration_official", "/medborgardialog/"),
        "citizen dialogue": ("administration_official", f"/medborgardialog/{dialogue.pk}/"),
        "citizen dialogue (controller)": ("ks_controller", f"/medborgardialog/{dialogue.pk}/"),
        "trend with a citizen source": ("ks_controller", f"/enheter/{committee.pk}/plan/{trend_year}/?flik=utveckling"),
        "citizen data removal": ("administration_official", "/medborgardialog/personuppgifter/"),
        "login": (None, "/konto/logga-in/"),
        "tree": ("ks_controller", "/enheter/"),
        "unit": ("ks_controller", f"/enheter/{committee.pk}/"),
        "unit (unit manager)": ("unit_manager", f"/enheter/{haga.pk}/"),
        "documents": ("ks_controller", "/styrdokument/"),
        "parallel steering": ("ks_controller", "/styrdokument/parallell-styrning/"),
        "document edit": ("ks_controller", f"/styrdokument/{strategy.pk}/andra/"),
        "model": ("ks_controller", "/styrmodell/"),
        "goal": ("ks_controller", f"/mal/{filled.goal.pk}/"),
        "goal (unit manager)": ("unit_manager", f"/mal/{goal.pk}/"),
        "plans": ("ks_controller", "/planer/"),
        "cascade": ("ks_controller", f"/mal/kaskad/{YEAR}/"),
        "agenda 2030": ("ks_controller", "/agenda-2030/"),
        "calendar": ("ks_controller", f"/arshjul/{YEAR}/"),
        "overview": ("ks_controller", f"/oversikt/{YEAR}/"),
        "resource allocation": ("ks_controller", "/resursfordelning/"),
        "reporting (unit)": ("unit_manager", f"/enheter/{haga.pk}/rapportering/{period.pk}/"),
        "reporting (committee)": ("ks_controller", f"/enheter/{committee.pk}/rapportering/{period.pk}/"),
        "charts": ("unit_manager", f"/enheter/{haga.pk}/rapportering/{period.pk}/diagram/"),
        "adopted plan": ("council_chair", f"/enheter/{world.unit('Kommunfullmäktige').pk}/plan/{YEAR}/?flik=beslut"),
        "population": ("ks_controller", "/befolkning/"),
        "population (committee)": ("committee_politician", "/befolkning/"),
        "population series": ("ks_controller", f"/befolkning/{population.pk}/"),
        "internal budget": ("committee_politician", f"/enheter/{committee.pk}/internbudget/?ar={YEAR}"),
        "personnel budget": ("unit_manager", f"/enheter/{haga.pk}/lonebudget/?ar={YEAR}"),
        "not found": ("ks_controller", "/mal/999999/"),
        "frame (KS politician)": ("ks_politician", f"/enheter/{committee.pk}/driftram/?ar={YEAR}"),
        "frame (controller)": ("ks_controller", f"/enheter/{committee.pk}/driftram/?ar={YEAR + 1}"),
        "council economy tab": ("council_chair", f"/enheter/{world.unit('Kommunfullmäktige').pk}/plan/{YEAR}/?flik=ekonomi"),
        "frames chart": ("council_chair", f"/enheter/{world.unit('Kommunfullmäktige').pk}/plan/{YEAR}/ramdiagram/"),
    }
    pages |= {f"plan tab {tab}": ("ks_controller", f"{plan_url(world)}?flik={tab}") for tab in TABS}
    pages["project seats (issuer)"] = ("committee_politician", f"{plan_url(world)}?flik=uppdrag")
    pages["process reviews (receiver)"] = (
        "administration_official",
        f"{plan_url(world, 'Utbildningsförvaltningen')}?flik=uppdrag&redigera=oversyn-{review.pk}",
    )
    assert adopted.state == "adopted"
    documents: dict[str, str] = {}
    for name, (persona, url) in pages.items():
        response = world.client(persona).get(url, HTTP_ACCEPT_LANGUAGE="sv")
        assert response.status_code in {200, 404}, (name, url, response.status_code)
        documents[f"{name} ({url})"] = response.content.decode()
    refused = world.client("ks_controller").post(
        f"/enheter/{committee.pk}/mal/ny/", {"title": "För långt", "start_year": YEAR, "end_year": YEAR + 6}, HTTP_ACCEPT_LANGUAGE="sv"
    )
    documents["refused goal"] = refused.content.decode()
    refused_seat = world.client("committee_politician").post(
        f"{plan_url(world)}projektplats/ny/",
        {"parent": project.pk, "body": "steering", "person": world.users["administration_official"].pk, "role_title": "Rektor", "org_unit": haga.pk},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert refused_seat.status_code == 422 and "PROJ-005" in refused_seat.content.decode()
    documents["refused seat"] = refused_seat.content.decode()
    refused_population = world.client("ks_controller").post(
        "/befolkning/",
        {"action": "fetch", "fetch-name": "X", "fetch-region": "7a", "fetch-first_year": YEAR - 2, "fetch-last_year": YEAR - 1, "fetch-api": "v2"},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert refused_population.status_code == 422
    documents["refused population fetch"] = refused_population.content.decode()
    refused_document = world.client("ks_controller").post(
        f"/styrdokument/{strategy.pk}/andra/",
        {"title": "Klimatstrategi", "doc_type": "STRATEGY", "carries_indicators": "on", "own_steering": "", "version": strategy.version},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert refused_document.status_code == 422
    documents["refused document edit"] = refused_document.content.decode()
    errors = vnu_errors(documents)
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)
