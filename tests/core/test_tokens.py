"""Personal API tokens made, listed and revoked (issue 13, §5): the services' rules (TOKEN-003,
TOKEN-005, TOKEN-006), the account page ``/konto/`` and the commands."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from styr.core.models import ApiToken, AuditEvent
from styr.core.services import api_token_create, api_token_revoke
from styr.core.tokens import token_hash
from styr.domain.errors import RuleViolation
from tests.conftest import World
from tests.html_check import vnu_errors

ACCOUNT = "/konto/"


def make(world: World, persona: str, **kwargs: Any) -> tuple[ApiToken, str]:
    return api_token_create(actor=None, user=world.users[persona], **kwargs)


# -- services ------------------------------------------------------------------------------


def test_a_user_makes_their_own_token_audited_and_stored_only_as_a_hash(world: World) -> None:
    user = world.users["unit_manager"]
    expires = timezone.now() + datetime.timedelta(days=10)
    token, raw = api_token_create(actor=user, user=user, name="BI", read_only=True, areas=["followup", "plan"], expires_at=expires)
    token.refresh_from_db()
    assert raw.startswith("styr_") and token.prefix == raw[:12] and token.key_sha256 == token_hash(raw)
    assert raw not in {token.prefix, token.key_sha256, token.password_stamp}
    assert token.read_only and token.areas == ["plan", "followup"] and token.expires_at == expires
    event = AuditEvent.objects.get(action="api_token.created")
    assert event.actor == user and event.after["areas"] == ["plan", "followup"] and event.after["read_only"] is True
    assert raw not in str(event.after)


def test_no_one_makes_a_token_for_another_user_token_005(world: World) -> None:
    with pytest.raises(Exception) as refused:
        api_token_create(actor=world.users["administrator"], user=world.users["unit_manager"], name="x")
    assert getattr(refused.value, "code", None) == "TOKEN-005"
    assert not ApiToken.objects.exists() and not AuditEvent.objects.filter(action="api_token.created").exists()


@pytest.mark.parametrize("days", [-1, 0, 31])
def test_an_expiry_in_the_past_or_beyond_the_limit_is_refused_token_003(world: World, settings: Any, days: int) -> None:
    settings.STYR_API_TOKEN_MAX_DAYS = 30
    user = world.users["unit_manager"]
    expires = timezone.now() + datetime.timedelta(days=days) if days else timezone.now() - datetime.timedelta(seconds=1)
    with pytest.raises(RuleViolation) as refused:
        api_token_create(actor=user, user=user, name="x", expires_at=expires)
    assert refused.value.code == "TOKEN-003" and refused.value.field == "expires_at"
    assert not ApiToken.objects.exists()


def test_an_unknown_area_is_refused_token_006(world: World) -> None:
    user = world.users["unit_manager"]
    with pytest.raises(RuleViolation) as refused:
        api_token_create(actor=user, user=user, name="x", areas=["plan", "weather"])
    assert refused.value.code == "TOKEN-006" and "weather" in refused.value.detail["areas"]
    assert not ApiToken.objects.exists()


def test_the_owner_or_an_administrator_of_the_group_revokes_token_005(world: World) -> None:
    own, _raw = make(world, "unit_manager")
    api_token_revoke(actor=world.users["unit_manager"], token=own)
    other, _raw = make(world, "unit_manager")
    api_token_revoke(actor=world.users["administrator"], token=other)
    assert ApiToken.objects.filter(revoked_at__isnull=False).count() == 2
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 2


@pytest.mark.parametrize("persona", ["ks_controller", "outsider", "other_committee_politician"])
def test_no_one_else_revokes_a_token_token_005(world: World, persona: str) -> None:
    token, _raw = make(world, "unit_manager")
    with pytest.raises(Exception) as refused:
        api_token_revoke(actor=world.users[persona], token=token)
    assert getattr(refused.value, "code", None) == "TOKEN-005"
    token.refresh_from_db()
    assert token.revoked_at is None and not AuditEvent.objects.filter(action="api_token.revoked").exists()


# -- the account page ----------------------------------------------------------------------


def test_the_account_page_needs_a_login(world: World) -> None:
    response = Client().get(ACCOUNT)
    assert response.status_code == 302 and "logga-in" in response["Location"]


def test_the_header_links_to_my_account(world: World) -> None:
    assert f'href="{reverse("account")}"' in world.client("unit_manager").get(ACCOUNT).content.decode()


def test_the_account_page_lists_only_the_users_own_tokens(world: World) -> None:
    make(world, "unit_manager", name="Min BI-nyckel", read_only=True, areas=["followup"])
    make(world, "ks_controller", name="Controllerns nyckel")
    page = world.client("unit_manager").get(ACCOUNT, headers={"Accept-Language": "sv"}).content.decode()
    assert "Min BI-nyckel" in page and "Controllerns nyckel" not in page
    assert "Endast läsa" in page and "Uppföljning" in page and "Aktiv" in page and "Aldrig" in page


def test_a_token_made_on_the_page_is_shown_once_and_never_again(world: World) -> None:
    client = world.client("unit_manager")
    expires = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    made = client.post(ACCOUNT, {"name": "Power BI", "read_only": "on", "areas": ["plan", "followup"], "expires_at": expires})
    assert made.status_code == 302 and made["Location"] == ACCOUNT  # a reload of the page makes no second token
    response = client.get(ACCOUNT)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=world.users["unit_manager"])
    page = response.content.decode()
    raw = page.split('id="new-token-key" type="text" readonly value="', 1)[1].split('"', 1)[0]
    assert token.key_sha256 == token_hash(raw) and token.read_only and token.areas == ["plan", "followup"]
    assert timezone.localtime(token.expires_at).date().isoformat() == expires
    assert AuditEvent.objects.get(action="api_token.created").actor == world.users["unit_manager"]
    again = client.get(ACCOUNT).content.decode()
    assert raw not in again and token.prefix in again
    # the new key works
    assert Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/goals").status_code == 200


def test_a_refused_token_form_names_the_field_and_writes_nothing(world: World, settings: Any) -> None:
    settings.STYR_API_TOKEN_MAX_DAYS = 30
    client = world.client("unit_manager")
    too_late = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    response = client.post(ACCOUNT, {"name": "x", "expires_at": too_late}, headers={"Accept-Language": "sv"})
    assert response.status_code == 422 and "TOKEN-003" in response.content.decode()
    assert client.post(ACCOUNT, {"name": "", "expires_at": too_late}).status_code == 422
    assert not ApiToken.objects.exists() and not AuditEvent.objects.filter(action="api_token.created").exists()


def test_revoking_on_the_page_ends_the_token_and_is_audited(world: World) -> None:
    token, raw = make(world, "unit_manager", name="Gammal")
    client = world.client("unit_manager")
    response = client.post(reverse("account_token_revoke", args=[token.pk]))
    assert response.status_code == 302 and response["Location"] == ACCOUNT
    token.refresh_from_db()
    assert token.revoked_at is not None
    event = AuditEvent.objects.get(action="api_token.revoked")
    assert event.actor == world.users["unit_manager"] and event.object_id == str(token.pk)
    assert Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/goals").status_code == 401
    assert "Återkallad" in client.get(ACCOUNT, headers={"Accept-Language": "sv"}).content.decode()


def test_another_users_token_cannot_be_revoked_on_the_page(world: World) -> None:
    token, _raw = make(world, "ks_controller")
    for persona in ("unit_manager", "administrator"):
        assert world.client(persona).post(reverse("account_token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None and not AuditEvent.objects.filter(action="api_token.revoked").exists()


def test_revoking_takes_a_post(world: World) -> None:
    token, _raw = make(world, "unit_manager")
    assert world.client("unit_manager").get(reverse("account_token_revoke", args=[token.pk])).status_code == 405


def test_the_account_page_is_valid_html(world: World) -> None:
    make(world, "unit_manager", name="Läsnyckel", read_only=True, areas=["plan"])
    revoked, _raw = make(world, "unit_manager", name="Återkallad")
    api_token_revoke(actor=None, token=revoked)
    client = world.client("unit_manager")
    listed = client.get(ACCOUNT).content.decode()
    created = client.post(ACCOUNT, {"name": "Ny", "expires_at": (timezone.localdate() + datetime.timedelta(days=5)).isoformat()}, follow=True).content.decode()
    assert 'id="new-token-key"' in created
    refused = client.post(ACCOUNT, {"name": "", "expires_at": "2000-01-01"}).content.decode()
    assert vnu_errors({"account": listed, "account-created": created, "account-refused": refused}) == []


# -- commands ------------------------------------------------------------------------------


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_api_token_takes_read_only_areas_and_expiry(world: World) -> None:
    raw = run("create_api_token", "unit_manager", "--name", "BI", "--read-only", "--area", "plan", "--area", "followup", "--expires-days", "10").strip()
    token = ApiToken.objects.get(key_sha256=token_hash(raw))
    assert token.read_only and token.areas == ["plan", "followup"] and token.name == "BI"
    assert timezone.localtime(token.expires_at).date() == timezone.localdate() + datetime.timedelta(days=10)


def test_create_api_token_refuses_too_long_a_life_in_swedish(world: World, settings: Any) -> None:
    settings.STYR_API_TOKEN_MAX_DAYS = 30
    with pytest.raises(CommandError, match="TOKEN-003"):
        run("create_api_token", "unit_manager", "--expires-days", "31")
    assert not ApiToken.objects.exists()


def test_list_api_tokens_lists_every_token_or_one_users_never_the_key(world: World) -> None:
    mine, raw = make(world, "unit_manager", name="BI", read_only=True, areas=["plan"])
    theirs, _raw = make(world, "ks_controller", name="Rapporter")
    listed = run("list_api_tokens")
    assert mine.prefix in listed and theirs.prefix in listed and raw not in listed and mine.key_sha256 not in listed
    assert "läsa; plan" in listed and "aldrig" in listed
    only = run("list_api_tokens", "--user", "unit_manager")
    assert mine.prefix in only and theirs.prefix not in only
    with pytest.raises(CommandError, match="ingen"):
        run("list_api_tokens", "--user", "ingen")


def test_revoke_api_token_revokes_by_prefix_audited(world: World) -> None:
    token, _raw = make(world, "unit_manager")
    assert token.prefix in run("revoke_api_token", token.prefix)
    token.refresh_from_db()
    assert token.revoked_at is not None and AuditEvent.objects.get(action="api_token.revoked").actor is None
    with pytest.raises(CommandError, match=f"“{token.prefix}” är redan återkallad"):
        run("revoke_api_token", token.prefix)


def test_revoke_api_token_names_an_unknown_prefix_in_swedish(world: World) -> None:
    with pytest.raises(CommandError, match="Ingen API-nyckel börjar med “styr_okand”"):
        run("revoke_api_token", "styr_okand")
