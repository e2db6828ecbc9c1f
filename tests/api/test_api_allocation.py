"""The resource allocation API under /api/v1/allocation/: every endpoint tried by someone allowed
(KS's controller), someone out of scope (a committee politician: reads, may not write) and the
outsider (sees nothing); refusals in the one error shape, nothing written."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from styr.core.models import AuditEvent
from styr.economy.models import AllocationCountOverride, AllocationDriver, AllocationFixedAmount, AllocationModel, OperatingFrame, PoliticalAdjustment
from styr.economy.services import allocation_scenario_create
from tests.api.test_api import bearer, token_for
from tests.conftest import World
from tests.economy.allocation_setup import Built, N, build

API = "/api/v1/allocation"


def call(persona: str, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    client = Client()
    kwargs: dict[str, Any] = {"headers": bearer(token_for(persona))}
    if body is not None:
        kwargs |= {"data": json.dumps(body), "content_type": "application/json"}
    response = getattr(client, method)(f"{API}{path}", **kwargs)
    return response.status_code, (response.json() if response.content else None)


def changes() -> int:
    """Audit events of the allocation (signing in with a new token is audited too, and left out)."""
    return AuditEvent.objects.exclude(action__startswith="api_token").count()


def writes(world: World, built: Built) -> list[tuple[str, str, dict[str, Any] | None]]:
    """Every write endpoint with a valid body."""
    m, d = built.model.pk, built.school.pk
    un = world.unit("Utbildningsnämnden").pk
    fixed = AllocationFixedAmount.objects.get().pk
    adjustment = PoliticalAdjustment.objects.get().pk
    return [
        ("post", "/models", {"name": "Ny", "budget_year": N}),
        ("patch", f"/models/{m}", {"price_index_n1": "2.5"}),
        ("post", f"/models/{m}/scenarios", {"name": "S"}),
        ("post", f"/models/{m}/drivers", {"committee": un, "name": "Förskola", "age_from": 1, "age_to": 5, "price_sek": "150000"}),
        ("patch", f"/drivers/{d}", {"price_sek": "110000"}),
        ("put", f"/drivers/{d}/counts/{N}", {"count": 5, "reason": "Ny skola"}),
        ("post", f"/models/{m}/fixed-amounts", {"committee": un, "reason": "Skolskjuts", "amount_sek": "1000"}),
        ("patch", f"/fixed-amounts/{fixed}", {"amount_sek": "6000000"}),
        ("post", f"/models/{m}/adjustments", {"committee": un, "year_offset": 1, "amount_sek": "-500000", "reason": "Effektivisering"}),
        ("patch", f"/adjustments/{adjustment}", {"reason": "Läsning"}),
        ("post", f"/models/{m}/frame-proposals", None),
        ("delete", f"/drivers/{built.elderly.pk}", None),
        ("delete", f"/fixed-amounts/{fixed}", None),
        ("delete", f"/adjustments/{adjustment}", None),
    ]


def test_a_controller_uses_every_write_and_each_is_audited(world: World) -> None:
    built = build(world)
    for method, path, body in writes(world, built):
        status, answer = call("ks_controller", method, path, body)
        assert status in {200, 201, 204}, (method, path, status, answer)
    assert AllocationModel.objects.filter(name="S", based_on=built.model).exists()
    assert AllocationDriver.objects.get(pk=built.school.pk).price_sek == Decimal(110000)
    assert OperatingFrame.objects.get(org_unit=world.unit("Utbildningsnämnden"), year=N).amount_tsek > 0
    assert AuditEvent.objects.filter(actor=world.users["ks_controller"], action__startswith="allocation").count() >= 8
    status, _ = call("ks_controller", "delete", f"/drivers/{built.school.pk}/counts/{N}")
    assert status == 204 and not AllocationCountOverride.objects.exists()


def test_reads_give_the_model_the_result_and_the_comparison(world: World) -> None:
    built = build(world)
    scenario = allocation_scenario_create(actor=None, model=built.model, name="B")
    for persona in ("ks_controller", "committee_politician", "auditor"):
        status, listing = call(persona, "get", f"/models?year={N}")
        assert status == 200 and {m["name"] for m in listing} == {"Resursfördelning", "B"}
        status, model = call(persona, "get", f"/models/{built.model.pk}")
        assert status == 200 and model["years"] == [N, N + 1, N + 2] and len(model["drivers"]) == 2 and model["adjustments"][0]["year"] == N
        status, result = call(persona, "get", f"/models/{built.model.pk}/result")
        assert status == 200
        un = next(c for c in result["committees"] if c["name"] == "Utbildningsnämnden")
        assert un["years"][0]["total_sek"] == "11270000.00" and un["years"][0]["total_tsek"] == "11270.0"
        step = next(s for s in un["years"][0]["steps"] if s["kind"] == "driver")
        assert (step["count"], step["indexed_price_sek"], step["amount_sek"]) == (100, "102700.00", "10270000.00")
        status, differences = call(persona, "get", f"/models/{built.model.pk}/compare/{scenario.pk}")
        assert status == 200 and all(Decimal(d["difference_sek"]) == 0 for d in differences) and len(differences) == 3 * 6


@pytest.mark.parametrize("persona", ["committee_politician", "auditor", "unit_manager"])
def test_someone_out_of_scope_reads_but_may_not_write(world: World, persona: str) -> None:
    built = build(world)
    before = changes()
    for method, path, body in writes(world, built):
        status, answer = call(persona, method, path, body)
        assert status == 403 and answer["code"] == "PERM-001", (method, path, status, answer)
    assert changes() == before and not OperatingFrame.objects.exists()


def test_the_outsider_sees_nothing(world: World) -> None:
    built = build(world)
    status, answer = call("outsider", "get", "/models")
    assert status == 403 and answer["code"] == "PERM-001"
    for path in (f"/models/{built.model.pk}", f"/models/{built.model.pk}/result", f"/models/{built.model.pk}/compare/{built.model.pk}"):
        status, answer = call("outsider", "get", path)
        assert status == 404 and answer["code"] == "NOT-FOUND"
    before = changes()
    for method, path, body in writes(world, built):
        status, answer = call("outsider", method, path, body)
        assert status in {403, 404}, (method, path, status)
    assert changes() == before


@pytest.mark.parametrize(
    ("path", "body", "rule"),
    [
        ("drivers", {"age_from": 16, "age_to": 6, "price_sek": "1"}, "ALLOC-001"),
        ("drivers", {"age_from": 1, "age_to": 6, "price_sek": "-1"}, "ALLOC-002"),
        ("adjustments", {"year_offset": 0, "amount_sek": "1", "reason": " "}, "ALLOC-003"),
        ("adjustments", {"year_offset": 3, "amount_sek": "1", "reason": "x"}, "ALLOC-007"),
        ("fixed-amounts", {"reason": "Tre decimaler", "amount_sek": "1.005"}, "ALLOC-008"),
        ("fixed-amounts", {"reason": "Tre decimaler", "amount_sek": 1.005}, "ALLOC-008"),
        ("fixed-amounts", {"reason": "Inget tal", "amount_sek": "NaN"}, "ALLOC-008"),
        ("fixed-amounts", {"reason": "Oändligt", "amount_sek": "Infinity"}, "ALLOC-008"),
        ("adjustments", {"year_offset": 0, "amount_sek": "-Infinity", "reason": "Oändligt"}, "ALLOC-008"),
        ("adjustments", {"year_offset": 0, "amount_sek": "1000000000000", "reason": "För stort"}, "ALLOC-008"),
        ("adjustments", {"year_offset": 0, "amount_sek": "-1e30", "reason": "För stort"}, "ALLOC-008"),
        ("drivers", {"age_from": 1, "age_to": 6, "price_sek": "1.005"}, "ALLOC-002"),
        ("drivers", {"age_from": 1, "age_to": 6, "price_sek": "1", "area": "y" * 201}, "TEXT-001"),
        ("fixed-amounts", {"reason": "x" * 301, "amount_sek": "1"}, "INPUT-001"),
    ],
)
def test_a_refused_parameter_answers_422_with_the_rule_and_writes_nothing(world: World, path: str, body: dict[str, Any], rule: str) -> None:
    built = build(world)
    before = changes()
    extra = {"name": "Fel"} if path == "drivers" else {}
    status, answer = call("ks_controller", "post", f"/models/{built.model.pk}/{path}", {"committee": world.unit("Utbildningsnämnden").pk, **extra, **body})
    assert status == 422 and answer["code"] == rule and answer["message"]
    assert changes() == before and AllocationFixedAmount.objects.count() == PoliticalAdjustment.objects.count() == 1
    assert AllocationDriver.objects.count() == 2
    if rule == "ALLOC-008":
        assert answer["detail"]["field"] == "amount_sek" and answer["message"].startswith(answer["detail"]["amount"])
    if rule in {"TEXT-001", "INPUT-001"}:  # the field is named: the area by the rule, a reason by the request's own bound
        assert answer["detail"].get("field") == "area" or answer["detail"].get("fields") == ["reason"]


@pytest.mark.parametrize("amount", ["0.001", "NaN", "1e12"])
def test_alloc_008_a_changed_amount_is_refused_in_the_api_and_nothing_is_written(world: World, amount: str) -> None:
    built = build(world)
    before = changes()
    for path in (f"/fixed-amounts/{AllocationFixedAmount.objects.get().pk}", f"/adjustments/{PoliticalAdjustment.objects.get().pk}"):
        status, answer = call("ks_controller", "patch", path, {"amount_sek": amount})
        assert status == 422 and answer["code"] == "ALLOC-008", answer
    assert changes() == before and AllocationFixedAmount.objects.get().amount_sek == Decimal(5000000)
    assert PoliticalAdjustment.objects.get(model=built.model).amount_sek == Decimal(1000000)


def test_alloc_004_and_005_in_the_api(world: World) -> None:
    built = build(world)
    status, other = call("ks_controller", "post", "/models", {"name": "Nästa", "budget_year": N + 1})
    assert status == 201
    status, answer = call("ks_controller", "get", f"/models/{built.model.pk}/compare/{other['id']}")
    assert status == 422 and answer["code"] == "ALLOC-005"
    status, _ = call(
        "ks_controller",
        "post",
        f"/models/{built.model.pk}/drivers",
        {"committee": world.unit("Omsorgsnämnden").pk, "name": "Moheda", "age_from": 0, "age_to": 5, "area": "Moheda", "price_sek": "1"},
    )
    status, answer = call("ks_controller", "get", f"/models/{built.model.pk}/result")
    assert status == 422 and answer["code"] == "ALLOC-004"
    status, answer = call("ks_controller", "post", f"/models/{built.model.pk}/frame-proposals")
    assert status == 422 and answer["code"] == "ALLOC-004" and not OperatingFrame.objects.exists()


def test_alloc_013_a_model_with_a_scenario_is_not_removed(world: World) -> None:
    built = build(world)
    allocation_scenario_create(actor=None, model=built.model, name="B")
    status, answer = call("ks_controller", "delete", f"/models/{built.model.pk}")
    assert status == 422 and answer["code"] == "ALLOC-013"
    scenario = AllocationModel.objects.get(name="B")
    assert call("ks_controller", "delete", f"/models/{scenario.pk}")[0] == 204
