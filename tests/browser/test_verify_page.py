"""A resident checks whether a document is the adopted version (issue 14 §6, BACKUP-009): on the
public verify page, empty, after a hash that is an adopted version, one that is not, and a refused
input, axe finds nothing serious and the page reflows at 320 px (the Nu checker gets every state
at the session's end); without JavaScript the plain form POST answers the same."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine

from tests.backup.world_content import build, plan_of
from tests.browser.conftest import assert_accessible
from tests.conftest import World

pytestmark = pytest.mark.browser


def _adopted_hash(world: World) -> str:
    with time_machine.travel(datetime(2027, 3, 25, 9, 0, tzinfo=UTC), tick=False):
        build(world)
    return plan_of(world).snapshot_sha256


def _check(page: Any, value: str) -> None:
    page.get_by_label("SHA-256 som står i dokumentet").fill(value)
    page.get_by_role("button", name="Kontrollera").click()
    page.wait_for_load_state()


def test_backup_009_the_verify_page_is_accessible_and_reflows_in_every_state(live_server: Any, live_world: World, page: Any) -> None:
    sha = _adopted_hash(live_world)
    page.goto(f"{live_server.url}/offentlig/{live_world.group.slug}/verifiera/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Är detta den beslutade versionen?")
    assert_accessible(page)

    _check(page, sha.upper())
    assert page.get_by_role("heading", name="Ja: detta är den beslutade versionen").is_visible()
    assert "§ 62" in page.get_by_role("status").inner_text() and "2026-00071" in page.get_by_role("status").inner_text()
    assert_accessible(page)

    _check(page, "f" * 64)
    assert page.get_by_role("heading", name="Nej: ingen beslutad version", exact=False).is_visible()
    assert_accessible(page)

    _check(page, "inte en hash")
    field = page.get_by_label("SHA-256 som står i dokumentet")
    assert field.get_attribute("aria-invalid") == "true"
    assert "BACKUP-009" in page.locator(f"#{field.get_attribute('id')}-error").inner_text()
    assert_accessible(page)


def test_backup_009_the_verify_page_works_without_javascript(live_server: Any, live_world: World, browser: Any) -> None:
    sha = _adopted_hash(live_world)
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/offentlig/{live_world.group.slug}/verifiera/")
        _check(page, sha)
        assert page.get_by_role("heading", name="Ja: detta är den beslutade versionen").is_visible()
        assert sha in page.get_by_role("status").inner_text()
        _check(page, "abc")
        assert "BACKUP-009" in page.get_by_text("BACKUP-009").inner_text()
    finally:
        context.close()
