"""The settings the tests run with: Styr's own, with debug off as in production (pytest-django
turns it off anyway) and a secret key of the tests' own, since Styr refuses to start with debug off
and the shipped development key. Subprocesses started by tests inherit the key."""

import os

os.environ.setdefault("STYR_SECRET_KEY", "styr-tests-only-secret-key-not-used-anywhere-else")

from django.conf import global_settings

from styr.config.settings import *  # noqa: F403

# The OpenID Connect provider single sign-on is tested against (tests/sso/): django-oauth-toolkit, in the
# tests only, its URLs in the test-only urlconf tests/sso/urls.py.
INSTALLED_APPS = [*INSTALLED_APPS, "oauth2_provider"]  # noqa: F405

# The test client and the live server speak plain http: no redirect to https in the tests (production
# redirects, issue 14 §4; tests/security/test_deploy_check.py checks the production settings).
SECURE_SSL_REDIRECT = False

# PBKDF2 is slow on purpose; the tests' users log in with a cheap hasher (module- and session-wide
# fixtures too, which run before any function-scoped settings fixture).
# The others still check a password hashed as production hashes it (the servers tests/serving/ starts
# inherit these settings, and their users' passwords are set with PBKDF2).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *global_settings.PASSWORD_HASHERS]
