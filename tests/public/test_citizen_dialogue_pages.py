"""The public pages of the dialogue with citizens and the officials' pages (issue 15 §2): a comment
without an account behind a time trap, a honeypot and a rate limit (DIAL-003), shown only once
approved and with its answer (DIAL-004); the officials open, moderate, answer and remove details."""

import datetime
import re
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from styr.core.models import AuditEvent
from styr.domain.citizen_dialogue import RATE_LIMIT_COMMENTS
from styr.planning.models import CitizenComment, CitizenDialogue
from styr.planning.services import trend_create
from styr.planning.services.citizen_dialogue import citizen_comment_answer, citizen_comment_moderate
from styr.public.citizen_guard import form_token
from tests.conftest import World
from tests.planning.citizen_dialogue_setup import COMMITTEE, MODERATOR, adopted_goal, comment, open_dialogue


@pytest.fixture(autouse=True)
def _fresh_counters() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def url(world: World, dialogue: CitizenDialogue) -> str:
    return f"/offentlig/{world.group.slug}/dialog/{dialogue.pk}/"


def post(client: Client, address: str, dialogue: CitizenDialogue, *, seconds: int = 10, **fields: str) -> object:
    shown = form_token(dialogue.pk, timezone.now() - datetime.timedelta(seconds=seconds))
    data = {"text": "Fler bänkar på skolgården.", "name": "", "email": "", "website": "", "shown": shown}
    data.update(fields)
    return client.post(address, data)


def test_a_citizen_comments_without_an_account_and_gets_a_receipt_code(world: World) -> None:
    dialogue = open_dialogue(world)
    client = Client()
    page = client.get(url(world, dialogue))
    assert page.status_code == 200 and "Vad gör skolan trivsam?" in page.content.decode()
    assert 'name="website"' in page.content.decode() and 'name="shown"' in page.content.decode()
    answer = post(client, url(world, dialogue), dialogue, name="Anna", email="anna@example.se")
    assert answer.status_code == 200  # type: ignore[attr-defined]
    stored = CitizenComment.objects.get()
    assert (stored.text, stored.author_name, stored.state) == ("Fler bänkar på skolgården.", "Anna", "pending")
    assert stored.receipt_code in answer.content.decode()  # type: ignore[attr-defined]
    assert AuditEvent.objects.filter(action="citizen_comment.posted", object_id=str(stored.pk), actor=None).exists()
    # waiting for moderation: not on the public page
    assert "Fler bänkar" not in client.get(url(world, dialogue)).content.decode()


@pytest.mark.parametrize(("seconds", "fields"), [(1, {}), (5 * 3600, {}), (10, {"website": "http://spam.example"}), (10, {"shown": "forged"})])
def test_dial_003_a_fast_stale_forged_or_honeypot_post_is_refused_and_nothing_stored(world: World, seconds: int, fields: dict[str, str]) -> None:
    dialogue = open_dialogue(world)
    answer = post(Client(), url(world, dialogue), dialogue, seconds=seconds, **fields)
    assert answer.status_code == 422  # type: ignore[attr-defined]
    assert "DIAL-003" in answer.content.decode()  # type: ignore[attr-defined]
    assert not CitizenComment.objects.exists()


def test_dial_003_one_address_leaves_at_most_the_limit_an_hour(world: World) -> None:
    dialogue = open_dialogue(world)
    client = Client()
    for _ in range(RATE_LIMIT_COMMENTS):
        assert post(client, url(world, dialogue), dialogue).status_code == 200  # type: ignore[attr-defined]
    refused = post(client, url(world, dialogue), dialogue)
    assert refused.status_code == 429 and "DIAL-003" in refused.content.decode()  # type: ignore[attr-defined]
    assert CitizenComment.objects.count() == RATE_LIMIT_COMMENTS


def test_dial_002_an_empty_comment_is_refused_next_to_the_field(world: World) -> None:
    dialogue = open_dialogue(world)
    answer = post(Client(), url(world, dialogue), dialogue, text="   ")
    assert answer.status_code == 422 and not CitizenComment.objects.exists()  # type: ignore[attr-defined]


def test_only_approved_comments_show_with_their_answer_and_no_email(world: World) -> None:
    dialogue = open_dialogue(world)
    shown, rejected = comment(dialogue, text="Synlig kommentar"), comment(dialogue, text="Avvisad kommentar")
    citizen_comment_moderate(actor=world.users[MODERATOR], comment=shown, approve=True)
    citizen_comment_moderate(actor=world.users[MODERATOR], comment=rejected, approve=False)
    citizen_comment_answer(actor=world.users[MODERATOR], comment=shown, answer="Tack, vi tar med det.")
    html = Client().get(url(world, dialogue)).content.decode()
    assert "Synlig kommentar" in html and "Tack, vi tar med det." in html and "Anna Svensson" in html
    assert "Avvisad kommentar" not in html and "anna@example.se" not in html
    listing = Client().get(f"/offentlig/{world.group.slug}/dialog/").content.decode()
    assert "Vad gör skolan trivsam?" in listing
    goals = Client().get(f"/offentlig/{world.group.slug}/?ar={dialogue.goal.start_year}").content.decode()  # type: ignore[union-attr]
    assert url(world, dialogue) in goals  # the goal links to its open dialogue


def test_a_dialogue_of_another_group_or_not_yet_open_is_not_found(world: World) -> None:
    dialogue = open_dialogue(world)
    dialogue.opens_on = timezone.localdate() + datetime.timedelta(days=2)
    dialogue.closes_on = dialogue.opens_on
    dialogue.save()
    assert Client().get(url(world, dialogue)).status_code == 404


