"""The dialogue with citizens through its services (issue 15 §2): stored state, audit events,
refusals by rule and permission, and a citizen's details removed on request and after the preset's period."""

import datetime

import pytest
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.planning.models import CitizenComment, CitizenDialogue, CommentState
from styr.planning.services import current_state_set, goal_create, trend_create
from styr.planning.services.citizen_dialogue import (
    citizen_comment_answer,
    citizen_comment_moderate,
    citizen_comment_post,
    citizen_data_purge,
    citizen_data_remove,
    citizen_dialogue_close,
    citizen_dialogue_gather,
    citizen_dialogue_open,
)
from tests.conftest import World
from tests.planning.citizen_dialogue_setup import COMMITTEE, MODERATOR, adopted_goal, comment, open_dialogue


def test_an_official_opens_a_dialogue_on_an_adopted_goal_and_it_is_audited(world: World) -> None:
    dialogue = open_dialogue(world)
    stored = CitizenDialogue.objects.get(pk=dialogue.pk)
    assert (stored.org_unit, stored.group, stored.goal.title) == (world.unit(COMMITTEE), world.group, "Fler elever trivs i skolan")  # type: ignore[union-attr]
    event = AuditEvent.objects.get(action="citizen_dialogue.opened", object_id=str(dialogue.pk))
    assert event.actor == world.users[MODERATOR] and event.after["title"] == "Vad gör skolan trivsam?"


def test_dial_001_a_draft_goal_or_another_units_goal_cannot_get_a_dialogue(world: World) -> None:
    today = timezone.localdate()
    draft = goal_create(actor=world.users["ks_controller"], org_unit=world.unit(COMMITTEE), title="Utkast", start_year=today.year, end_year=today.year)
    for goal in (draft,):
        with pytest.raises(RuleViolation) as err:
            citizen_dialogue_open(actor=world.users[MODERATOR], org_unit=world.unit(COMMITTEE), goal=goal, title="Fråga", opens_on=today, closes_on=today)
        assert err.value.code == "DIAL-001"
    with pytest.raises(RuleViolation) as err:
        citizen_dialogue_open(actor=world.users[MODERATOR], org_unit=world.unit(COMMITTEE), title="Utan ämne", opens_on=today, closes_on=today)
    assert err.value.code == "DIAL-001"
    assert not CitizenDialogue.objects.exists()


@pytest.mark.parametrize("persona", ["committee_politician", "other_committee_politician", "auditor", "unit_manager", "outsider"])
def test_only_the_committees_officials_open_and_moderate(world: World, persona: str) -> None:
    goal = adopted_goal(world)
    today = timezone.localdate()
    with pytest.raises((NotAllowed, Http404)) as err:
        citizen_dialogue_open(actor=world.users[persona], org_unit=world.unit(COMMITTEE), goal=goal, title="Fråga", opens_on=today, closes_on=today)
    assert err.type.__name__ in {"NotAllowed", "Http404"}
    posted = comment(open_dialogue(world, goal))
    with pytest.raises((NotAllowed, Http404)):
        citizen_comment_moderate(actor=world.users[persona], comment=posted, approve=True)
    assert CitizenComment.objects.get(pk=posted.pk).state == CommentState.PENDING


def test_a_citizens_comment_waits_is_approved_and_answered_and_the_audit_keeps_no_personal_data(world: World) -> None:
    posted = comment(open_dialogue(world))
    assert posted.state == CommentState.PENDING and len(posted.receipt_code) == 14
    citizen_comment_moderate(actor=world.users[MODERATOR], comment=posted, approve=True)
    citizen_comment_answer(actor=world.users[MODERATOR], comment=posted, answer="Vi ser över rasterna i vår.")
    stored = CitizenComment.objects.get(pk=posted.pk)
    assert (stored.state, stored.answer, stored.moderated_by, stored.answered_by) == (
        "approved",
        "Vi ser över rasterna i vår.",
        world.users[MODERATOR],
        world.users[MODERATOR],
    )
    actions = list(AuditEvent.objects.filter(object_id=str(posted.pk), action__startswith="citizen_comment.").order_by("pk").values_list("action", flat=True))
    assert actions == ["citizen_comment.posted", "citizen_comment.approved", "citizen_comment.answered"]
    for event in AuditEvent.objects.filter(action__startswith="citizen_comment."):
        text = str(event.before) + str(event.after) + event.object_repr
        assert "Anna" not in text and "anna@example.se" not in text


