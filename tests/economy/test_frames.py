"""Operating frames: decided for committees at council level (ECON-001)."""

from decimal import Decimal

import pytest

from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.economy.models import OperatingFrame
from styr.economy.services import frame_set
from tests.conftest import YEAR, World


def test_ks_controller_sets_a_committee_frame_and_it_is_audited(world: World) -> None:
    frame = frame_set(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal("512300"))
    assert OperatingFrame.objects.get(pk=frame.pk).amount_tsek == Decimal("512300.0")
    frame_set(actor=world.users["council_chair"], org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal("515000"))
    assert OperatingFrame.objects.get().amount_tsek == Decimal("515000")
    events = list(AuditEvent.objects.filter(action="operating_frame.set").order_by("id"))
    assert len(events) == 2 and events[1].before["amount_tsek"] == "512300.0"


def test_econ_001_a_unit_gets_no_operating_frame(world: World) -> None:
    with pytest.raises(RuleViolation) as err:
        frame_set(actor=world.users["ks_controller"], org_unit=world.unit("Hagaskolan"), year=YEAR, amount_tsek=Decimal(1))
    assert err.value.code == "ECON-001"


@pytest.mark.parametrize("unit", ["Hagaskolan", "Grundskola", "Utbildningsförvaltningen"])
def test_perm_001_before_econ_001_a_frame_is_the_councils_permission_whatever_unit_is_named(world: World, unit: str) -> None:
    """PERM-002: frame.set is checked on the council. A committee's politician may not set frames,
    so a unit below the committee is refused as PERM-001 (before ECON-001 looks at its kind), not
    let through by their role on the unit's parent."""
    with pytest.raises(NotAllowed) as err:
        frame_set(actor=world.users["committee_politician"], org_unit=world.unit(unit), year=YEAR, amount_tsek=Decimal(1))
    assert err.value.as_dict()["detail"]["action"] == "frame.set"
    assert not OperatingFrame.objects.exists()


def test_a_committee_with_more_income_than_costs_may_get_a_negative_frame(world: World) -> None:
    frame_set(actor=world.users["ks_controller"], org_unit=world.unit("Omsorgsnämnden"), year=YEAR, amount_tsek=Decimal(-5))
    assert OperatingFrame.objects.get().amount_tsek == Decimal(-5)


@pytest.mark.parametrize("persona", ["committee_politician", "auditor", "outsider", "administration_official"])
def test_a_committee_cannot_set_its_own_frame(world: World, persona: str) -> None:
    with pytest.raises(NotAllowed):
        frame_set(actor=world.users[persona], org_unit=world.unit("Utbildningsnämnden"), year=YEAR, amount_tsek=Decimal(1))


def test_the_frame_form_on_the_committee_page(world: World) -> None:
    unit = world.unit("Utbildningsnämnden")
    client = world.client("ks_controller")
    assert client.post(f"/enheter/{unit.pk}/driftram/", {"year": YEAR, "amount_tsek": "femhundra"}).status_code == 422
    response = client.post(f"/enheter/{unit.pk}/driftram/", {"year": YEAR, "amount_tsek": "512300"})
    assert response.status_code == 302
    assert "512" in client.get(f"/enheter/{unit.pk}/?ar={YEAR}").content.decode()
    assert world.client("committee_politician").post(f"/enheter/{unit.pk}/driftram/", {"year": YEAR, "amount_tsek": "1"}).status_code == 403
