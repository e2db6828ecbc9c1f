"""The API of the internal control plans (issue 12 §2): plans, their controls and KS's common
controls; each write tried by someone allowed, someone out of scope and the outsider, with the
error shape and the rule ids."""

from __future__ import annotations

from typing import Any

from styr.control.models import CommonControl, Control, InternalControlPlan
from styr.core.models import AuditEvent
from tests.conftest import YEAR, World
from tests.control.plans_setup import common, risks
from tests.economy.test_api_frames import call

DECISION = {"decided_on": f"{YEAR - 1}-11-20", "paragraph": "§ 88", "registration_number": "UN 2025/12"}


def control_body(plan: int, **extra: Any) -> dict[str, Any]:
    return {"plan": plan, "title": "Avtalstrohet", "method": "sample", "sample_size": 25, "frequency": "twice", "report_months": [6, 12], **extra}


def test_a_plan_is_made_changed_proposed_and_adopted_through_the_api(world: World) -> None:
    risks(world)
    un = world.unit("Utbildningsnämnden").pk
    for persona in ("outsider", "auditor"):
        status, body = call(persona, "post", "/api/v1/control/plans", {"org_unit": un, "year": YEAR})
        assert status in (403, 404) and set(body) == {"code", "message", "detail"}, persona
    status, plan = call("administration_official", "post", "/api/v1/control/plans", {"org_unit": un, "year": YEAR})
    assert status == 201 and plan["state"] == "draft" and len(plan["controls"]) == 2 and plan["control_count"] == 2
    status, body = call("administration_official", "post", "/api/v1/control/plans", {"org_unit": un, "year": YEAR})
    assert (status, body["code"]) == (409, "IC-020")
    status, body = call("administration_official", "post", "/api/v1/control/controls", control_body(plan["id"], sample_size=None))
    assert (status, body["code"], body["detail"]["field"]) == (422, "IC-024", "sample_size")
    status, body = call("administration_official", "post", "/api/v1/control/controls", control_body(plan["id"], report_months=[6]))
    assert (status, body["code"]) == (422, "IC-026")
    status, control = call("administration_official", "post", "/api/v1/control/controls", control_body(plan["id"]))
    assert status == 201 and control["sample_size"] == 25
    status, changed = call("administration_official", "patch", f"/api/v1/control/controls/{control['id']}", {"responsible": "Inköpschef"})
    assert status == 200 and changed["responsible"] == "Inköpschef"
    assert call("other_committee_politician", "patch", f"/api/v1/control/controls/{control['id']}", {"responsible": "x"})[0] == 404
    status, _ = call("administration_official", "delete", f"/api/v1/control/controls/{control['id']}")
    assert status == 204 and not Control.objects.filter(pk=control["id"]).exists()
    assert call("administration_official", "post", f"/api/v1/control/plans/{plan['id']}/propose")[1]["state"] == "proposed"
    for persona in ("administration_official", "ks_politician", "council_chair"):
        status, body = call(persona, "post", f"/api/v1/control/plans/{plan['id']}/adopt", DECISION)
        assert (status, body["code"]) == (403, "PERM-001"), persona
    status, adopted = call("committee_politician", "post", f"/api/v1/control/plans/{plan['id']}/adopt", DECISION)
    assert status == 200 and adopted["state"] == "adopted" and adopted["decision"]["paragraph"] == "§ 88"
    assert len(adopted["snapshot_sha256"]) == 64 and len(adopted["snapshot"]["controls"]) == 2
    first = adopted["controls"][0]["id"]
    status, body = call("administration_official", "patch", f"/api/v1/control/controls/{first}", {"responsible": "x"})
    assert (status, body["code"]) == (409, "IC-021")
    assert AuditEvent.objects.filter(action="control_plan.adopted").count() == 1
    status, listed = call("auditor", "get", f"/api/v1/control/plans?year={YEAR}")
    assert status == 200 and [p["org_unit"] for p in listed] == ["Utbildningsnämnden"]
    assert call("other_committee_politician", "get", f"/api/v1/control/plans/{plan['id']}")[0] == 404
    assert call("other_committee_politician", "get", "/api/v1/control/plans")[1] == []


def test_common_controls_through_the_api(world: World) -> None:
    on_plan = InternalControlPlan.objects.create(group=world.group, org_unit=world.unit("Omsorgsnämnden"), year=YEAR)
    body = {"year": YEAR, "title": "Dataskydd", "applies_to": "all", "method": "review", "report_months": [10]}
    status, refused = call("administration_official", "post", "/api/v1/control/common-controls", body)
    assert (status, refused["code"]) == (403, "PERM-001")
    status, made = call("ks_controller", "post", "/api/v1/control/common-controls", body)
    assert status == 201 and made["adopted"] is False
    status, changed = call("ks_controller", "patch", f"/api/v1/control/common-controls/{made['id']}", {"area": "Informationssäkerhet"})
    assert status == 200 and changed["area"] == "Informationssäkerhet"
    adopt = {"year": YEAR, **DECISION}
    assert call("ks_controller", "post", "/api/v1/control/common-controls/adopt", adopt)[0] == 403
    status, adopted = call("ks_politician", "post", "/api/v1/control/common-controls/adopt", adopt)
    assert status == 200 and adopted[0]["adopted"] is True and adopted[0]["decision"]["paragraph"] == "§ 88"
    assert on_plan.controls.filter(common_control_id=made["id"]).exists()
    status, locked = call("ks_controller", "delete", f"/api/v1/control/common-controls/{made['id']}")
    assert (status, locked["code"]) == (409, "IC-027")
    status, nothing = call("ks_politician", "post", "/api/v1/control/common-controls/adopt", adopt)
    assert (status, nothing["code"]) == (422, "IC-028")
    status, listed = call("committee_politician", "get", f"/api/v1/control/common-controls?year={YEAR}")
    assert status == 200 and [c["title"] for c in listed] == ["Dataskydd"]
    assert call("outsider", "get", "/api/v1/control/common-controls")[0] == 403
    assert CommonControl.objects.count() == 1


def test_a_common_control_cannot_be_removed_from_a_plan_through_the_api(world: World) -> None:
    common(world)
    un = world.unit("Utbildningsnämnden").pk
    plan = call("ks_controller", "post", "/api/v1/control/plans", {"org_unit": un, "year": YEAR})[1]
    carried = plan["controls"][0]
    assert carried["common_control_id"] is not None
    status, body = call("administration_official", "delete", f"/api/v1/control/controls/{carried['id']}")
    assert (status, body["code"]) == (409, "IC-023")
    status, body = call("administration_official", "patch", f"/api/v1/control/controls/{carried['id']}", {"method": "review"})
    assert (status, body["code"]) == (409, "IC-023")
