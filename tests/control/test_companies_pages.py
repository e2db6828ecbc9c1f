"""The companies' pages, the reporting chain in the årshjul and the owner dialogue there (issue 12 §5)."""

from __future__ import annotations

from datetime import date, timedelta

from styr.control.models import DirectiveAnswer, OwnerDialogue, OwnerDirective
from styr.control.services import companies as services
from styr.core.models import AuditEvent
from styr.followup import services as followup_services
from styr.followup.models import Deadline, ReportingPeriod
from tests.conftest import YEAR, World
from tests.control.companies_setup import ALLBOHUS, PARENT, add_company_personas, general_directive, subsidiary_directive
from tests.html_check import vnu_errors


def _calendar(world: World) -> None:
    followup_services.calendar_create(actor=world.users["ks_controller"], group=world.group, year=YEAR)


def test_a_new_arshjul_gives_the_companies_deadlines_of_their_own_subsidiary_before_parent_before_ks(world: World) -> None:
    _calendar(world)
    period = ReportingPeriod.objects.filter(group=world.group, end__year=YEAR).first()
    assert period is not None
    due = {d.level: d.due for d in Deadline.objects.filter(period=period)}
    assert due["COMPANY"] < due["PARENT_COMPANY"] < due["EXECUTIVE_BOARD"]
    assert due["JOINT_AUTHORITY"] < due["EXECUTIVE_BOARD"]
    assert due["COMPANY"] == period.end + timedelta(days=10)


def test_the_owner_dialogue_is_a_meeting_in_the_arshjul_and_its_ics(world: World) -> None:
    add_company_personas(world)
    _calendar(world)
    services.owner_dialogue_create(
        actor=world.users["parent_controller"],
        parent_company=world.unit(PARENT),
        company=world.unit(ALLBOHUS),
        held_on=date(YEAR, 9, 14),
        title="Höstens ägardialog",
    )
    client = world.client("ks_controller")
    page = client.get(f"/arshjul/{YEAR}/").content.decode()
    assert "Höstens ägardialog" in page
    ics = client.get(f"/arshjul/{YEAR}/arshjul.ics").content.decode()
    assert "owner-dialogue-" in ics and f"DTSTART;VALUE=DATE:{YEAR}0914" in ics


def test_ks_sees_every_company_with_its_deadlines_and_answers_and_the_parent_gathers_its_subsidiaries(world: World) -> None:
    add_company_personas(world)
    _calendar(world)
    _, demand = subsidiary_directive(world)
    services.directive_answer_set(
        actor=world.users["allbohus_official"], demand=demand, company=world.unit(ALLBOHUS), year=YEAR, answer="5,1 procent", status="achieved"
    )
    page = world.client("ks_controller").get(f"/bolagen/{YEAR}/")
    assert page.status_code == 200
    html = page.content.decode()
    for name in (PARENT, ALLBOHUS, "Alvesta Energi AB"):
        assert name in html
    assert "5,1 procent" in html and f"/internkontroll/{world.unit(ALLBOHUS).pk}/plan/{YEAR}/" in html
    parent = world.client("ks_controller").get(f"/bolagen/{world.unit(PARENT).pk}/direktiv/{YEAR}/").content.decode()
    assert "5,1 procent" in parent and "Alvesta Energi AB" in parent  # the subsidiaries' reports and answers gathered


def test_the_chain_lists_the_companies_interim_accounts_and_annual_report_not_the_committees_monthly_reports(world: World) -> None:
    """A company closes its books twice a year: KS's page does not count the monthly reports as late."""
    from styr.control.selectors.companies import companies_overview

    _calendar(world)
    overview = companies_overview(world.users["ks_controller"], group=world.group, year=YEAR, today=date(YEAR, 12, 3))
    kinds = {report.period.kind for company in overview for report in company.reports}
    assert kinds == {"interim_accounts", "annual_report"}
    assert ReportingPeriod.objects.filter(group=world.group, end__year=YEAR, kind="monthly_report").exists()


def test_a_companys_board_sees_its_own_company_only(world: World) -> None:
    add_company_personas(world)
    client = world.client("allbohus_board")
    html = client.get(f"/bolagen/{YEAR}/").content.decode()
    assert ALLBOHUS in html and "Alvesta Energi AB" not in html
    assert client.get(f"/bolagen/{world.unit('Alvesta Energi AB').pk}/direktiv/{YEAR}/").status_code == 404


def test_a_companys_official_answers_on_the_page_and_the_auditor_is_refused(world: World) -> None:
    add_company_personas(world)
    _, demand = subsidiary_directive(world)
    url = f"/bolagen/{world.unit(ALLBOHUS).pk}/direktiv/{YEAR}/"
    data = {"action": "answer", "demand": demand.pk, "answer": "Avkastningen blev 5,3 %", "value": "5.3", "status": "achieved"}
    response = world.client("allbohus_official").post(url, data)
    assert response.status_code == 302
    answer = DirectiveAnswer.objects.get()
    assert answer.status == "achieved" and str(answer.value) == "5.30"
    assert AuditEvent.objects.filter(action="directive_answer.set").exists()
    assert world.client("auditor").post(url, data).status_code == 403
    assert world.client("outsider").get(url).status_code in (403, 404)
    refused = world.client("allbohus_official").post(url, {**data, "status": "green"})
    assert refused.status_code == 422


