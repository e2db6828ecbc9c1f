"""The public sees adopted goals only, without logging in."""

from django.test import Client

from styr.planning.services import goal_adopt, goal_create
from tests.conftest import YEAR, World


def test_anonymous_visitors_see_adopted_goals_and_not_drafts(world: World) -> None:
    adopted = goal_create(actor=None, org_unit=world.unit("Kommunfullmäktige"), title="Beslutat mål", start_year=YEAR, end_year=YEAR)
    goal_adopt(actor=world.users["council_chair"], goal=adopted)
    goal_create(actor=None, org_unit=world.unit("Kommunfullmäktige"), title="Hemligt utkast", start_year=YEAR, end_year=YEAR)
    response = Client().get(f"/offentlig/alvesta/?ar={YEAR}")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Beslutat mål" in body and "Hemligt utkast" not in body
    assert "Vision 2027" in body


def test_the_start_page_leads_to_the_public_goals(world: World) -> None:
    response = Client().get("/")
    assert response.status_code == 302 and response["Location"] == "/offentlig/alvesta/"


def test_internal_pages_ask_anonymous_visitors_to_log_in(world: World) -> None:
    unit = world.unit("Kommunfullmäktige")
    for url in ("/enheter/", f"/enheter/{unit.pk}/", "/styrdokument/", "/styrmodell/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
