"""The pages of the internal control plans (issue 12 §2): the index of bodies with who has adopted,
a body's plan with its forms and decision, and KS's common controls."""

from __future__ import annotations

from datetime import date
from typing import Any

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.control.models import CommonControl, Control, InternalControlPlan
from styr.control.services.plans import control_plan_create, control_plan_propose
from styr.core.models import AuditEvent
from tests.conftest import YEAR, World
from tests.control.plans_setup import adopted_plan, common, risks
from tests.html_check import vnu_errors

SV = {"Accept-Language": "sv"}


def plan_url(world: World, unit: str = "Utbildningsnämnden", year: int = YEAR) -> str:
    return f"/internkontroll/{world.unit(unit).pk}/plan/{year}/"


def test_an_official_makes_the_plan_adds_a_control_and_proposes_it(world: World) -> None:
    risks(world)
    client = world.client("administration_official")
    page = client.get(plan_url(world), headers=SV).content.decode()
    assert 'id="plan-create"' in page and "Ingen plan" in page
    assert client.post(plan_url(world) + "skapa/").status_code == 302
    plan = InternalControlPlan.objects.get()
    assert plan.controls.count() == 2
    data = {"title": "Avtalstrohet", "method": "sample", "sample_size": "", "frequency": "twice", "report_months": ["6", "12"], "responsible": "Inköp"}
    refused = client.post(plan_url(world) + "kontroller/ny/", data, headers=SV)
    assert refused.status_code == 422 and "(IC-024)" in refused.content.decode()
    assert client.post(plan_url(world) + "kontroller/ny/", data | {"sample_size": "25"}).status_code == 302
    assert plan.controls.filter(title="Avtalstrohet", sample_size=25, report_months=[6, 12]).exists()
    assert client.post(plan_url(world) + "foresla/").status_code == 302
    plan.refresh_from_db()
    assert plan.state == "proposed"
    assert AuditEvent.objects.filter(action__in=["control_plan.created", "control.created", "control_plan.proposed"]).count() == 5


def test_a_common_control_in_the_plan_cannot_be_removed_on_the_page(world: World) -> None:
    common(world)
    plan = control_plan_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    carried = Control.objects.get(plan=plan)
    client = world.client("administration_official")
    page = client.get(plan_url(world), headers=SV).content.decode()
    assert "Kommungemensamt kontrollmoment" in page and f"kontroller/{carried.pk}/ta-bort/" not in page
    refused = client.post(plan_url(world) + f"kontroller/{carried.pk}/ta-bort/", headers=SV)
    assert refused.status_code == 409 and "(IC-023)" in refused.content.decode()
    assert Control.objects.filter(pk=carried.pk).exists()


def test_the_committee_adopts_on_the_page_and_the_adopted_version_is_shown(world: World) -> None:
    risks(world)
    plan = control_plan_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), year=YEAR)
    control_plan_propose(actor=None, plan=plan)
    decision = {"decided_on": f"{YEAR - 1}-11-20", "paragraph": "§ 88", "registration_number": "UN 2025/12"}
    for persona in ("administration_official", "ks_politician", "auditor"):
        assert world.client(persona).post(plan_url(world) + "besluta/", decision).status_code in (403, 404)
    client = world.client("committee_politician")
    assert 'id="plan-adopt"' in client.get(plan_url(world)).content.decode()
    assert client.post(plan_url(world) + "besluta/", decision).status_code == 302
    plan.refresh_from_db()
    assert plan.state == "adopted" and plan.decision is not None
    page = client.get(plan_url(world), headers=SV).content.decode()
    assert "§ 88" in page and plan.snapshot_sha256 in page and 'id="snapshot-control-' in page
    # locked: the official's change is refused (IC-021)
    control = plan.controls.first()
    assert control is not None
    refused = world.client("administration_official").post(plan_url(world) + f"kontroller/{control.pk}/ta-bort/", headers=SV)
    assert refused.status_code == 409 and "(IC-021)" in refused.content.decode()