def test_the_official_opens_moderates_and_answers_on_the_pages(world: World) -> None:
    goal = adopted_goal(world)
    client = world.client(MODERATOR)
    today = timezone.localdate()
    page = client.get("/medborgardialog/")
    assert page.status_code == 200 and f"goal:{goal.pk}" in page.content.decode()
    fields = {
        "subject": f"goal:{goal.pk}",
        "title": "Hur blir skolan bättre?",
        "description": "",
        "opens_on": today.isoformat(),
        "closes_on": today.isoformat(),
    }
    opened = client.post("/medborgardialog/", fields)
    dialogue = CitizenDialogue.objects.get()
    assert opened.status_code == 302 and dialogue.title == "Hur blir skolan bättre?" and dialogue.org_unit == world.unit(COMMITTEE)
    refused = client.post("/medborgardialog/", {**fields, "title": "Baklänges", "closes_on": (today - datetime.timedelta(days=1)).isoformat()})
    assert refused.status_code == 422 and "DIAL-001" in refused.content.decode() and CitizenDialogue.objects.count() == 1
    posted = comment(dialogue)
    detail = client.get(f"/medborgardialog/{dialogue.pk}/").content.decode()
    assert "Mer rastaktiviteter" in detail and "Visa offentligt" in detail
    stale = client.post(f"/medborgardialog/kommentarer/{posted.pk}/moderera/", {"decision": "approve", "version": posted.version + 5})
    assert stale.status_code == 409 and CitizenComment.objects.get().state == "pending"  # EDIT-001
    assert client.post(f"/medborgardialog/kommentarer/{posted.pk}/moderera/", {"decision": "approve", "version": posted.version}).status_code == 302
    posted.refresh_from_db()
    reply = {f"c{posted.pk}-answer": "Vi svarar gärna.", f"c{posted.pk}-version": posted.version}
    answered = client.post(f"/medborgardialog/kommentarer/{posted.pk}/svara/", reply)
    assert answered.status_code == 302 and CitizenComment.objects.get().answer == "Vi svarar gärna."


@pytest.mark.parametrize("persona", ["committee_politician", "other_committee_politician", "outsider"])
def test_others_cannot_moderate_on_the_page(world: World, persona: str) -> None:
    posted = comment(open_dialogue(world))
    answer = world.client(persona).post(f"/medborgardialog/kommentarer/{posted.pk}/moderera/", {"decision": "approve"})
    assert answer.status_code in (403, 404) and CitizenComment.objects.get().state == "pending"


def test_the_official_removes_a_citizens_details_on_the_removal_page(world: World) -> None:
    posted = comment(open_dialogue(world))
    client = world.client(MODERATOR)
    assert client.get("/medborgardialog/personuppgifter/").status_code == 200
    assert client.post("/medborgardialog/personuppgifter/", {"receipt_code": "", "email": ""}).status_code == 422
    done = client.post("/medborgardialog/personuppgifter/", {"receipt_code": posted.receipt_code, "email": ""}, follow=True)
    assert re.search(r"1 kommentar", done.content.decode())
    assert CitizenComment.objects.get().author_name == ""


def test_dial_002_a_post_to_a_closed_dialogue_is_refused_with_the_message_shown(world: World) -> None:
    dialogue = open_dialogue(world)
    dialogue.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    dialogue.save()
    page = Client().get(url(world, dialogue)).content.decode()
    assert 'name="text"' not in page  # no form once closed
    refused = post(Client(), url(world, dialogue), dialogue)
    assert refused.status_code == 422 and "DIAL-002" in refused.content.decode()  # type: ignore[attr-defined]
    assert not CitizenComment.objects.exists()


def test_the_official_closes_the_dialogue_early_and_gathers_it_into_a_trend_on_the_page(world: World) -> None:
    dialogue = open_dialogue(world)
    client = world.client(MODERATOR)
    today = timezone.localdate()
    assert "Stäng dialogen i dag" not in world.client("committee_politician").get(f"/medborgardialog/{dialogue.pk}/").content.decode()
    assert "Stäng dialogen i dag" in client.get(f"/medborgardialog/{dialogue.pk}/").content.decode()
    stale = client.post(f"/medborgardialog/{dialogue.pk}/stang/", {"version": dialogue.version + 5})
    assert stale.status_code == 409 and CitizenDialogue.objects.get().closes_on > today  # EDIT-001
    closed = client.post(f"/medborgardialog/{dialogue.pk}/stang/", {"version": dialogue.version})
    assert closed.status_code == 302 and CitizenDialogue.objects.get().closes_on == today
    assert "Stäng dialogen i dag" not in client.get(f"/medborgardialog/{dialogue.pk}/").content.decode()
    trend = trend_create(actor=None, org_unit=world.unit(COMMITTEE), year=dialogue.year, category="social", title="Barn vill röra sig mer")
    controller = world.client("ks_controller")
    page = controller.get(f"/medborgardialog/{dialogue.pk}/").content.decode()
    assert f'value="trend:{trend.pk}"' in page and "Trender i omvärldsanalysen" in page
    stored = CitizenDialogue.objects.get()
    done = controller.post(
        f"/medborgardialog/{dialogue.pk}/sammanfatta/",
        {"gather-analysis": f"trend:{trend.pk}", "gather-summary": "Fler rastaktiviteter", "gather-version": stored.version},
    )
    assert done.status_code == 302 and CitizenDialogue.objects.get().gathered_into_trend == trend
    public = Client().get(url(world, dialogue)).content.decode()
    assert "Barn vill röra sig mer" in public and "Fler rastaktiviteter" in public
