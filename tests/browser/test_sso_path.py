"""Single sign-on in the browser, against a real OpenID Connect provider in the live server
(django-oauth-toolkit, tests/sso/idp.py): the login page offers the municipality's account, the
provider's own login form lets the person in, and they land in Styr with the role the mapping gives
their group (SSO-001): an administrator's page opens. Then they log out. axe checks Styr's pages."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from styr.organisation.services_sso import idp_role_mapping_create
from tests.browser.conftest import assert_accessible
from tests.conftest import PASSWORD, World
from tests.sso.conftest import PROVIDER_NAME, Idp, oidc_idp  # noqa: F401  (the provider's fixture)

pytestmark = pytest.mark.browser


def test_a_person_logs_in_through_the_idp_lands_with_the_mapped_role_and_logs_out(live_world: World, oidc_idp: Idp, page: Any) -> None:  # noqa: F811
    idp_role_mapping_create(
        actor=None,
        group=live_world.group,
        provider="testkommun",
        claim_value="styr-administratorer",
        role="ADMINISTRATOR",
        org_unit=live_world.unit("Kommunfullmäktige"),
    )
    oidc_idp.person("frida", ["styr-administratorer"])
    styr = oidc_idp.styr

    page.goto(f"{styr}/konto/logga-in/")
    assert_accessible(page)
    page.get_by_role("button", name=f"Logga in med {PROVIDER_NAME}").click()

    page.wait_for_url(f"{oidc_idp.base}/idp/logga-in/**")  # the provider's own login form
    page.locator("#idp-username").fill("frida")
    page.locator("#idp-password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in to the IdP").click()

    page.wait_for_url(f"{styr}/att-gora/")
    assert_accessible(page)
    page.goto(f"{styr}/installningar/inloggning/")  # administrators only
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggning och roller"
    assert page.get_by_role("cell", name="styr-administratorer", exact=True).is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("link", name="Logga in")).to_be_visible()  # logged out, on the public pages
    page.goto(f"{styr}/installningar/inloggning/")
    page.wait_for_url(f"{styr}/konto/logga-in/**")
