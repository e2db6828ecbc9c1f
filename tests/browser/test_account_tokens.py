"""The account page in a browser (issue 13, §5): a person makes a read-only token limited to an
area, copies the key shown once, sees the token listed, and revokes it; the page passes axe,
reflows at 320 px and is valid HTML at each step."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from styr.core.models import ApiToken
from tests.browser.conftest import assert_accessible
from tests.browser.test_walking_skeleton import log_in
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_a_person_makes_a_scoped_token_sees_its_key_once_and_revokes_it(live_server: Any, live_world: World, page: Any) -> None:
    base = live_server.url
    log_in(page, base, "unit_manager")
    page.get_by_role("link", name="Mitt konto").click()
    page.wait_for_url(f"{base}/konto/")
    expect(page.get_by_text("Du har inga API-nycklar.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Namn").fill("Power BI")
    page.get_by_label("Endast läsa").check()
    page.get_by_label("Uppföljning").check()
    page.get_by_role("button", name="Skapa nyckeln").click()
    key = page.locator("#new-token-key")
    expect(key).to_be_visible()
    raw = key.input_value()
    expect(page.get_by_text("Kopiera nyckeln nu.")).to_be_visible()
    assert_accessible(page)
    token = ApiToken.objects.get(user=live_world.users["unit_manager"])
    assert raw.startswith(token.prefix) and token.read_only and token.areas == ["followup"]

    page.goto(f"{base}/konto/")
    expect(page.locator("#new-token-key")).to_have_count(0)
    assert raw not in page.content()
    row = page.get_by_role("row").filter(has_text="Power BI")
    expect(row).to_contain_text("Endast läsa")
    expect(row).to_contain_text("Aktiv")
    row.get_by_role("button", name="Återkalla").click()
    expect(page.get_by_role("status")).to_contain_text("är återkallad")
    expect(page.get_by_role("row").filter(has_text="Power BI")).to_contain_text("Återkallad")
    assert_accessible(page)
