"""The accounting API: POST /api/v1/accounting/sie-imports and GET /api/v1/accounting/balances."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from styr.core.models import AuditEvent
from styr.economy.models import SieImport
from tests.api.test_api import bearer, token_for
from tests.conftest import World
from tests.economy.test_sie_import import FIXTURE, OWNER, rows

URL = "/api/v1/accounting/sie-imports"


def upload(world: World, persona: str, content: bytes, name: str = "bok.se", unit: str = OWNER) -> tuple[int, dict]:  # type: ignore[type-arg]
    response = Client().post(URL, {"org_unit": world.unit(unit).pk, "file": SimpleUploadedFile(name, content)}, headers=bearer(token_for(persona)))
    return response.status_code, response.json()


def test_a_controller_uploads_a_sie_file_and_gets_the_import(world: World) -> None:
    status, body = upload(world, "ks_controller", FIXTURE.read_bytes(), FIXTURE.name)
    assert status == 201, body
    assert body["id"] == SieImport.objects.get().pk and body["unchanged"] is False and body["file_name"] == FIXTURE.name
    assert body["counts"]["TRANS"] == 6 and body["counts"]["VER"] == 3
    assert body["fiscal_years"][0] == {"year": 0, "start": "2024-01-01", "end": "2024-12-31"}
    assert body["warnings"][0]["code"] == "SIE-005" and body["warnings"][0]["line"] == 55 and body["warnings"][0]["message"]
    assert AuditEvent.objects.filter(action="sie.imported").count() == 1
    status, again = upload(world, "ks_controller", FIXTURE.read_bytes(), "igen.se")
    assert status == 200 and again["unchanged"] is True and again["id"] == body["id"]


def test_a_refused_file_answers_422_with_every_error_and_writes_nothing(world: World) -> None:
    before = rows()
    content = b'#SIETYP 4\n#RAR 0 20240101 20241231\n#VER A 1 20240110 ""\n{\n#TRANS 1930 {} 50.00\n#TRANS 3010 {} -49.00\n}\n#KONTO x\n'
    status, body = upload(world, "ks_controller", content, "fel.se")
    assert status == 422
    assert body["code"] == "SIE-001" and "fel.se" in body["message"] and body["detail"]["line"] == 3 and body["detail"]["file"] == "fel.se"
    assert [(e["line"], e["code"]) for e in body["detail"]["errors"]] == [(3, "SIE-001"), (8, "SIE-003")]
    assert all(e["message"] for e in body["detail"]["errors"])
    assert rows() == before


def test_only_a_controller_may_upload(world: World) -> None:
    status, body = upload(world, "unit_manager", FIXTURE.read_bytes(), unit="Hagaskolan")
    assert status == 403 and body["code"] == "PERM-001"
    status, body = upload(world, "outsider", FIXTURE.read_bytes())
    assert status == 404 and body["code"] == "NOT-FOUND"
    assert rows()["SieImport"] == 0


def test_the_balances_per_account_month_and_budget(world: World) -> None:
    upload(world, "ks_controller", FIXTURE.read_bytes())
    unit = world.unit(OWNER)
    client = Client()
    response = client.get(f"/api/v1/accounting/balances?org_unit={unit.pk}&year=2024", headers=bearer(token_for("committee_politician")))
    assert response.status_code == 200
    found = {row["account"]: row for row in response.json()}
    assert found["1930"]["opening_sek"] == "10000.00" and found["1930"]["closing_sek"] == "12500.00" and found["1930"]["result_sek"] is None
    assert found["3010"]["months"] == {"202401": "-4000.00"} and found["3010"]["name"] == "Försäljning"
    assert found["5410"]["budget"] == {"202401": "1500.00", "202402": "500.00"}
    assert found["1930"]["objects"] == [{"dimension": "1", "object": "100", "objects": {"1": "100"}, "opening_sek": "5000.00", "closing_sek": "5500.00"}]
    assert found["5410"]["objects"] == []
    one = client.get(f"/api/v1/accounting/balances?org_unit={unit.pk}&year=2024&account=5410", headers=bearer(token_for("ks_controller")))
    assert [row["account"] for row in one.json()] == ["5410"]
    bad = client.get(f"/api/v1/accounting/balances?org_unit={unit.pk}&year=2024&account=x1", headers=bearer(token_for("ks_controller")))
    assert bad.status_code == 422 and bad.json()["code"] == "INPUT-001"
    hidden = client.get(f"/api/v1/accounting/balances?org_unit={unit.pk}&year=2024", headers=bearer(token_for("outsider")))
    assert hidden.status_code == 404
