"""Objects of a ledger's responsibility dimension mapped to the units that answer for them (SIE-009)."""

from __future__ import annotations

import pytest

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import LedgerObject
from styr.economy.services import ledger_object_map
from tests.conftest import World
from tests.economy.test_sie_import import import_fixture


def test_a_controller_maps_an_object_to_a_unit_below_the_ledger_keeper_and_it_is_audited(world: World) -> None:
    import_fixture(world)
    obj = LedgerObject.objects.get(dimension="1", code="200")
    assert obj.org_unit is None
    ledger_object_map(actor=world.users["ks_controller"], ledger_object=obj, org_unit=world.unit("Hagaskolan"))
    obj.refresh_from_db()
    assert obj.org_unit == world.unit("Hagaskolan")
    event = AuditEvent.objects.get(action="ledger_object.mapped")
    assert event.before == {"org_unit": None} and event.after == {"org_unit": world.unit("Hagaskolan").pk}
    ledger_object_map(actor=world.users["ks_controller"], ledger_object=obj, org_unit=None)
    obj.refresh_from_db()
    assert obj.org_unit is None


def test_sie_009_an_object_cannot_be_mapped_outside_the_ledger_keepers_part_of_the_group(world: World) -> None:
    import_fixture(world)
    obj = LedgerObject.objects.get(dimension="1", code="100")
    with pytest.raises(RuleViolation) as refused:
        ledger_object_map(actor=world.users["ks_controller"], ledger_object=obj, org_unit=world.unit("Omsorgsnämnden"))
    assert refused.value.code == "SIE-009"
    obj.refresh_from_db()
    assert obj.org_unit is None and not AuditEvent.objects.filter(action="ledger_object.mapped").exists()


@pytest.mark.parametrize("persona", ["outsider", "unit_manager", "auditor"])
def test_only_a_controller_over_the_ledger_maps_objects(world: World, persona: str) -> None:
    import_fixture(world)
    obj = LedgerObject.objects.get(dimension="1", code="100")
    with pytest.raises(NotAllowed):
        ledger_object_map(actor=world.users[persona], ledger_object=obj, org_unit=world.unit("Hagaskolan"))
