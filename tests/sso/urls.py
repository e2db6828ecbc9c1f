"""The test-only urlconf: Styr's, with the OpenID Connect provider of tests/sso/idp.py beside it."""

from tests.sso.idp import urlpatterns

__all__ = ["urlpatterns"]
