"""Election years (seed §6.3: "De år det är allmänt val ska Mål och budget fastställas av nya
kommunfullmäktige"): in an election year, next year's Mål och budget is adopted only once the new
council has taken office, on the preset's date (PLAN-006)."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import pytest
import time_machine

from styr.domain.errors import RuleViolation
from styr.domain.governance import governance_model_from_mapping, governance_model_to_mapping
from styr.domain.plans import check_election_year
from styr.domain.presets import load_preset_file, parse_preset
from styr.planning import services
from styr.planning.models import Decision, Plan
from tests.conftest import ALVESTA, World

ELECTION = 2026  # an election year in the Alvesta preset
MODEL = load_preset_file(ALVESTA).model


@contextmanager
def on(day: date) -> Iterator[None]:
    with time_machine.travel(datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC), tick=False):
        yield


def test_the_preset_names_the_day_the_new_council_takes_office() -> None:
    assert MODEL.new_council_takes_office == (10, 15)
    assert "new_council_takes_office: " in ALVESTA.read_text(encoding="utf-8")
    assert governance_model_from_mapping(governance_model_to_mapping(MODEL)) == MODEL


def test_a_model_without_the_day_takes_15_october() -> None:
    mapping = governance_model_to_mapping(MODEL)
    del mapping["new_council_takes_office"]
    assert governance_model_from_mapping(mapping).new_council_takes_office == (10, 15)


def test_another_day_is_read_as_written() -> None:
    text = ALVESTA.read_text(encoding="utf-8").replace('new_council_takes_office: "10-15"', 'new_council_takes_office: "11-01"')
    assert parse_preset(text).model.new_council_takes_office == (11, 1)


@pytest.mark.parametrize("value", ['"13-40"', '"15 oktober"', "1015", '"02-30"'])
def test_preset_002_a_day_that_is_not_a_month_and_day_is_refused_on_its_line(value: str) -> None:
    text = ALVESTA.read_text(encoding="utf-8").replace('new_council_takes_office: "10-15"', f"new_council_takes_office: {value}")
    with pytest.raises(RuleViolation) as err:
        parse_preset(text, source="test.yaml")
    assert err.value.code == "PRESET-002" and err.value.source == "test.yaml"
    assert err.value.line == next(i for i, line in enumerate(text.splitlines(), start=1) if "new_council_takes_office" in line)


def test_plan_006_the_domain_rule() -> None:
    def code(decided_on: date, today: date, plan_year: int = ELECTION + 1, kind: str = "goals_and_budget") -> str | None:
        try:
            check_election_year(plan_kind=kind, plan_year=plan_year, decided_on=decided_on, today=today, model=MODEL)
        except RuleViolation as err:
            return err.code
        return None

    assert code(date(ELECTION, 6, 16), date(ELECTION, 6, 16)) == "PLAN-006"  # the outgoing council
    assert code(date(ELECTION, 10, 14), date(ELECTION, 11, 1)) == "PLAN-006"  # a decision before the day, recorded after it
    assert code(date(ELECTION, 10, 15), date(ELECTION, 10, 15)) is None  # the new council's first day
    assert code(date(ELECTION, 11, 20), date(ELECTION, 11, 20)) is None
    assert code(date(ELECTION - 1, 6, 16), date(ELECTION - 1, 6, 16), plan_year=ELECTION) is None  # not an election year
    assert code(date(ELECTION, 6, 16), date(ELECTION, 6, 16), kind="operational_plan") is None  # committees' plans are not bound


def proposed_budget(world: World) -> Plan:
    council = world.unit("Kommunfullmäktige")
    return services.plan_propose(actor=None, plan=services.plan_create(actor=None, org_unit=council, year=ELECTION + 1))


def test_plan_006_the_outgoing_council_cannot_adopt_next_years_mal_och_budget(world: World) -> None:
    plan = proposed_budget(world)
    with on(date(ELECTION, 6, 20)), pytest.raises(RuleViolation) as err:
        services.plan_adopt(actor=world.users["council_chair"], plan=plan, decided_on=date(ELECTION, 6, 16), paragraph="§ 62", registration_number="KS 2026/71")
    assert err.value.code == "PLAN-006" and err.value.detail["takes_office"] == f"{ELECTION}-10-15"
    assert Plan.objects.get(pk=plan.pk).state == "proposed" and not Decision.objects.exists()


def test_plan_006_the_new_council_adopts_it_after_taking_office(world: World) -> None:
    plan = proposed_budget(world)
    with on(date(ELECTION, 11, 20)):
        with pytest.raises(RuleViolation) as err:  # an old decision recorded late is still the outgoing council's
            services.plan_adopt(
                actor=world.users["council_chair"], plan=plan, decided_on=date(ELECTION, 6, 16), paragraph="§ 62", registration_number="KS 2026/71"
            )
        assert err.value.code == "PLAN-006"
        adopted = services.plan_adopt(
            actor=world.users["council_chair"], plan=plan, decided_on=date(ELECTION, 11, 18), paragraph="§ 120", registration_number="KS 2026/71"
        )
    assert adopted.state == "adopted"


def test_plan_006_through_the_api_and_the_plan_page(world: World) -> None:
    plan = proposed_budget(world)
    decision = {"decided_on": f"{ELECTION}-06-16", "paragraph": "§ 62", "registration_number": "KS 2026/71"}
    with on(date(ELECTION, 6, 20)):
        response = world.client("council_chair").post(f"/api/v1/plans/{plan.pk}/adopt", json.dumps(decision), content_type="application/json")
        assert response.status_code == 422 and response.json()["code"] == "PLAN-006"
        page = world.client("council_chair").post(f"/planer/{plan.pk}/besluta/", decision, HTTP_ACCEPT_LANGUAGE="sv")
        assert page.status_code == 422 and "PLAN-006" in page.content.decode()
    assert Plan.objects.get(pk=plan.pk).state == "proposed"


@pytest.mark.django_db
def test_the_demo_of_the_year_after_an_election_has_its_budget_adopted_by_the_new_council() -> None:
    from styr.demo.loader import load_demo

    with on(date(ELECTION + 1, 3, 2)):
        group, _created = load_demo(today=date(ELECTION + 1, 3, 2))
    budget = Plan.objects.get(group=group, kind="goals_and_budget", year=ELECTION + 1)
    assert budget.state == "adopted" and budget.decision is not None
    assert budget.decision.decided_on >= date(ELECTION, 10, 15)
