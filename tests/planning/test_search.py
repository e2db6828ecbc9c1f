"""Search from the header (issue 8, point 6): units, goals, indicators, assignments, plans and
governing documents by their words, within what the person may see; never another group's."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from styr.domain.presets import load_preset_file
from styr.organisation.models import OrgUnit
from styr.organisation.services import group_load_preset, role_assign
from styr.planning import services as planning
from tests.conftest import EXEMPELBY, TODAY, World

YEAR = TODAY.year


def setup(world: World) -> None:
    school = world.unit("Utbildningsnämnden")
    draft = planning.goal_create(
        actor=None, org_unit=school, title="Fler elever läser varje dag", citizen_change="Läsförståelsen ökar i skolorna.", start_year=YEAR, end_year=YEAR
    )
    planning.indicator_create(actor=None, goal=draft, name="Andel elever som läser dagligen", baseline_year=YEAR - 1, baseline_value=Decimal(40))
    adopted = planning.goal_create(actor=None, org_unit=world.unit("Kommunfullmäktige"), title="Trygga bostadsområden", start_year=YEAR, end_year=YEAR)
    planning.goal_adopt(actor=None, goal=adopted)
    planning.assignment_create(
        actor=None, issuer=world.unit("Kommunstyrelsen"), receiver=school, year=YEAR, title="Utred lokalbehovet för skolorna", deadline=date(YEAR, 11, 30)
    )
    planning.plan_create(actor=None, org_unit=school, year=YEAR)
    # another group with look-alike words: never found from Alvesta
    other, _ = group_load_preset(actor=None, preset=load_preset_file(EXEMPELBY), today=TODAY)
    other_root = OrgUnit.objects.get(group=other, parent=None)
    planning.goal_create(actor=None, org_unit=other_root, title="Fler elever läser i Exempelby", start_year=YEAR, end_year=YEAR)


def hits(world: World, persona: str | None, q: str) -> str:
    return world.client(persona).get("/sok/", {"q": q}).content.decode()


def test_the_controller_finds_each_kind_grouped_with_links(world: World) -> None:
    setup(world)
    body = hits(world, "ks_controller", "elever")
    assert "Fler elever läser varje dag" in body and "Andel elever som läser dagligen" in body
    assert "<h2" in body and "Utvecklingsmål" in body and "Indikatorer" in body
    assert "Exempelby" not in body  # another group's goal never shows
    assert "/mal/" in body
    units = hits(world, "ks_controller", "Utbildningsnämnden")
    assert f'href="/enheter/{world.unit("Utbildningsnämnden").pk}/"' in units and "Enheter" in units
    assert f'href="/enheter/{world.unit("Utbildningsnämnden").pk}/plan/{YEAR}/"' in units  # the committee's plan
    assert "Utred lokalbehovet för skolorna" in hits(world, "ks_controller", "lokalbehovet")


def test_an_outsider_and_the_public_find_only_what_is_public(world: World) -> None:
    setup(world)
    for persona in ("outsider", None):
        assert "Trygga bostadsområden" in hits(world, persona, "bostadsområden")  # adopted: public
        body = hits(world, persona, "elever")
        assert "Fler elever läser varje dag" not in body and "Andel elever" not in body and "Exempelby" not in body
        assert f'href="/enheter/{world.unit("Utbildningsnämnden").pk}/' not in hits(world, persona, "Utbildningsnämnden")
        assert "Utred lokalbehovet" not in hits(world, persona, "lokalbehovet")


def test_a_unit_manager_does_not_find_the_committees_draft_goal(world: World) -> None:
    setup(world)
    body = hits(world, "unit_manager", "elever")
    assert "Fler elever läser varje dag" not in body
    other_manager = world.users["outsider"]
    role_assign(actor=None, user=other_manager, org_unit=OrgUnit.objects.get(name="Omsorgsnämnden"), role="OFFICIAL")
    assert "Fler elever läser varje dag" not in hits(world, "outsider", "elever")


def test_the_header_holds_a_labelled_search_box(world: World) -> None:
    body = world.client("ks_controller").get("/enheter/").content.decode()
    assert '<form role="search" action="/sok/"' in body and '<label class="visually-hidden" for="header-search">Sök efter</label>' in body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Swedish full-text search is PostgreSQL's")
def test_on_postgresql_the_swedish_configuration_matches_other_forms_of_a_word(world: World) -> None:
    setup(world)
    assert "Fler elever läser varje dag" in hits(world, "ks_controller", "eleven")  # elev, eleven, elever: one stem
    assert "Fler elever läser varje dag" in hits(world, "ks_controller", "skolor")  # skolorna in the change for citizens


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the simpler match is SQLite's")
def test_on_sqlite_every_word_is_matched_as_a_part_of_the_text(world: World) -> None:
    setup(world)
    assert "Fler elever läser varje dag" in hits(world, "ks_controller", "ELEV dag")
    assert "Fler elever läser varje dag" not in hits(world, "ks_controller", "elev natt")


def test_a_unit_manager_finds_the_councils_adopted_goal_as_the_public_does(world: World) -> None:
    """Adopted goals are public: signed in, a unit manager finds them too, linked to the public
    page where the goal lies outside the manager's units (the goal's own page would be a 404)."""
    setup(world)
    body = hits(world, "unit_manager", "bostadsområden")
    assert "Trygga bostadsområden" in body
    assert f'href="/offentlig/{world.group.slug}/?ar={YEAR}"' in body
    controller = hits(world, "ks_controller", "bostadsområden")
    assert "Trygga bostadsområden" in controller and 'href="/mal/' in controller
