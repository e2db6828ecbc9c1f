"""The public part of the API (issue 13 §3): no login, adopted content only (OPEN-001, OPEN-002),
an unknown municipal group answers 404, and the OpenAPI document shows no security for it."""

from __future__ import annotations

from django.test import Client

from tests.conftest import YEAR, World
from tests.public.open_data_world import publish

PATHS = ("goals", "plans", "indicator-values", "frames")


def test_the_public_api_answers_without_a_login_and_shows_no_draft(world: World) -> None:
    published = publish(world)
    client = Client()
    goals = client.get("/api/v1/public/alvesta/goals", {"year": YEAR})
    assert goals.status_code == 200
    by_id = {g["id"]: g for g in goals.json()}
    assert published.draft_goal.pk not in by_id
    assert by_id[published.council_goal.pk]["status"] == "partly_achieved" and by_id[published.council_goal.pk]["status_label"] == "Delvis uppfyllt"
    frames = client.get("/api/v1/public/alvesta/frames").json()
    assert [(f["year"], f["frame_sek"], f["forecast_sek"]) for f in frames] == [(YEAR, "512300000", "518179000.00")]  # not next year's proposal
    plans = client.get("/api/v1/public/alvesta/plans").json()
    assert [(p["kind"], p["year"]) for p in plans] == [("goals_and_budget", YEAR)] and plans[0]["pdf_url"].startswith("http://testserver/offentlig/planer/")
    values = client.get("/api/v1/public/alvesta/indicator-values", {"limit": 1, "offset": 1}).json()
    assert values["count"] == 2
    assert values["items"] == [
        {
            "goal_id": published.council_goal.pk,
            "goal": "Fler invånare 0",
            "indicator_id": published.council_indicator.pk,
            "indicator": "Invånare 0",
            "unit_label": "",
            "period": f"{YEAR}-04",
            "value": "20301.00",
            "source": "kolada",
            "source_note": "Källa: Kolada",
        }
    ]


def test_a_signed_in_user_gets_the_same_public_answer(world: World) -> None:
    publish(world)
    anonymous = Client().get("/api/v1/public/alvesta/goals").json()
    assert world.client("ks_controller").get("/api/v1/public/alvesta/goals").json() == anonymous


def test_an_unknown_group_is_404_and_a_bad_filter_is_input_001(world: World) -> None:
    client = Client()
    for path in PATHS:
        response = client.get(f"/api/v1/public/okand/{path}")
        assert response.status_code == 404 and response.json()["code"] == "NOT-FOUND"
    assert client.get("/api/v1/public/alvesta/indicator-values", {"limit": 0}).json()["code"] == "INPUT-001"
    assert client.get("/api/v1/public/alvesta/goals", {"year": "tjugo"}).status_code == 422


def test_the_openapi_document_shows_the_public_operations_without_security(world: World) -> None:
    document = Client().get("/api/v1/openapi.json").json()
    for path in PATHS:
        operation = document["paths"][f"/api/v1/public/{{slug}}/{path}"]["get"]
        assert "security" not in operation and operation["tags"] == ["Public"]
    assert document["paths"]["/api/v1/goals"]["get"]["security"]  # the rest of the API asks for a login
