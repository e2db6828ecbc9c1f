"""The frames API (issue 10 §5): frames per year, a committee's history, proposals (controllers,
before adoption), KS's adjustments (politicians on KS); each tried by someone allowed, someone out
of scope and the outsider, refusals with their rule ids."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.test import Client

from styr.core.models import AuditEvent
from styr.economy.models import FrameAdjustment, OperatingFrame
from tests.api.test_api import bearer, token_for
from tests.conftest import YEAR, World
from tests.economy.test_frames_decided import adopt_goals_and_budget


def call(persona: str, method: str, url: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    client = Client()
    kwargs: dict[str, Any] = {"headers": bearer(token_for(persona))}
    if body is not None:
        kwargs |= {"data": body, "content_type": "application/json"}
    response = getattr(client, method)(url, **kwargs)
    return response.status_code, response.json() if response.content else None


def proposal(world: World, persona: str = "ks_controller", amount: str = "512300", investment: str | None = "40000") -> tuple[int, Any]:
    body = {"org_unit": world.unit("Utbildningsnämnden").pk, "year": YEAR, "amount_tsek": amount, "investment_tsek": investment}
    return call(persona, "post", "/api/v1/frames", body)


def adjustment_body(world: World, **given: Any) -> dict[str, Any]:
    return {
        "org_unit": world.unit("Utbildningsnämnden").pk,
        "year": YEAR,
        "decided_on": f"{YEAR}-02-24",
        "paragraph": "§ 31",
        "registration_number": f"KS {YEAR}/44",
        "reason": "Fler elever än i prognosen.",
        "operating_tsek": "2400",
    } | given


def test_a_controller_prepares_a_proposal_and_then_changes_it(world: World) -> None:
    status, body = proposal(world)
    assert status == 201, body
    assert body["state"] == "proposal" and Decimal(body["amount_tsek"]) == Decimal("512300") and Decimal(body["investment_tsek"]) == Decimal(40000)
    unit = world.unit("Utbildningsnämnden").pk
    status, body = call("ks_controller", "put", f"/api/v1/frames/{unit}/{YEAR}/proposal", {"amount_tsek": "515000"})
    assert status == 200 and Decimal(body["amount_tsek"]) == Decimal(515000) and Decimal(body["investment_tsek"]) == Decimal(40000)
    assert AuditEvent.objects.filter(action="operating_frame.set").count() == 2


def test_a_proposal_is_refused_out_of_scope_for_the_outsider_and_after_adoption(world: World) -> None:
    status, body = proposal(world, "committee_politician")
    assert status == 403 and body["code"] == "PERM-001"
    status, body = proposal(world, "outsider")
    assert status == 404 and body["code"] == "NOT-FOUND"
    assert not OperatingFrame.objects.exists()
    status, body = proposal(world, investment="-1")
    assert status == 422 and body["code"] == "FRAME-006"
    proposal(world)
    adopt_goals_and_budget(world)
    status, body = proposal(world, amount="200")
    assert status == 409 and body["code"] == "FRAME-001" and body["detail"]["committee"] == "Utbildningsnämnden"
    assert OperatingFrame.objects.get().amount_tsek == Decimal("512300")


def test_a_ks_politician_records_an_adjustment_and_the_history_shows_it(world: World) -> None:
    proposal(world)
    adopt_goals_and_budget(world)
    status, body = call("ks_politician", "post", "/api/v1/frame-adjustments", adjustment_body(world))
    assert status == 201, body
    assert body["decision"]["paragraph"] == "§ 31" and body["decision"]["body_id"] == world.unit("Kommunstyrelsen").pk and body["counts"] is True
    assert AuditEvent.objects.filter(action="frame.adjusted").count() == 1
    unit = world.unit("Utbildningsnämnden").pk
    for reader in ("auditor", "committee_politician", "ks_politician"):
        status, history = call(reader, "get", f"/api/v1/frames/{unit}/{YEAR}")
        assert status == 200, reader
        frame = history["frame"]
        assert frame["state"] == "adopted" and Decimal(frame["adopted_tsek"]) == Decimal("512300") and Decimal(frame["amount_tsek"]) == Decimal("514700")
        assert frame["adjustment_count"] == 1 and frame["decision"]["paragraph"] == "§ 62"
        assert [a["reason"] for a in history["adjustments"]] == ["Fler elever än i prognosen."]
    status, listed = call("auditor", "get", f"/api/v1/frame-adjustments?year={YEAR}")
    assert status == 200 and len(listed) == 1 and listed[0]["org_unit_id"] == unit
    status, frames = call("ks_controller", "get", f"/api/v1/frames?year={YEAR}")
    assert status == 200 and [f["org_unit"] for f in frames] == ["Utbildningsnämnden"]


def test_an_adjustment_is_refused_out_of_scope_for_the_outsider_and_by_its_rules(world: World) -> None:
    proposal(world)
    status, body = call("ks_politician", "post", "/api/v1/frame-adjustments", adjustment_body(world))
    assert status == 409 and body["code"] == "FRAME-002"
    adopt_goals_and_budget(world)
    for persona in ("council_chair", "ks_controller", "committee_politician"):  # the council's politician is not KS
        status, body = call(persona, "post", "/api/v1/frame-adjustments", adjustment_body(world))
        assert status == 403 and body["code"] == "PERM-001", persona
    status, body = call("outsider", "post", "/api/v1/frame-adjustments", adjustment_body(world))
    assert status == 404
    for given, code in (
        ({"reason": " "}, "FRAME-003"),
        ({"decided_on": f"{YEAR + 1}-01-02"}, "FRAME-004"),
        ({"operating_tsek": "0"}, "FRAME-005"),
        ({"operating_tsek": "2400.05"}, "FRAME-007"),
    ):
        status, body = call("ks_politician", "post", "/api/v1/frame-adjustments", adjustment_body(world, **given))
        assert status == 422 and body["code"] == code, given
    assert not FrameAdjustment.objects.exists()


def test_frame_007_an_amount_with_more_than_one_decimal_is_refused_with_its_rule_and_nothing_is_written(world: World) -> None:
    status, body = proposal(world, amount="512300.25")
    assert status == 422 and body["code"] == "FRAME-007" and body["detail"]["field"] == "amount_tsek", body
    status, body = proposal(world, investment="40000.01")
    assert status == 422 and body["code"] == "FRAME-007" and body["detail"]["field"] == "investment_tsek", body
    assert not OperatingFrame.objects.exists()
    proposal(world)
    unit = world.unit("Utbildningsnämnden").pk
    status, body = call("ks_controller", "put", f"/api/v1/frames/{unit}/{YEAR}/proposal", {"amount_tsek": "515000.123"})
    assert status == 422 and body["code"] == "FRAME-007"
    assert OperatingFrame.objects.get().amount_tsek == Decimal("512300")


def test_reads_are_scoped(world: World) -> None:
    proposal(world)
    unit = world.unit("Utbildningsnämnden").pk
    status, _body = call("other_committee_politician", "get", f"/api/v1/frames/{unit}/{YEAR}")
    assert status == 404
    status, frames = call("other_committee_politician", "get", f"/api/v1/frames?year={YEAR}")
    assert status == 200 and frames == []
    status, body = call("outsider", "get", f"/api/v1/frames?year={YEAR}")
    assert status == 403 and body["code"] == "PERM-001"
    status, body = call("outsider", "get", f"/api/v1/frames/{unit}/{YEAR}")
    assert status == 404
    assert call("outsider", "get", f"/api/v1/frame-adjustments?year={YEAR}")[0] == 403
