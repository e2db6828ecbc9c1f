"""Issue 13's pages are reachable: the review list from /kolada/ with its count (KOLADA-004),
the header's Kolada link for KS's controllers only (kolada.sync), and the role mapping from the
settings links for administrators only (role_mapping.manage)."""

from __future__ import annotations

import dataclasses

import pytest
from django.urls import reverse

from styr.planning.services.kolada import kolada_catalogue_store
from styr.planning.services.kolada_bindings import indicator_kolada_bind
from tests.conftest import World
from tests.planning.kolada_world import KPI, kolada_catalogue, kolada_goal, kolada_settings_for_tests

HEADER_LINK = '<a class="nav-link" href="/kolada/">Kolada</a>'
REVIEW_LINK = 'href="/kolada/granska/"'
MAPPING_LINK = 'href="/installningar/inloggning/"'


@pytest.fixture
def kolada(world: World) -> World:
    kolada_catalogue(world)
    kolada_settings_for_tests(world)
    return world


def test_kolada_004_the_kolada_page_links_the_review_list_with_its_count(kolada: World) -> None:
    client = kolada.client("ks_controller")
    before = client.get("/kolada/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert REVIEW_LINK not in before
    _goal, indicator = kolada_goal(kolada)
    indicator_kolada_bind(actor=kolada.users["ks_controller"], indicator=indicator, kpi_id=KPI.id)
    kolada_catalogue_store(actor=None, kpis=[dataclasses.replace(KPI, description="Ny definition från och med i år.")])
    page = client.get("/kolada/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert f"<a {REVIEW_LINK}>1 indikator att granska</a>" in page
    assert client.get("/kolada/granska/").status_code == 200


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("ks_controller", True), ("committee_politician", False), ("administrator", False), ("unit_manager", False), ("outsider", False), (None, False)],
)
def test_the_header_shows_kolada_to_those_who_may_sync_it(kolada: World, persona: str | None, shown: bool) -> None:
    page = kolada.client(persona).get(reverse("organisation:documents"), HTTP_ACCEPT_LANGUAGE="sv", follow=True).content.decode()
    assert (HEADER_LINK in page) is shown


@pytest.mark.parametrize(("persona", "shown"), [("administrator", True), ("ks_controller", False), ("auditor", False), ("outsider", False)])
def test_the_role_mapping_is_linked_beside_the_graphic_profile_for_administrators(world: World, persona: str, shown: bool) -> None:
    response = world.client(persona).get(reverse("organisation:documents"), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    assert (MAPPING_LINK in response.content.decode()) is shown
    if shown:
        assert world.client(persona).get("/installningar/inloggning/").status_code == 200
