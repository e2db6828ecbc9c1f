"""A resident's path through the public site (issue 13 §3): from the goals and their status to the
economy, the adopted plans and the open data, and a data file downloaded. axe finds nothing
serious on any page and each reflows at 320 px; without JavaScript the pages read and link the same."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import assert_accessible
from tests.conftest import YEAR, World
from tests.public.open_data_world import publish

pytestmark = pytest.mark.browser


def test_a_resident_walks_from_the_goals_to_the_economy_to_open_data(live_server: Any, live_world: World, page: Any) -> None:
    publish(live_world)
    base = live_server.url
    page.goto(f"{base}/offentlig/alvesta/?ar={YEAR}")
    assert page.get_by_role("heading", level=1).inner_text().startswith(f"Beslutade mål {YEAR}")
    assert page.get_by_text("Delvis uppfyllt").first.is_visible()
    assert page.locator("p.kolada-source", has_text="Källa: Kolada").first.is_visible()  # and per row in the data table
    page.get_by_text("Data i ”Invånare 0”").first.click()  # the chart's data table opens
    assert page.get_by_role("table", name="Invånare 0").is_visible()
    assert_accessible(page)

    public = page.get_by_role("navigation", name="Offentliga sidor")
    public.get_by_role("link", name="Ekonomi").click()
    page.wait_for_url(f"{base}/offentlig/alvesta/ekonomi/")
    page.goto(f"{base}/offentlig/alvesta/ekonomi/?ar={YEAR}")
    frames = page.get_by_role("table", name=f"Ramar och resultat {YEAR}, kronor")
    assert "512 300 000" in frames.inner_text().replace("\xa0", " ")
    assert page.get_by_role("table", name=f"Investeringsplanen i Mål och budget {YEAR}, kronor").is_visible()
    assert_accessible(page)

    public.get_by_role("link", name="Beslutade planer").click()
    page.wait_for_url(f"{base}/offentlig/alvesta/planer/")
    assert_accessible(page)

    public.get_by_role("link", name="Öppna data").click()
    page.wait_for_url(f"{base}/oppen-data/alvesta/")
    assert page.get_by_role("table", name="Fälten i ”Mål och deras status”").is_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.evaluate("() => { const a = document.querySelector('a[href$=\"/mal.csv\"]'); a.setAttribute('download', ''); a.click(); }")
    content = download.value.path().read_bytes()
    assert content.startswith(b"\xef\xbb\xbfmal_id;organ_id;organ;titel") and "Fler invånare 0".encode() in content


def test_the_public_pages_work_without_javascript(live_server: Any, live_world: World, browser: Any) -> None:
    publish(live_world)
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    try:
        base = live_server.url
        page.goto(f"{base}/offentlig/alvesta/?ar={YEAR}")
        assert page.get_by_role("img", name="Invånare 0 över tid", exact=False).first.is_visible()
        page.get_by_text("Data i ”Invånare 0”").first.click()  # <details> opens without script
        assert page.get_by_role("table", name="Invånare 0").is_visible()
        page.get_by_role("navigation", name="Offentliga sidor").get_by_role("link", name="Ekonomi").click()
        page.wait_for_url(f"{base}/offentlig/alvesta/ekonomi/")
        page.get_by_role("link", name=f"Föregående år ({YEAR - 1})").click()
        page.wait_for_url(f"{base}/offentlig/alvesta/ekonomi/?ar={YEAR - 1}")
        page.get_by_role("link", name=f"Nästa år ({YEAR})").click()
        assert "512 300 000" in page.get_by_role("table", name=f"Ramar och resultat {YEAR}, kronor").inner_text().replace("\xa0", " ")
        page.get_by_role("link", name="Samma siffror som öppna data").click()
        page.wait_for_url(f"{base}/oppen-data/alvesta/")
        assert page.get_by_role("heading", name="Licens").is_visible()
    finally:
        context.close()
