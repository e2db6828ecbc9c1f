"""The resource allocation model's services and selectors (issue 10 §1): who may change it,
counts read from the population or given by hand, scenarios compared, and the result taken as
frame proposals (ALLOC-004, ALLOC-005, ALLOC-009..ALLOC-014)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.http import Http404

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.allocation import ADJUSTMENT, DRIVER
from styr.domain.errors import RuleViolation
from styr.domain.limits import NAME_LENGTH, TEXT_LENGTH, TITLE_LENGTH
from styr.domain.presets import load_preset_file
from styr.economy.models import (
    AllocationCountOverride,
    AllocationDriver,
    AllocationFixedAmount,
    AllocationModel,
    OperatingFrame,
    PoliticalAdjustment,
)
from styr.economy.selectors.allocation import allocation_compare, allocation_counts, allocation_model_get, allocation_model_list, allocation_result
from styr.economy.services import (
    allocation_adjustment_add,
    allocation_adjustment_update,
    allocation_count_override,
    allocation_count_override_remove,
    allocation_driver_add,
    allocation_driver_remove,
    allocation_driver_update,
    allocation_fixed_amount_add,
    allocation_fixed_amount_update,
    allocation_frames_propose,
    allocation_model_create,
    allocation_model_delete,
    allocation_model_update,
    allocation_scenario_create,
    population_series_store,
)
from styr.organisation.services import group_load_preset
from tests.conftest import EXEMPELBY, TODAY, World
from tests.economy.allocation_setup import N, build, population


def test_a_ks_controller_builds_a_model_and_every_write_is_audited(world: World) -> None:
    built = build(world, actor="ks_controller")
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions[-5:] == [
        "allocation_model.created",
        "allocation_driver.added",
        "allocation_driver.added",
        "political_adjustment.added",
        "allocation_fixed_amount.added",
    ]
    event = AuditEvent.objects.get(action="allocation_model.created")
    assert event.actor == world.users["ks_controller"] and event.org_unit == world.unit("Kommunstyrelsen") and event.after["wage_index_n"] == "3.00"
    assert built.model.created_by == world.users["ks_controller"]


def test_a_ks_politician_may_change_the_model_too(world: World) -> None:
    built = build(world, actor="ks_politician")
    allocation_model_update(actor=world.users["ks_politician"], model=built.model, price_index_n1=Decimal("2.5"))
    assert AllocationModel.objects.get().price_index_n1 == Decimal("2.5")


@pytest.mark.parametrize("persona", ["committee_politician", "administration_official", "auditor", "outsider"])
def test_others_may_not_change_the_model(world: World, persona: str) -> None:
    built = build(world)
    before = AuditEvent.objects.count()
    with pytest.raises(NotAllowed):
        allocation_model_create(actor=world.users[persona], group=world.group, budget_year=N, name="Eget")
    with pytest.raises(NotAllowed):
        allocation_driver_update(actor=world.users[persona], driver=built.school, price_sek=Decimal(1))
    with pytest.raises(NotAllowed):
        allocation_frames_propose(actor=world.users[persona], model=built.model)
    assert AuditEvent.objects.count() == before and AllocationDriver.objects.get(pk=built.school.pk).price_sek == Decimal(100000)


def test_the_result_reads_the_population_and_is_right_to_the_ore(world: World) -> None:
    built = build(world)
    result = allocation_result(built.model)
    un, on, ks = (world.unit(n).pk for n in ("Utbildningsnämnden", "Omsorgsnämnden", "Kommunstyrelsen"))
    assert result.row(un, N).base_sek == Decimal("10270000.00") and result.row(un, N).total_sek == Decimal("11270000.00")
    assert result.row(un, N + 1).total_sek == Decimal("102700.00") * 110
    assert result.row(on, N).total_sek == Decimal("43176000.00") and result.row(ks, N).total_sek == Decimal("5125000.00")
    assert result.committees[0] == ks  # the executive board first, then the committees
    step = next(s for s in result.row(un, N).steps if s.kind == DRIVER)
    assert (step.count, step.price_sek, step.indexed_price_sek) == (100, Decimal(100000), Decimal("102700.00"))
    assert next(s for s in result.row(un, N).steps if s.kind == ADJUSTMENT).label == "Satsning på läsning"


def test_alloc_004_a_count_the_series_lacks_must_be_given_by_hand(world: World) -> None:
    built = build(world)
    moheda = allocation_driver_add(
        actor=None,
        model=built.model,
        committee=world.unit("Utbildningsnämnden"),
        name="Skolskjuts Moheda",
        age_from=6,
        age_to=15,
        area="Moheda",
        price_sek=Decimal(5000),
    )
    missing = [(c.driver.pk, c.year) for c in allocation_counts(built.model) if c.missing]
    assert missing == [(moheda.pk, N + 1), (moheda.pk, N + 2)]
    with pytest.raises(RuleViolation) as refused:
        allocation_result(built.model)
    assert refused.value.code == "ALLOC-004"
    controller = world.users["ks_controller"]
    for year in (N + 1, N + 2):
        allocation_count_override(actor=controller, driver=moheda, year=year, count=12, reason="Kommunens egen prognos")
    result = allocation_result(built.model)
    step = next(s for s in result.steps if s.key == str(moheda.pk) and s.year == N + 2)
    assert step.count == 12 and step.count_reason == "Kommunens egen prognos"
    assert next(s for s in result.steps if s.key == str(moheda.pk) and s.year == N).count == 10  # Moheda, ages 6–15, read from the series
    assert AuditEvent.objects.filter(action="allocation_count.overridden").count() == 2


def test_alloc_009_014_a_count_by_hand_needs_a_reason_a_number_and_a_year_of_the_model(world: World) -> None:
    built = build(world)
    for year, count, reason, code in [(N, 5, " ", "ALLOC-009"), (N, -1, "x", "ALLOC-009"), (N + 3, 5, "x", "ALLOC-014")]:
        with pytest.raises(RuleViolation) as refused:
            allocation_count_override(actor=None, driver=built.school, year=year, count=count, reason=reason)
        assert refused.value.code == code
    override = allocation_count_override(actor=None, driver=built.school, year=N, count=7, reason="Ny skola")
    allocation_count_override(actor=None, driver=built.school, year=N, count=8, reason="Ny skola, rättad")
    assert AllocationCountOverride.objects.get().count == 8
    allocation_count_override_remove(actor=None, override=AllocationCountOverride.objects.get(pk=override.pk))
    assert allocation_result(built.model).row(world.unit("Utbildningsnämnden").pk, N).base_sek == Decimal("10270000.00")


def test_a_scenario_is_a_copy_changed_on_its_own_and_compared(world: World) -> None:
    built = build(world)
    allocation_count_override(actor=None, driver=built.school, year=N + 2, count=99, reason="Prognos")
    scenario = allocation_scenario_create(actor=world.users["ks_controller"], model=built.model, name="Högre skolpeng")
    assert scenario.based_on == built.model and scenario.drivers.count() == 2 and scenario.adjustments.count() == 1
    assert AllocationCountOverride.objects.filter(driver__model=scenario).count() == 1
    assert [r.total_sek for r in allocation_result(scenario).rows] == [r.total_sek for r in allocation_result(built.model).rows]
    copied = scenario.drivers.get(name="Grundskola 6–15 år")
    allocation_driver_update(actor=None, driver=copied, price_sek=Decimal(110000))
    rows = {(d.committee, d.year): d for d in allocation_compare(built.model, scenario)}
    un = world.unit("Utbildningsnämnden").pk
    # 110 000 × 1.027 = 112 970; (112 970 − 102 700) × 100 = 1 027 000
    assert rows[(un, N)].difference_sek == Decimal("1027000.00") and rows[(un, N)].percent == Decimal("9.1")
    assert rows[(world.unit("Omsorgsnämnden").pk, N)].difference_sek == 0
    assert AllocationDriver.objects.get(pk=built.school.pk).price_sek == Decimal(100000)  # the model is untouched
    assert AuditEvent.objects.filter(action="allocation_scenario.created", object_id=str(scenario.pk)).exists()


def test_alloc_005_a_model_of_another_year_is_not_compared(world: World) -> None:
    built = build(world)
    other = allocation_model_create(actor=None, group=world.group, budget_year=N + 1, name="Nästa år")
    with pytest.raises(RuleViolation) as refused:
        allocation_compare(built.model, other)
    assert refused.value.code == "ALLOC-005"


def test_alloc_010_only_committees_of_the_group_get_an_allocation(world: World) -> None:
    built = build(world)
    with pytest.raises(RuleViolation) as refused:
        allocation_driver_add(actor=None, model=built.model, committee=world.unit("Hagaskolan"), name="Elever", age_from=6, age_to=15, price_sek=Decimal(1))
    assert refused.value.code == "ALLOC-010"


def test_alloc_001_002_003_bad_rows_are_refused_and_nothing_is_written(world: World) -> None:
    built = build(world)
    before = AuditEvent.objects.count()
    un = world.unit("Utbildningsnämnden")
    cases = [
        ("ALLOC-001", lambda: allocation_driver_add(actor=None, model=built.model, committee=un, name="X", age_from=16, age_to=6, price_sek=Decimal(1))),
        ("ALLOC-002", lambda: allocation_driver_update(actor=None, driver=built.school, price_sek=Decimal(-1))),
        ("ALLOC-003", lambda: allocation_adjustment_update(actor=None, adjustment=PoliticalAdjustment.objects.get(), reason="")),
        ("ALLOC-006", lambda: allocation_model_update(actor=None, model=built.model, wage_index_n=Decimal(150))),
        ("ALLOC-011", lambda: allocation_model_create(actor=None, group=world.group, budget_year=N, name="Resursfördelning")),
    ]
    for code, call in cases:
        with pytest.raises(RuleViolation) as refused:
            call()
        assert refused.value.code == code
    assert AuditEvent.objects.count() == before
    assert AllocationDriver.objects.get(pk=built.school.pk).price_sek == Decimal(100000) and PoliticalAdjustment.objects.get().reason == "Satsning på läsning"


@pytest.mark.parametrize("amount", ["1.005", "NaN", "Infinity", "-Infinity", "1000000000000", "-1e30"])
def test_alloc_008_an_amount_not_in_kronor_to_the_ore_is_refused_and_nothing_is_written(world: World, amount: str) -> None:
    built = build(world)
    before = AuditEvent.objects.count()
    fixed = AllocationFixedAmount.objects.get()
    adjustment = PoliticalAdjustment.objects.get()
    ks = world.unit("Kommunstyrelsen")
    cases = [
        lambda: allocation_fixed_amount_add(actor=None, model=built.model, committee=ks, reason="Fel", amount_sek=Decimal(amount)),
        lambda: allocation_fixed_amount_update(actor=None, fixed_amount=fixed, amount_sek=Decimal(amount)),
        lambda: allocation_adjustment_add(actor=None, model=built.model, committee=ks, year_offset=1, amount_sek=Decimal(amount), reason="Fel"),
        lambda: allocation_adjustment_update(actor=None, adjustment=adjustment, amount_sek=Decimal(amount)),
    ]
    for call in cases:
        with pytest.raises(RuleViolation) as refused:
            call()
        assert refused.value.code == "ALLOC-008" and refused.value.field == "amount_sek"
    assert AuditEvent.objects.count() == before and AllocationFixedAmount.objects.count() == PoliticalAdjustment.objects.count() == 1
    assert AllocationFixedAmount.objects.get().amount_sek == Decimal(5000000) and PoliticalAdjustment.objects.get().amount_sek == Decimal(1000000)


def test_text_001_a_reason_area_or_description_too_long_is_refused_not_cut(world: World) -> None:
    built = build(world)
    before = AuditEvent.objects.count()
    ks = world.unit("Kommunstyrelsen")
    long_reason, long_area = "x" * (TITLE_LENGTH + 1), "y" * (NAME_LENGTH + 1)
    cases = [
        ("reason", lambda: allocation_fixed_amount_add(actor=None, model=built.model, committee=ks, reason=long_reason, amount_sek=Decimal(1))),
        ("reason", lambda: allocation_fixed_amount_update(actor=None, fixed_amount=AllocationFixedAmount.objects.get(), reason=long_reason)),
        ("reason", lambda: allocation_adjustment_add(actor=None, model=built.model, committee=ks, year_offset=0, amount_sek=Decimal(1), reason=long_reason)),
        ("reason", lambda: allocation_adjustment_update(actor=None, adjustment=PoliticalAdjustment.objects.get(), reason=long_reason)),
        ("reason", lambda: allocation_count_override(actor=None, driver=built.school, year=N, count=5, reason=long_reason)),
        ("area", lambda: allocation_driver_update(actor=None, driver=built.school, area=long_area)),
        ("description", lambda: allocation_model_update(actor=None, model=built.model, description="z" * (TEXT_LENGTH + 1))),
    ]
    for field, call in cases:
        with pytest.raises(RuleViolation) as refused:
            call()
        assert (refused.value.code, refused.value.field) == ("TEXT-001", field)
    assert AuditEvent.objects.count() == before and not AllocationCountOverride.objects.exists()
    assert AllocationFixedAmount.objects.get().reason == "Politisk verksamhet" and PoliticalAdjustment.objects.get().reason == "Satsning på läsning"
    assert AllocationDriver.objects.get(pk=built.school.pk).area == ""
    with pytest.raises(RuleViolation) as refused:
        allocation_model_create(actor=None, group=world.group, budget_year=N, name="Lång", description="z" * (TEXT_LENGTH + 1))
    assert refused.value.code == "TEXT-001" and not AllocationModel.objects.filter(name="Lång").exists()
    exact = allocation_count_override(actor=None, driver=built.school, year=N, count=5, reason="x" * TITLE_LENGTH)
    assert len(exact.reason) == TITLE_LENGTH  # at the limit is kept whole


def test_alloc_012_a_model_counts_in_its_own_groups_population(world: World) -> None:
    other, _ = group_load_preset(actor=None, preset=load_preset_file(EXEMPELBY), today=TODAY)
    foreign = population_series_store(actor=None, group=other, name="Annan", source="demo", cells=[(N, "", 1, 1)])
    with pytest.raises(RuleViolation) as refused:
        allocation_model_create(actor=None, group=world.group, budget_year=N, name="Fel", population_series=foreign)
    assert refused.value.code == "ALLOC-012"


def test_alloc_013_a_model_with_scenarios_stays_until_they_are_removed(world: World) -> None:
    built = build(world)
    scenario = allocation_scenario_create(actor=None, model=built.model, name="S")
    with pytest.raises(RuleViolation) as refused:
        allocation_model_delete(actor=None, model=built.model)
    assert refused.value.code == "ALLOC-013"
    allocation_model_delete(actor=world.users["ks_controller"], model=scenario)
    allocation_model_delete(actor=None, model=AllocationModel.objects.get(pk=built.model.pk))
    assert not AllocationModel.objects.exists() and not AllocationDriver.objects.exists()
    assert AuditEvent.objects.filter(action="allocation_model.deleted").count() == 2


def test_the_allocation_becomes_the_frame_proposals_in_tkr(world: World) -> None:
    built = build(world)
    proposals = allocation_frames_propose(actor=world.users["ks_controller"], model=built.model)
    frames = dict(OperatingFrame.objects.filter(year=N).values_list("org_unit__name", "amount_tsek"))
    assert frames == {"Utbildningsnämnden": Decimal("11270.0"), "Omsorgsnämnden": Decimal("43176.0"), "Kommunstyrelsen": Decimal("5125.0")}
    assert {c.name for c in proposals} == set(frames)  # committees the model says nothing about keep their frame
    assert AuditEvent.objects.filter(action="operating_frame.set").count() == 3
    event = AuditEvent.objects.get(action="allocation.frames_proposed")
    assert event.after["year"] == N and event.after["frames_tsek"][str(world.unit("Utbildningsnämnden").pk)] == "11270.0"


def test_frame_proposals_write_nothing_while_a_count_is_missing(world: World) -> None:
    built = build(world)
    allocation_driver_add(
        actor=None, model=built.model, committee=world.unit("Omsorgsnämnden"), name="Moheda", age_from=0, age_to=5, area="Moheda", price_sek=Decimal(1)
    )
    with pytest.raises(RuleViolation) as refused:
        allocation_frames_propose(actor=None, model=built.model)
    assert refused.value.code == "ALLOC-004" and not OperatingFrame.objects.exists()
    assert not AuditEvent.objects.filter(action="allocation.frames_proposed").exists()


def test_a_removed_driver_leaves_the_result_and_a_series_removed_leaves_counts_missing(world: World) -> None:
    built = build(world)
    allocation_driver_remove(actor=None, driver=built.elderly)
    assert allocation_result(built.model).row(world.unit("Omsorgsnämnden").pk, N).total_sek == 0
    other = population(world, years=(N,))
    allocation_model_update(actor=None, model=built.model, population_series=other)
    assert [c.year for c in allocation_counts(built.model) if c.missing] == [N + 1, N + 2]


def test_everyone_who_sees_the_group_reads_its_models_and_the_outsider_none(world: World) -> None:
    built = build(world)
    for persona in ("unit_manager", "auditor", "committee_politician"):
        assert list(allocation_model_list(world.users[persona], group=world.group)) == [built.model]
        assert allocation_model_get(world.users[persona], built.model.pk) == built.model
    assert not allocation_model_list(world.users["outsider"], group=world.group).exists()
    with pytest.raises(Http404):
        allocation_model_get(world.users["outsider"], built.model.pk)