def test_dial_004_only_waiting_comments_are_moderated_and_only_shown_ones_answered(world: World) -> None:
    posted = comment(open_dialogue(world))
    with pytest.raises(RuleViolation) as err:
        citizen_comment_answer(actor=world.users[MODERATOR], comment=posted, answer="Svar")
    assert err.value.code == "DIAL-004"
    citizen_comment_moderate(actor=world.users[MODERATOR], comment=posted, approve=False)
    with pytest.raises(RuleViolation) as err:
        citizen_comment_moderate(actor=world.users[MODERATOR], comment=posted, approve=True)
    assert err.value.code == "DIAL-004"
    assert CitizenComment.objects.get(pk=posted.pk).state == "rejected"


def test_dial_002_a_closed_dialogue_takes_no_comment(world: World) -> None:
    dialogue = open_dialogue(world)
    dialogue.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    dialogue.save()
    with pytest.raises(RuleViolation) as err:
        comment(dialogue)
    assert err.value.code == "DIAL-002" and not CitizenComment.objects.exists()


def test_dial_005_gathered_into_a_later_analysis_of_the_unit_with_a_link_back(world: World) -> None:
    dialogue = open_dialogue(world)
    year = dialogue.year
    earlier = current_state_set(actor=world.users["ks_controller"], org_unit=world.unit(COMMITTEE), year=year - 1, economy="Förra året")
    later = current_state_set(actor=world.users["ks_controller"], org_unit=world.unit(COMMITTEE), year=year + 1, economy="Nästa år")
    with pytest.raises(RuleViolation) as err:
        citizen_dialogue_gather(actor=world.users["ks_controller"], dialogue=dialogue, year=earlier.year, summary="Raster")
    assert err.value.code == "DIAL-005"
    with pytest.raises(RuleViolation) as err:
        citizen_dialogue_gather(actor=world.users["ks_controller"], dialogue=dialogue, year=year + 2, summary="Ingen analys")
    assert (err.value.code, err.value.field) == ("DIAL-005", "year")
    citizen_dialogue_gather(actor=world.users["ks_controller"], dialogue=dialogue, year=later.year, summary="Eleverna vill ha fler rastaktiviteter.")
    assert list(later.citizen_sources.all()) == [dialogue]
    page = world.client("ks_controller").get(f"/enheter/{world.unit(COMMITTEE).pk}/plan/{year + 1}/?flik=utveckling").content.decode()
    assert "Från medborgardialoger" in page and f"/medborgardialog/{dialogue.pk}/" in page and "Eleverna vill ha fler rastaktiviteter." in page
    assert AuditEvent.objects.filter(action="citizen_dialogue.gathered", object_id=str(dialogue.pk)).exists()


def test_dial_005_gathered_into_a_trend_of_a_later_environment_analysis_with_a_link_back(world: World) -> None:
    dialogue = open_dialogue(world)
    year, controller, unit = dialogue.year, world.users["ks_controller"], world.unit(COMMITTEE)
    earlier = trend_create(actor=controller, org_unit=unit, year=year - 1, category="social", title="Färre barn")
    elsewhere = trend_create(actor=controller, org_unit=world.unit("Omsorgsnämnden"), year=year + 1, category="social", title="Fler äldre")
    trend = trend_create(actor=controller, org_unit=unit, year=year + 1, category="social", title="Barn vill röra sig mer")
    for wrong in (earlier, elsewhere):
        with pytest.raises(RuleViolation) as err:
            citizen_dialogue_gather(actor=controller, dialogue=dialogue, trend=wrong, summary="Raster")
        assert (err.value.code, err.value.field) == ("DIAL-005", "trend")
    analysis = current_state_set(actor=controller, org_unit=unit, year=year + 1, economy="Nästa år")
    with pytest.raises(RuleViolation) as err:  # one target at a time
        citizen_dialogue_gather(actor=controller, dialogue=dialogue, year=analysis.year, trend=trend, summary="Raster")
    assert err.value.code == "DIAL-005"
    with pytest.raises(NotAllowed):
        citizen_dialogue_gather(actor=world.users["outsider"], dialogue=dialogue, trend=trend, summary="Raster")
    citizen_dialogue_gather(actor=controller, dialogue=dialogue, year=analysis.year, summary="Först i nulägesanalysen")
    citizen_dialogue_gather(actor=controller, dialogue=dialogue, trend=trend, summary="Eleverna vill ha fler rastaktiviteter.")
    stored = CitizenDialogue.objects.get(pk=dialogue.pk)
    assert (stored.gathered_into, stored.gathered_into_trend) == (None, trend)  # gathering again moves it
    assert list(trend.citizen_sources.all()) == [dialogue] and not analysis.citizen_sources.exists()
    page = world.client("ks_controller").get(f"/enheter/{unit.pk}/plan/{year + 1}/?flik=utveckling").content.decode()
    trends = page[page.index('id="trend-table"') : page.index('id="current-state-heading"')]
    assert "Från medborgardialoger" in trends and f"/medborgardialog/{dialogue.pk}/" in trends and "Eleverna vill ha fler rastaktiviteter." in trends
    event = AuditEvent.objects.filter(action="citizen_dialogue.gathered", object_id=str(dialogue.pk)).order_by("pk").last()
    assert event is not None and event.after["gathered_into_trend"] == trend.pk and event.after["gathered_into"] is None