def test_ks_sees_who_has_adopted_and_who_is_late(world: World) -> None:
    risks(world)
    adopted_plan(world)
    with time_machine.travel(date(YEAR - 1, 12, 3)):
        page = world.client("ks_controller").get(f"/internkontroll/{YEAR}/", headers=SV).content.decode()
    un, on = world.unit("Utbildningsnämnden").pk, world.unit("Omsorgsnämnden").pk
    un_row = page.split(f'id="body-{un}"')[1].split("</tr>")[0]
    on_row = page.split(f'id="body-{on}"')[1].split("</tr>")[0]
    assert "Beslutad" in un_row and "§ 88" in un_row and "Försenad" not in un_row
    assert "Ingen plan" in on_row and "Försenad" in on_row
    assert f'id="body-{world.unit("AllboHus Fastighets AB").pk}"' in page
    assert f"/internkontroll/{un}/risker/{YEAR}/" in page and f"/internkontroll/{un}/rapport/{YEAR}/" in page
    # the committee's politician sees its own committee only
    own = world.client("committee_politician").get(f"/internkontroll/{YEAR}/").content.decode()
    assert f'id="body-{un}"' in own and f'id="body-{on}"' not in own


def test_ks_drafts_and_adopts_the_common_controls_on_the_page(world: World) -> None:
    plan = control_plan_create(actor=None, org_unit=world.unit("Omsorgsnämnden"), year=YEAR)
    url = f"/internkontroll/gemensamma/{YEAR}/"
    data = {"title": "Dataskydd", "applies_to": "all", "method": "review", "frequency": "once", "report_months": ["10"]}
    assert world.client("committee_politician").post(url, data).status_code == 403
    assert world.client("ks_controller").post(url, data).status_code == 302
    common_control = CommonControl.objects.get()
    decision = {"decided_on": f"{YEAR - 1}-10-01", "paragraph": "§ 120", "registration_number": "KS 1"}
    assert world.client("ks_controller").post(url + "besluta/", decision).status_code == 403
    assert world.client("ks_politician").post(url + "besluta/", decision).status_code == 302
    assert plan.controls.filter(common_control=common_control).exists()
    refused = world.client("ks_controller").post(url + f"{common_control.pk}/ta-bort/", headers=SV)
    assert refused.status_code == 409 and "(IC-027)" in refused.content.decode()
    assert AuditEvent.objects.filter(action__in=["common_control.created", "common_control.adopted"]).count() == 2


def test_outsiders_are_refused(world: World) -> None:
    assert world.client("outsider").get(f"/internkontroll/{YEAR}/").status_code == 403
    assert world.client("outsider").get(plan_url(world)).status_code in (403, 404)
    assert world.client("other_committee_politician").get(plan_url(world)).status_code == 404
    assert world.client("other_committee_politician").post(plan_url(world) + "skapa/").status_code == 404
    assert world.client(None).get(f"/internkontroll/{YEAR}/").status_code == 302
    assert not InternalControlPlan.objects.exists()


def test_the_pages_are_valid_html(world: World) -> None:
    risks(world)
    common(world)
    control_plan_create(actor=None, org_unit=world.unit("Omsorgsnämnden"), year=YEAR)
    adopted_plan(world)
    ks = world.client("ks_controller")
    official = world.client("administration_official")
    pages = {
        "index": ks.get(f"/internkontroll/{YEAR}/", headers=SV).content.decode(),
        "draft": ks.get(plan_url(world, "Omsorgsnämnden"), headers=SV).content.decode(),
        "adopted": official.get(plan_url(world), headers=SV).content.decode(),
        "none": ks.get(plan_url(world, "Alvesta Energi AB"), headers=SV).content.decode(),
        "common": ks.get(f"/internkontroll/gemensamma/{YEAR}/", headers=SV).content.decode(),
        "common_next": ks.get(f"/internkontroll/gemensamma/{YEAR + 1}/", headers=SV).content.decode(),
    }
    assert vnu_errors(pages) == []
    assert world.client("ks_controller").get("/internkontroll/").status_code == 302


def test_the_index_reads_as_many_queries_however_many_plans_there_are(world: World, django_assert_max_num_queries: Any) -> None:
    client = world.client("ks_controller")
    client.get(f"/internkontroll/{YEAR}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/internkontroll/{YEAR}/")
    for name in ("Utbildningsnämnden", "Omsorgsnämnden", "AllboHus Fastighets AB", "Alvesta Energi AB"):
        control_plan_create(actor=None, org_unit=world.unit(name), year=YEAR)
    with django_assert_max_num_queries(len(few)):
        client.get(f"/internkontroll/{YEAR}/")
