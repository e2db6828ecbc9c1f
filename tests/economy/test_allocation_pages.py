"""The resource allocation pages (issue 10 §5): the list, a model edited in place, the comparison;
who may see and change them, refusals answered 422 with the rule id and nothing written, and
valid HTML."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styr.core.models import AuditEvent
from styr.economy.models import AllocationDriver, AllocationModel, OperatingFrame, PoliticalAdjustment
from styr.economy.services import allocation_adjustment_add, allocation_model_create, allocation_scenario_create
from tests.conftest import World
from tests.economy.allocation_setup import N, build
from tests.html_check import vnu_errors

SV = {"Accept-Language": "sv"}
HTMX = {**SV, "HX-Request": "true"}


def url(model: AllocationModel) -> str:
    return f"/resursfordelning/{model.pk}/"


@pytest.mark.parametrize("persona", ["ks_controller", "committee_politician", "auditor", "unit_manager"])
def test_everyone_in_the_group_reads_the_pages(world: World, persona: str) -> None:
    built = build(world)
    scenario = allocation_scenario_create(actor=None, model=built.model, name="Scenario B")
    client = world.client(persona)
    listing = client.get("/resursfordelning/", headers=SV).content.decode()
    assert "Resursfördelning" in listing and "Scenario B" in listing
    page = client.get(url(built.model), headers=SV).content.decode()
    assert "11\u00a0270\u00a0000" in page and "Satsning på läsning" in page and "102\u00a0700" in page  # total, adjustment, indexed price
    assert "<svg" not in page and "data:image/svg+xml" in page  # the chart, as an image with its table
    compared = client.get(f"{url(built.model)}jamfor/{scenario.pk}/", headers=SV)
    assert compared.status_code == 200 and "Scenario B" in compared.content.decode()
    may_write = persona == "ks_controller"
    assert ('name="action" value="frames"' in page) is may_write


def test_the_outsider_sees_nothing(world: World) -> None:
    built = build(world)
    client = world.client("outsider")
    assert client.get("/resursfordelning/").status_code == 403
    assert client.get(url(built.model)).status_code == 404
    assert client.post(url(built.model), {"action": "delete"}).status_code == 404
    assert AllocationModel.objects.filter(pk=built.model.pk).exists()
    assert world.client(None).get("/resursfordelning/").status_code == 302  # to the login


def test_a_committee_politician_may_not_change_the_model(world: World) -> None:
    built = build(world)
    before = AuditEvent.objects.count()
    client = world.client("committee_politician")
    assert client.post(url(built.model), {"action": "frames"}).status_code == 403
    assert client.post("/resursfordelning/", {"name": "Eget", "budget_year": N}).status_code == 403
    assert AuditEvent.objects.count() == before and not OperatingFrame.objects.exists()


def test_a_controller_creates_a_model_from_the_list(world: World) -> None:
    client = world.client("ks_controller")
    response = client.post("/resursfordelning/", {"name": "Budget 2027", "budget_year": N}, headers=SV)
    model = AllocationModel.objects.get()
    assert response.status_code == 302 and response["Location"] == url(model)
    refused = client.post("/resursfordelning/", {"name": "Budget 2027", "budget_year": N}, headers=SV)
    assert refused.status_code == 422 and "(ALLOC-011)" in refused.content.decode() and AllocationModel.objects.count() == 1


def test_a_driver_is_added_changed_and_removed_in_place(world: World) -> None:
    built = build(world)
    client = world.client("ks_controller")
    un = world.unit("Utbildningsnämnden")
    fields = {
        "action": "driver",
        "driver-committee": un.pk,
        "driver-name": "Förskola 1–5 år",
        "driver-age_from": 1,
        "driver-age_to": 5,
        "driver-price_sek": "150 000",
    }
    assert client.post(url(built.model), fields, headers=SV).status_code == 302
    added = AllocationDriver.objects.get(name="Förskola 1–5 år")
    assert added.price_sek == Decimal(150000) and added.wage_share_percent == Decimal(60)  # the model's wage share
    # htmx: the body comes back with the form in place, and the change saved
    editing = client.get(f"{url(built.model)}?andra=driver-{added.pk}", headers=HTMX)
    assert editing.status_code == 200 and f'name="driver-{added.pk}-price_sek"' in editing.content.decode() and "<html" not in editing.content.decode()
    change = {
        "action": f"driver-{added.pk}",
        **{f"driver-{added.pk}-{k}": v for k, v in (("committee", un.pk), ("name", "Förskola"), ("age_from", 1), ("age_to", 5), ("price_sek", "155000,50"))},
    }
    changed = client.post(url(built.model), change, headers=HTMX)
    assert changed.status_code == 200 and "Sparat" in changed.content.decode()
    assert AllocationDriver.objects.get(pk=added.pk).price_sek == Decimal("155000.50")
    assert client.post(url(built.model), {"action": f"driver-{added.pk}", "remove": "1"}, headers=SV).status_code == 302
    assert not AllocationDriver.objects.filter(pk=added.pk).exists()


@pytest.mark.parametrize(
    ("fields", "rule"),
    [
        ({"action": "driver", "driver-name": "Fel", "driver-age_from": 16, "driver-age_to": 6, "driver-price_sek": "1"}, "ALLOC-001"),
        ({"action": "driver", "driver-name": "Fel", "driver-age_from": 1, "driver-age_to": 6, "driver-price_sek": "-1"}, "ALLOC-002"),
        ({"action": "adjustment", "adjustment-year_offset": 0, "adjustment-amount_sek": "100", "adjustment-reason": ""}, "ALLOC-003"),
        ({"action": "settings", "settings-name": "Resursfördelning", "settings-wage_share_percent": "60", "settings-wage_index_n": "150"}, "ALLOC-006"),
    ],
)
def test_a_refused_form_answers_422_with_the_rule_and_writes_nothing(world: World, fields: dict[str, object], rule: str) -> None:
    built = build(world)
    un = world.unit("Utbildningsnämnden")
    data = {**fields, "driver-committee": un.pk, "adjustment-committee": un.pk}
    if fields["action"] == "settings":
        data |= {f"settings-{k}": "0" for k in ("price_index_n", "wage_index_n1", "price_index_n1", "wage_index_n2", "price_index_n2")}
    before = AuditEvent.objects.count()
    for headers in (SV, HTMX):
        response = world.client("ks_controller").post(url(built.model), data, headers=headers)
        assert response.status_code == 422 and f"({rule})" in response.content.decode()
    assert AuditEvent.objects.count() == before and AllocationDriver.objects.count() == 2 and PoliticalAdjustment.objects.count() == 1


def test_a_missing_count_is_shown_and_given_by_hand(world: World) -> None:
    built = build(world)
    client = world.client("ks_controller")
    un = world.unit("Utbildningsnämnden")
    client.post(
        url(built.model),
        {
            "action": "driver",
            "driver-committee": un.pk,
            "driver-name": "Moheda",
            "driver-age_from": 6,
            "driver-age_to": 15,
            "driver-area": "Moheda",
            "driver-price_sek": "1",
        },
    )
    moheda = AllocationDriver.objects.get(name="Moheda")
    page = client.get(url(built.model), headers=SV).content.decode()
    assert "(ALLOC-004)" in page and "saknas" in page
    refused = client.post(
        url(built.model), {"action": "override", "override-driver": moheda.pk, "override-year": N + 1, "override-count": 5, "override-reason": ""}, headers=SV
    )
    assert refused.status_code == 422 and "(ALLOC-009)" in refused.content.decode()
    for year in (N + 1, N + 2):
        client.post(
            url(built.model),
            {"action": "override", "override-driver": moheda.pk, "override-year": year, "override-count": 5, "override-reason": "Egen prognos"},
        )
    page = client.get(url(built.model), headers=SV).content.decode()
    assert "(ALLOC-004)" not in page and "Egen prognos" in page and "för hand" in page


def test_frame_proposals_and_a_scenario_from_the_page(world: World) -> None:
    built = build(world)
    client = world.client("ks_controller")
    assert client.post(url(built.model), {"action": "frames"}, headers=SV).status_code == 302
    assert OperatingFrame.objects.get(org_unit=world.unit("Utbildningsnämnden"), year=N).amount_tsek == Decimal("11270.0")
    response = client.post(url(built.model), {"action": "scenario", "scenario-name": "Scenario B"}, headers=SV)
    scenario = AllocationModel.objects.get(name="Scenario B")
    assert response["Location"] == url(scenario) and scenario.based_on == built.model
    assert client.get(f"{url(built.model)}jamfor/?med={scenario.pk}").headers["Location"] == f"{url(built.model)}jamfor/{scenario.pk}/"
    refused = client.post(url(built.model), {"action": "delete"}, headers=SV)
    assert refused.status_code == 422 and "(ALLOC-013)" in refused.content.decode()


def test_alloc_005_comparing_another_year_answers_422(world: World) -> None:
    built = build(world)
    other = allocation_model_create(actor=None, group=world.group, budget_year=N + 1, name="Nästa")
    response = world.client("ks_controller").get(f"{url(built.model)}jamfor/{other.pk}/", headers=SV)
    assert response.status_code == 422 and "(ALLOC-005)" in response.content.decode()


def test_the_comparison_chart_draws_all_three_years(world: World) -> None:
    built = build(world)
    scenario = allocation_scenario_create(actor=None, model=built.model, name="Scenario B")
    un = world.unit("Utbildningsnämnden")
    allocation_adjustment_add(actor=None, model=scenario, committee=un, year_offset=2, amount_sek=Decimal(-300000), reason="Besparing")
    response = world.client("auditor").get(f"{url(built.model)}jamfor/{scenario.pk}/", headers=SV)
    chart = response.context["chart"]
    committees = {row[0] for row in chart.rows}
    assert len(chart.rows) == 3 * len(committees) and {row[1] for row in chart.rows} == {str(N), str(N + 1), str(N + 2)}
    assert ("Utbildningsnämnden", str(N + 2), "12\u00a0324", "12\u00a0024", "-300") in chart.rows  # 120 × 102 700 kr, less the saving
    assert chart.columns[:2] == ("Nämnd", "År")
    for year in (N, N + 1, N + 2):
        assert f">{year}</text>" in chart.svg  # a panel per year
    assert f"{N}: inga" in chart.alt and f"{N + 2}: Utbildningsnämnden -300" in chart.alt
    body = response.content.decode()
    assert body.count('<tr><th scope="row">Utbildningsnämnden</th>') == 3  # the text alternative's rows, one per year


def test_the_pages_are_valid_html(world: World) -> None:
    built = build(world)
    scenario = allocation_scenario_create(actor=None, model=built.model, name="Scenario B")
    controller, reader = world.client("ks_controller"), world.client("auditor")
    bad = {"driver-committee": world.unit("Omsorgsnämnden").pk, "driver-age_from": 9, "driver-age_to": 1, "driver-price_sek": "1"}
    documents = {
        "list": controller.get("/resursfordelning/", headers=SV).content.decode(),
        "model": controller.get(url(built.model), headers=SV).content.decode(),
        "model (reader)": reader.get(url(built.model), headers=SV).content.decode(),
        "editing": controller.get(f"{url(built.model)}?andra=driver-{built.school.pk}", headers=SV).content.decode(),
        "compare": controller.get(f"{url(built.model)}jamfor/{scenario.pk}/", headers=SV).content.decode(),
        "refused": controller.post(url(built.model), {"action": "driver", **bad}, headers=SV).content.decode(),
    }
    errors = vnu_errors(documents)
    assert not errors, "\n".join(errors)
