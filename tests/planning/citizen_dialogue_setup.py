"""A committee's adopted goal with an open dialogue with citizens, made through the services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from styr.planning.models import CitizenComment, CitizenDialogue, DevelopmentGoal
from styr.planning.services import goal_adopt, goal_create
from styr.planning.services.citizen_dialogue import citizen_comment_post, citizen_dialogue_open
from tests.conftest import World

COMMITTEE = "Utbildningsnämnden"
MODERATOR = "administration_official"  # the committee's administration carries out its decisions


def adopted_goal(world: World, title: str = "Fler elever trivs i skolan") -> DevelopmentGoal:
    year = timezone.localdate().year
    goal = goal_create(actor=world.users["ks_controller"], org_unit=world.unit(COMMITTEE), title=title, start_year=year, end_year=year + 1)
    return goal_adopt(actor=world.users["committee_politician"], goal=goal)


def open_dialogue(world: World, goal: DevelopmentGoal | None = None, title: str = "Vad gör skolan trivsam?") -> CitizenDialogue:
    today = timezone.localdate()
    return citizen_dialogue_open(
        actor=world.users[MODERATOR],
        org_unit=world.unit(COMMITTEE),
        goal=goal or adopted_goal(world),
        title=title,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
    )


def comment(dialogue: CitizenDialogue, text: str = "Mer rastaktiviteter, tack.", name: str = "Anna Svensson", email: str = "anna@example.se") -> CitizenComment:
    return citizen_comment_post(dialogue=dialogue, text=text, name=name, email=email)
