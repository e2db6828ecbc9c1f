"""The committee adopts its internal budget (issue 10 §2): the split must sum to the frame
(ECON-012) against a frame the council has adopted (ECON-013); adoption records the committee's decision with a frozen
snapshot and locks the units' budget months (ECON-014) until it is reopened with a reason
(ECON-015, ECON-016)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.domain.plans import snapshot_hash
from styr.economy.models import BudgetMonth, InternalBudgetAdoption, OperatingFrame
from styr.economy.selectors import internal_budget_status
from styr.economy.services import (
    budget_enter,
    budget_from_ledger,
    budget_import,
    budget_set,
    frame_adjust,
    frame_set,
    internal_budget_adopt,
    internal_budget_reopen,
)
from styr.planning.models import Decision
from tests.conftest import YEAR, World
from tests.economy.test_frames_decided import adopt_goals_and_budget

COMMITTEE = "Utbildningsnämnden"
DECIDED = date(YEAR - 1, 11, 20)


def split(world: World, haga: str = "600000", admin: str = "400000", *, frame_adopted: bool = True) -> None:
    """A frame of 1 000 tkr (adopted by the council with Mål och budget, unless ``frame_adopted`` is
    false) split over Hagaskolan and the administration."""
    if not OperatingFrame.objects.filter(org_unit=world.unit(COMMITTEE), year=YEAR).exists():
        frame_set(actor=None, org_unit=world.unit(COMMITTEE), year=YEAR, amount_tsek=Decimal("1000"))
        if frame_adopted:
            adopt_goals_and_budget(world)
    budget_enter(actor=None, org_unit=world.unit("Hagaskolan"), year=YEAR, key="even", total_sek=haga)
    budget_enter(actor=None, org_unit=world.unit("Utbildningsförvaltningen"), year=YEAR, key="even", total_sek=admin)


def committee_decisions(world: World) -> Any:
    """The committee's own decisions (the council's adoption of Mål och budget is another body's)."""
    return Decision.objects.filter(body=world.unit(COMMITTEE))


def adopt(world: World, persona: str | None = "committee_politician", paragraph: str = "§ 87") -> InternalBudgetAdoption:
    actor = world.users[persona] if persona else None
    return internal_budget_adopt(
        actor=actor, committee=world.unit(COMMITTEE), year=YEAR, decided_on=DECIDED, paragraph=paragraph, registration_number="UN 2025/113"
    )


# --- adopting -----------------------------------------------------------------------------


def test_a_committee_politician_adopts_the_split_with_a_decision_and_a_frozen_snapshot(world: World) -> None:
    split(world)
    adoption = adopt(world)
    committee = world.unit(COMMITTEE)
    assert adoption.revision == 1 and adoption.in_force and adoption.total_sek == Decimal("1000000.00") and adoption.frame_tsek == Decimal("1000.0")
    decision = committee_decisions(world).get()
    assert decision.body == committee and decision.paragraph == "§ 87" and adoption.decision == decision
    assert adoption.snapshot_sha256 == snapshot_hash(adoption.snapshot)
    units = {u["name"]: u for u in adoption.snapshot["units"]}
    assert units["Hagaskolan"]["total_sek"] == "600000.00" and units["Hagaskolan"]["months"][0] == "50000.00"
    assert units["Grundskola"]["months"] == [None] * 12 and adoption.snapshot["meta"]["decision"]["paragraph"] == "§ 87"
    event = AuditEvent.objects.get(action="internal_budget.adopted")
    assert event.actor == world.users["committee_politician"] and event.after["snapshot_sha256"] == adoption.snapshot_sha256
    assert event.before == {"state": "draft"} and event.org_unit_id == committee.pk
    status = internal_budget_status(world.users["auditor"], committee, YEAR)
    assert status.state == "adopted" and status.in_force == adoption and status.matches_frame


