"""The carry-over API (issue 11 §2, §7): list and read, compute (controllers), decide (politicians on
the council); each tried by someone allowed, someone out of scope and the outsider, the refusal of
permission before the rule's, and the decided amount in next year's frame in /frames."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from styr.core.models import AuditEvent
from styr.economy.models import CarryOver, CarryOverState
from styr.economy.services import frame_set
from tests.conftest import YEAR, World
from tests.economy.carry_over_setup import LAST, year_end
from tests.economy.test_api_frames import call


def decision(**extra: Any) -> dict[str, Any]:
    return {"year": LAST, "decided_on": f"{YEAR}-04-20", "paragraph": "§ 31", "registration_number": f"KS {YEAR}/44", **extra}


def test_a_controller_computes_and_everyone_in_scope_reads(world: World) -> None:
    year_end(world)
    for persona in ("outsider", "committee_politician", "council_chair", "auditor"):
        status, body = call(persona, "post", "/api/v1/carry-overs/compute", {"year": LAST})
        assert (status, body["code"]) == (403, "PERM-001"), persona
    status, body = call("ks_controller", "post", "/api/v1/carry-overs/compute", {"year": LAST})
    assert status == 200 and {(c["org_unit"], c["result_tsek"], c["proposed_tsek"], c["state"]) for c in body} == {
        ("Utbildningsnämnden", "100.00", "42.00", "proposed"),
        ("Omsorgsnämnden", "-100.12", "-100.12", "proposed"),
    }
    assert AuditEvent.objects.filter(action="carry_over.computed").count() == 2
    status, listed = call("auditor", "get", f"/api/v1/carry-overs?year={LAST}")
    assert status == 200 and len(listed) == 2 and listed[0]["into_year"] == YEAR
    status, own = call("committee_politician", "get", "/api/v1/carry-overs")
    assert status == 200 and [c["org_unit"] for c in own] == ["Utbildningsnämnden"]
    other = CarryOver.objects.get(org_unit__name="Omsorgsnämnden").pk
    assert call("committee_politician", "get", f"/api/v1/carry-overs/{other}")[0] == 404
    assert call("auditor", "get", f"/api/v1/carry-overs/{other}")[1]["proposed_tsek"] == "-100.12"
    status, body = call("ks_controller", "post", "/api/v1/carry-overs/compute", {"year": YEAR + 1})
    assert (status, body["code"]) == (422, "CARRY-002")


def test_the_council_decides_and_the_amount_is_in_next_years_frame(world: World) -> None:
    year_end(world)
    call("ks_controller", "post", "/api/v1/carry-overs/compute", {"year": LAST})
    frame_set(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal("1500.0"))
    un = CarryOver.objects.get(org_unit__name="Utbildningsnämnden").pk
    changed = decision(amounts=[{"id": un, "decided_tsek": "30", "comment": ""}])
    # permission is refused before the rule (CARRY-004: another amount without its reason)
    for persona in ("ks_politician", "ks_controller", "outsider"):
        status, body = call(persona, "post", "/api/v1/carry-overs/decide", changed)
        assert (status, body["code"]) == (403, "PERM-001"), persona
    status, body = call("council_chair", "post", "/api/v1/carry-overs/decide", changed)
    assert (status, body["code"]) == (422, "CARRY-004")
    changed["amounts"][0]["comment"] = "Vakanser under hösten."
    status, body = call("council_chair", "post", "/api/v1/carry-overs/decide", changed)
    assert status == 200 and {c["org_unit"]: c["decided_tsek"] for c in body} == {"Utbildningsnämnden": "30.00", "Omsorgsnämnden": "-100.12"}
    assert body[0]["decision"]["paragraph"] == "§ 31" and body[0]["state"] == "decided"
    assert AuditEvent.objects.filter(action="carry_over.decided").count() == 2
    status, body = call("council_chair", "post", "/api/v1/carry-overs/decide", changed)
    assert (status, body["code"]) == (409, "CARRY-003")
    assert CarryOver.objects.get(pk=un).state == CarryOverState.DECIDED
    status, frames = call("ks_controller", "get", f"/api/v1/frames?year={YEAR}")
    assert status == 200 and (frames[0]["carry_over_tsek"], frames[0]["in_force_tsek"]) == ("30.00", "1530.00")