def test_dial_001_an_official_closes_an_open_dialogue_early_and_it_is_audited(world: World) -> None:
    dialogue = open_dialogue(world)
    today = timezone.localdate()
    with pytest.raises(NotAllowed):
        citizen_dialogue_close(actor=world.users["committee_politician"], dialogue=dialogue)
    citizen_dialogue_close(actor=world.users[MODERATOR], dialogue=dialogue)
    stored = CitizenDialogue.objects.get(pk=dialogue.pk)
    assert stored.closes_on == today
    event = AuditEvent.objects.get(action="citizen_dialogue.closed", object_id=str(dialogue.pk))
    assert event.actor == world.users[MODERATOR] and event.before["closes_on"] == (today + datetime.timedelta(days=30)).isoformat()
    assert event.after["closes_on"] == today.isoformat()
    with pytest.raises(RuleViolation) as err:
        citizen_dialogue_close(actor=world.users[MODERATOR], dialogue=stored)
    assert (err.value.code, err.value.field) == ("DIAL-001", "closes_on")
    with pytest.raises(RuleViolation) as err:  # from tomorrow on it takes no comments
        citizen_comment_post(dialogue=stored, text="För sent", today=today + datetime.timedelta(days=1))
    assert err.value.code == "DIAL-002"


def test_dial_006_removed_on_request_by_receipt_code_or_email_and_audited(world: World) -> None:
    dialogue = open_dialogue(world)
    first, second = comment(dialogue), comment(dialogue, text="Och mer frukt")
    other = comment(dialogue, name="Bo", email="bo@example.se")
    with pytest.raises(RuleViolation) as err:
        citizen_data_remove(actor=world.users[MODERATOR])
    assert err.value.code == "DIAL-006"
    assert citizen_data_remove(actor=world.users["other_committee_politician"], email="anna@example.se") == 0  # out of scope
    assert citizen_data_remove(actor=world.users[MODERATOR], receipt_code=first.receipt_code.lower()) == 1
    assert citizen_data_remove(actor=None, email="ANNA@example.se") == 1
    for pk in (first.pk, second.pk):
        stored = CitizenComment.objects.get(pk=pk)
        assert (stored.author_name, stored.author_email) == ("", "") and stored.personal_data_removed_at is not None
        assert stored.text  # the comment itself stays
    assert CitizenComment.objects.get(pk=other.pk).author_name == "Bo"
    assert AuditEvent.objects.filter(action="citizen_comment.details_removed").count() == 2


def test_dial_006_details_older_than_the_presets_months_are_blanked_by_the_command(world: World) -> None:
    dialogue = open_dialogue(world)
    old, recent = comment(dialogue), comment(dialogue, name="Ny", email="ny@example.se")
    CitizenComment.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    call_command("purge_citizen_data")
    assert CitizenComment.objects.get(pk=old.pk).author_name == ""
    assert CitizenComment.objects.get(pk=recent.pk).author_name == "Ny"
    assert AuditEvent.objects.filter(action="citizen_comment.details_expired", object_id=str(old.pk)).count() == 1
    assert citizen_data_purge() == 0  # nothing left to blank


def test_the_removal_command_takes_a_receipt_code(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    posted = comment(open_dialogue(world))
    call_command("remove_citizen_data", "--receipt-code", posted.receipt_code)
    assert CitizenComment.objects.get(pk=posted.pk).author_email == ""
    assert "1 kommentarer" in capsys.readouterr().out
