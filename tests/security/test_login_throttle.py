"""AUTH-003: repeated failed logins lock the account and the address for a while (django-axes),
the lock-out is audited, and the admin's login is behind the same throttle (issue 14 §4)."""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from styr.core.models import AuditEvent
from tests.conftest import PASSWORD, World

LOGIN = "/konto/logga-in/"
LIMIT = settings.AXES_FAILURE_LIMIT


def fail(client: Client, username: str, times: int, path: str = LOGIN) -> list[int]:
    return [client.post(path, {"username": username, "password": "fel-lösenord"}).status_code for _ in range(times)]


def test_fifty_wrong_passwords_lock_the_account_and_the_right_one_then_fails(world: World) -> None:
    """The tester's finding: 50 wrong passwords were all answered and the right one then worked."""
    client = Client(REMOTE_ADDR="10.0.0.5")
    codes = fail(client, "unit_manager", 50)
    assert codes[: LIMIT - 1] == [200] * (LIMIT - 1)  # the form again, with its error
    assert set(codes[LIMIT - 1 :]) == {429}
    response = client.post(LOGIN, {"username": "unit_manager", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    text = response.content.decode()
    assert "AUTH-003" in text and "För många misslyckade inloggningar" in text and "15 minuter" in text


def test_the_account_is_locked_from_every_address(world: World) -> None:
    fail(Client(REMOTE_ADDR="10.0.0.5"), "unit_manager", LIMIT)
    response = Client(REMOTE_ADDR="10.9.9.9").post(LOGIN, {"username": "unit_manager", "password": PASSWORD})
    assert response.status_code == 429 and "AUTH-003" in response.content.decode()


def test_the_address_is_locked_for_every_account(world: World) -> None:
    client = Client(REMOTE_ADDR="10.0.0.7")
    for number in range(LIMIT):  # one failure each for many names: a password spray
        fail(client, f"gissning{number}", 1)
    response = client.post(LOGIN, {"username": "ks_controller", "password": PASSWORD})
    assert response.status_code == 429
    elsewhere = Client(REMOTE_ADDR="10.0.0.8").post(LOGIN, {"username": "ks_controller", "password": PASSWORD})
    assert elsewhere.status_code == 302  # the account itself is not locked


def test_the_lock_out_is_audited_once_by_the_system(world: World) -> None:
    fail(Client(REMOTE_ADDR="10.0.0.5"), "unit_manager", LIMIT + 3)
    events = AuditEvent.objects.filter(action="auth.locked_out")
    assert events.count() == 1
    event = events.get()
    assert event.actor is None and event.actor_name == "system"
    assert event.object_id == str(world.users["unit_manager"].pk) and event.group == world.group
    assert event.after == {"username": "unit_manager", "ip_address": "10.0.0.5", "failures": LIMIT, "cool_off_minutes": 15, "rule": "AUTH-003"}
    assert str(event.action_label) == "Utelåst efter upprepade misslyckade inloggningar"


def test_an_unknown_name_locked_out_is_audited_without_a_group(world: World) -> None:
    fail(Client(REMOTE_ADDR="10.0.0.5"), "finns-inte", LIMIT)
    event = AuditEvent.objects.get(action="auth.locked_out")
    assert event.group is None and event.object_id == "" and event.after is not None and event.after["username"] == "finns-inte"


def test_after_the_cool_off_the_right_password_works(world: World, time_machine: Any) -> None:
    time_machine.move_to("2026-03-02 08:00 +01:00", tick=False)
    client = Client(REMOTE_ADDR="10.0.0.5")
    fail(client, "unit_manager", LIMIT)
    assert client.post(LOGIN, {"username": "unit_manager", "password": PASSWORD}).status_code == 429
    time_machine.move_to("2026-03-02 08:16 +01:00", tick=False)
    assert client.post(LOGIN, {"username": "unit_manager", "password": PASSWORD}).status_code == 302


def test_a_success_clears_the_accounts_count(world: World) -> None:
    client = Client(REMOTE_ADDR="10.0.0.5")
    fail(client, "unit_manager", LIMIT - 1)
    assert client.post(LOGIN, {"username": "unit_manager", "password": PASSWORD}).status_code == 302
    assert not AccessAttempt.objects.filter(username="unit_manager").exists()


def test_the_admin_login_is_behind_the_same_throttle(world: World) -> None:
    world.users["ks_controller"].is_staff = True
    world.users["ks_controller"].save()
    client = Client(REMOTE_ADDR="10.0.0.6")
    codes = fail(client, "ks_controller", LIMIT, path="/admin/login/")
    assert codes[-1] == 429
    response = client.post("/admin/login/", {"username": "ks_controller", "password": PASSWORD})
    assert response.status_code == 429 and "AUTH-003" in response.content.decode()
    # and the lock holds on Styr's own login page too
    assert Client(REMOTE_ADDR="10.0.0.6").post(LOGIN, {"username": "ks_controller", "password": PASSWORD}).status_code == 429


def test_an_api_token_is_not_a_login_and_is_not_locked_out(world: World) -> None:
    """A token is a long random key, not a guessable password: the API answers it while the
    account's password login is locked."""
    from styr.core.services import api_token_create

    _, raw = api_token_create(actor=None, user=world.users["ks_controller"], name="test")
    fail(Client(REMOTE_ADDR="127.0.0.1"), "ks_controller", LIMIT)
    response = Client().get("/api/v1/org-units", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("persona", ["unit_manager"])
def test_the_test_clients_login_is_not_a_sign_in_from_outside(world: World, persona: str) -> None:
    """``Client.login()`` calls authenticate without a request: it is let through, so the tests'
    logins keep working while the throttle is on."""
    client = Client()
    assert client.login(username=persona, password=PASSWORD)
    assert not client.login(username=persona, password="fel")
