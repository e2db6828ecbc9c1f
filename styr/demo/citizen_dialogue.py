"""The demo's dialogue with citizens (issue 15 §2, DIAL-001…DIAL-004): Utbildningsnämnden asks the
public about its adopted goal for a calm school environment. The dialogue has run a week and runs
three more; one comment is shown with the administration's answer, another waits for moderation,
so the public pages and the officials' page both have something to show. All through the services."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from styr.organisation.models import OrgUnit
from styr.planning.models import DevelopmentGoal

GOAL_TITLE = "Trygg skolmiljö med studiero"
QUESTION = "Vad skulle göra skolan tryggare och lugnare för ditt barn?"


def load_demo_citizen_dialogue(*, units: dict[str, OrgUnit], users: dict[str, Any], today: date) -> None:
    from styr.planning.services import citizen_dialogue as dialogues

    committee = units["Utbildningsnämnden"]
    goal = DevelopmentGoal.objects.get(org_unit=committee, title=GOAL_TITLE)
    official = users["uf.tjansteperson"]  # the administration carries out the committee's decisions
    dialogue = dialogues.citizen_dialogue_open(
        actor=official,
        org_unit=committee,
        goal=goal,
        title=QUESTION,
        description="Utbildningsnämnden har som mål en trygg skolmiljö med studiero. Berätta vad du som elev, "
        "vårdnadshavare eller invånare tycker skulle hjälpa. Kommentarerna granskas innan de visas, och nämnden svarar här.",
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=21),
    )
    shown = dialogues.citizen_comment_post(
        dialogue=dialogue,
        text="Fler vuxna ute på rasterna. Min dotter säger att det är stökigast vid fotbollsplanen när ingen rastvakt är där.",
        name="Karin Andersson",
        today=today,
    )
    dialogues.citizen_comment_moderate(actor=official, comment=shown, approve=True)
    dialogues.citizen_comment_answer(
        actor=official,
        comment=shown,
        answer="Tack! Hagaskolan prövar i år rastvärdar och organiserade rastaktiviteter, och vi tar med fotbollsplanen i schemat för rastvakterna.",
    )
    dialogues.citizen_comment_post(
        dialogue=dialogue,
        text="Mindre klasser och lugnare matsal skulle göra stor skillnad.",
        today=today,
    )