def test_econ_012_a_split_that_does_not_sum_to_the_frame_is_refused_naming_frame_sum_and_difference(world: World) -> None:
    split(world, haga="599999.99")
    with pytest.raises(RuleViolation) as refused:
        adopt(world)
    assert refused.value.code == "ECON-012"
    assert refused.value.detail == {"frame": "1\u00a0000\u00a0000", "total": "999\u00a0999,99", "difference": "0,01"}
    assert not InternalBudgetAdoption.objects.exists() and not committee_decisions(world).exists()
    assert not AuditEvent.objects.filter(action__in=["internal_budget.adopted", "decision.recorded"], org_unit=world.unit(COMMITTEE)).exists()


def test_econ_013_there_must_be_a_frame(world: World) -> None:
    budget_enter(actor=None, org_unit=world.unit("Hagaskolan"), year=YEAR, key="even", total_sek="1")
    with pytest.raises(RuleViolation) as refused:
        adopt(world)
    assert refused.value.code == "ECON-013" and not InternalBudgetAdoption.objects.exists()


def test_econ_013_the_frame_must_be_adopted_by_the_council_a_proposal_is_not_enough(world: World) -> None:
    split(world, frame_adopted=False)  # the split sums to the proposal exactly
    with pytest.raises(RuleViolation) as refused:
        adopt(world)
    assert refused.value.code == "ECON-013" and "adopted by the council" in refused.value.template
    assert not InternalBudgetAdoption.objects.exists() and not committee_decisions(world).exists()
    page = world.client("committee_politician").get(page_url(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "(ECON-013)" in page and "(ECON-012)" not in page
    adopt_goals_and_budget(world)  # the council adopts the frame with Mål och budget
    assert adopt(world).frame_tsek == Decimal("1000.0")


@pytest.mark.parametrize("persona", ["ks_controller", "council_chair", "ks_politician", "administration_official", "other_committee_politician", "outsider"])
def test_only_a_politician_on_the_committee_itself_adopts(world: World, persona: str) -> None:
    split(world)
    with pytest.raises(NotAllowed):
        adopt(world, persona)
    assert not InternalBudgetAdoption.objects.exists() and not committee_decisions(world).exists()


# --- the lock -----------------------------------------------------------------------------


def test_econ_014_an_adopted_internal_budget_locks_every_way_into_the_units_months(world: World) -> None:
    split(world)
    adopt(world)
    haga, committee = world.unit("Hagaskolan"), world.unit(COMMITTEE)
    before = list(BudgetMonth.objects.order_by("pk").values_list("amount_sek", flat=True))
    attempts = [
        lambda: budget_enter(actor=world.users["ks_controller"], org_unit=haga, year=YEAR, key="even", total_sek="1"),
        lambda: budget_set(actor=None, org_unit=world.unit("Grundskola"), year=YEAR, months=[Decimal(1)] * 12),
        lambda: budget_import(actor=world.users["ks_controller"], org_unit=committee, year=YEAR, data=b"not even a file"),
        lambda: budget_from_ledger(actor=world.users["ks_controller"], org_unit=committee, year=YEAR),
    ]
    for attempt in attempts:
        with pytest.raises(RuleViolation) as refused:
            attempt()
        assert refused.value.code == "ECON-014"
    assert list(BudgetMonth.objects.order_by("pk").values_list("amount_sek", flat=True)) == before
    # another year, and another committee's units, stay open
    budget_enter(actor=None, org_unit=haga, year=YEAR + 1, key="even", total_sek="12")
    budget_enter(actor=None, org_unit=world.unit("Omsorgsnämnden"), year=YEAR, key="even", total_sek="12")


# --- reopening ----------------------------------------------------------------------------


def test_reopening_keeps_the_adopted_snapshot_opens_the_months_and_the_next_adoption_is_revision_two(world: World) -> None:
    split(world)
    first = adopt(world)
    internal_budget_reopen(actor=world.users["committee_politician"], committee=world.unit(COMMITTEE), year=YEAR, reason="Omfördelning till Hagaskolan")
    first.refresh_from_db()
    assert not first.in_force and first.reopen_reason == "Omfördelning till Hagaskolan" and first.reopened_by == world.users["committee_politician"]
    event = AuditEvent.objects.get(action="internal_budget.reopened")
    assert event.before == {"state": "adopted", "revision": 1} and event.after["reason"] == "Omfördelning till Hagaskolan"
    status = internal_budget_status(world.users["committee_politician"], world.unit(COMMITTEE), YEAR)
    assert status.state == "reopened" and status.next_revision == 2
    budget_enter(actor=None, org_unit=world.unit("Hagaskolan"), year=YEAR, key="even", total_sek="700000")
    budget_enter(actor=None, org_unit=world.unit("Utbildningsförvaltningen"), year=YEAR, key="even", total_sek="300000")
    second = adopt(world, paragraph="§ 12")
    assert second.revision == 2 and first.snapshot["units"] != second.snapshot["units"]
    assert {u["name"]: u["total_sek"] for u in first.snapshot["units"]}["Hagaskolan"] == "600000.00"


def test_econ_015_and_016_state_and_reason(world: World) -> None:
    split(world)
    committee = world.unit(COMMITTEE)
    with pytest.raises(RuleViolation) as nothing:
        internal_budget_reopen(actor=None, committee=committee, year=YEAR, reason="x")
    assert nothing.value.code == "ECON-015"
    adopt(world)
    with pytest.raises(RuleViolation) as twice:
        adopt(world)
    assert twice.value.code == "ECON-015" and committee_decisions(world).count() == 1
    with pytest.raises(RuleViolation) as why:
        internal_budget_reopen(actor=None, committee=committee, year=YEAR, reason="  ")
    assert why.value.code == "ECON-016" and internal_budget_status(world.users["ks_controller"], committee, YEAR).state == "adopted"


@pytest.mark.parametrize("persona", ["ks_controller", "auditor", "administration_official", "unit_manager", "other_committee_politician", "outsider"])
def test_only_politicians_on_the_committee_or_above_reopen_not_controllers(world: World, persona: str) -> None:
    """Reopening undoes the committee's decision: a political act, never an official's (a
    controller prepares, a politician decides)."""
    split(world)
    adopt(world)
    with pytest.raises(NotAllowed):
        internal_budget_reopen(actor=world.users[persona], committee=world.unit(COMMITTEE), year=YEAR, reason="x")
    assert InternalBudgetAdoption.objects.get().in_force


@pytest.mark.parametrize("persona", ["committee_politician", "council_chair"])
def test_a_politician_on_the_committee_or_the_council_reopens(world: World, persona: str) -> None:
    split(world)
    adopt(world)
    internal_budget_reopen(actor=world.users[persona], committee=world.unit(COMMITTEE), year=YEAR, reason="Ny ram")
    assert not InternalBudgetAdoption.objects.get().in_force


# --- the page -----------------------------------------------------------------------------


def page_url(world: World) -> str:
    return f"/enheter/{world.unit(COMMITTEE).pk}/internbudget/?ar={YEAR}"


ADOPT = {"action": "adopt", "decided_on": DECIDED.isoformat(), "paragraph": "§ 87", "registration_number": "UN 2025/113"}


def test_the_page_checks_the_sum_against_the_frame_and_a_committee_politician_adopts_it(world: World) -> None:
    split(world, haga="500000")
    client = world.client("committee_politician")
    page = client.get(page_url(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'id="frame-check"' in page and "100\u00a0000 kr" in page and "(ECON-012)" in page and 'value="adopt"' in page
    refused = client.post(page_url(world), ADOPT, HTTP_ACCEPT_LANGUAGE="sv")
    assert refused.status_code == 422 and "(ECON-012)" in refused.content.decode() and 'id="adopt-errors"' in refused.content.decode()
    assert not InternalBudgetAdoption.objects.exists() and not committee_decisions(world).exists()
    budget_enter(actor=None, org_unit=world.unit("Hagaskolan"), year=YEAR, key="even", total_sek="600000")
    assert client.post(page_url(world), ADOPT).status_code == 302
    adoption = InternalBudgetAdoption.objects.get()
    page = client.get(page_url(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'id="adoption-history"' in page and "§ 87" in page and 'value="enter"' not in page and 'value="adopt"' not in page
    shown = client.get(f"/enheter/{world.unit(COMMITTEE).pk}/internbudget/beslut/{adoption.pk}/", HTTP_ACCEPT_LANGUAGE="sv")
    assert shown.status_code == 200 and adoption.snapshot_sha256 in shown.content.decode()
    other = world.unit("Omsorgsnämnden").pk
    assert world.client("ks_controller").get(f"/enheter/{other}/internbudget/beslut/{adoption.pk}/").status_code == 404
    unit_page = world.client("unit_manager").get(f"/enheter/{world.unit('Hagaskolan').pk}/budget/?ar={YEAR}").content.decode()
    assert 'id="budget-locked"' in unit_page and 'id="personnel-budget-link"' in unit_page


def test_the_page_refuses_adoption_to_others_and_a_locked_entry_answers_409(world: World) -> None:
    split(world)
    assert world.client("ks_controller").post(page_url(world), ADOPT).status_code == 403
    assert world.client("outsider").post(page_url(world), ADOPT).status_code == 404
    assert world.client("other_committee_politician").post(page_url(world), ADOPT).status_code == 404
    assert not committee_decisions(world).exists()
    assert world.client("committee_politician").post(page_url(world), ADOPT).status_code == 302
    entered = world.client("ks_controller").post(page_url(world), {"action": "enter", "unit": world.unit("Hagaskolan").pk, "key": "even", "total_sek": "1"})
    assert entered.status_code == 409 and "ECON-014" in entered.content.decode()
    taken = world.client("ks_controller").post(page_url(world), {"action": "ledger"})
    assert taken.status_code == 409 and "ECON-014" in taken.content.decode()
    assert sum(BudgetMonth.objects.filter(org_unit=world.unit("Hagaskolan")).values_list("amount_sek", flat=True)) == Decimal("600000.00")


def test_the_page_reopens_with_a_reason(world: World) -> None:
    split(world)
    adopt(world)
    client = world.client("committee_politician")
    assert world.client("auditor").post(page_url(world), {"action": "reopen", "reason": "x"}).status_code == 403
    refused = world.client("ks_controller")
    assert 'value="reopen"' not in refused.get(page_url(world)).content.decode()
    assert refused.post(page_url(world), {"action": "reopen", "reason": "x"}).status_code == 403
    assert client.post(page_url(world), {"action": "reopen", "reason": ""}).status_code == 422
    assert InternalBudgetAdoption.objects.get().in_force
    assert client.post(page_url(world), {"action": "reopen", "reason": "Ny ram efter KS justering"}).status_code == 302
    page = client.get(page_url(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Ny ram efter KS justering" in page and 'value="enter"' in page


def test_the_internal_budget_pages_are_valid_html(world: World) -> None:
    from tests.html_check import vnu_errors

    split(world, haga="500000")
    client = world.client("committee_politician")
    pages = {
        "draft": client.get(page_url(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode(),
        "refused": client.post(page_url(world), ADOPT, HTTP_ACCEPT_LANGUAGE="sv").content.decode(),
    }
    budget_enter(actor=None, org_unit=world.unit("Hagaskolan"), year=YEAR, key="even", total_sek="600000")
    adoption = adopt(world)
    frame_adjust(  # a KS adjustment after the committee's adoption
        actor=None,
        org_unit=world.unit(COMMITTEE),
        year=YEAR,
        reason="Fler elever",
        decided_on=date(YEAR, 2, 1),
        paragraph="§ 12",
        registration_number=f"KS {YEAR}/12",
        operating_tsek=Decimal("100"),
    )
    pages["adopted"] = world.client("ks_controller").get(page_url(world), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'id="frame-changed"' in pages["adopted"]
    pages["as adopted"] = client.get(f"/enheter/{world.unit(COMMITTEE).pk}/internbudget/beslut/{adoption.pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    pages["unit, locked"] = client.get(f"/enheter/{world.unit('Hagaskolan').pk}/budget/?ar={YEAR}", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert vnu_errors(pages) == []
