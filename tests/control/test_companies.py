"""Owner directives as data, their demands and the companies' answers (issue 12 §5; COMP-001…COMP-009)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from styr.control.models import DirectiveAnswer, OwnerDialogue
from styr.control.services import companies as services
from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.organisation.services import org_unit_create
from tests.conftest import TODAY, YEAR, World
from tests.control.companies_setup import ALLBOHUS, ENERGI, PARENT, add_company_personas, general_directive, subsidiary_directive


def test_a_directive_is_recorded_with_its_demands_and_audited(world: World) -> None:
    directive, demand = subsidiary_directive(world)
    assert directive.issuer == world.unit(PARENT) and directive.company == world.unit(ALLBOHUS)
    assert list(directive.demands.all()) == [demand] and demand.target_value == Decimal("5.00")
    assert AuditEvent.objects.filter(action="owner_directive.created", object_id=str(directive.pk)).exists()
    assert AuditEvent.objects.filter(action="directive_demand.created", object_id=str(demand.pk)).exists()


@pytest.mark.parametrize(
    ("kind", "issuer", "company"),
    [
        ("general", "Kommunstyrelsen", None),  # the council decides the general directive
        ("parent_specific", "Kommunfullmäktige", PARENT),  # KS decides the parent company's
        ("subsidiary_specific", "Kommunstyrelsen", ALLBOHUS),  # the parent company decides a subsidiary's
        ("articles", PARENT, ALLBOHUS),
    ],
)
def test_comp_001_the_issuer_must_match_the_kind(world: World, kind: str, issuer: str, company: str | None) -> None:
    with pytest.raises(RuleViolation) as raised:
        services.owner_directive_create(
            actor=world.users["ks_controller"],
            kind=kind,
            title="X",
            issuer=world.unit(issuer),
            company=world.unit(company) if company else None,
            decided_on=TODAY,
            valid_from=TODAY,
        )
    assert raised.value.code == "COMP-001"


@pytest.mark.parametrize(
    ("kind", "issuer", "company"),
    [
        ("general", "Kommunfullmäktige", ALLBOHUS),
        ("parent_specific", "Kommunstyrelsen", ALLBOHUS),
        ("subsidiary_specific", PARENT, "Utbildningsnämnden"),
        ("articles", "Kommunfullmäktige", None),
    ],
)
def test_comp_002_the_company_must_match_the_kind(world: World, kind: str, issuer: str, company: str | None) -> None:
    with pytest.raises(RuleViolation) as raised:
        services.owner_directive_create(
            actor=world.users["ks_controller"],
            kind=kind,
            title="X",
            issuer=world.unit(issuer),
            company=world.unit(company) if company else None,
            decided_on=TODAY,
            valid_from=TODAY,
        )
    assert raised.value.code == "COMP-002"


def test_comp_003_a_directive_cannot_end_before_it_starts(world: World) -> None:
    with pytest.raises(RuleViolation) as raised:
        services.owner_directive_create(
            actor=world.users["ks_controller"],
            kind="general",
            title="X",
            issuer=world.unit("Kommunfullmäktige"),
            company=None,
            decided_on=TODAY,
            valid_from=date(2026, 1, 1),
            valid_to=date(2025, 1, 1),
        )
    assert raised.value.code == "COMP-003"


def test_comp_004_a_return_target_needs_its_value_and_a_value_its_unit(world: World) -> None:
    directive, _ = subsidiary_directive(world)
    for value, unit in ((None, ""), (Decimal("10"), "")):
        with pytest.raises(RuleViolation) as raised:
            services.directive_demand_create(
                actor=world.users["ks_controller"], directive=directive, kind="solidity_target", text="Soliditet", target_value=value, target_unit=unit
            )
        assert raised.value.code == "COMP-004"


def test_only_a_controller_records_directives_and_auditors_and_outsiders_are_refused(world: World) -> None:
    for persona in ("auditor", "committee_politician", "ks_politician"):
        with pytest.raises(NotAllowed):
            services.owner_directive_create(
                actor=world.users[persona], kind="general", title="X", issuer=world.unit("Kommunfullmäktige"), company=None, decided_on=TODAY, valid_from=TODAY
            )


def test_a_company_answers_each_demand_once_per_year_and_a_second_write_replaces_the_first(world: World) -> None:
    add_company_personas(world)
    _, demand = subsidiary_directive(world)
    official = world.users["allbohus_official"]
    services.directive_answer_set(
        actor=official, demand=demand, company=world.unit(ALLBOHUS), year=YEAR, answer="4,2 %", value=Decimal("4.2"), status="partly_achieved"
    )
    answer = services.directive_answer_set(
        actor=official, demand=demand, company=world.unit(ALLBOHUS), year=YEAR, answer="5,1 %", value=Decimal("5.1"), status="achieved"
    )
    assert DirectiveAnswer.objects.filter(demand=demand, company=world.unit(ALLBOHUS), year=YEAR).count() == 1
    assert answer.status == "achieved" and answer.value == Decimal("5.10") and answer.answered_by == official
    assert AuditEvent.objects.filter(action="directive_answer.set", object_id=str(answer.pk)).count() == 2


def test_the_general_directive_is_answered_by_every_company(world: World) -> None:
    add_company_personas(world)
    _, demand = general_directive(world)
    services.directive_answer_set(actor=world.users["ks_controller"], demand=demand, company=world.unit(ENERGI), year=YEAR, answer="Tertialrapporter lämnade")
    services.directive_answer_set(actor=world.users["allbohus_official"], demand=demand, company=world.unit(ALLBOHUS), year=YEAR, answer="Lämnade")
    assert DirectiveAnswer.objects.filter(demand=demand).count() == 2


def test_comp_005_a_company_answers_only_directives_that_apply_to_it_and_are_in_force(world: World) -> None:
    add_company_personas(world)
    _, demand = subsidiary_directive(world)
    with pytest.raises(RuleViolation) as raised:
        services.directive_answer_set(actor=world.users["ks_controller"], demand=demand, company=world.unit(ENERGI), year=YEAR, answer="x")
    assert raised.value.code == "COMP-005"
    with pytest.raises(RuleViolation) as raised:
        services.directive_answer_set(actor=world.users["ks_controller"], demand=demand, company=world.unit(ALLBOHUS), year=2024, answer="x")
    assert raised.value.code == "COMP-005"


def test_comp_006_and_007_a_value_only_where_there_is_a_target_and_a_status_on_the_scale(world: World) -> None:
    add_company_personas(world)
    _, reporting = general_directive(world)
    _, target = subsidiary_directive(world)
    company = world.unit(ALLBOHUS)
    with pytest.raises(RuleViolation) as raised:
        services.directive_answer_set(actor=world.users["allbohus_official"], demand=reporting, company=company, year=YEAR, answer="x", value=Decimal("1"))
    assert raised.value.code == "COMP-006"
    with pytest.raises(RuleViolation) as raised:
        services.directive_answer_set(actor=world.users["allbohus_official"], demand=target, company=company, year=YEAR, answer="x", status="green")
    assert raised.value.code == "COMP-007"


def test_comp_008_an_answered_demand_can_no_longer_be_changed_or_removed(world: World) -> None:
    add_company_personas(world)
    directive, demand = subsidiary_directive(world)
    services.directive_answer_set(actor=world.users["allbohus_official"], demand=demand, company=world.unit(ALLBOHUS), year=YEAR, answer="x")
    for call in (
        lambda: services.directive_demand_delete(actor=world.users["ks_controller"], demand=demand),
        lambda: services.directive_demand_update(actor=world.users["ks_controller"], demand=demand, kind="other", text="y"),
        lambda: services.owner_directive_delete(actor=world.users["ks_controller"], directive=directive),
    ):
        with pytest.raises(RuleViolation) as raised:
            call()
        assert raised.value.code == "COMP-008"


def test_another_companys_official_and_the_auditor_may_not_answer(world: World) -> None:
    add_company_personas(world)
    _, demand = general_directive(world)
    for persona, company in (("allbohus_official", ENERGI), ("auditor", ALLBOHUS), ("allbohus_board", ALLBOHUS)):
        with pytest.raises(NotAllowed):
            services.directive_answer_set(actor=world.users[persona], demand=demand, company=world.unit(company), year=YEAR, answer="x")
    assert not DirectiveAnswer.objects.exists()


def test_the_parent_company_holds_an_owner_dialogue_with_its_subsidiary(world: World) -> None:
    add_company_personas(world)
    dialogue = services.owner_dialogue_create(
        actor=world.users["parent_controller"],
        parent_company=world.unit(PARENT),
        company=world.unit(ALLBOHUS),
        held_on=date(YEAR, 9, 14),
        title="Ägardialog hösten",
        notes="Underhållsplanen",
    )
    assert OwnerDialogue.objects.get() == dialogue
    assert AuditEvent.objects.filter(action="owner_dialogue.created", object_id=str(dialogue.pk)).exists()
    with pytest.raises(NotAllowed):
        services.owner_dialogue_create(
            actor=world.users["allbohus_official"], parent_company=world.unit(PARENT), company=world.unit(ALLBOHUS), held_on=TODAY, title="x"
        )


def test_comp_009_an_owner_dialogue_is_with_the_parent_companys_own_subsidiary(world: World) -> None:
    with pytest.raises(RuleViolation) as raised:
        services.owner_dialogue_create(
            actor=world.users["ks_controller"], parent_company=world.unit("Kommunstyrelsen"), company=world.unit(ALLBOHUS), held_on=TODAY, title="x"
        )
    assert raised.value.code == "COMP-009"


def test_a_joint_authority_is_created_under_the_council_and_gets_articles_like_a_company(world: World) -> None:
    vrf = org_unit_create(
        actor=None, group=world.group, parent=world.unit("Kommunfullmäktige"), kind="JOINT_AUTHORITY", name="Värends Räddningstjänstförbund", valid_from=TODAY
    )
    directive = services.owner_directive_create(
        actor=world.users["ks_controller"],
        kind="articles",
        title="Förbundsordning",
        issuer=world.unit("Kommunfullmäktige"),
        company=vrf,
        decided_on=TODAY,
        valid_from=TODAY,
    )
    demand = services.directive_demand_create(
        actor=world.users["ks_controller"], directive=directive, kind="reporting_duty", text="Delårsrapport till medlemmarna"
    )
    answer = services.directive_answer_set(actor=world.users["ks_controller"], demand=demand, company=vrf, year=YEAR, answer="Lämnad", status="achieved")
    assert answer.company == vrf
    with pytest.raises(RuleViolation) as raised:
        org_unit_create(actor=None, group=world.group, parent=world.unit("Kommunstyrelsen"), kind="JOINT_AUTHORITY", name="Fel", valid_from=TODAY)
    assert raised.value.code == "ORG-002"
