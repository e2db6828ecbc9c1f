"""Every answer carries a strict Content-Security-Policy, refuses to be framed, forbids type
sniffing, and says what it shares as referrer and which browser features it may use; and
`manage.py check --deploy` passes with the production settings (issue 14 §4)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import Client

from tests.conftest import ROOT, World


@pytest.mark.parametrize("path", ["/", "/konto/logga-in/", "/api/v1/openapi.json"])
@pytest.mark.django_db
def test_every_answer_has_a_strict_csp_no_framing_and_no_sniffing(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    csp = {part.strip().split(" ")[0]: part.strip() for part in response["Content-Security-Policy"].split(";")}
    assert csp["script-src"] == "script-src 'self'"  # no inline script, no eval, nothing from elsewhere
    assert csp["default-src"] == "default-src 'self'"
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"] and "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_signed_in_page_has_the_referrer_and_permissions_policies(world: World) -> None:
    response = world.client("unit_manager").get("/att-gora/")
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    policy = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
    assert policy["camera"] == "()" and policy["microphone"] == "()" and policy["geolocation"] == "()"
    assert policy["payment"] == "()" and policy["usb"] == "()" and policy["fullscreen"] == "(self)"
    assert "Content-Security-Policy" in response


def production_env(**extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("STYR_", "DJANGO_", "DATABASE_URL"))}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "styr.config.settings",
        "STYR_SECRET_KEY": "k7Qp2vX9-production-like-secret-for-this-test-only-Zr4mW8tY1nB6cJ0",
        "STYR_ALLOWED_HOSTS": "styr.alvesta.se",
        "STYR_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        **extra,
    }


def deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = "import django; django.setup(); from django.core.management import call_command; call_command('check', '--deploy', '--fail-level', 'WARNING')"
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_check_deploy_passes_with_the_production_settings() -> None:
    done = deploy_check(production_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout + done.stderr


def test_check_deploy_warns_when_the_https_redirect_is_turned_off() -> None:
    """The switch exists for a proxy that redirects itself; the check still says so."""
    done = deploy_check(production_env(STYR_SSL_REDIRECT="0"))
    assert done.returncode != 0 and "security.W008" in done.stdout + done.stderr


def test_behind_a_tls_proxy_the_forwarded_proto_header_is_trusted_only_when_asked() -> None:
    read = "import styr.config.settings as s; print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None), s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    off = subprocess.run([sys.executable, "-c", read], cwd=ROOT, env=production_env(), capture_output=True, text=True, timeout=60, check=True)
    assert off.stdout.split() == ["None", "True", "31536000"]
    on = subprocess.run(
        [sys.executable, "-c", read],
        cwd=ROOT,
        env=production_env(STYR_PROXY_TLS="1", STYR_HSTS_SECONDS="600"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert on.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https') True 600"


@pytest.mark.django_db
def test_production_redirects_plain_http_to_https_but_not_the_health_probe(settings: object) -> None:
    from django.test import override_settings

    with override_settings(SECURE_SSL_REDIRECT=True):
        response = Client().get("/konto/logga-in/")
        assert response.status_code == 301 and response["Location"] == "https://testserver/konto/logga-in/"
        assert Client().get("/konto/logga-in/", secure=True).status_code == 200
        assert Client().get("/helse/").status_code != 301
