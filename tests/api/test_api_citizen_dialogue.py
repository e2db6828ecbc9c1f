"""The officials' API of the dialogue with citizens (issue 15 §2): open, read with the waiting
comments, show or reject, answer with If-Match (EDIT-001), gather, remove a citizen's details."""

import json
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from styr.core.models import AuditEvent
from styr.core.services import api_token_create
from styr.planning.models import CitizenComment, CitizenDialogue
from styr.planning.services import current_state_set, trend_create
from tests.conftest import World
from tests.planning.citizen_dialogue_setup import COMMITTEE, MODERATOR, adopted_goal, comment, open_dialogue


class Api:
    def __init__(self, world: World, persona: str) -> None:
        _token, raw = api_token_create(actor=None, user=world.users[persona])
        self.headers = {"Authorization": f"Bearer {raw}"}
        self.client = Client()

    def get(self, path: str) -> Any:
        return self.client.get(f"/api/v1{path}", headers=self.headers)

    def send(self, method: str, path: str, body: Any, **headers: str) -> Any:
        return getattr(self.client, method)(f"/api/v1{path}", data=json.dumps(body), content_type="application/json", headers={**self.headers, **headers})


def test_an_official_opens_a_dialogue_and_an_outsider_or_politician_cannot(world: World) -> None:
    goal = adopted_goal(world)
    today = timezone.localdate()
    body = {
        "org_unit": world.unit(COMMITTEE).pk,
        "goal": goal.pk,
        "title": "Hur blir skolan bättre?",
        "opens_on": today.isoformat(),
        "closes_on": today.isoformat(),
    }
    created = Api(world, MODERATOR).send("post", "/citizen-dialogues", body)
    assert created.status_code == 201, created.content
    assert created.json()["goal_id"] == goal.pk and CitizenDialogue.objects.get().title == "Hur blir skolan bättre?"
    assert AuditEvent.objects.filter(action="citizen_dialogue.opened").count() == 1
    assert Api(world, "committee_politician").send("post", "/citizen-dialogues", body).status_code == 403
    assert Api(world, "outsider").send("post", "/citizen-dialogues", body).status_code == 404
    backwards = Api(world, MODERATOR).send("post", "/citizen-dialogues", {**body, "closes_on": (today - timedelta(days=1)).isoformat()})
    assert backwards.status_code == 422 and backwards.json()["code"] == "DIAL-001"
    assert CitizenDialogue.objects.count() == 1


def test_comments_are_read_moderated_and_answered_with_if_match(world: World) -> None:
    dialogue = open_dialogue(world)
    posted = comment(dialogue)
    api = Api(world, MODERATOR)
    listed = api.get(f"/citizen-dialogues/{dialogue.pk}/comments").json()
    assert [(c["id"], c["state"], c["author_name"]) for c in listed] == [(posted.pk, "pending", "Anna Svensson")]
    assert "author_email" not in listed[0] and "receipt_code" not in listed[0]
    assert Api(world, "other_committee_politician").get(f"/citizen-dialogues/{dialogue.pk}/comments").status_code == 404
    stale = api.send("put", f"/citizen-comments/{posted.pk}/moderation", {"decision": "approve"}, **{"If-Match": '"99"'})
    assert stale.status_code == 409 and stale.json()["code"] == "EDIT-001"
    shown = api.send("put", f"/citizen-comments/{posted.pk}/moderation", {"decision": "approve"}, **{"If-Match": f'"{posted.version}"'})
    assert shown.status_code == 200 and shown.json()["state"] == "approved"
    again = api.send("put", f"/citizen-comments/{posted.pk}/moderation", {"decision": "reject"})
    assert again.status_code == 422 and again.json()["code"] == "DIAL-004"
    answered = api.send("put", f"/citizen-comments/{posted.pk}/answer", {"answer": "Tack, vi tar med det."}, **{"If-Match": f'"{shown.json()["version"]}"'})
    assert answered.status_code == 200 and CitizenComment.objects.get().answer == "Tack, vi tar med det."
    assert Api(world, "committee_politician").send("put", f"/citizen-comments/{posted.pk}/answer", {"answer": "Nej"}).status_code == 403


