"""The investment plan's pages (issue 11 §3): the plan edited in place, its chart with a text
alternative, the investment account, the project page and the mapping of project objects."""

from __future__ import annotations

import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.economy.models import InvestmentAmount, InvestmentProject, LedgerObject
from styr.economy.services import investment_amount_set, investment_project_create, sie_import
from tests.conftest import YEAR, World
from tests.economy.test_frames_decided import adopt_goals_and_budget
from tests.economy.test_investment_account import TRANSACTIONS
from tests.html_check import vnu_errors

D = Decimal
PLAN = f"/investeringar/{YEAR}/"


def projects(world: World) -> tuple[InvestmentProject, InvestmentProject]:
    controller = world.users["ks_controller"]
    school = investment_project_create(
        actor=controller,
        committee=world.unit("Utbildningsnämnden"),
        name="Tillbyggnad Hagaskolan",
        category="expansion",
        start_year=YEAR,
        end_year=YEAR + 2,
        code="P100",
    )
    streets = investment_project_create(
        actor=controller,
        committee=world.unit("Kommunstyrelsen"),
        name="Gator och vägar",
        category="reinvestment",
        start_year=YEAR,
        end_year=YEAR + 4,
        code="P200",
    )
    for project, amounts in ((school, ("5000", "12000", "8000")), (streets, ("3000", "3000", "3000"))):
        for offset, amount in enumerate(amounts):
            investment_amount_set(actor=controller, project=project, plan_year=YEAR, year=YEAR + offset, amount_tsek=D(amount))
    return school, streets


def test_the_plan_page_shows_committees_totals_chart_and_account_and_is_edited_in_place(world: World) -> None:
    school, _streets = projects(world)
    sie_import(actor=None, org_unit=world.unit("Kommunfullmäktige"), file_name="k.se", stream=io.BytesIO(TRANSACTIONS.encode("cp437")))
    client = world.client("ks_controller")
    page = client.get(PLAN)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Tillbyggnad Hagaskolan" in html and "Gator och vägar" in html and "Utbildningsnämnden" in html
    assert 'id="plan-totals"' in html and "34\u00a0000" in html  # 8 000 + 15 000 + 11 000
    assert "<figure>" in html and "data:image/svg+xml;base64," in html  # the chart, with its text alternative and data table
    assert 'id="investment-account"' in html and "3550" in html
    assert f'form="save-{school.pk}"' in html
    assert not vnu_errors({"page": html})
    response = client.post(
        PLAN, {"project": school.pk, f"y{YEAR}-amount_tsek": "5500", f"y{YEAR + 1}-amount_tsek": "12000", f"y{YEAR + 2}-amount_tsek": "8000,5"}
    )
    assert response.status_code == 302
    assert InvestmentAmount.objects.get(project=school, year=YEAR + 2).amount_tsek == D("8000.5")
    refused = client.post(PLAN, {"project": school.pk, f"y{YEAR}-amount_tsek": "-1", f"y{YEAR + 1}-amount_tsek": "0", f"y{YEAR + 2}-amount_tsek": "0"})
    assert refused.status_code == 422 and "INV-002" in refused.content.decode()
    assert InvestmentAmount.objects.get(project=school, year=YEAR + 1).amount_tsek == D("12000.0")  # all three years or none
    # the auditor reads, without the forms; the other committee's politician cannot write
    html = world.client("auditor").get(PLAN).content.decode()
    assert "Tillbyggnad Hagaskolan" in html and "save-" not in html and "Lägg till" not in html
    assert world.client("other_committee_politician").post(PLAN, {"project": school.pk}).status_code == 404
    assert world.client("committee_politician").post(PLAN, {"project": school.pk}).status_code == 403


def test_the_adopted_plan_shows_no_forms_and_a_controller_adds_a_project(world: World) -> None:
    projects(world)
    adopt_goals_and_budget(world)
    client = world.client("ks_controller")
    html = client.get(PLAN).content.decode()
    assert 'id="plan-stage"' in html and "save-" not in html
    body = {
        "committee": world.unit("Omsorgsnämnden").pk,
        "name": "Nytt särskilt boende",
        "category": "expansion",
        "status": "planned",
        "start_year": YEAR + 1,
        "end_year": YEAR + 3,
        "code": "P300",
    }
    assert client.post(f"/investeringar/{YEAR}/nytt-projekt/", body).status_code == 302
    assert client.post(f"/investeringar/{YEAR}/nytt-projekt/", body | {"name": "Igen"}).status_code == 422  # INV-005
    assert world.client("auditor").post(f"/investeringar/{YEAR}/nytt-projekt/", body | {"code": "P9"}).status_code == 403
    assert client.post(f"/investeringar/{YEAR}/rulla/").status_code == 302
    assert InvestmentAmount.objects.filter(plan_year=YEAR + 1).count() == 4


def test_the_project_page_shows_plans_follow_up_and_costs(world: World) -> None:
    school, _streets = projects(world)
    sie_import(actor=None, org_unit=world.unit("Kommunfullmäktige"), file_name="k.se", stream=io.BytesIO(TRANSACTIONS.encode("cp437")))
    client = world.client("administration_official")
    url = f"/investeringar/projekt/{school.pk}/"
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and 'id="follow-up"' in html and "3550" in html and f'id="plan-{YEAR}"' in html
    assert not vnu_errors({"page": html})
    data: dict[str, object] = {"plan_year": YEAR}
    for offset in range(3):
        data |= {f"y{YEAR + offset}-amount_tsek": "1000", f"y{YEAR + offset}-capital_cost_tsek": "40", f"y{YEAR + offset}-running_cost_tsek": "25"}
    assert client.post(url + f"?ar={YEAR}", data).status_code == 302
    assert InvestmentAmount.objects.get(project=school, year=YEAR + 1).running_cost_tsek == D("25.0")
    assert world.client("other_committee_politician").get(url).status_code == 404


def test_the_controller_maps_a_project_object_on_the_ledgers_page(world: World) -> None:
    _school, streets = projects(world)
    keeper = world.unit("Kommunfullmäktige")
    sie_import(actor=None, org_unit=keeper, file_name="k.se", stream=io.BytesIO(TRANSACTIONS.encode("cp437")))
    url = f"/enheter/{keeper.pk}/bokforing/projekt/"
    client = world.client("ks_controller")
    html = client.get(url).content.decode()
    assert "P900" in html and "Bredband landsbygd" in html
    assert not vnu_errors({"page": html})
    obj = LedgerObject.objects.get(dimension="6", code="P900")
    assert client.post(url, {"object": obj.pk, "project": streets.pk}).status_code == 302
    assert LedgerObject.objects.get(pk=obj.pk).investment_project == streets
    assert world.client("auditor").post(url, {"object": obj.pk, "project": ""}).status_code == 403


def test_the_plan_page_costs_the_same_queries_however_many_projects(world: World) -> None:
    projects(world)
    client = world.client("ks_controller")
    client.get(PLAN)  # warm the chart and the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(PLAN).status_code == 200
    controller = world.users["ks_controller"]
    for n in range(4):
        extra = investment_project_create(
            actor=controller, committee=world.unit("Omsorgsnämnden"), name=f"Projekt {n}", category="reinvestment", start_year=YEAR, end_year=YEAR, code=f"X{n}"
        )
        investment_amount_set(actor=controller, project=extra, plan_year=YEAR, year=YEAR, amount_tsek=D(100))
    client.get(PLAN)
    with CaptureQueriesContext(connection) as more:
        assert client.get(PLAN).status_code == 200
    assert len(more.captured_queries) == len(few.captured_queries)
