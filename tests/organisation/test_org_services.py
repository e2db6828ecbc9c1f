"""Tree writes: rules, audit and permission (ORG-001 … ORG-005, PERM-001)."""

from datetime import date

import pytest

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.organisation.models import OrgUnit
from styr.organisation.services import org_unit_close, org_unit_create, org_unit_move
from tests.conftest import TODAY, World


def test_administrator_creates_a_unit_and_it_is_audited(world: World) -> None:
    admin = world.users["administrator"]
    unit = org_unit_create(actor=admin, group=world.group, parent=world.unit("Grundskola"), kind="UNIT", name="Prästängsskolan", valid_from=TODAY)
    stored = OrgUnit.objects.get(pk=unit.pk)
    assert stored.parent == world.unit("Grundskola") and stored.kind == "UNIT"
    event = AuditEvent.objects.get(action="org_unit.created", object_id=str(unit.pk))
    assert event.actor == admin and event.org_unit_id == unit.pk and event.after["name"] == "Prästängsskolan"


def test_outsider_and_controller_may_not_change_the_tree(world: World) -> None:
    for persona in ("outsider", "ks_controller", "auditor"):
        with pytest.raises(NotAllowed):
            org_unit_create(actor=world.users[persona], group=world.group, parent=world.unit("Grundskola"), kind="UNIT", name="X", valid_from=TODAY)
    assert not OrgUnit.objects.filter(name="X").exists()


def test_org_001_moving_a_unit_under_its_own_child_is_refused_and_nothing_changes(world: World) -> None:
    operation = world.unit("Grundskola")
    count = AuditEvent.objects.count()
    with pytest.raises(RuleViolation) as err:
        org_unit_move(actor=world.users["administrator"], unit=operation, new_parent=world.unit("Hagaskolan"))
    assert err.value.code in {"ORG-001", "ORG-002"}
    operation2 = org_unit_create(actor=None, group=world.group, parent=operation, kind="OPERATION", name="Lågstadiet", valid_from=TODAY)
    with pytest.raises(RuleViolation) as err:
        org_unit_move(actor=world.users["administrator"], unit=operation, new_parent=operation2)
    assert err.value.code == "ORG-001"
    operation.refresh_from_db()
    assert operation.parent == world.unit("Utbildningsförvaltningen")
    assert AuditEvent.objects.count() == count + 1  # only the creation of Lågstadiet


def test_org_002_a_company_under_a_committee_is_refused(world: World) -> None:
    with pytest.raises(RuleViolation) as err:
        org_unit_create(actor=None, group=world.group, parent=world.unit("Omsorgsnämnden"), kind="COMPANY", name="Bolag AB", valid_from=TODAY)
    assert err.value.code == "ORG-002"
    assert not OrgUnit.objects.filter(name="Bolag AB").exists()


def test_org_003_a_second_council_is_refused(world: World) -> None:
    with pytest.raises(RuleViolation) as err:
        org_unit_create(actor=None, group=world.group, parent=None, kind="COUNCIL", name="Fullmäktige 2", valid_from=TODAY)
    assert err.value.code == "ORG-003"


def test_org_004_a_second_administration_for_a_committee_is_refused(world: World) -> None:
    with pytest.raises(RuleViolation) as err:
        org_unit_create(
            actor=None,
            group=world.group,
            parent=world.unit("Utbildningsnämnden"),
            kind="ADMINISTRATION",
            name="Skolförvaltning 2",
            valid_from=TODAY,
        )
    assert err.value.code == "ORG-004"


def test_a_reorganisation_keeps_history_by_closing_the_unit(world: World) -> None:
    unit = org_unit_close(actor=world.users["administrator"], unit=world.unit("Hagaskolan"), valid_to=date(2026, 6, 30))
    assert OrgUnit.objects.get(pk=unit.pk).valid_to == date(2026, 6, 30)
    event = AuditEvent.objects.get(action="org_unit.closed")
    assert event.before["valid_to"] is None and event.after["valid_to"] == "2026-06-30"
    with pytest.raises(RuleViolation) as err:
        org_unit_close(actor=world.users["administrator"], unit=unit, valid_to=date(2000, 1, 1))
    assert err.value.code == "ORG-005"


def test_unknown_level_kind_is_refused(world: World) -> None:
    with pytest.raises(RuleViolation) as err:
        org_unit_create(actor=None, group=world.group, parent=world.unit("Grundskola"), kind="AVDELNING", name="A", valid_from=TODAY)
    assert err.value.code == "ORG-006"
