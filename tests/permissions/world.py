"""The matrix's world and its personas.

The Alvesta demo (``styr.demo.loader.load_demo``) fills every area through the services with the
same roles as the ``world`` fixture's personas, so each operation finds a real object to act on.
Exempelby (``tests.conftest.build_other_group``) stands beside it in the same database.

Each persona calls the API with a personal token of its own (full rights, every area): the
permission under test is the policy's, not the token's scopes (TOKEN-001/002 are tested in
tests/api/test_token_scopes.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from styr.core.services import api_token_create
from styr.demo.loader import load_demo
from styr.organisation.models import MunicipalGroup, OrgUnit
from tests.conftest import OtherGroup, build_other_group

#: The matrix's personas, in the table's column order -> the demo's user (None: anonymous).
PERSONAS: dict[str, str | None] = {
    "council_chair": "kf.ordforande",
    "ks_controller": "ks.controller",
    "committee_politician": "un.politiker",
    "administration_official": "uf.tjansteperson",
    "unit_manager": "enhetschef",
    "auditor": "revisor",
    "outsider": "utomstaende",
    "anonymous": None,
    "other_group_controller": "other_group_controller",
}

#: The two scopes every object is taken from: A inside the education committee's subtree (the
#: committee politician's, the administration official's and, for unit-level objects, the unit
#: manager's), B in the care committee's (outside all three). The council chair, the KS controller
#: and the auditor reach both; Exempelby's controller neither.
SCOPES = ("A", "B")
SCOPE_UNITS = {"A": "Hagaskolan", "B": "Särskilt boende Hagalund"}


@dataclass
class MatrixWorld:
    group: MunicipalGroup
    other: OtherGroup
    units: dict[str, OrgUnit]
    users: dict[str, Any]  # persona -> user (anonymous absent)
    tokens: dict[str, str]  # persona -> raw bearer token

    def unit(self, name: str) -> OrgUnit:
        return self.units[name]

    @property
    def executive_board(self) -> OrgUnit:
        return next(u for u in self.units.values() if u.kind == "EXECUTIVE_BOARD" and u.valid_to is None)

    def headers(self, persona: str) -> dict[str, str]:
        token = self.tokens.get(persona)
        return {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}


def _counts_by_hand(group: Any) -> None:
    """A count given by hand for each driver of this year's allocation model: the matrix removes one
    (DELETE …/counts/{year}), which would otherwise answer 404 to everyone allowed to."""
    from styr.economy.models import AllocationDriver
    from styr.economy.services.allocation import allocation_count_override

    for driver in AllocationDriver.objects.filter(model__group=group).select_related("model"):
        year = driver.model.budget_year  # the year the matrix names (operations._year_of)
        allocation_count_override(actor=None, driver=driver, year=year, count=100, reason="Räknat för hand i matrisen")


def _citizen_dialogues(group: Any) -> None:
    """A dialogue with citizens on each scope unit's current-state analysis, with a comment waiting
    and one shown (issue 15 §2): the demo has one only on Utbildningsnämnden's goal, and the matrix's
    operations need one of each scope."""
    from styr.planning.models import CurrentStateAnalysis
    from styr.planning.services import citizen_dialogue as dialogues
    from styr.planning.services import current_state_set

    today = timezone.localdate()
    for name in SCOPE_UNITS.values():
        unit = OrgUnit.objects.get(group=group, name=name)
        analysis = CurrentStateAnalysis.objects.filter(org_unit=unit).order_by("-year").first()
        if analysis is None:
            analysis = current_state_set(actor=None, org_unit=unit, year=today.year + 1, economy=f"Ekonomin för {name}")
        dialogue = dialogues.citizen_dialogue_open(
            actor=None, org_unit=unit, analysis=analysis, title=f"Vad tycker du om {name}?", opens_on=today, closes_on=today
        )
        dialogues.citizen_comment_post(dialogue=dialogue, text="En kommentar som väntar", name="Invånare", email="invanare@example.se")
        shown = dialogues.citizen_comment_post(dialogue=dialogue, text="En kommentar som visas")
        dialogues.citizen_comment_moderate(actor=None, comment=shown, approve=True)


def build_matrix_world() -> MatrixWorld:
    group, _created = load_demo(today=timezone.localdate())
    _counts_by_hand(group)
    _citizen_dialogues(group)
    other = build_other_group()
    units = {u.name: u for u in OrgUnit.objects.filter(group=group)}
    from django.contrib.auth import get_user_model

    User = get_user_model()
    users: dict[str, Any] = {}
    tokens: dict[str, str] = {}
    for persona, username in PERSONAS.items():
        if username is None:
            continue
        user = other.users[username] if username in other.users else User.objects.get(username=username)
        users[persona] = user
        _token, raw = api_token_create(actor=None, user=user)
        tokens[persona] = raw
    return MatrixWorld(group=group, other=other, units=units, users=users, tokens=tokens)