def test_a_controller_records_a_directive_and_a_demand_on_the_pages(world: World) -> None:
    client = world.client("ks_controller")
    response = client.post(
        "/bolagen/agardirektiv/",
        {
            "kind": "general",
            "title": "Generellt ägardirektiv",
            "issuer": world.unit("Kommunfullmäktige").pk,
            "decided_on": "2020-06-15",
            "valid_from": "2021-01-01",
        },
    )
    assert response.status_code == 302
    directive = OwnerDirective.objects.get()
    response = client.post(f"/bolagen/agardirektiv/{directive.pk}/", {"kind": "solidity_target", "text": "Soliditet", "target_value": "10", "target_unit": "%"})
    assert response.status_code == 302 and directive.demands.get().target_unit == "%"
    refused = client.post(
        "/bolagen/agardirektiv/",
        {"kind": "general", "title": "Fel", "issuer": world.unit("Kommunstyrelsen").pk, "decided_on": "2020-06-15", "valid_from": "2021-01-01"},
    )
    assert refused.status_code == 422 and "COMP-001" in refused.content.decode()
    assert world.client("auditor").post("/bolagen/agardirektiv/", {"kind": "general"}).status_code == 403


def test_the_parent_company_records_an_owner_dialogue_on_its_page(world: World) -> None:
    add_company_personas(world)
    url = f"/bolagen/{world.unit(PARENT).pk}/direktiv/{YEAR}/"
    response = world.client("parent_controller").post(
        url, {"action": "dialogue", "company": world.unit(ALLBOHUS).pk, "held_on": f"{YEAR}-05-04", "title": "Vårens ägardialog"}
    )
    assert response.status_code == 302 and OwnerDialogue.objects.get().title == "Vårens ägardialog"
    assert world.client("allbohus_official").post(url, {"action": "dialogue"}).status_code in (403, 404)


def test_the_companies_pages_are_valid_html(world: World) -> None:
    add_company_personas(world)
    _calendar(world)
    directive, demand = general_directive(world)
    subsidiary_directive(world)
    services.directive_answer_set(
        actor=world.users["allbohus_official"], demand=demand, company=world.unit(ALLBOHUS), year=YEAR, answer="Lämnad", status="achieved"
    )
    services.owner_dialogue_create(
        actor=world.users["parent_controller"],
        parent_company=world.unit(PARENT),
        company=world.unit(ALLBOHUS),
        held_on=date(YEAR, 9, 1),
        title="Ägardialog",
        notes="Rad ett\nRad två",
    )
    ks = world.client("ks_controller")
    documents = {
        "overview": ks.get(f"/bolagen/{YEAR}/").content.decode(),
        "directives": ks.get("/bolagen/agardirektiv/").content.decode(),
        "directive": ks.get(f"/bolagen/agardirektiv/{directive.pk}/").content.decode(),
        "parent": ks.get(f"/bolagen/{world.unit(PARENT).pk}/direktiv/{YEAR}/").content.decode(),
        "company-official": world.client("allbohus_official").get(f"/bolagen/{world.unit(ALLBOHUS).pk}/direktiv/{YEAR}/").content.decode(),
        "company-auditor": world.client("auditor").get(f"/bolagen/{world.unit(ALLBOHUS).pk}/direktiv/{YEAR}/").content.decode(),
    }
    assert vnu_errors(documents) == []


def test_ks_overview_shows_a_companys_answers_to_the_owner_directives_beside_its_reports(world: World) -> None:
    add_company_personas(world)
    _calendar(world)
    _, demand = subsidiary_directive(world)
    allbohus = world.unit(ALLBOHUS)
    official = world.users["allbohus_official"]
    services.directive_answer_set(actor=official, demand=demand, company=allbohus, year=YEAR, answer="4,1 procent", status="partly_achieved")
    page = world.client("ks_controller").get(f"/oversikt/{YEAR}/", headers={"Accept-Language": "sv"}).content.decode()
    assert f'<a href="/bolagen/{allbohus.pk}/direktiv/{YEAR}/">Svar på ägardirektiven</a>: Delvis uppfyllt 1' in page


def test_the_companies_page_reads_in_the_same_number_of_queries_as_companies_grow(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from styr.organisation.services import org_unit_create

    add_company_personas(world)
    _calendar(world)
    general_directive(world)
    subsidiary_directive(world)
    client = world.client("ks_controller")

    def count() -> int:
        client.get(f"/bolagen/{YEAR}/")  # warm the session and the caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/bolagen/{YEAR}/").status_code == 200
        return len(queries)

    before = count()
    for name in ("Alvesta Bredband AB", "Alvesta Parkering AB", "Alvesta Hamn AB"):
        org_unit_create(actor=None, group=world.group, parent=world.unit(PARENT), kind="COMPANY", name=name, valid_from=date(YEAR, 1, 1))
    assert count() == before
