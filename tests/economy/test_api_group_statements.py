"""The cash-flow statement and the group's statements in the API, and the writes of the data the
group's statements are built from (issue 11 §5; GROUP-001, GROUP-004)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.test import Client

from styr.core.models import AuditEvent
from styr.economy.models import GroupMember, InternalAccount
from tests.api.test_api import bearer, token_for
from tests.conftest import YEAR, World
from tests.economy.group_books import COMPANY, MUNICIPALITY, load_group_books
from tests.economy.test_group_statements import set_up_group


def call(persona: str, method: str, url: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    kwargs: dict[str, Any] = {"headers": bearer(token_for(persona))}
    if body is not None:
        kwargs |= {"data": body, "content_type": "application/json"}
    response = getattr(Client(), method)(url, **kwargs)
    return response.status_code, response.json() if response.content else None


def test_the_cash_flow_and_the_group_statements_are_read_by_auditors_not_by_outsiders(world: World, tmp_path: Path) -> None:
    load_group_books(world, tmp_path)
    set_up_group(world)
    unit = world.unit(MUNICIPALITY).pk
    status, body = call("auditor", "get", f"/api/v1/accounting/cash-flow-statement?org_unit={unit}&year={YEAR}")
    assert status == 200 and body["month"] is None
    lines = {line["key"]: line for line in body["lines"]}
    assert lines["year_cash_flow"]["amount_sek"] == "70000.00" and lines["operating"]["label"] == "Kassaflöde från den löpande verksamheten"
    status, body = call("auditor", "get", f"/api/v1/accounting/cash-flow-statement?org_unit={unit}&year={YEAR}&month=8")
    assert status == 200 and body["month"] == 8
    assert call("outsider", "get", f"/api/v1/accounting/cash-flow-statement?org_unit={unit}&year={YEAR}")[0] == 404
    status, body = call("auditor", "get", f"/api/v1/group/statements?year={YEAR}")
    assert status == 200, body
    assert [c["kind"] for c in body["columns"]] == ["member", "member", "eliminations", "group"] and body["columns"][1]["share_percent"] == "60.00"
    year_result = next(line for line in body["lines"] if line["key"] == "year_result")
    assert year_result["amounts_sek"] == ["140000.00", "54000.00", "0.00", "194000.00"] and body["unbalanced"] == []
    assert call("outsider", "get", f"/api/v1/group/statements?year={YEAR}")[0] == 403  # in no group at all
    assert call("committee_politician", "get", f"/api/v1/group/statements?year={YEAR}")[0] == 404
    status, members = call("auditor", "get", "/api/v1/group/members")
    assert status == 200 and [m["name"] for m in members] == [COMPANY]
    status, accounts = call("auditor", "get", "/api/v1/group/internal-accounts")
    assert status == 200 and len(accounts) == 4


def test_ks_controllers_set_the_ownership_share_and_the_internal_accounts(world: World) -> None:
    company, municipality = world.unit(COMPANY), world.unit(MUNICIPALITY)
    status, body = call("ks_controller", "put", f"/api/v1/group/members/{company.pk}", {"ownership_percent": "91.5"})
    assert status == 200 and body["ownership_percent"] == "91.50" and body["method"] == "proportional"
    assert GroupMember.objects.get(org_unit=company).ownership_percent == 91.5
    assert AuditEvent.objects.filter(action="group_member.set", object_id=str(GroupMember.objects.get().pk)).exists()
    status, body = call("ks_controller", "put", f"/api/v1/group/members/{company.pk}", {"ownership_percent": "120"})
    assert status == 422 and body["code"] == "GROUP-001"
    status, body = call("ks_controller", "put", f"/api/v1/group/members/{municipality.pk}", {"ownership_percent": "50"})
    assert status == 422 and body["code"] == "GROUP-004"
    # permission before the input's rules: the auditor reads, does not write
    status, body = call("auditor", "put", f"/api/v1/group/members/{company.pk}", {"ownership_percent": "120"})
    assert status == 403
    assert call("outsider", "put", f"/api/v1/group/members/{company.pk}", {"ownership_percent": "50"})[0] == 404
    status, body = call("ks_controller", "put", f"/api/v1/group/internal-accounts/{municipality.pk}/4611", {"counterpart": company.pk})
    assert status == 200 and body == {"org_unit": municipality.pk, "version": 2, "account": "4611", "counterpart": company.pk}
    assert InternalAccount.objects.get(org_unit=municipality).account == "4611"
    assert AuditEvent.objects.filter(action="internal_account.set").count() == 1
    assert call("committee_politician", "put", f"/api/v1/group/internal-accounts/{municipality.pk}/4612", {"counterpart": company.pk})[0] in (403, 404)
    assert GroupMember.objects.get(org_unit=company).ownership_percent == 91.5
