"""Password rules are Django's four validators, with at least 12 characters (issue 14 §4): a new
password is refused when it is short, common, all digits or like the user's name, with Django's
own Swedish messages, wherever one is set (the admin's password change, the command line)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.conftest import PASSWORD, World


def refusals(password: str, user: Any = None) -> list[str]:
    with translation.override("sv"):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return [str(message) for message in error.messages]
    return []


@pytest.mark.django_db
def test_a_password_under_twelve_characters_is_refused_in_swedish() -> None:
    assert refusals("Kort!lösen1") == ["Det här lösenordet är för kort. Det måste innehålla minst 12 tecken."]
    assert refusals("Längre-lösen-ord-som-duger") == []


@pytest.mark.django_db
def test_a_common_or_all_digit_password_is_refused() -> None:
    assert refusals("password1234") == ["Detta lösenord är alldeles för vanligt."]
    assert refusals("123456789012345") == ["Detta lösenord är enbart numeriskt."]


def test_a_password_like_the_users_name_is_refused(world: World) -> None:
    user = world.users["unit_manager"]
    assert any("för likt" in message for message in refusals("unit_manager1", user))


def test_the_admins_password_change_holds_the_rules(world: World) -> None:
    user = world.users["administrator"]
    user.is_staff = True
    user.save()
    client = world.client("administrator")
    weak = client.post("/admin/password_change/", {"old_password": PASSWORD, "new_password1": "kort1", "new_password2": "kort1"})
    assert weak.status_code == 200 and "minst 12 tecken" in weak.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    good = "Hagaskolans-vår-2026-ärende"
    done = client.post("/admin/password_change/", {"old_password": PASSWORD, "new_password1": good, "new_password2": good})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(good)


def test_changepassword_on_the_command_line_holds_the_rules(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """``manage.py changepassword`` (and createsuperuser) ask Django's validators; a weak password
    is refused and asked for again, so the command gives up after three tries."""
    from django.core.management import CommandError, call_command

    answers = iter(["kort1"] * 6)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    with translation.override("sv"), pytest.raises(CommandError):
        call_command("changepassword", "unit_manager")
    user = world.users["unit_manager"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
