"""Safe defaults (issue 8, §4): debug is off unless STYR_DEBUG=1; with debug off Styr refuses the
shipped secret key, sends HSTS and Secure cookies, and sessions last a working day by default.
Each case imports the settings in a fresh process with its own environment."""

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import ROOT

READ = """
import json
import styr.config.settings as s
print(json.dumps({name: getattr(s, name) for name in (
    "DEBUG", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE", "SESSION_COOKIE_AGE")}))
"""


def settings_with(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("STYR_", "DJANGO_"))}
    return subprocess.run([sys.executable, "-c", READ], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60, check=False)


def values(**env: str) -> dict[str, Any]:
    done = settings_with(**env)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


KEY = "a-real-secret-key-for-this-test-only-0123456789"


def test_debug_is_off_unless_styr_debug_is_1() -> None:
    assert values(STYR_SECRET_KEY=KEY)["DEBUG"] is False
    assert values(STYR_SECRET_KEY=KEY, STYR_DEBUG="0")["DEBUG"] is False
    assert values(STYR_DEBUG="1")["DEBUG"] is True


def test_with_debug_off_the_shipped_secret_key_stops_styr_with_a_clear_message() -> None:
    done = settings_with()
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr and "STYR_SECRET_KEY" in done.stderr and "STYR_DEBUG=1" in done.stderr
    assert settings_with(STYR_SECRET_KEY="styr-insecure-development-key-change-me-in-production").returncode != 0


def test_with_debug_off_cookies_are_secure_and_hsts_is_sent() -> None:
    found = values(STYR_SECRET_KEY=KEY)
    assert found["SESSION_COOKIE_SECURE"] is True and found["CSRF_COOKIE_SECURE"] is True
    assert found["SECURE_HSTS_SECONDS"] == 31_536_000 and found["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert values(STYR_SECRET_KEY=KEY, STYR_HSTS_SECONDS="0")["SECURE_HSTS_SECONDS"] == 0
    assert values(STYR_SECRET_KEY=KEY, STYR_HSTS_SECONDS="600")["SECURE_HSTS_SECONDS"] == 600


def test_with_debug_on_cookies_work_over_plain_http_and_no_hsts() -> None:
    found = values(STYR_DEBUG="1")
    assert found["SESSION_COOKIE_SECURE"] is False and found["CSRF_COOKIE_SECURE"] is False
    assert found["SECURE_HSTS_SECONDS"] == 0


def test_a_session_lasts_eight_hours_unless_set() -> None:
    assert values(STYR_SECRET_KEY=KEY)["SESSION_COOKIE_AGE"] == 8 * 3600
    assert values(STYR_SECRET_KEY=KEY, STYR_SESSION_AGE_SECONDS="900")["SESSION_COOKIE_AGE"] == 900


@pytest.mark.parametrize("name", ["STYR_HSTS_SECONDS", "STYR_SESSION_AGE_SECONDS"])
def test_a_setting_that_is_not_a_number_stops_styr_naming_it(name: str) -> None:
    done = settings_with(STYR_SECRET_KEY=KEY, **{name: "åtta timmar"})
    assert done.returncode != 0 and "ImproperlyConfigured" in done.stderr and name in done.stderr


@pytest.mark.skipif(os.environ.get("STYR_DEBUG", "") not in {"", "0"}, reason="the tests' settings were read with debug on")
@pytest.mark.django_db
def test_an_https_answer_carries_hsts_and_secure_cookies() -> None:
    """The tests run with the production defaults: what the settings say reaches the answer."""
    from django.test import Client

    response = Client().get("/konto/logga-in/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000"
    assert response.cookies["csrftoken"]["secure"] is True
