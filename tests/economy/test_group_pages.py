"""The group's statements page and the statements on KS's reporting page (issue 11 §5)."""

from __future__ import annotations

from pathlib import Path

from styr.core.models import AuditEvent
from styr.economy.models import GroupMember, InternalAccount
from styr.followup import services as followup
from styr.followup.models import ReportingPeriod
from tests.conftest import YEAR, World
from tests.economy.group_books import COMPANY, MUNICIPALITY, load_group_books
from tests.economy.test_group_statements import set_up_group
from tests.html_check import vnu_errors


def test_the_group_page_shows_each_column_and_the_eliminations_and_is_valid_html(world: World, tmp_path: Path) -> None:
    load_group_books(world, tmp_path)
    set_up_group(world)
    response = world.client("auditor").get(f"/koncernen/{YEAR}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption" in html and 'class="table-scroll" tabindex="0" role="region"' in html
    assert "Elimineringar" in html and "Koncernen" in html and "AllboHus Fastighets AB <span" in html and "(60 %)" in html
    assert "-120\u00a0000" in html and "194\u00a0000" in html  # the internal sales out, the group's result
    assert "Sätt ett bolags ägarandel" not in html  # the auditor reads
    writer = world.client("ks_controller").get(f"/koncernen/{YEAR}/").content.decode()
    assert "Sätt ett bolags ägarandel" in writer
    assert world.client("committee_politician").get(f"/koncernen/{YEAR}/").status_code == 404
    assert vnu_errors({"group": html, "writer": writer}) == []


def test_ks_controllers_set_the_share_and_an_internal_account_on_the_page(world: World) -> None:
    client = world.client("ks_controller")
    company, municipality = world.unit(COMPANY), world.unit(MUNICIPALITY)
    refused = client.post(f"/koncernen/{YEAR}/", {"action": "share", "share-org_unit": company.pk, "share-ownership_percent": "150"})
    assert refused.status_code == 422 and "GROUP-001" in refused.content.decode() and not GroupMember.objects.exists()
    saved = client.post(f"/koncernen/{YEAR}/", {"action": "share", "share-org_unit": company.pk, "share-ownership_percent": "62,5"})
    assert saved.status_code == 302 and str(GroupMember.objects.get(org_unit=company).ownership_percent) == "62.50"
    saved = client.post(
        f"/koncernen/{YEAR}/", {"action": "internal", "internal-org_unit": company.pk, "internal-account": "3012", "internal-counterpart": company.pk}
    )
    assert saved.status_code == 422 and "GROUP-004" in saved.content.decode()
    assert AuditEvent.objects.filter(action="group_member.set").count() == 1
    assert (
        world.client("auditor").post(f"/koncernen/{YEAR}/", {"action": "share", "share-org_unit": company.pk, "share-ownership_percent": "50"}).status_code
        == 403
    )
    assert not InternalAccount.objects.exists() and municipality.pk


def test_ks_reporting_page_shows_the_statements_of_its_annual_report(world: World, tmp_path: Path) -> None:
    load_group_books(world, tmp_path)
    set_up_group(world)
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    period = ReportingPeriod.objects.get(calendar=calendar, kind="annual_report", org_unit__isnull=True)
    ks = world.unit("Kommunstyrelsen")
    html = world.client("ks_controller").get(f"/enheter/{ks.pk}/rapportering/{period.pk}/").content.decode()
    assert 'id="statements-heading"' in html and "Kassaflödesanalys (tkr)" in html and "Årets kassaflöde" in html
    assert f'href="/koncernen/{YEAR}/"' in html and "Driftredovisning per nämnd" in html
    committee = world.unit("Utbildningsnämnden")
    assert 'id="statements-heading"' not in world.client("ks_controller").get(f"/enheter/{committee.pk}/rapportering/{period.pk}/").content.decode()
    assert vnu_errors({"reporting": html}) == []
