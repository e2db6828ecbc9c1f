"""The API of KS's oversight (issue 12 §4): GET /api/v1/control/oversight/{year} and
/api/v1/control/evaluations (list, get, create, patch, adopt), with the one error shape."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from styr.control.models import OversightEvaluation
from styr.core.models import AuditEvent
from tests.conftest import World
from tests.control.oversight_setup import YEAR, oversight_world

API = "/api/v1/control"
ADOPT = {"decided_on": f"{YEAR}-12-01", "paragraph": "§ 200", "registration_number": "KS 2026/90"}


def send(client: Client, method: str, url: str, body: dict[str, Any]) -> Any:
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def test_the_overview_as_data_for_who_sees_it(world: World) -> None:
    oversight_world(world)
    data = world.client("ks_controller").get(f"{API}/oversight/{YEAR}?today={YEAR}-12-03").json()
    un = next(b for b in data["bodies"] if b["name"] == "Utbildningsnämnden")
    assert (un["plan_state"], un["controls"], un["reported"], un["deviations"]["high"], len(un["overdue_actions"])) == ("adopted", 3, 2, 1, 1)
    assert data["common_controls"][0]["title"] == "Attest av fakturor"
    mine = world.client("committee_politician").get(f"{API}/oversight/{YEAR}").json()
    assert [b["name"] for b in mine["bodies"]] == ["Utbildningsnämnden"]
    refused = world.client("outsider").get(f"{API}/oversight/{YEAR}")
    assert refused.status_code == 403 and refused.json()["code"] == "PERM-001"


def test_the_evaluation_is_created_patched_adopted_and_then_locked(world: World) -> None:
    oversight_world(world)
    controller, politician = world.client("ks_controller"), world.client("ks_politician")
    created = send(controller, "post", f"{API}/evaluations", {"year": YEAR, "evaluation": "God kontroll."})
    assert created.status_code == 201
    pk = created.json()["id"]
    assert AuditEvent.objects.filter(action="oversight_evaluation.created").count() == 1
    again = send(controller, "post", f"{API}/evaluations", {"year": YEAR})
    assert again.status_code == 409 and again.json()["code"] == "IC-042"
    patched = send(controller, "patch", f"{API}/evaluations/{pk}", {"measures": "Inga åtgärder."})
    assert patched.status_code == 200 and patched.json()["measures"] == "Inga åtgärder." and patched.json()["evaluation"] == "God kontroll."
    assert send(controller, "post", f"{API}/evaluations/{pk}/adopt", ADOPT).status_code == 403
    adopted = send(politician, "post", f"{API}/evaluations/{pk}/adopt", ADOPT)
    assert adopted.status_code == 200
    body = adopted.json()
    stored = OversightEvaluation.objects.get()
    assert body["state"] == "adopted" and body["decision"]["paragraph"] == "§ 200" and body["snapshot_sha256"] == stored.snapshot_sha256
    assert body["snapshot"]["overview"]["year"] == YEAR
    locked = send(controller, "patch", f"{API}/evaluations/{pk}", {"evaluation": "Ändrad"})
    assert locked.status_code == 409 and locked.json()["code"] == "IC-040" and locked.json()["message"]
    assert [e["id"] for e in world.client("auditor").get(f"{API}/evaluations").json()] == [pk]
    assert world.client("auditor").get(f"{API}/evaluations/{pk}").json()["state"] == "adopted"


def test_refusals_and_the_error_shape(world: World) -> None:
    controller = world.client("ks_controller")
    for persona in ("auditor", "committee_politician", "ks_politician", "outsider"):
        refused = send(world.client(persona), "post", f"{API}/evaluations", {"year": YEAR, "evaluation": "x"})
        assert refused.status_code == 403 and refused.json()["code"] == "PERM-001", persona
    assert not OversightEvaluation.objects.exists()
    pk = send(controller, "post", f"{API}/evaluations", {"year": YEAR}).json()["id"]
    empty = send(world.client("ks_politician"), "post", f"{API}/evaluations/{pk}/adopt", ADOPT)
    assert empty.status_code == 422 and empty.json()["code"] == "IC-041"
    unknown = send(controller, "post", f"{API}/evaluations", {"year": YEAR + 1, "colour": "red"})
    assert unknown.status_code == 422 and unknown.json()["code"] == "INPUT-001"
    # a committee's reader does not see KS's evaluation
    assert world.client("committee_politician").get(f"{API}/evaluations").json() == []
    assert world.client("committee_politician").get(f"{API}/evaluations/{pk}").status_code == 404