def test_gathered_into_the_units_analysis_of_a_year(world: World) -> None:
    dialogue = open_dialogue(world)
    api = Api(world, "ks_controller")
    missing = api.send("put", f"/citizen-dialogues/{dialogue.pk}/gathering", {"year": dialogue.year, "summary": "Raster"})
    assert missing.status_code == 422 and missing.json()["detail"]["field"] == "year"
    analysis = current_state_set(actor=None, org_unit=world.unit(COMMITTEE), year=dialogue.year + 1, economy="Stabil")
    done = api.send("put", f"/citizen-dialogues/{dialogue.pk}/gathering", {"year": dialogue.year + 1, "summary": "Fler rastaktiviteter"})
    assert done.status_code == 200 and done.json()["gathered_into_id"] == analysis.pk
    # and the analysis names its source (DIAL-005's link back, in the API too)
    listed = api.get(f"/current-state-analyses?org_unit={analysis.org_unit_id}&year={analysis.year}").json()["items"]
    assert [a["citizen_dialogues"] for a in listed] == [[dialogue.pk]]


def test_gathered_into_a_trend_of_the_units_environment_analysis(world: World) -> None:
    dialogue = open_dialogue(world)
    api = Api(world, "ks_controller")
    trend = trend_create(actor=None, org_unit=world.unit(COMMITTEE), year=dialogue.year, category="social", title="Barn vill röra sig mer")
    both = api.send("put", f"/citizen-dialogues/{dialogue.pk}/gathering", {"year": dialogue.year, "trend": trend.pk, "summary": "Raster"})
    assert both.status_code == 422 and both.json()["code"] == "DIAL-005"
    done = api.send("put", f"/citizen-dialogues/{dialogue.pk}/gathering", {"trend": trend.pk, "summary": "Fler rastaktiviteter"})
    assert done.status_code == 200, done.content
    assert (done.json()["gathered_into_trend_id"], done.json()["gathered_into_id"]) == (trend.pk, None)
    assert list(trend.citizen_sources.all()) == [dialogue]
    assert api.get(f"/trends/{trend.pk}").json()["citizen_dialogues"] == [dialogue.pk]
    assert [t["citizen_dialogues"] for t in api.get(f"/trends?org_unit={trend.org_unit_id}").json()["items"]] == [[dialogue.pk]]
    hidden = Api(world, "outsider").send("put", f"/citizen-dialogues/{dialogue.pk}/gathering", {"trend": trend.pk, "summary": "Nej"})
    assert hidden.status_code == 404


def test_an_official_closes_an_open_dialogue_early_with_if_match(world: World) -> None:
    dialogue = open_dialogue(world)
    api = Api(world, MODERATOR)
    assert Api(world, "committee_politician").send("put", f"/citizen-dialogues/{dialogue.pk}/closing", None).status_code == 403
    assert Api(world, "outsider").send("put", f"/citizen-dialogues/{dialogue.pk}/closing", None).status_code == 404
    stale = api.send("put", f"/citizen-dialogues/{dialogue.pk}/closing", None, **{"If-Match": '"99"'})
    assert stale.status_code == 409 and CitizenDialogue.objects.get().closes_on > timezone.localdate()
    closed = api.send("put", f"/citizen-dialogues/{dialogue.pk}/closing", None, **{"If-Match": f'"{dialogue.version}"'})
    assert closed.status_code == 200, closed.content
    assert closed.json()["closes_on"] == timezone.localdate().isoformat() == CitizenDialogue.objects.get().closes_on.isoformat()
    assert AuditEvent.objects.filter(action="citizen_dialogue.closed", object_id=str(dialogue.pk)).count() == 1
    again = api.send("put", f"/citizen-dialogues/{dialogue.pk}/closing", None)
    assert again.status_code == 422 and again.json()["code"] == "DIAL-001"


def test_removal_on_request_answers_the_count_in_the_callers_scope(world: World) -> None:
    posted = comment(open_dialogue(world))
    assert Api(world, "other_committee_politician").send("post", "/citizen-data/removals", {"email": "anna@example.se"}).json() == {"removed": 0}
    assert Api(world, MODERATOR).send("post", "/citizen-data/removals", {"receipt_code": posted.receipt_code}).json() == {"removed": 1}
    assert CitizenComment.objects.get().author_email == ""
    empty = Api(world, MODERATOR).send("post", "/citizen-data/removals", {})
    assert empty.status_code == 422 and empty.json()["code"] == "DIAL-006"
